"""The extractor's version: stored with every file it read. Bump it when extraction output changes, and the next
ingest re-reads every file (status `reextracted`)."""

EXTRACTOR_VERSION = "0.6.0"  # pdftotext's ruled tables as text boxes; a box is one column; grand totals left out
