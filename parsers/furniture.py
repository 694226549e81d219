"""Page furniture: the running header and footer a template prints on every page.

An office template repeats a line at the top of every page ("Københavns Kommune Investeringsforslag BC04") and a
page count at the foot ("Side 3 af 7"). A text dump keeps them between the lines of the body, so a table that
breaks across a page is split by them, and a bundle's next proposal seems to start with the header line. Dumps
that keep page breaks (a form feed: pdftotext, pdfium, pdfminer) tell us where the tops and feet of pages are.

A line at the top (or foot) of a page is furniture when the same short line, its digits aside, stands there on most
pages; or when it is short and begins with the opening words of such a line (the running header names the document
kind after the institution, so it changes between the documents of a bundle: "... Oversigt", "... Business case").
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from parsers.records import Line

DIGITS = regex.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class FurnitureSettings:
    zone: int = 2  # non-blank lines at the top and at the foot of a page that may be furniture
    min_pages: int = 3  # fewer pages than this give no evidence of repetition
    share: float = 0.5  # the share of pages a line (or its opening words) must stand on
    prefix_words: int = 2  # the opening words that a running header keeps across a bundle
    max_words: int = 8  # a running header is short; a longer line at the top of a page is body text
    margin_band: float = 0.05  # PDFs: the outer share of the page height at top and foot that holds no body text


DEFAULT = FurnitureSettings()


def in_margin(line: Line, page_height: float, settings: FurnitureSettings = DEFAULT) -> bool:
    """A PDF line lying wholly in the top or foot margin band of its page: a running header or footer, page number.

    Positions decide where repetition cannot: a short document (a header on pages 2 and 3 only) gives too few
    pages for the count above, but no template prints body text in the outer 5 % of the page (an A4 form's
    printable area starts 1.5-2.5 cm in; running headers and footers sit in that margin)."""
    if not line.words or page_height <= 0:
        return False
    band = settings.margin_band * page_height
    return max(w.bottom for w in line.words) < band or min(w.top for w in line.words) > page_height - band


def _shape(text: str) -> str:
    return " ".join(DIGITS.sub("#", text).casefold().split())


def _prefix(text: str, n: int) -> str:
    return " ".join(_shape(text).split()[:n])


def _on_every_later_page(spots: dict[int, list[int]], lines: list[Line], settings: FurnitureSettings) -> set[str]:
    """Rule `running-header-after-first-page`: the shapes of the short lines with words that stand at the top of
    every page but the first. A template prints its title block on the first page and the running header
    ("Københavns Kommune") on the others, so a three-page proposal shows it twice, under the share the count above
    needs; a line on all the later pages (two at least) is furniture all the same."""
    later = [idx for p, idx in sorted(spots.items())[1:]]
    if len(later) < 2:
        return set()
    shared = set.intersection(*({_shape(lines[i].text) for i in idx} for idx in later))
    return {s for s in shared if len(s.split()) <= settings.max_words and any(ch.isalpha() for ch in s)}


def furniture_indices(lines: list[Line], settings: FurnitureSettings = DEFAULT,
                      keep: frozenset[int] = frozenset()) -> set[int]:
    """Indices of the running header and footer lines (never one of `keep`: lines another rule needs)."""
    pages: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if line.page is not None and not line.is_blank:
            pages.setdefault(line.page, []).append(i)
    if len(pages) < settings.min_pages:
        return set()
    need = max(settings.min_pages, settings.share * len(pages))
    out: set[int] = set()
    for zone in ("top", "foot"):
        spots = {p: (idx[: settings.zone] if zone == "top" else idx[-settings.zone :]) for p, idx in pages.items()}
        whole = Counter(s for idx in spots.values() for s in {_shape(lines[i].text) for i in idx})
        repeated = {s for s, n in whole.items() if n >= need and len(s.split()) <= settings.max_words}
        if zone == "top":
            repeated |= _on_every_later_page(spots, lines, settings)
        # the opening words of a repeated line: its variants on the other pages share them
        openings = {" ".join(s.split()[: settings.prefix_words]) for s in repeated
                    if len(s.split()) > settings.prefix_words}
        for idx in spots.values():
            for i in idx:
                text = lines[i].text
                if i in keep:
                    continue
                words = len(text.split())
                if _shape(text) in repeated:
                    out.add(i)
                elif (settings.prefix_words < words <= settings.max_words
                      and _prefix(text, settings.prefix_words) in openings):
                    out.add(i)
    return out
