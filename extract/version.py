"""The extractor's version: stored with every file it read. Bump it when extraction output changes, and the next
ingest re-reads every file (status `reextracted`)."""

EXTRACTOR_VERSION = "0.1.1"  # 0.1.1: OCR confidence and doubts, tick boxes from the image
