"""A `Consolidation` → what people read: terminal and plain text, JSON, the Word digest, the
ledger, the adoption report and letters, chase notices, blank forms and the 修改对照表.
Papers format what the stages decided; they do not decide."""
