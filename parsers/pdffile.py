"""Read a PDF into lines of positioned words with pdfplumber.

Words are grouped into lines by their top coordinate; each line keeps its words' boxes so that tables can be
rebuilt from positions and every figure can be traced to its box on the page.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from parsers.records import Line, Word


@dataclass(frozen=True)
class PdfSettings:
    line_tolerance: float = 3.0  # words whose tops differ by less than this sit on one line
    x_tolerance: float = 1.5  # pdfplumber's gap that splits words
    max_pages: int = 2000


DEFAULT_SETTINGS = PdfSettings()


@dataclass(slots=True)
class PdfPage:
    number: int
    width: float
    height: float
    lines: list[Line]
    h_rules: list[float]  # y of horizontal ruling lines (table borders), empty for borderless layouts
    has_text: bool


def words_to_lines(words: list[Word], page_no: int, tolerance: float) -> list[Line]:
    ordered = sorted(words, key=lambda w: (round(w.top, 1), w.x0))
    rows: list[list[Word]] = []
    for w in ordered:
        if rows and abs(rows[-1][0].top - w.top) <= tolerance:
            rows[-1].append(w)
        else:
            rows.append([w])
    lines = []
    for i, row in enumerate(rows, start=1):
        row.sort(key=lambda w: w.x0)
        lines.append(Line(text=" ".join(w.text for w in row), page=page_no, lineno=i, words=row))
    return lines


def page_rules(page) -> list[float]:
    ys = [e["top"] for e in page.edges if e.get("orientation") == "h"]
    return sorted(set(round(y, 1) for y in ys))


def read_pdf(path: Path, settings: PdfSettings = DEFAULT_SETTINGS, password: str | None = None) -> list[PdfPage]:
    pages: list[PdfPage] = []
    with pdfplumber.open(path, password=password) as pdf:
        if len(pdf.pages) > settings.max_pages:
            raise ValueError(f"{len(pdf.pages)} pages, more than the limit of {settings.max_pages}")
        for number, page in enumerate(pdf.pages, start=1):
            raw = page.extract_words(x_tolerance=settings.x_tolerance, keep_blank_chars=False)
            words = [Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"]) for w in raw]
            pages.append(
                PdfPage(
                    number=number,
                    width=float(page.width),
                    height=float(page.height),
                    lines=words_to_lines(words, number, settings.line_tolerance),
                    h_rules=page_rules(page),
                    has_text=bool(words),
                )
            )
            page.flush_cache()
    return pages
