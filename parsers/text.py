"""Whitespace and hyphenation: the one de-hyphenation rule used for titles, labels, summaries and sections."""
from __future__ import annotations

import regex

# A word broken at a line end: "ejendomsadministrationsom-" + "rådet". A real compound hyphen is followed by a
# space and a conjunction ("syge- og hjemmepleje") or by an upper-case letter / digit ("IT-" + "understøttelse"
# is the exception we keep: a hyphen after an upper-case abbreviation or before a capital is part of the word).
_KEEP_HYPHEN_NEXT = regex.compile(r"^(og|eller|samt|til|,)\b")
_ABBREV_BEFORE = regex.compile(r"(?:^|\W)(\p{Lu}{2,}|\d+)-$")


def join_broken(left: str, right: str) -> str:
    """Join two pieces of text that were one line before the layout broke them."""
    left = left.rstrip()
    right = right.lstrip()
    if not left:
        return right
    if not right:
        return left
    if left.endswith("-") and len(left) > 1 and left[-2].isalpha():
        if _KEEP_HYPHEN_NEXT.match(right):
            return f"{left} {right}"
        if _ABBREV_BEFORE.search(left) or right[:1].isupper() or right[:1].isdigit():
            return left + right  # "CPR-" + "udtræk" keeps its hyphen
        return left[:-1] + right
    return f"{left} {right}"


def join_lines(parts: list[str]) -> str:
    """Join wrapped lines into one whitespace-normalised string, re-joining words broken by hyphenation."""
    out = ""
    for part in parts:
        part = normalize_space(part)
        if part:
            out = join_broken(out, part)
    return normalize_space(out)


# pdfium writes a hyphen that ended a line of the PDF as U+FFFE (a non-character) and runs the two lines together:
# a word broken there ("ejendomsadministrations\ufffeområdet") or a suspended compound's hyphen ("Teknik\ufffeog
# Miljøforvaltningen"), told apart as any hyphen at a line end (join_broken)
LINE_END_HYPHEN = "\ufffe"


def normalize_space(text: str) -> str:
    if LINE_END_HYPHEN in text:
        first, *rest = text.split(LINE_END_HYPHEN)
        for part in rest:
            first = join_broken(first + "-", part)
        text = first
    return regex.sub(r"\s+", " ", text).strip()
