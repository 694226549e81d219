"""The extractor's version: stored with every file it read. Bump it when extraction output changes, and the next
ingest re-reads every file (status `reextracted`)."""

EXTRACTOR_VERSION = "0.9.2"  # a header's right part apart from it; a block's short rows guessed toward its side
