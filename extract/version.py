"""The extractor's version: stored with every file it read. Bump it when extraction output changes, and the next
ingest re-reads every file (status `reextracted`)."""

EXTRACTOR_VERSION = "0.9.38"  # the other tables choose among a table's open readings; "I alt" heads its box
