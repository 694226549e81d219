"""Turn a raw file (text dump or PDF) into documents, pages, lines and sections."""
