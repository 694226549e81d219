"""How a PDF-to-text tool flattened a table, told from the table's own lines (never assumed per file or tool).

- `PADDED`: a row per line, each line padded with the spaces that stood for its empty cells (an unknown tool's
  dumps, `text/`): a line without figures that ends in a run of spaces is a row whose cells are all empty.
- `BARE`: a row per line with no padding (pdftotext -raw, pdfium): a row without figures is only told from a
  wrapped label by how the next line starts; a single trailing space is where the tool broke a wrapped line.
"""
from __future__ import annotations

from enum import Enum

from extract.settings import DEFAULT, TextSettings
from parsers.records import Line


class RowStyle(Enum):
    PADDED = "padded"
    BARE = "bare"


def row_style(lines: list[Line], settings: TextSettings = DEFAULT) -> RowStyle:
    """PADDED when most non-blank lines of the table end in whitespace, else BARE."""
    body = [ln.text for ln in lines if not ln.is_blank]
    if not body:
        return RowStyle.BARE
    padded = sum(1 for t in body if t != t.rstrip())
    return RowStyle.PADDED if padded >= settings.padded_share * len(body) else RowStyle.BARE
