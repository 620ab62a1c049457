"""Returns → a `Consolidation`: statuses against the roster, clause placement, proposed edits,
review groups and conflicts, overrides, counts, the previous round, and the revised draft."""
