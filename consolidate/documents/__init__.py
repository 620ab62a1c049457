"""Any file's text and tables: what a file is (sniffing), one reader per format, legacy
conversion through LibreOffice or Office, and guards against hostile files. Knows nothing of
forms, units or drafts."""
