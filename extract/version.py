"""The extractor's version: stored with every file it read. Bump it when extraction output changes, and the next
ingest re-reads every file (status `reextracted`)."""

EXTRACTOR_VERSION = "0.3.0"  # header years, cell-per-line rules, OCR confidence, tick boxes
