"""Tick boxes read from a scanned page's image (parsers/ticks.py), on pages drawn here: a box with a cross or a fill
is ticked, an empty box is not, a round letter or a table cell is no box; the boxes go among the OCR words as the
characters a text layer has, so the grid of departments reads as in a text PDF."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract.header import affected_departments
from parsers.records import Line, Word
from parsers.ticks import EMPTY_CHAR, TICKED_CHAR, TickBox, image_to_tick_boxes, place_tick_boxes

DPI = 300
SIDE = 28  # pixels: a box of a 10 pt font at 300 dpi (~6.7 pt)


def _font(size: int):
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size)


def _box(draw: ImageDraw.ImageDraw, x: int, y: int, mark: str) -> None:
    draw.rectangle([x, y, x + SIDE, y + SIDE], outline=0, width=3)
    if mark == "cross":
        draw.line([(x + 5, y + 5), (x + SIDE - 5, y + SIDE - 5)], fill=0, width=3)
        draw.line([(x + 5, y + SIDE - 5), (x + SIDE - 5, y + 5)], fill=0, width=3)
    elif mark == "fill":
        draw.rectangle([x + 6, y + 6, x + SIDE - 6, y + SIDE - 6], fill=0)
    elif mark == "check":
        draw.line([(x + 5, y + 15), (x + 12, y + SIDE - 5), (x + SIDE - 4, y + 4)], fill=0, width=3)


def _scan(page: Image.Image, degrees: float = 0.0, noise: int = 0) -> np.ndarray:
    """Grey, turned and speckled as a scanner leaves a page (then turned upright again, as the OCR chain does)."""
    gray = np.asarray(page.rotate(degrees, resample=Image.BILINEAR, fillcolor=255).rotate(
        -degrees, resample=Image.BILINEAR, fillcolor=255), dtype=np.int16)
    rng = np.random.default_rng(7)
    gray = gray - 25 * (gray < 128) + rng.integers(-noise, noise + 1, gray.shape) if noise else gray
    return np.clip(gray, 0, 255).astype(np.uint8)


@pytest.mark.parametrize("degrees,noise", [(0.0, 0), (0.6, 30)])
def test_crossed_filled_and_checked_boxes_are_ticked_and_empty_ones_are_not(degrees, noise):
    page = Image.new("L", (1200, 400), 255)
    draw = ImageDraw.Draw(page)
    marks = ["cross", "empty", "fill", "empty", "check"]
    for i, mark in enumerate(marks):
        _box(draw, 100 + 200 * i, 100, mark)
        draw.text((140 + 200 * i, 96), "Sociale", fill=0, font=_font(34))
    boxes = image_to_tick_boxes(_scan(page, degrees, noise), DPI)
    assert [b.ticked for b in boxes] == [m != "empty" for m in marks]
    first = boxes[0]
    assert first.x0 == pytest.approx(100 * 72 / DPI, abs=1.0) and first.top == pytest.approx(100 * 72 / DPI, abs=1.0)


def test_round_letters_table_cells_and_text_are_not_boxes():
    page = Image.new("L", (1600, 600), 255)
    draw = ImageDraw.Draw(page)
    draw.text((100, 80), "INNOVATIONSFORSLAG Økonomi ø o O D 0 8", fill=0, font=_font(40))  # bold-ish round glyphs
    draw.rectangle([100, 250, 700, 400], outline=0, width=3)  # a table cell: far larger than a tick box
    draw.rectangle([800, 250, 860, 262], outline=0, width=3)  # a flat rectangle: not square
    assert image_to_tick_boxes(np.asarray(page), DPI) == []


def test_boxes_go_among_the_words_as_a_text_layer_has_them_and_the_department_grid_reads():
    def word(text: str, x0: float, top: float) -> Word:
        return Word(text, x0, top, x0 + 6 * len(text), top + 9, conf=90.0)

    rows = [
        [word("Berørte", 72, 100), word("forvaltninger:", 110, 100), word("O", 198, 100.5),  # Tesseract's box
         word("Økonomiforvaltningen", 207, 100), word("Socialforvaltningen", 374, 100)],
        [word("Kultur-", 207, 114), word("og", 250, 114), word("Fritidsforvaltningen", 265, 114)],
    ]
    boxes = [TickBox(198, 100.5, 204.7, 107.2, False, 0.0), TickBox(365.5, 100.5, 372.2, 107.2, True, 0.5),
             TickBox(198, 114.5, 204.7, 121.2, False, 0.0)]
    placed = place_tick_boxes(rows, boxes)
    texts = [" ".join(w.text for w in row) for row in placed]
    assert texts == [f"Berørte forvaltninger: {EMPTY_CHAR} Økonomiforvaltningen {TICKED_CHAR} Socialforvaltningen",
                     f"{EMPTY_CHAR} Kultur- og Fritidsforvaltningen"]
    lines = [Line(t, 1, i, row, ocr=True) for i, (t, row) in enumerate(zip(texts, placed, strict=True), start=1)]
    marked, _ = affected_departments(lines)
    assert marked == ["Socialforvaltningen"]
