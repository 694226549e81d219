"""The extractor's version: stored with every file it read. Bump it when extraction output changes, and the next
ingest re-reads every file (status `reextracted`)."""

EXTRACTOR_VERSION = "0.5.0"  # tables written text box by text box (pdfminer): short-columns, stacked-tables
