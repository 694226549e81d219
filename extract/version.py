"""The extractor's version: stored with every file it read. Bump it when extraction output changes, and the next
ingest re-reads every file (status `reextracted`)."""

EXTRACTOR_VERSION = "0.9.44"  # header years and later columns before a caption; areas on label lines
