"""Cut a file's lines into documents.

A bundle holds many proposals; each begins with a header word (BUSINESS CASE, INVESTERINGSFORSLAG,
INNOVATIONSFORSLAG) or an overview heading. A page header that repeats the header word on every page is not a new
document: a segment only stands on its own when it carries a proposal of its own (a title field or a Tabel 1).
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from parsers.furniture import PAGE_NUMBER, furniture_indices
from parsers.records import Line, SourceDocument


@dataclass(frozen=True)
class HeaderPattern:
    kind: str
    pattern: regex.Pattern


# a template may print the budget round beside the header word: "INVESTERINGSFORSLAG OFS 2020-21"
ROUND_BESIDE = r"(?:\s+(?:OFS|B|Budget)\s?\d{4}(?:\s*-\s*\d{2,4})?)?"
HEADER_PATTERNS: tuple[HeaderPattern, ...] = (
    HeaderPattern("business_case", regex.compile(r"^BUSINESS\s+CASE" + ROUND_BESIDE + "$")),
    HeaderPattern("investeringsforslag", regex.compile(r"^INVESTERINGSFORSLAG" + ROUND_BESIDE + "$")),
    HeaderPattern("innovationsforslag", regex.compile(r"^INNOVATIONSFORSLAG" + ROUND_BESIDE + "$")),
    # "... smarte investeringer", "... godkendte investeringsforslag", "... forslag": the noun in any compound
    HeaderPattern("overview", regex.compile(r"^Oversigt over\b.*(investering|forslag)")),
)
# what only a proposal's own first page holds (a running header word repeated on every page holds none of it): the
# title field (its label may wrap: "Forslagets" / "titel:"), the summary field, Tabel 1
OWN_PROPOSAL = regex.compile(r"^(Forslagets(\s+titel\s*:|\s*$)|(Kort\s+)?[Rr]esumé\s*:|Tabel\s*1\b)")
# a page footer that says what it is, so it goes wherever it stands (a bare number only at the foot of a page)
PAGE_FOOTER = regex.compile(r"^(?:Side|Page)\s+\d{1,4}(?:\s*(?:af|of|/)\s*\d{1,4})?$", regex.IGNORECASE)


def header_kind(line: Line) -> str | None:
    text = line.stripped
    for hp in HEADER_PATTERNS:
        if hp.pattern.search(text):
            return hp.kind
    return None


def drop_page_numbers(lines: list[Line]) -> list[Line]:
    """Remove page furniture: a bare number as the last text line of a page, "Side 3 af 7" anywhere, and the
    running header and footer a template repeats on every page (parsers/furniture.py), but never a line that
    starts a document."""
    last_on_page: dict[int | None, int] = {}
    for i, line in enumerate(lines):
        if not line.is_blank:
            last_on_page[line.page] = i
    drop = {i for page, i in last_on_page.items() if page is not None and PAGE_NUMBER.match(lines[i].stripped)}
    drop |= {i for i, line in enumerate(lines) if PAGE_FOOTER.match(line.stripped)}
    starts = frozenset(i for i, line in enumerate(lines) if header_kind(line) or OWN_PROPOSAL.match(line.stripped))
    drop |= furniture_indices(lines, keep=starts)
    return [line for i, line in enumerate(lines) if i not in drop]


TITLE_FIELD = regex.compile(r"^Forslagets titel\s*:\s*(?P<title>.*)$")


def _title_head(text: str) -> str | None:
    """The opening words of a "Forslagets titel:" line (the code and the title's first words), to compare by."""
    m = TITLE_FIELD.match(text.strip())
    return " ".join(m["title"].casefold().split()[:3]) if m else None


def split_documents(lines: list[Line], source: str, from_pdf: bool = False) -> list[SourceDocument]:
    segments: list[tuple[str, list[Line]]] = []
    preamble: list[Line] = []
    for line in lines:
        kind = header_kind(line)
        head = _title_head(line.text)
        if kind is None and head and segments:
            # a dump that lost a proposal's header word: another proposal's title field starts a proposal too
            # (of the kind before it); the same title again (repeated in an appendix) does not
            heads = {h for ln in segments[-1][1] if (h := _title_head(ln.text))}
            if heads and head not in heads:
                kind = segments[-1][0]
        if kind is not None:
            segments.append((kind, [line]))
        elif segments:
            segments[-1][1].append(line)
        else:
            preamble.append(line)
    if not segments:
        return []
    segments[0] = (segments[0][0], preamble + segments[0][1])

    merged: list[tuple[str, list[Line]]] = []
    for kind, seg in segments:
        own = kind == "overview" or any(OWN_PROPOSAL.match(ln.stripped) for ln in seg)
        if merged and not own:
            merged[-1][1].extend(seg)
        else:
            merged.append((kind, seg))
    return [
        SourceDocument(source=source, ordinal=i, kind=kind, lines=seg, from_pdf=from_pdf)
        for i, (kind, seg) in enumerate(merged, start=1)
    ]
