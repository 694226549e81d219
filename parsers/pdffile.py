"""Read a PDF into lines of positioned words: through pdfium (`parsers/pdfium_words.py`) or pdfplumber.

Words are grouped into lines by their top coordinate; each line keeps its words' boxes so that tables can be
rebuilt from positions and every figure can be traced to its box on the page.

pdfplumber is the reference: the pdfium reader gives the same words, boxes and ruling lines ~10x faster
(tests/test_pdfium_words.py proves it on every corpus page). A file pdfium cannot open, or whose pages pdfium and
pdfminer count differently, is read by pdfplumber as before, so a broken or locked file fails with the same
reason; so is a page the pdfium reader does not reproduce (`NotReadable`: rotation, rotated text, Type3 fonts ...)
and a page without words (a scan goes to OCR through pdfplumber's page, an empty page stays empty).
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import pdfplumber

from parsers.ocr import DEFAULT_OCR, OcrPage, OcrSettings, ocr_page, tesseract_ready
from parsers.pdfium_words import NotReadable, PdfiumDocument
from parsers.records import Line, Word


@dataclass(frozen=True)
class PdfSettings:
    line_tolerance: float = 3.0  # words whose tops differ by less than this sit on one line
    x_tolerance: float = 1.5  # pdfplumber's gap that splits words
    max_pages: int = 2000
    reader: Literal["pdfium", "pdfplumber"] = "pdfium"  # pdfplumber: the reference, ~10x slower


DEFAULT_SETTINGS = PdfSettings()
READER_ENV = "BCX_PDF_READER"  # pdfium | pdfplumber: the reader of every read_pdf without settings (workers too)


def default_settings() -> PdfSettings:
    """DEFAULT_SETTINGS with the reader $BCX_PDF_READER names, read at each call so that worker processes and
    tests that set it see it."""
    reader = os.environ.get(READER_ENV, "").strip().lower()
    if not reader:
        return DEFAULT_SETTINGS
    if reader not in ("pdfium", "pdfplumber"):
        raise ValueError(f"{READER_ENV}={reader!r}: use pdfium or pdfplumber")
    return replace(DEFAULT_SETTINGS, reader=reader)


@dataclass(slots=True)
class PdfPage:
    number: int
    width: float
    height: float
    lines: list[Line]
    h_rules: list[float]  # y of horizontal ruling lines (table borders), empty for borderless layouts
    has_text: bool
    ocr_skew: float | None = None  # degrees the scan was turned upright by, when the page was read by OCR
    reader: str = "pdfplumber"  # which reader gave the words: "pdfium" or "pdfplumber"
    fallback: str | None = None  # why pdfplumber read this page although pdfium was asked for
    tick_boxes: list = field(default_factory=list)  # OCR pages: the tick boxes measured in the image (TickBox)

    @property
    def ocr(self) -> bool:
        return self.ocr_skew is not None


class NeedsOcr(Exception):
    """Pages without a text layer that OCR cannot read on this machine; the message says why."""


class PagesNeedOcr(Exception):
    """A file with scanned pages, read with OCR deferred: the page numbers to OCR (each a unit of work of its own,
    ingest/pages.py), after which the file is read again with their OcrPage results (read_pdf's `ocr_pages`).

    `pages` is in the order to read them, the heaviest first (see scanned_pages_heaviest_first)."""

    def __init__(self, pages: list[int]) -> None:
        super().__init__(f"{len(pages)} scanned pages to read by OCR")
        self.pages = pages


@dataclass(frozen=True, slots=True)
class ScannedPage:
    """A page deferred to OCR and the bytes of its images as the file stores them (compressed)."""

    number: int
    image_bytes: int


def scanned_pages_heaviest_first(pages: list[ScannedPage]) -> list[int]:
    """Page numbers in the order to hand them to the workers: the most image bytes first, ties in page order.

    Tesseract's time on a page grows with its ink, and a scan's compressed size follows the ink (on one 28-page
    file a page of 50 kB took 1.3 s, one of 320 kB 6.9 s). Reading the heavy pages first leaves the light ones for
    the end, where they fill in beside the last heavy page instead of one worker idling while the other reads a
    heavy page alone (longest processing time first)."""
    return [p.number for p in sorted(pages, key=lambda p: (-p.image_bytes, p.number))]


def image_bytes(page) -> int:
    """The stored (compressed) size of a pdfplumber page's images; their pixel count where a stream has no data."""
    total = 0
    for image in page.images:
        raw = getattr(image.get("stream"), "rawdata", None)
        if raw:
            total += len(raw)
        else:
            width, height = image.get("srcsize") or (0, 0)
            total += int(width * height)
    return total


@dataclass(frozen=True, slots=True)
class OcrPlan:
    """How read_pdf treats scanned pages: `done` holds pages already read by OCR elsewhere (by page number); with
    `defer` a scanned page not in `done` is not read here: read_pdf raises PagesNeedOcr naming all of them."""

    done: Mapping[int, OcrPage] | None = None
    defer: bool = False


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


def read_pdf(path: Path, settings: PdfSettings | None = None, password: str | None = None,
             ocr: OcrSettings | None = DEFAULT_OCR, pages: set[int] | None = None,
             plan: OcrPlan | None = None) -> list[PdfPage]:
    """The pages (all, or the numbers in `pages`) as lines of positioned words.

    A page with no text layer but an image is a scan: it is read by OCR when `ocr` is given (NeedsOcr if Tesseract
    cannot run here), and its lines are marked as read by OCR. `plan` lets the OCR of scanned pages happen
    elsewhere (see OcrPlan)."""
    settings = settings or default_settings()
    deferred: list[ScannedPage] = []
    out = _read_pdf(path, settings, password, ocr, pages, plan or OcrPlan(), deferred)
    if deferred:
        raise PagesNeedOcr(scanned_pages_heaviest_first(deferred))
    return out


def _read_pdf(path, settings: PdfSettings, password: str | None, ocr: OcrSettings | None, pages: set[int] | None,
              plan: OcrPlan, deferred: list[ScannedPage]) -> list[PdfPage]:
    fast = _open_pdfium(path, password) if settings.reader == "pdfium" else None
    if fast is None:
        with pdfplumber.open(path, password=password) as pdf:
            if len(pdf.pages) > settings.max_pages:
                raise ValueError(f"{len(pdf.pages)} pages, more than the limit of {settings.max_pages}")
            return [_plumber_page(page, number, settings, ocr, plan, deferred)
                    for number, page in enumerate(pdf.pages, start=1) if pages is None or number in pages]
    out: list[PdfPage] = []
    slow = None  # pdfplumber, opened for the first page that needs it
    try:
        if len(fast) > settings.max_pages:
            raise ValueError(f"{len(fast)} pages, more than the limit of {settings.max_pages}")
        for number in range(1, len(fast) + 1):
            if pages is not None and number not in pages:
                continue
            try:
                read = fast.read_page(number - 1, settings.x_tolerance)
                reason = None if read.words else "no words (empty or scanned)"
            except NotReadable as exc:
                read, reason = None, str(exc)
            except Exception as exc:  # noqa: BLE001 - a damaged page: pdfplumber reads it, or fails as it always did
                read, reason = None, f"pdfium failed ({type(exc).__name__})"
            if read is not None and reason is None:
                rows = words_to_rows(read.words, settings.line_tolerance)
                out.append(PdfPage(number=number, width=read.width, height=read.height,
                                   lines=rows_to_lines(rows, number), h_rules=read.h_rules, has_text=bool(rows),
                                   reader="pdfium"))
                continue
            if slow is None:
                slow = pdfplumber.open(path, password=password)
            page = _plumber_page(slow.pages[number - 1], number, settings, ocr, plan, deferred)
            page.fallback = reason
            out.append(page)
    finally:
        fast.close()
        if slow is not None:
            slow.close()
    return out


def _open_pdfium(path: Path, password: str | None) -> PdfiumDocument | None:
    """pdfium's reading of the file, or None where pdfplumber should read it all (it then fails, on a broken or
    locked file, with the reasons bcx has always given)."""
    try:
        doc = PdfiumDocument(path, password)
    except Exception:  # noqa: BLE001 - any failure: pdfplumber reads the file and reports it as before
        return None
    if not doc.same_pages:
        doc.close()
        return None
    return doc


def _plumber_page(page, number: int, settings: PdfSettings, ocr: OcrSettings | None, plan: OcrPlan,
                  deferred: list[ScannedPage]) -> PdfPage:
    raw = page.extract_words(x_tolerance=settings.x_tolerance, keep_blank_chars=False)
    words = [Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"]) for w in raw]
    rows, rules, skew = words_to_rows(words, settings.line_tolerance), page_rules(page), None
    boxes: list = []
    if not words and page.images and ocr is not None:
        read = plan.done.get(number) if plan.done is not None else None
        if read is None and plan.defer:
            reason = tesseract_ready(ocr.lang)
            if reason is not None:
                raise NeedsOcr(f"needs OCR: scanned pages without a text layer, and {reason}")
            deferred.append(ScannedPage(number, image_bytes(page)))
        else:
            read = read or _ocr(page, ocr)
            rows, rules, skew, boxes = read.rows, read.h_rules, read.skew_degrees, list(read.tick_boxes)
    out = PdfPage(
        number=number,
        width=float(page.width),
        height=float(page.height),
        lines=rows_to_lines(rows, number, ocr=skew is not None),
        h_rules=rules,
        has_text=bool(rows),
        ocr_skew=skew,
        tick_boxes=boxes,
    )
    page.flush_cache()
    return out


def _ocr(page, settings: OcrSettings) -> OcrPage:
    reason = tesseract_ready(settings.lang)
    if reason is not None:
        raise NeedsOcr(f"needs OCR: scanned pages without a text layer, and {reason}")
    return ocr_page(page, settings)


def ocr_pdf_page(path, number: int, password: str | None = None, settings: OcrSettings = DEFAULT_OCR) -> OcrPage:
    """Page `number` (1-based) of a scanned PDF through the OCR chain: one unit of work (ingest/pages.py)."""
    with pdfplumber.open(path, password=password) as pdf:
        page = pdf.pages[number - 1]
        try:
            return _ocr(page, settings)
        finally:
            page.flush_cache()
