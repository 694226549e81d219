"""Find a document's numbered sections ("1. Baggrund og formål" ... "10. Hvem er hørt?").

Numbered list items inside sections look like headings ("1. Nyt portaldesign"), so headings are chosen as the
chain 1, 2, 3, ... through the document that is best supported: long, and made of headings the proposals'
template uses. The known headings are data, not code.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from parsers.records import Line
from parsers.text import join_lines, normalize_space

KNOWN_HEADINGS: tuple[str, ...] = (
    "Forslagets samlede økonomiske konsekvenser",
    "Baggrund og formål",
    "Forslagets indhold",
    "Økonomi",
    "Effektivisering på administration",
    "Tentativ businesscase og kriterier til prioritering",
    "Implementering af forslaget",
    "Inddragelse af samarbejdspartnere",
    "Inddragelse af medarbejdere, virksomheder og borgere",
    "Forslagets effekt",
    "Effekt af innovationsforslaget",
    "Opfølgning",
    "Risikovurdering",
    "Hvem er hørt?",
)
KNOWN_CASEFOLDED = frozenset(k.casefold().rstrip(" .:") for k in KNOWN_HEADINGS)
HEADING_LINE = regex.compile(r"^\s*(?P<num>\d{1,2})\.\s+(?P<text>\p{Lu}[^\n]*?)\s*$")
# a line read by OCR: specks of a scan beside the number's point read as more points or a comma ("4... Økonomi")
OCR_HEADING_LINE = regex.compile(r"^\s*(?P<num>\d{1,2})[.,]{1,3}\s+(?P<text>\p{Lu}[^\n]*?)\s*$")
MAX_HEADING_WORDS = 9
KNOWN_BONUS = 3.0


@dataclass(slots=True)
class SectionSpan:
    number: int
    heading: str
    start: int  # index into the document's lines of the heading line
    end: int  # exclusive
    body: str


def _known(text: str) -> bool:
    t = normalize_space(text).casefold().rstrip(" .:")
    return any(t == k.casefold() or t.startswith(k.casefold()) for k in KNOWN_HEADINGS)


def _candidate(line: Line) -> tuple[int, str] | None:
    m = (OCR_HEADING_LINE if line.ocr else HEADING_LINE).match(line.text)
    if not m:
        return None
    text = normalize_space(m["text"])
    number = int(m["num"])
    if number == 0 or len(text.split()) > MAX_HEADING_WORDS or text.endswith((",", ";")):
        return None
    if regex.search(r"\.\s+\p{Lu}", text) and not _known(text):  # a sentence runs on after the heading
        return None
    return number, text


MIN_NUMBERED_CHAIN = 3  # a shorter chain of numbered headings is likely list items, not the template's sections


def _unnumbered_known(lines: list[Line]) -> list[tuple[int, str]]:
    """Lines that are exactly one of the template's headings, standing alone: a dump that dropped the numbers."""
    out = []
    for i, line in enumerate(lines):
        text = normalize_space(line.text)
        if text and text.casefold().rstrip(" .:") in KNOWN_CASEFOLDED:
            out.append((i, text.rstrip(" .:") if not text.endswith("?") else text))
    return out


def find_sections(lines: list[Line]) -> list[SectionSpan]:
    spans = _numbered_sections(lines)
    if len(spans) >= MIN_NUMBERED_CHAIN:
        return spans
    known = _unnumbered_known(lines)
    if len(known) <= len(spans):
        return spans
    # the headings the template uses, numbered in their order (the numbers are what the dump lost)
    return [SectionSpan(n, text, i, known[n][0] if n < len(known) else len(lines),
                        join_lines([ln.text for ln in lines[i + 1 : known[n][0] if n < len(known) else len(lines)]]))
            for n, (i, text) in enumerate(known, start=1)]


LONE_NUMBER = regex.compile(r"^\s*(?P<num>\d{1,2})\.\s*$")


def _split_candidate(lines: list[Line], i: int) -> tuple[int, int, str, int] | None:
    """A heading whose number the dump wrote on a line of its own ("5." / "Implementering af forslaget": pdfminer
    puts the number's text box apart): (the heading line's index, number, text, the number line's index), or
    None."""
    m = LONE_NUMBER.match(lines[i].text)
    if not m:
        return None
    j = next((j for j in range(i + 1, min(len(lines), i + 3)) if not lines[j].is_blank), None)
    if j is None or LONE_NUMBER.match(lines[j].text):
        return None
    c = _candidate(Line(f"{m['num']}. {lines[j].stripped}", lines[j].page, lines[j].lineno, None, lines[j].ocr))
    return (j, *c, i) if c is not None else None


def _numbered_sections(lines: list[Line]) -> list[SectionSpan]:
    # (heading line, number, text, first line: where the section before it ends)
    cands = [(i, *c, i) for i, line in enumerate(lines) if (c := _candidate(line)) is not None]
    cands = sorted(cands + [c for i in range(len(lines)) if (c := _split_candidate(lines, i)) is not None])
    # best[k] = (score, chain) of the best chain ending at candidate k
    best: list[tuple[float, list[int]]] = []
    for k, (_, num, text, _) in enumerate(cands):
        weight = 1.0 + (KNOWN_BONUS if _known(text) else 0.0)
        options = [(weight, [k])] if num == 1 else []
        for j in range(k):
            if cands[j][1] == num - 1 and best[j][1]:
                options.append((best[j][0] + weight, best[j][1] + [k]))
        best.append(max(options, default=(0.0, []), key=lambda o: o[0]))
    if not best:
        return []
    chain = max(best, key=lambda b: b[0])[1]
    spans: list[SectionSpan] = []
    for pos, k in enumerate(chain):
        start = cands[k][0]
        end = cands[chain[pos + 1]][3] if pos + 1 < len(chain) else len(lines)
        body = join_lines([ln.text for ln in lines[start + 1 : end]])
        spans.append(SectionSpan(cands[k][1], cands[k][2], start, end, body))
    return spans
