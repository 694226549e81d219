"""Read scanned pages (no text layer) with Tesseract, keeping word positions so tables are rebuilt as from a text PDF.

A chain of steps, each input -> output:

    page_to_image        the page rendered by pdfplumber (pypdfium2) at `dpi`, in grey
    image_to_skew        the angle of the text lines (projection profile: the angle whose row sums are spikiest)
    rotate_image         the page turned upright
    image_to_rule_masks  the table's ruling lines (long thin runs of ink, OpenCV morphology)
    remove_rules         the page without its ruling lines: Tesseract misreads a digit next to a cell border
    image_to_tick_boxes  the tick boxes, ticked or empty, measured in the image (parsers/ticks.py)
    remove_tick_boxes    the page without them
    image_to_word_rows   Tesseract's words (Danish) in its lines, their boxes converted to PDF points, with
                         Tesseract's confidence in each
    unread_large_lines   lines of ink taller than the body that no word covers (a heading the one-block mode
                         dropped), each read again as one line (read_large_lines); the tick boxes then put among
                         the words as "☒" / "☐"

Coordinates are those of the upright page: on a page scanned 0.5° askew a box sits within ~4 pt of where the ink is
on the original. Every line made from these words is marked `ocr`, and so is everything extracted from it.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from parsers.records import Word
from parsers.ticks import TickBox, image_to_tick_boxes, place_tick_boxes


class OcrUnavailable(RuntimeError):
    """Tesseract (or its Danish data) is not installed: the file needs OCR that this machine cannot do."""


@dataclass(frozen=True)
class OcrSettings:
    dpi: int = 300  # Tesseract reads body text best at ~300 dpi; archive scans are often 150 and are upsampled
    lang: str = "dan"
    # --psm 6: one uniform block, so a table row stays one line across its columns (--psm 4 loses a last column of
    # lone zeros); without its inverted-image pass Tesseract reads a lone "0" in a table cell as "(9)" or "(8"
    config: str = "--psm 6 -c tessedit_do_invert=0"
    # --psm 6 drops text much larger than the body ("BUSINESS CASE" over an office template's page): ink left
    # unread in a band this many times the body's line height is read again as one line (--psm 7)
    large_line_ratio: float = 1.4
    large_line_config: str = "--psm 7 -c tessedit_do_invert=0"
    max_skew_degrees: float = 3.0
    skew_step_degrees: float = 0.05
    rule_min_length: float = 0.04  # a horizontal ruling line is at least this share of the page width long
    rule_max_row_gap: float = 0.06  # rules of one table are closer than this share of the page height
    rule_min_column_ink: float = 0.85  # a vertical rule inks nearly every row of its table; a column of zeros ~0.6
    min_confidence: float = 0.0  # Tesseract's word confidence; -1 marks layout entries, not words


DEFAULT_OCR = OcrSettings()


def tesseract_ready(lang: str = DEFAULT_OCR.lang) -> str | None:
    """None when Tesseract and its `lang` data are installed, else the reason OCR cannot run here."""
    languages = tesseract_languages()
    if isinstance(languages, str):
        return languages
    return None if lang in languages else f"Tesseract has no '{lang}' language data"


def tesseract_languages() -> frozenset[str] | str:
    """The languages the Tesseract on the PATH reads, or the reason it cannot run."""
    executable = shutil.which("tesseract")
    return "Tesseract is not installed" if executable is None else _languages_of(executable)


@cache
def _languages_of(executable: str) -> frozenset[str] | str:
    """Asked once a process for each executable: a scanned file asks before each of its pages, and starting
    Tesseract to ask took 25 ms each time (0.7 s of a 28-page file's first step, which no other worker can share)."""
    try:
        import pytesseract

        return frozenset(pytesseract.get_languages(config=""))
    except Exception as exc:  # noqa: BLE001 - any failure to ask Tesseract means it cannot be used
        return f"Tesseract cannot run ({type(exc).__name__})"


def page_to_image(page, dpi: int) -> np.ndarray:
    return np.asarray(page.to_image(resolution=dpi).original.convert("L"))


def _ink(gray: np.ndarray) -> np.ndarray:
    """Binary image, ink = 255 (Otsu's threshold copes with the grey, noisy background of a scan)."""
    import cv2

    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


def image_to_skew(gray: np.ndarray, settings: OcrSettings = DEFAULT_OCR) -> float:
    """Degrees to turn the page by so its lines run level (positive = counter-clockwise)."""
    import cv2

    ink = _ink(gray)
    small = cv2.resize(ink, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    h, w = small.shape
    centre = (w / 2, h / 2)
    best, best_score = 0.0, -1.0
    for angle in np.arange(-settings.max_skew_degrees, settings.max_skew_degrees + 1e-9, settings.skew_step_degrees):
        turned = cv2.warpAffine(small, cv2.getRotationMatrix2D(centre, float(angle), 1.0), (w, h))
        score = float(np.var(turned.sum(axis=1, dtype=np.float64)))
        if score > best_score:
            best, best_score = float(angle), score
    return best


def rotate_image(gray: np.ndarray, degrees: float) -> np.ndarray:
    import cv2

    if abs(degrees) < 1e-6:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def image_to_rule_masks(gray: np.ndarray, settings: OcrSettings = DEFAULT_OCR) -> tuple[np.ndarray, np.ndarray]:
    """(horizontal, vertical) masks of a page's ruling lines.

    Horizontal: ink that survives an opening with a long, one pixel high kernel. Vertical: the columns that are ink in
    most rows between a table's first and last horizontal rule; a scanned vertical rule is thin and broken by noise,
    so a kernel long enough not to take letter strokes for rules misses it."""
    import cv2

    ink = _ink(gray)
    h, w = ink.shape
    across = cv2.getStructuringElement(cv2.MORPH_RECT, (max(10, int(w * settings.rule_min_length)), 1))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, across)
    vertical = np.zeros_like(ink)
    for top, bottom in _tables_spans(horizontal, settings.rule_max_row_gap * h):
        column_ink = (ink[top:bottom] > 0).mean(axis=0)
        vertical[top:bottom, column_ink >= settings.rule_min_column_ink] = 255
    return horizontal, vertical


def _tables_spans(horizontal: np.ndarray, max_gap: float) -> list[tuple[int, int]]:
    """(top, bottom) pixel rows of each run of horizontal rules closer than `max_gap`: the grid of one table."""
    rows = np.flatnonzero(horizontal.max(axis=1) > 0)
    spans: list[list[int]] = []
    for y in rows.tolist():
        if spans and y - spans[-1][1] <= max_gap:
            spans[-1][1] = y
        else:
            spans.append([y, y])
    return [(top, bottom + 1) for top, bottom in spans if bottom > top + 2]


def masks_to_rules(horizontal: np.ndarray, dpi: int) -> list[float]:
    """y of each horizontal ruling line in PDF points (the middle of each band of masked rows)."""
    rows = np.flatnonzero(horizontal.max(axis=1) > 0)
    if rows.size == 0:
        return []
    bands = np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1)
    return [round(float(band.mean()) * 72 / dpi, 1) for band in bands]


def remove_rules(gray: np.ndarray, horizontal: np.ndarray, vertical: np.ndarray) -> np.ndarray:
    import cv2

    # wide enough to take the grey, anti-aliased fringe of a scanned line, which Tesseract reads as "|"
    lines = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((7, 7), np.uint8))
    clean = gray.copy()
    clean[lines > 0] = 255
    return clean


def image_to_word_rows(gray: np.ndarray, dpi: int, settings: OcrSettings = DEFAULT_OCR) -> list[list[Word]]:
    """Tesseract's words, boxes in PDF points (72 per inch), in the lines Tesseract found.

    Tesseract's own lines rather than grouping by top: its boxes hug the glyphs, so "og" sits lower than "Baggrund"
    on the same line, while a text layer gives every word of a line the font's top."""
    import pytesseract

    data = pytesseract.image_to_data(gray, lang=settings.lang, config=settings.config,
                                     output_type=pytesseract.Output.DICT)
    scale = 72 / dpi
    rows: dict[tuple[int, int, int], list[Word]] = {}
    for i, text in enumerate(data["text"]):
        if not text.strip() or float(data["conf"][i]) < settings.min_confidence:
            continue
        left, top, width, height = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        rows.setdefault(key, []).append(
            Word(text.strip(), left * scale, top * scale, (left + width) * scale, (top + height) * scale,
                 conf=float(data["conf"][i]))
        )
    return sorted((sorted(row, key=lambda w: w.x0) for row in rows.values()), key=lambda r: min(w.top for w in r))


def unread_large_lines(gray: np.ndarray, rows: list[list[Word]], dpi: int,
                       settings: OcrSettings = DEFAULT_OCR) -> list[tuple[int, int, int, int]]:
    """(x, y, w, h) pixel boxes of lines of ink that no word covers and that stand taller than the body's lines:
    the headings Tesseract's uniform-block mode leaves out."""
    import cv2

    heights = sorted(w.bottom - w.top for row in rows for w in row)
    if not heights:
        return []
    scale = dpi / 72
    body = heights[len(heights) // 2] * scale
    left = _ink(gray)
    pad = max(2, int(body * 0.3))
    for row in rows:
        for w in row:
            left[max(0, int(w.top * scale) - pad):int(w.bottom * scale) + pad,
                 max(0, int(w.x0 * scale) - pad):int(w.x1 * scale) + pad] = 0
    left = cv2.morphologyEx(left, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))  # scan speckle
    # letters of one line joined: a gap of a word space
    joined = cv2.dilate(left, cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(body)), 1)))
    contours, _ = cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    out = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if settings.large_line_ratio * body <= h <= 4 * body and w >= 2 * h:
            out.append((x, y, w, h))
    return sorted(out, key=lambda b: b[1])


def read_large_lines(gray: np.ndarray, boxes: list[tuple[int, int, int, int]], dpi: int,
                     settings: OcrSettings = DEFAULT_OCR) -> list[list[Word]]:
    """Each box read by Tesseract as one line of text; words in PDF points, as image_to_word_rows gives them."""
    import pytesseract

    scale = 72 / dpi
    rows = []
    for x, y, w, h in boxes:
        margin = h // 2
        top, left = max(0, y - margin), max(0, x - margin)
        crop = gray[top:y + h + margin, left:x + w + margin]
        data = pytesseract.image_to_data(crop, lang=settings.lang, config=settings.large_line_config,
                                         output_type=pytesseract.Output.DICT)
        row = [Word(text.strip(), (left + data["left"][i]) * scale, (top + data["top"][i]) * scale,
                    (left + data["left"][i] + data["width"][i]) * scale,
                    (top + data["top"][i] + data["height"][i]) * scale, conf=float(data["conf"][i]))
               for i, text in enumerate(data["text"]) if text.strip() and float(data["conf"][i]) >= 0]
        if row:
            rows.append(row)
    return rows


@dataclass(slots=True)
class OcrPage:
    rows: list[list[Word]]
    h_rules: list[float]
    skew_degrees: float
    tick_boxes: list = field(default_factory=list)  # TickBox (parsers/ticks.py), in PDF points


def remove_tick_boxes(gray: np.ndarray, boxes: list[TickBox], dpi: int) -> np.ndarray:
    """The page without its tick boxes: they are read from the image (parsers/ticks.py), and Tesseract would read
    them as letters glued to the name beside them ("[Socialforvaltningen")."""
    clean = gray.copy()
    scale, pad = dpi / 72, 2
    for b in boxes:
        clean[max(0, int(b.top * scale) - pad):int(b.bottom * scale) + pad + 1,
              max(0, int(b.x0 * scale) - pad):int(b.x1 * scale) + pad + 1] = 255
    return clean


def ocr_page(page, settings: OcrSettings = DEFAULT_OCR) -> OcrPage:
    """One scanned page through the whole chain; the tick boxes are measured in the image and put among the words
    as a text layer has them (parsers/ticks.py)."""
    gray = page_to_image(page, settings.dpi)
    skew = image_to_skew(gray, settings)
    upright = rotate_image(gray, skew)
    horizontal, vertical = image_to_rule_masks(upright, settings)
    boxes = image_to_tick_boxes(upright, settings.dpi)
    clean = remove_tick_boxes(remove_rules(upright, horizontal, vertical), boxes, settings.dpi)
    rows = image_to_word_rows(clean, settings.dpi, settings)
    rows += read_large_lines(clean, unread_large_lines(clean, rows, settings.dpi, settings), settings.dpi, settings)
    rows = place_tick_boxes(sorted(rows, key=lambda r: min(w.top for w in r)), boxes)
    return OcrPage(rows, masks_to_rules(horizontal, settings.dpi), skew, boxes)
