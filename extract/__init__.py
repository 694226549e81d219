"""Turn a document's lines and sections into header fields and financial tables."""
