"""Tick boxes of a scanned page, read from the image: a small square outline, ticked when there is ink inside it (a
cross, a check, a fill), empty when there is none.

Tesseract reads a box as anything ("O", "El", "[]", "X" or nothing at all), so its text cannot say which
department is ticked. Here the box itself is measured, and put back among the page's words as the character a text
layer would have ("☒" ticked, "☐" empty), so that extract/header.py reads a scanned grid of departments exactly as a
text PDF's.

    image_to_tick_boxes   squares of ink outline in the upright page (OpenCV contours), each with the share of ink
                          inside its border -> TickBox in PDF points
    place_tick_boxes      the page's OCR rows with each box as a word of its own, in the row its middle lies in;
                          the words Tesseract made of the box itself are dropped
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from parsers.records import Word

TICKED_CHAR, EMPTY_CHAR = "☒", "☐"  # what a text layer has for the two (extract/header.py: TICKED, UNTICKED)


@dataclass(frozen=True)
class TickSettings:
    min_side_pt: float = 5.0  # a box drawn as a character of body text: about 0.6-0.8 em of a 9-12 pt font
    max_side_pt: float = 16.0  # larger squares are table cells or frames, not tick boxes
    max_aspect: float = 1.25  # a square: width and height within this ratio
    border_ink: float = 0.75  # each side of the outline is ink along at least this share of its length
    inside_ink: float = 0.06  # ink inside the border above this share: ticked (a cross inks ~15-30 %, noise < 2 %)
    border_share: float = 0.2  # the outline's band, as a share of the side, left out when measuring the inside
    square_fill: float = 0.88  # a square's contour encloses nearly all of its bounding box, a circle's pi/4 of it


DEFAULT_TICKS = TickSettings()


@dataclass(frozen=True, slots=True)
class TickBox:
    x0: float
    top: float
    x1: float
    bottom: float
    ticked: bool
    ink: float  # share of ink inside the border: how clearly ticked (or empty) the box is

    @property
    def word(self) -> Word:
        return Word(TICKED_CHAR if self.ticked else EMPTY_CHAR, self.x0, self.top, self.x1, self.bottom)


def image_to_tick_boxes(gray: np.ndarray, dpi: int, settings: TickSettings = DEFAULT_TICKS) -> list[TickBox]:
    """The tick boxes of an upright page image (grey, ink dark), in PDF points, top to bottom, left to right."""
    import cv2

    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(ink, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    lo, hi = settings.min_side_pt * dpi / 72, settings.max_side_pt * dpi / 72
    scale = 72 / dpi
    boxes: list[TickBox] = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if not (lo <= w <= hi and lo <= h <= hi) or max(w, h) > settings.max_aspect * min(w, h):
            continue
        if cv2.contourArea(contour) < settings.square_fill * w * h:  # round (O, o, ø: ~0.79) or open (E, H)
            continue
        cell = ink[y:y + h, x:x + w] > 0
        if not _outlined(cell, settings.border_ink):
            continue
        band_y, band_x = max(1, round(h * settings.border_share)), max(1, round(w * settings.border_share))
        inside = cell[band_y:h - band_y, band_x:w - band_x]
        share = float(inside.mean()) if inside.size else 0.0
        box = TickBox(x * scale, y * scale, (x + w) * scale, (y + h) * scale, share > settings.inside_ink, share)
        if not any(_overlaps(box, b) for b in boxes):  # a box's outline has an outer and an inner contour
            boxes.append(box)
    return sorted(boxes, key=lambda b: (round(b.top), b.x0))


def _outlined(cell: np.ndarray, share: float) -> bool:
    """Whether each of the four sides of the square is a line of ink and each corner is inked: a round letter (o, ø,
    O, a bold D) inks most of its bounding box's sides too, but not its corners."""
    h, w = cell.shape
    t = max(1, round(min(h, w) * 0.12))  # a scanned outline is 2-4 pixels thick at 300 dpi, and not quite straight
    sides = (cell[:t].any(axis=0), cell[h - t:].any(axis=0), cell[:, :t].any(axis=1), cell[:, w - t:].any(axis=1))
    corners = (cell[:t, :t], cell[:t, w - t:], cell[h - t:, :t], cell[h - t:, w - t:])
    return all(side.mean() >= share for side in sides) and all(c.mean() >= 0.5 for c in corners)


def _overlaps(a: TickBox, b: TickBox) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.top < b.bottom and b.top < a.bottom


def place_tick_boxes(rows: list[list[Word]], boxes: list[TickBox]) -> list[list[Word]]:
    """`rows` with each box as a word: in the row whose vertical span holds the box's middle (a new row where none
    does), left to right; a word that lies mostly inside a box is Tesseract's reading of the box and is dropped."""
    if not boxes:
        return rows
    out = [[w for w in row if not any(_mostly_inside(w, b) for b in boxes)] for row in rows]
    for box in boxes:
        middle = (box.top + box.bottom) / 2
        row = next((r for r in out if r and min(w.top for w in r) <= middle <= max(w.bottom for w in r)), None)
        if row is None:
            out.append([box.word])
        else:
            row.append(box.word)
            row.sort(key=lambda w: w.x0)
    out = [r for r in out if r]
    return sorted(out, key=lambda r: min(w.top for w in r))


def _mostly_inside(word: Word, box: TickBox) -> bool:
    """More than half of the word's box lies inside the tick box (Tesseract's "O", "X", "El" for the box)."""
    width = max(0.0, min(word.x1, box.x1) - max(word.x0, box.x0))
    height = max(0.0, min(word.bottom, box.bottom) - max(word.top, box.top))
    area = (word.x1 - word.x0) * (word.bottom - word.top)
    return area > 0 and width * height > 0.5 * area
