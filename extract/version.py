"""The extractor's version: stored with every file it read. Bump it when extraction output changes, and the next
ingest re-reads every file (status `reextracted`)."""

EXTRACTOR_VERSION = "0.9.9"  # the guess among readings keeps short rows on their block's side (block-years, _sides_score)
