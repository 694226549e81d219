"""Read a PDF into lines of positioned words with pdfplumber.

Words are grouped into lines by their top coordinate; each line keeps its words' boxes so that tables can be
rebuilt from positions and every figure can be traced to its box on the page.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from parsers.ocr import DEFAULT_OCR, OcrSettings, ocr_page, tesseract_ready
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
    ocr_skew: float | None = None  # degrees the scan was turned upright by, when the page was read by OCR

    @property
    def ocr(self) -> bool:
        return self.ocr_skew is not None


class NeedsOcr(Exception):
    """Pages without a text layer that OCR cannot read on this machine; the message says why."""


def words_to_rows(words: list[Word], tolerance: float) -> list[list[Word]]:
    """Words whose tops differ by less than `tolerance` form one row, left to right."""
    ordered = sorted(words, key=lambda w: (round(w.top, 1), w.x0))
    rows: list[list[Word]] = []
    for w in ordered:
        if rows and abs(rows[-1][0].top - w.top) <= tolerance:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [sorted(row, key=lambda w: w.x0) for row in rows]


def rows_to_lines(rows: list[list[Word]], page_no: int, ocr: bool = False) -> list[Line]:
    return [
        Line(text=" ".join(w.text for w in row), page=page_no, lineno=i, words=row, ocr=ocr)
        for i, row in enumerate(rows, start=1)
    ]


def words_to_lines(words: list[Word], page_no: int, tolerance: float) -> list[Line]:
    return rows_to_lines(words_to_rows(words, tolerance), page_no)


def page_rules(page) -> list[float]:
    ys = [e["top"] for e in page.edges if e.get("orientation") == "h"]
    return sorted(set(round(y, 1) for y in ys))


def read_pdf(path: Path, settings: PdfSettings = DEFAULT_SETTINGS, password: str | None = None,
             ocr: OcrSettings | None = DEFAULT_OCR, pages: set[int] | None = None) -> list[PdfPage]:
    """The pages (all, or the numbers in `pages`) as lines of positioned words.

    A page with no text layer but an image is a scan: it is read by OCR when `ocr` is given (NeedsOcr if Tesseract
    cannot run here), and its lines are marked as read by OCR."""
    out: list[PdfPage] = []
    with pdfplumber.open(path, password=password) as pdf:
        if len(pdf.pages) > settings.max_pages:
            raise ValueError(f"{len(pdf.pages)} pages, more than the limit of {settings.max_pages}")
        for number, page in enumerate(pdf.pages, start=1):
            if pages is not None and number not in pages:
                continue
            raw = page.extract_words(x_tolerance=settings.x_tolerance, keep_blank_chars=False)
            words = [Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"]) for w in raw]
            rows, rules, skew = words_to_rows(words, settings.line_tolerance), page_rules(page), None
            if not words and page.images and ocr is not None:
                rows, rules, skew = _ocr(page, ocr)
            out.append(
                PdfPage(
                    number=number,
                    width=float(page.width),
                    height=float(page.height),
                    lines=rows_to_lines(rows, number, ocr=skew is not None),
                    h_rules=rules,
                    has_text=bool(rows),
                    ocr_skew=skew,
                )
            )
            page.flush_cache()
    return out


def _ocr(page, settings: OcrSettings) -> tuple[list[list[Word]], list[float], float]:
    reason = tesseract_ready(settings.lang)
    if reason is not None:
        raise NeedsOcr(f"needs OCR: scanned pages without a text layer, and {reason}")
    read = ocr_page(page, settings)
    return read.rows, read.h_rules, read.skew_degrees
