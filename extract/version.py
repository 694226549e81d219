"""The extractor's version: stored with every file it read. Bump it when extraction output changes, and the next
ingest re-reads every file (status `reextracted`)."""

EXTRACTOR_VERSION = "0.9.6"  # a first column written last, column by column, is read (late-low-first-column)
