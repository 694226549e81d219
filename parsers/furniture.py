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
# a page is numbered from 1: a lone "0" at the foot of a page is a table's empty cell, which a dump in reading
# order (a cell per line) may write last on the page
PAGE_NUMBER = regex.compile(r"^[1-9]\d{0,2}$")
# "Innovationsforslag SI/BU03", "Investeringsforslag BC04": the kind of document and its code, a template's
# running header at the top of its pages (the document's own header word is in capitals: INNOVATIONSFORSLAG)
# The municipality's name alone on a line, the institution line every template of its proposals prints at the top
# of its pages: furniture at a page top however few pages there are (a two-page proposal whose first page holds its
# title block shows it once)
# The kind alone ("Business case"), where the proposal has no code, is the same running header
RUNNING_TITLE = regex.compile(
    r"^(?:(?:Investeringsforslag|Innovationsforslag|Business case|Smart investeringsforslag)(?:\s+"
    r"\p{Lu}{1,4}(?:/\p{Lu}{1,4})?\s?\d{1,3}[a-z]?)?|Københavns\s+Kommune)$")


@dataclass(frozen=True, slots=True)
class FurnitureSettings:
    zone: int = 2  # non-blank lines at the top and at the foot of a page that may be furniture
    # ...and where a running title (`RUNNING_TITLE`) may stand: pdfminer may write a table's unit line and first
    # label cell before the page's header
    title_zone: int = 4
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


def _on_every_page_top(spots: dict[int, list[int]], lines: list[Line], settings: FurnitureSettings) -> set[str]:
    """Rule `running-header-on-every-page-top`: the shapes of the short lines with words that stand at the top of
    every page (two at least), or of every page but the first (two at least). A template prints the running header
    ("Københavns Kommune") on each page, or its title block on the first page and the header on the others; a
    two- or three-page proposal then shows it on too few pages for the share counted in `furniture_indices`. A
    line standing at the top of all those pages is furniture all the same; a line of figures or years alone (a
    table header written again over a page break) never is."""
    tops = [{_shape(lines[i].text) for i in idx} for _, idx in sorted(spots.items())]
    shared: set[str] = set()
    for run in (tops, tops[1:]):
        if len(run) >= 2:
            shared |= set.intersection(*run)
    return {s for s in shared if len(s.split()) <= settings.max_words and any(ch.isalpha() for ch in s)}


def furniture_indices(lines: list[Line], settings: FurnitureSettings = DEFAULT,
                      keep: frozenset[int] = frozenset()) -> set[int]:
    """Indices of the running header and footer lines (never one of `keep`: lines another rule needs)."""
    pages: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if line.page is not None and not line.is_blank:
            pages.setdefault(line.page, []).append(i)
    # rule `running-title`: a page top naming the document's kind and code is the template's running header,
    # however few pages repeat it (a bundle's proposals each have their own code)
    titled = {i for idx in pages.values() for i in idx[: settings.title_zone]
              if i not in keep and RUNNING_TITLE.match(lines[i].stripped)}
    # ...and on a page that opens with one, the running header's other line wherever the dump wrote it: pdfminer
    # may write the kind ("Business case") after a table's labels, the institution line at the page's top
    titled |= {i for idx in pages.values() if titled.intersection(idx)
               for i in idx if i not in keep and RUNNING_TITLE.match(lines[i].stripped)}
    if len(pages) < settings.min_pages:
        top = _on_every_page_top({p: idx[: settings.zone] for p, idx in pages.items()}, lines, settings)
        return titled | {i for idx in pages.values() for i in idx[: settings.zone]
                         if i not in keep and _shape(lines[i].text) in top}
    need = max(settings.min_pages, settings.share * len(pages))
    out: set[int] = set()
    for zone in ("top", "foot"):
        spots = {p: (idx[: settings.zone] if zone == "top" else idx[-settings.zone :]) for p, idx in pages.items()}
        whole = Counter(s for idx in spots.values() for s in {_shape(lines[i].text) for i in idx})
        repeated = {s for s, n in whole.items() if n >= need and len(s.split()) <= settings.max_words}
        if zone == "top":
            repeated |= _on_every_page_top(spots, lines, settings)
        # the opening words of a repeated line: its variants on the other pages share them
        openings = {" ".join(s.split()[: settings.prefix_words]) for s in repeated
                    if len(s.split()) > settings.prefix_words}
        for idx in spots.values():
            for i in idx:
                text = lines[i].text
                if i in keep or (not any(ch.isalpha() for ch in text) and not PAGE_NUMBER.match(text.strip())):
                    continue  # figures alone are furniture only as a page number (from 1): "0" is a table's cell
                words = len(text.split())
                if _shape(text) in repeated:
                    out.add(i)
                elif (settings.prefix_words < words <= settings.max_words
                      and _prefix(text, settings.prefix_words) in openings):
                    out.add(i)
    return out | titled
