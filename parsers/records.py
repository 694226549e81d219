"""Intermediate records shared by the parsers and the extractors.

Every line knows where it came from: its page, its line number in the file and, when the source is a PDF, the
box of each word in PDF points. Extractors only ever read these records, never the file.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float | None = None  # OCR only: Tesseract's confidence in the word, 0-100 (None: the file's own text)


def least_confidence(words) -> float | None:
    """The lowest OCR confidence among `words` (a value is as sure as its least sure word); None: no OCR words."""
    confs = [w.conf for w in words if w.conf is not None]
    return min(confs) if confs else None


@dataclass(slots=True)
class Line:
    text: str  # as written; text dumps keep their runs of spaces, which carry column evidence
    page: int | None  # 1-based; None where the source has no pages
    lineno: int  # 1-based within the file (text) or within the page (PDF)
    words: list[Word] | None = None  # word boxes, PDFs only
    ocr: bool = False  # read by OCR from a scanned page: the text is Tesseract's reading, not the file's own

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    @property
    def bbox(self) -> tuple[float, float, float, float] | None:
        if not self.words:
            return None
        return (
            min(w.x0 for w in self.words),
            min(w.top for w in self.words),
            max(w.x1 for w in self.words),
            max(w.bottom for w in self.words),
        )


@dataclass(slots=True)
class SourceDocument:
    """One proposal (or overview) cut out of a source file."""

    source: str  # the file's name
    ordinal: int  # 1-based position inside the file
    kind: str
    lines: list[Line] = field(default_factory=list)
    from_pdf: bool = False
    page_rules: dict[int, list[float]] = field(default_factory=dict)  # y of horizontal ruling lines per page
