"""The extractor's version: stored with every file it read. Bump it when extraction output changes, and the next
ingest re-reads every file (status `reextracted`)."""

EXTRACTOR_VERSION = "0.9.26"  # header after next caption; lost suspended hyphens; years out of order; contradicted repeats
