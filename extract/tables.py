"""Financial tables: find them, read their header, assemble rows, classify rows.

The chain of pure steps is
    lines_to_regions -> region_to_header -> (text) lines_to_raw_rows | (pdf) layout.words_to_raw_rows
    -> placement.place_values (text dumps only) -> raw_rows_to_table_rows.
A text dump has lost its columns, so its rows carry unplaced numbers that `placement` puts under years; a PDF's
rows are placed by the x position of each number under its year column.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import regex

from extract.arithmetic import rounding_slack
from extract.flattening import RowStyle, row_style
from extract.header_years import YEAR, HeaderYear, header_year_tokens, is_yearish, read_header_years
from extract.patterns import AREAS, FIELD_LABELS, GROUP_HEADINGS, TOTAL_LABELS
from extract.records import Cell, Provenance, Table, TableRow
from extract.settings import DEFAULT, TextSettings
from parsers.numbers import parse_number
from parsers.records import Line, Word
from parsers.sections import SectionSpan
from parsers.split import header_kind
from parsers.text import join_lines, normalize_space

CAPTION = regex.compile(r"^\s*Tabel\s*(?P<num>\d{1,2})\s*[.:]?\s*(?P<cap>.*?)\s*$")
BUDGET_CAPTION = regex.compile(r"^\s*(?P<cap>Budget\s*[-–]\s*.+?)\s*$")
UNIT = regex.compile(r"\b1\.?000\s*kr\.?", regex.IGNORECASE)
# "2022 p/l" / "(2016 p/l.)"; a bare "p/l" followed by years is a blank price level before the year columns
# OCR reads the "l" of "p/l" as "1l", "1", "I" or "|" (a scanned thin stroke): one place for what "p/l" may read as
PL = r"p/[l1iI|]{1,2}"  # lower-cased by some callers: i for I
PRICE_LEVEL = regex.compile(rf"(?P<y1>(?:19|20)\d\d)\s*{PL}", regex.IGNORECASE)
TOTAL_COLUMN = regex.compile(r"^(i\s*alt|total)$", regex.IGNORECASE)
OCR_TOTAL_HEADER = r"(?<!\S)[iIl|1]\s*alt|Total"  # OCR reads the I of the "I alt" column as l, | or 1
TOTAL_RE = [regex.compile(p, regex.IGNORECASE) for p in TOTAL_LABELS]
GRAND_TOTAL = regex.compile(r"^samlet\s+økonomisk", regex.IGNORECASE)
GRAND_TOTAL_LABEL = "Samlet økonomisk påvirkning"
AREA_BY_LOWER = {a.casefold(): a for a in AREAS}
GROUP_BY_LOWER = {g.casefold(): g for g in GROUP_HEADINGS}


def is_group_heading(label: str) -> bool:
    """A block heading ("Varige ændringer"); written with its capital, unlike a wrapped label's tail."""
    return label[:1].isupper() and label.casefold() in GROUP_BY_LOWER
# the end of a table's body: a note or source under it, the next table's caption, or a form field's label (a dump
# in reading order may write the proposal's header fields after its first table: "Forslagets titel:")
END_LINE = regex.compile(
    r"^\s*(Tilbagebetalingstid|Note\b|Note til|\*|Kilde|Anm\.|Tabel\s*\d|Der\s+(ønskes|søges)|Forbereder\b"
    rf"|{FIELD_LABELS['title']}|{FIELD_LABELS['summary']})"
)
MAX_BODY_LINES = 80
NUMBERED_HEADING = regex.compile(r"^\d{1,2}\.\s+\p{Lu}")  # "4. Implementering af forslaget": below the table
LABEL_DASHES = ("–", "—")  # dashes a label joins its parts with; a zero cell is printed "-"
MARK_ONLY = regex.compile(r"^\s*[xX☒☑]\s*$")
EMPTY_ROW_TRAILING = 3  # trailing spaces that stand for a row's empty cells in a text dump
PROSE_WORDS = 9
# a sentence ends and the next begins: prose, never a label. An abbreviation's full stop ("inkl. Support", "ca.
# Halvdelen") ends no sentence: labels use them
ABBREVIATIONS = ("inkl", "ekskl", "evt", "ca", "jf", "fx", "nr", "kr", "mv", "mm", "pkt", "vedr", "iht", "bl.a",
                 "m.m", "o.l", "dvs", "etc")
SENTENCE_ON = regex.compile(
    rf"\p{{Ll}}(?<!(?<![\p{{L}}.])(?i:{'|'.join(regex.escape(a) for a in ABBREVIATIONS)}))\.\s+\p{{Lu}}")
AREA_HEAD = "styringsområde"
AREA_HEAD_START = regex.compile(r"\s*Styring")  # the area column's head, wrapped anywhere after these letters


@dataclass(slots=True)
class TableRegion:
    number: int | None
    caption: str | None
    start: int  # index of the caption's (last) line in the document's lines; a wrapped caption's first line above
    end: int  # exclusive
    caption_line: Line | None = None
    # lines of the header (unit, price level) standing apart from the body: regions_given_their_bodies
    header_lines: list[Line] = field(default_factory=list)
    # the body was given to the caption by the reading order's evidence alone (regions_given_their_bodies): a
    # label read after its figures may belong across the boundary, so its figures are stored flagged
    body_moved: bool = False
    # lines [start, end) that hold the region's body though the dump wrote them after the next section's heading
    # (rule `body-after-heading`, extract/column_figures.py); they stay where they are
    body_after: tuple[int, int] | None = None
    # the right part of the header ("2027" / "2028" / "I alt") that the dump wrote after the table above, before
    # this caption (rule `header-tail-before-caption`, header_tails_before_captions)
    header_tail: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class TableHeader:
    years: list[int]
    unit: str | None
    price_level: int | None
    has_area: bool
    has_total_column: bool
    body_start: int  # index of the first body line
    year_words: list[Word] = field(default_factory=list)  # PDF: the header's year words, for column positions
    total_word: Word | None = None
    area_word: Word | None = None
    # each year column as its header reads ('2O23' read as 2023, ...): parallel to `years`
    columns: list[HeaderYear] = field(default_factory=list)
    # ids of body lines that are header cells written among the figures (rule `header-tail-in-body`): no row's
    # figures, no label
    cells_in_body: frozenset[int] = frozenset()
    # a dump that keeps the page's columns (pdftotext -layout): where each column's head ends on the header line,
    # a character offset per year (and "I alt"); None otherwise (extract/column_offsets.py)
    column_ends: list[int] | None = None


@dataclass(slots=True)
class Token:
    text: str
    line: Line
    word: Word | None = None
    end: int | None = None  # text dumps: the character offset where the figure ends on its line


@dataclass(slots=True)
class RawRow:
    """A row before its numbers are placed: label pieces, an area, and numbers in reading order."""

    label_parts: list[str]
    lines: list[Line]
    area: str | None = None
    numbers: list[Token] = field(default_factory=list)
    placed: dict[str, Token] | None = None  # key -> token, when positions told us (PDF) or placement decided
    inferred_by: str | None = None
    leading_gap: int = 0  # text dumps: empty cells suggested by runs of spaces before the first number
    trailing_gap: int = 0
    label_inferred_by: str | None = None
    # key -> the other keys its figure could stand under: placement's evidence did not decide (stored flagged)
    uncertain: dict[str, list[str]] = field(default_factory=dict)
    # the reading order the row was rebuilt from is one of several the arithmetic does not tell apart
    order_doubt: bool = False
    # the label joins lines that could each start a label of their own (rule `label-lines-undecided`): the
    # figures may be the last line's only, the lines above a block's name; stored flagged
    label_doubt: bool = False
    # the year keys of the row's figures, in order, as a rebuilt reading order gave them (cell_per_line's row
    # readings, chosen by the table's arithmetic): placement keeps them
    keys_read: list[str] | None = None
    # keys whose figure the rebuilt reading did not decide: another reading the arithmetic allows puts another
    # figure there (extract/column_figures.py); placement stores them flagged
    keys_in_doubt: set[str] = field(default_factory=set)
    # read after the table's header written again inside its body (a unit line, the years): a page break, or
    # another table's body that the dump wrote before its caption (see flag_unconfirmed_assembly)
    after_header_again: bool = False
    # figures the row may not own: another sharing of the figures that the totals allow gives them to another row
    # (extract/later_row_cells.py); placement stores them flagged
    figures_in_doubt: list[Token] = field(default_factory=list)
    # the row's figures by key under each reading of its table's text boxes that the arithmetic left open (the
    # same index, the same reading, in every row): the document's other tables may choose (extract/repeat_readings)
    readings: list[dict[str, Token]] | None = None

    @property
    def label(self) -> str:
        return join_lines(self.label_parts)

    @property
    def is_heading(self) -> bool:
        """A block's heading ("Varige ændringer"): a row without figures that heads the rows below it."""
        return not self.numbers and is_group_heading(self.label)

    def flag(self, keys: Iterable[str] | None = None) -> None:
        """Store the row's placed figures under `keys` (default: all of them) as undecided; candidates already
        named for a figure stay."""
        for key in (self.placed or {}) if keys is None else keys:
            if key in (self.placed or {}):
                self.uncertain.setdefault(key, [])


# ---------------------------------------------------------------- regions


def caption_above(lines: list[Line], region: TableRegion) -> bool:
    """Whether the region's caption was wrapped: its first line (`caption_line`) stands above the region's first
    line, the caption's last."""
    return region.start > 0 and region.caption_line is not None and lines[region.start - 1] is region.caption_line


def region_indices(region: TableRegion) -> list[int]:
    """The indices of the region's lines, its body written after the next section's heading (`body_after`) with
    them."""
    after = range(*region.body_after) if region.body_after else range(0)
    return [*range(region.start, region.end), *after]


def region_lines(lines: list[Line], region: TableRegion) -> list[Line]:
    """The region's lines, its body written after the next section's heading with them."""
    return [lines[i] for i in region_indices(region)]


def _is_year_line(line: Line) -> bool:
    toks = line.text.split()
    return sum(1 for t in toks if YEAR.match(t)) >= 1 and not any(
        parse_number(t) is not None and not YEAR.match(t) for t in toks if t not in ("1.000", "1000")
    )


def _header_follows(lines: list[Line], i: int, within: int = 8) -> bool:
    """A unit, a price level or a run of year columns (possibly wrapped over lines) follows line i."""
    seen = 0
    years = 0
    for ln in lines[i + 1 :]:
        if ln.is_blank:
            continue
        seen += 1
        years += sum(1 for t in ln.text.split() if YEAR.match(t.strip("()")))
        if UNIT.search(ln.text) or PRICE_LEVEL.search(ln.text) or _years_in(ln) or years >= 2:
            return True
        if seen >= within:
            return False
    return False


# lines with words between a caption that is no "Tabel N." (a budget table's, or the economy section's heading
# standing for Tabel 1) and its header: the caption wrapped onto a second line, the column heads ("Udgiftspost",
# "Styringsom" / "råde") and the years a cell per line (pdftotext's reading order) put the second year five lines
# down
HEADER_WITHIN = 5
DISPLACED_WITHIN = 60  # lines after a caption where a displaced table's header may stand


def _displaced_header(lines: list[Line], i: int) -> int | None:
    """Index of a table header (a unit/price line, or a line of consecutive column years) that stands further
    after a caption than `_header_follows` looks, before any other caption; None if there is none. Lone figures
    between do not count towards `DISPLACED_WITHIN`: pdfminer may write a caption before the figures of the
    table above it (rule `caption-before-figures`), however many they are."""
    counted = 0
    for j in range(i + 1, len(lines)):
        text = lines[j].text
        if not (lines[j].is_blank or (parse_number(lines[j].stripped) is not None
                                      and not any(ch.isalpha() for ch in text))):
            counted += 1
        if counted > DISPLACED_WITHIN:
            return None
        if CAPTION.match(text):
            return None
        years = [int(t.strip("()")) for t in PRICE_LEVEL.sub(" ", text).split() if YEAR.match(t.strip("()"))]
        consecutive = len(years) >= 2 and years == list(range(years[0], years[0] + len(years)))
        unit = bool(UNIT.search(text) or PRICE_LEVEL.search(text))
        if (is_unit_line(text) or ((unit or consecutive) and _is_year_line(lines[j]))) and _header_follows(
                lines, j - 1):
            return j
    return None


def _years_in(line: Line) -> list[int]:
    toks = [t.strip("()") for t in line.text.split()]
    years = [int(t) for t in toks if YEAR.match(t)]
    return years if len(years) >= 2 else []


def lines_to_regions(lines: list[Line], sections: list[SectionSpan], kind: str) -> list[TableRegion]:
    starts: list[TableRegion] = []
    section_starts = {s.start for s in sections}
    has_tabel1 = any((m := CAPTION.match(ln.text)) and m["num"] == "1" for ln in lines)
    for i, line in enumerate(lines):
        m = CAPTION.match(line.text)
        h = _displaced_header(lines, i) if m else None
        displaced = h is not None and any(i < s < h for s in section_starts)
        if m and _header_follows(lines, i) and not displaced:
            starts.append(TableRegion(int(m["num"]), normalize_space(m["cap"]) or None, i, i, line))
            continue
        if m and h is not None:
            # the flattening put the table after the first paragraph of the next section (caption, prose, then
            # the header and rows): the region starts just before its header, the caption stays the caption
            starts.append(TableRegion(int(m["num"]), normalize_space(m["cap"]) or None, h - 1, h - 1, line))
            continue
        if i in section_starts and not has_tabel1 and _header_follows(lines, i, within=HEADER_WITHIN):
            sec = next(s for s in sections if s.start == i)
            if sec.number == 1 and "økonomi" in sec.heading.casefold():
                starts.append(TableRegion(1, sec.heading, i, i, line))
                continue
        m = BUDGET_CAPTION.match(line.text)
        if m and (_header_follows(lines, i, within=HEADER_WITHIN) or _years_after_labels(lines, i)):
            caption, last = _wrapped_caption(lines, i, m["cap"])
            # the table's body starts after the caption's last line: a wrapped caption's second line is no row
            starts.append(TableRegion(None, caption, last, last, line))
    if kind == "overview":
        starts.extend(_overview_blocks(lines))
        starts.sort(key=lambda r: r.start)
    # a table above ends where the next caption's first line stands (a wrapped caption's region starts lower)
    stops = sorted({s.start for s in sections} | {r.start - caption_above(lines, r) for r in starts} | {len(lines)})
    for r in starts:
        r.end = min(_limit_end(lines, r.start, MAX_BODY_LINES + 10), min(s for s in stops if s > r.start))
    return starts


LABELS_BEFORE_YEARS = 15  # lines with words a text-box dump may write between a caption and its years


def _years_after_labels(lines: list[Line], i: int) -> bool:
    """A text-box dump (pdfminer) writes a table's label cells first, then its header: a year on a line of its own
    follows the caption within `LABELS_BEFORE_YEARS` lines, before any caption, section heading or sentence."""
    seen = 0
    for ln in lines[i + 1 :]:
        if ln.is_blank:
            continue
        if YEAR.match(ln.stripped):
            return True
        seen += 1
        if (seen > LABELS_BEFORE_YEARS or CAPTION.match(ln.text) or SENTENCE_ON.search(ln.text)
                or NUMBERED_HEADING.match(ln.stripped)):
            return False
    return False


def _wrapped_caption(lines: list[Line], i: int, caption: str) -> tuple[str, int]:
    """A caption that ends in a word no caption ends in ("... i Sundheds- og") goes on on the next line: the PDF
    wrapped it there. Returns the caption and the index of its last line."""
    caption = normalize_space(caption)
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if WRAP_TAIL.search(caption) and nxt is not None and not nxt.is_blank and not _is_year_line(nxt):
        return f"{caption} {normalize_space(nxt.text)}", i + 1
    return caption, i


def _lone_year_runs(lines: list[Line], start: int, end: int) -> list[int]:
    """Where a run of two or more consecutive years, each a line of its own, begins between start and end."""
    runs: list[int] = []
    i = start
    while i < end:
        if YEAR.match(lines[i].stripped):
            j, years = i, []
            while j < end and (lines[j].is_blank or YEAR.match(lines[j].stripped)):
                if not lines[j].is_blank:
                    y = int(lines[j].stripped)
                    if years and y != years[-1] + 1:
                        break
                    years.append(y)
                j += 1
            if len(years) >= 2:
                runs.append(i)
            i = max(j, i + 1)
        else:
            i += 1
    return runs


def is_caption_line(text: str) -> bool:
    """A table's caption: a numbered one ("Tabel 4. ...") or a budget table's ("Budget - <title>")."""
    return bool(CAPTION.match(text) or BUDGET_CAPTION.match(text))


def _has_figures(lines: list[Line], region: TableRegion) -> bool:
    """Figures in the region below its caption (a caption's own number, "Tabel 4.", is none, nor a budget
    caption's dash, "Budget - ...")."""
    return any(parse_number(t) is not None and not YEAR.match(t) for ln in lines[region.start + 1 : region.end]
               if not is_caption_line(ln.text)
               for t in PRICE_LEVEL.sub(" ", UNIT.sub(" ", ln.text)).split())


def regions_given_their_bodies(lines: list[Line], regions: list[TableRegion]) -> list[TableRegion]:
    """Rule `captions-after-bodies` (pdftotext's reading order, a cell per line): the bodies of consecutive tables
    come one after another, each under its year headers on lines of their own, and the captions of the later
    tables (with their unit) only after them, with nothing below. The first region then holds several runs of
    header years; when the captions that follow it without a figure are exactly as many as its extra runs, each
    extra run and the rows below it go to them, in order, the caption's unit and price level with them. A label
    that such a dump writes after its row's figures may then have crossed into the next body: the bodies given
    away are marked `body_moved`, and their figures are stored flagged."""
    out = list(regions)
    i = 0
    while i < len(out):
        r = out[i]
        # a run of years at a page's top is the table's header written again over the page break
        extra = [at for at in _lone_year_runs(lines, r.start + 1, r.end)[1:] if not _header_at_page_top(lines, at)]
        captions, taken = _captions_without_bodies(lines, out, i)
        # each body given to a caption has its table's unit line, above its years or under the caption; two runs
        # of the same years without one are a header written again (over a page break)
        # (a budget table has no unit line: its amounts carry theirs, "380.000 kr.")
        if not extra or len(extra) != len(captions) or any(not lines[at - 1].is_blank for at in extra) or not all(
                _unit_line_above(lines, at) is not None or _unit_line_below(lines, c.start) or c.number is None
                for at, c in zip(extra, captions, strict=True)):
            i += 1
            continue
        # each body given away runs from the blank line over its years (the region's first line, the caption's
        # place) to the next body's unit line, when one stands over its years, or its blank line; the unit line
        # goes with the caption's header, unless the caption has one of its own
        units = [_unit_line_above(lines, at) for at in extra]
        ends = [at - 1 if u is None else u for at, u in zip(extra, units, strict=True)]
        ends.append(min(r.end, captions[0].start))
        out[i] = TableRegion(r.number, r.caption, r.start, ends[0], r.caption_line, r.header_lines)
        after = [c.start for c in captions[1:]] + [captions[-1].end]
        moved = [TableRegion(c.number, c.caption, extra[k] - 1, ends[k + 1], c.caption_line,
                             # the lines under the caption, then the unit line over the body's years
                             lines[c.start + 1 : min(c.end, after[k])] + lines[ends[k] : ends[k] + 1],
                             body_moved=True)
                 for k, c in enumerate(captions)]
        out[i + 1 : i + 1 + taken] = moved
        i += 1 + len(moved)
    return out


PAGE_TOP_LINES = 2  # lines with words a page may hold above a table's header repeated there (unit, running header)


def _header_at_page_top(lines: list[Line], at: int) -> bool:
    """The run of years at line `at` opens a page of a dump with pages, under at most `PAGE_TOP_LINES` lines of
    words without figures (its unit line, a running header): a table's header written again after a page break,
    not the next table's body."""
    page = lines[at].page
    if page is None or at == 0:
        return False
    above = []
    for j in range(at - 1, -1, -1):
        if lines[j].page != page:
            break
        if not lines[j].is_blank:
            above.append(lines[j])
    else:
        return False
    return len(above) <= PAGE_TOP_LINES and all(
        is_unit_line(ln.text) or not any(ch.isdigit() for ch in ln.text) for ln in above)


def _captions_without_bodies(lines: list[Line], regions: list[TableRegion], i: int) -> tuple[list[TableRegion], int]:
    """The captions after region i's last figure that have no figures of their own: those written at the end of
    region i and the following regions without figures, with the captions written at their ends; and how many of
    `regions` they take."""
    found = _trailing_captions(lines, regions[i])
    taken = 0
    for nxt in regions[i + 1 :]:
        if nxt.number is None or _has_figures(lines, nxt):
            break
        found += [nxt, *_trailing_captions(lines, nxt)]
        taken += 1
    return found, taken


def _unit_line_above(lines: list[Line], at: int) -> int | None:
    """The index of the last line with words before line `at` when it is a unit line ("1.000 kr. 2023 p/l", a
    table's own header); else None."""
    above = next((j for j in range(at - 1, -1, -1) if not lines[j].is_blank), None)
    return above if above is not None and is_unit_line(lines[above].text) else None


def _unit_line_below(lines: list[Line], at: int) -> list[Line]:
    """The first line with words after line `at` when it is a unit line, as a list of it; else []."""
    below = next((ln for ln in lines[at + 1 :] if not ln.is_blank), None)
    return [below] if below is not None and is_unit_line(below.text) else []


def _trailing_captions(lines: list[Line], region: TableRegion) -> list[TableRegion]:
    """Captions after the last figure of a region, with nothing after them but prose (a note under the table) and
    each other: the captions of the tables whose bodies came first (rule `captions-after-bodies`). No header
    follows them, so they start no region of their own."""
    found: list[TableRegion] = []
    end = region.end
    for j in range(region.end - 1, region.start, -1):
        ln = lines[j]
        if m := CAPTION.match(ln.text):
            # each caption's lines run to the next caption (or the region's end): the label cells the dump wrote
            # under it stand there (`labels_under_caption`)
            found.append(TableRegion(int(m["num"]), normalize_space(m["cap"]) or None, j, end, ln))
            end = j
        elif b := BUDGET_CAPTION.match(ln.text):
            found.append(TableRegion(None, normalize_space(b["cap"]), j, end, ln))  # a budget table's caption
            end = j
        elif not is_unit_line(ln.text) and (YEAR.match(ln.stripped)
                                            or any(parse_number(t) is not None for t in ln.text.split())):
            break
    return found[::-1]


def _limit_end(lines: list[Line], start: int, max_lines: int) -> int:
    """The end of a region that no section or table closes: `max_lines` lines with words after its start.

    Lines of figures only do not count: a dump that puts each cell on its own line (pdftotext's reading order)
    spends a line per figure, and blank lines between them."""
    seen = 0
    for i in range(start, len(lines)):
        text = lines[i].text
        if text.strip() and any(ch.isalpha() for ch in text):
            seen += 1
            if seen > max_lines:
                return i
    return len(lines)


# an overview's column headers, which a dump may put on lines of their own or beside the years
# ("Omprioriteringsforslag" / "Styrings-" / "område 2016 2017 ..."): never a block's name. The label column's head
# names the proposals in whatever compound the template uses ("Forslag", "Investeringsforslag", ...); a proposal's
# own label ("Investeringsforslag: Ny løsning ...") goes on after a colon, so it is no header word
COLUMN_HEADER_WORDS = regex.compile(r"\b(\w*forslag|Styrings\S*|område|råde|Udgiftspost)(?=\s|$)", regex.IGNORECASE)


def column_header_only(text: str) -> bool:
    """A line holding only column headers: the unit, a blank price level, "Styrings-"/"område" pieces."""
    return not COLUMN_HEADER_WORDS.sub(" ", regex.sub(rf"1\.?000 kr\.?|{PL}", " ", text)).strip()


def _overview_blocks(lines: list[Line]) -> list[TableRegion]:
    """An overview's blocks: a block name, then a header line of years (the label column header before them)."""
    blocks = []
    for i, line in enumerate(lines):
        years = _years_in(line)
        if not years:
            continue
        head = normalize_space(regex.sub(r"\b(19|20)\d\d\b", " ", line.text))
        head = normalize_space(COLUMN_HEADER_WORDS.sub(" ", regex.sub(rf"1\.?000 kr\.?|{PL}", " ", head)))
        prev = [j for j in range(max(0, i - 6), i) if not lines[j].is_blank]
        if head:
            blocks.append(TableRegion(None, head, i, i, line))
            continue
        name_at: list[int] = []
        for j in reversed(prev):
            last = lines[j].text.split()[-1:]
            if header_kind(lines[j]) or _years_in(lines[j]) or any(parse_number(t) is not None for t in last):
                if (name_at and header_kind(lines[j]) and WRAP_TAIL.search(lines[j].text)
                        and all(ln.is_blank for ln in lines[j + 1 : name_at[0]])):
                    del name_at[0]  # the overview's title wrapped onto it ("..., der" / "indstilles til ...")
                break
            if column_header_only(lines[j].text):
                if name_at:
                    break
                continue  # a column header on a line of its own, between the block name and the years
            name_at.insert(0, j)
            if not lines[j].text.startswith(" ") and len(name_at) > 1:
                break
        cap = join_lines([lines[j].text for j in name_at]) if name_at else None
        start = name_at[0] if name_at else i
        blocks.append(TableRegion(None, cap, start, i, lines[start]))
    return blocks


# ---------------------------------------------------------------- header


def region_to_header(lines: list[Line], region: TableRegion) -> TableHeader | None:
    years: list[int] = []
    columns: list[HeaderYear] = []
    year_words: list[Word] = []
    unit = price = None
    has_area = has_total = False
    total_word = area_word = None
    body_start = None
    for i in range(region.start, region.end):
        line = lines[i]
        text = line.text if i != region.start or region.number is None else CAPTION.sub("", line.text)
        if i == region.start and region.number is not None:
            text = ""
        if line.is_blank:
            continue
        if UNIT.search(text):
            unit = "1000 kr."
        pm = PRICE_LEVEL.search(text)
        if pm and price is None:
            price = int(pm["y1"])
        if regex.search(r"Styring", text):  # the header wraps anywhere: "Styrings-", "Styring" / "sområd" / "e"
            has_area = True
            if line.words:
                area_word = next((w for w in line.words if w.text.startswith("Styring")), None)
        # the price level's year and the unit's 1000 are no columns
        toks = UNIT.sub(" ", PRICE_LEVEL.sub(" ", text)).split()
        col_texts = header_year_tokens(toks)
        if col_texts:
            read = read_header_years(col_texts, years[-1] if years else None)
            # PDF: the words that head the columns, one per token read (else all year-like words, as they stand)
            col_words = _column_year_words(line.words) if line.words and text else []
            paired = len(col_words) == len(col_texts) == len(read)
            if col_words and not paired:
                year_words.extend(col_words)
            for hy, word in zip(read, col_words if paired else [None] * len(read), strict=True):
                # a header repeated (a page break) or a stray year does not add a column; a header that is no
                # plain year stands where it stands (extract/header_years.py)
                if not years or hy.year == years[-1] + 1 or hy.how != "read":
                    years.append(hy.year)
                    columns.append(hy)
                    if word is not None:
                        year_words.append(word)
            found = regex.findall(OCR_TOTAL_HEADER if line.ocr else r"i\s*alt|I\s*alt|Total", text)
            if any(TOTAL_COLUMN.match(regex.sub(r"^[l|1]", "i", t)) for t in found):
                has_total = True
                if line.words:
                    total_word = next((w for w in line.words if w.text.lower() == "alt"), None)
            body_start = i + 1
            continue
        if years:
            # the header ends at the first line that is not a wrapped header cell, or the label column's head
            # ("Udgiftspost"), which a dump in reading order (a cell per line) may write between the years
            if regex.match(r"^\s*(\(\d+ mdr\.?\)|i alt|råde|område|de|mråde|e|udgiftspost)\s*$", text,
                           regex.IGNORECASE):
                if regex.match(r"^\s*i alt\s*$", text, regex.IGNORECASE):
                    has_total = True
                body_start = i + 1
                continue
            if _label_between_years(lines, i, region.end, years[-1]):
                continue
            break
    if not years or body_start is None:
        return None
    # the header's right part, written before the caption or among the body's figures
    in_body = [] if region.header_tail else _header_tail_in_body(lines, body_start, region.end, years, has_total)
    for line in region.header_tail or in_body:
        if YEAR.match(line.stripped):
            years.append(int(line.stripped))
            columns.append(HeaderYear(int(line.stripped), line.stripped, "read"))
        else:
            has_total = True
    if unit is None or price is None:
        # a dump in reading order (a cell per line) may put the header's unit and price level after the rows, or
        # with the caption, apart from the body (region.header_lines)
        for line in [*lines[body_start : region.end], *region.header_lines]:
            if is_unit_line(line.text):
                unit = unit or ("1000 kr." if UNIT.search(line.text) else None)
                pm = PRICE_LEVEL.search(line.text)
                price = price or (int(pm["y1"]) if pm else None)
                break
    area_head = area_head_after_years(lines, body_start, region.end)
    return TableHeader(years, unit, price, has_area or bool(area_head), has_total, body_start, year_words, total_word,
                       area_word, columns, frozenset(id(ln) for ln in [*in_body, *area_head]))


def area_head_after_years(lines: list[Line], start: int, end: int) -> list[Line]:
    """Rule `area-head-after-years`: a text-box dump (pdfminer) may write the area column's head after the
    years, wrapped anywhere ("Styring" / "sområd" / "e"): the first lines of the body that join up into
    "Styringsområde" are that header cell, no row's label. [] when the body does not start so."""
    texts: list[Line] = []
    joined = ""
    for ln in lines[start:end]:
        if ln.is_blank:
            continue
        joined += regex.sub(r"[\s\-‐]", "", ln.stripped).casefold()
        texts.append(ln)
        if joined == AREA_HEAD:
            return texts
        if not AREA_HEAD.startswith(joined):
            return []
    return []


def _tail_cells(lines: list[Line]) -> tuple[list[Line], list[int]] | None:
    """Lines (blank ones aside) that are each a lone year or a lone "I alt", the years consecutive: the lines
    and their years; None when another line is among them or no year is."""
    cells = [ln for ln in lines if not ln.is_blank]
    years = [int(ln.stripped) for ln in cells if YEAR.match(ln.stripped)]
    if not years or any(not YEAR.match(ln.stripped) and not TOTAL_COLUMN.match(ln.stripped) for ln in cells):
        return None
    if any(b != a + 1 for a, b in zip(years, years[1:], strict=False)):
        return None
    return cells, years


def is_figure(text: str) -> bool:
    """A cell that is a lone figure ("-1.022", "0", "-"), no word among it."""
    return parse_number(text.strip()) is not None and not any(ch.isalpha() for ch in text)


def _figure_runs(lines: list[Line]) -> list[int]:
    """The lengths of the runs of lone-figure lines (a cell per line) among non-blank lines."""
    runs = [0]
    for ln in lines:
        if is_figure(ln.stripped):
            runs[-1] += 1
        elif runs[-1]:
            runs.append(0)
    return [n for n in runs if n]


def _header_tail_in_body(lines: list[Line], start: int, end: int, years: list[int], has_total: bool) -> list[Line]:
    """Rule `header-tail-in-body` (pdftotext, a cell per line): the header's right part written among the body's
    figures ("2025" / "2026" / "Hardware" / "2.500" / "2.750" / "2027" / "2028" / "5.250" / "I alt"): lone
    years that go on from the header's last year, two or more in a row, or one with a lone "I alt" after it.
    They and that "I alt" head columns; they are neither figures nor a label. A figure of four digits is
    written with its thousands dot ("2.027"), so a bare year is no figure. Rule `header-year-in-body`: one such
    year alone, between a row's figures and the next label, heads a column too when the rows after it are
    written with one figure more than the header's columns at most, and some with just that many ("2021" /
    "2022" / "Systemejer" / "1" / "0,5" / "2023" / "Projektleder" / "1" / "1" / "0,5"); a lone year with a
    figure after it may be a figure, and is kept as one."""
    body = [ln for ln in lines[start:end] if not ln.is_blank]
    for i, line in enumerate(body):
        if not (YEAR.match(line.stripped) and int(line.stripped) == years[-1] + 1):
            continue
        j = i
        while j + 1 < len(body) and YEAR.match(body[j + 1].stripped) and int(body[j + 1].stripped) == int(
                body[j].stripped) + 1:
            j += 1
        total = next((ln for ln in body[j + 1 :] if TOTAL_COLUMN.match(ln.stripped)), None)
        if j > i or (total is not None and body[j + 1] is total):
            return body[i : j + 1] + ([total] if total is not None else [])
        if (0 < i < len(body) - 1 and is_figure(body[i - 1].stripped) and not is_figure(body[i + 1].stripped)
                and max(_figure_runs(body[i + 1 :]), default=0) == len(years) + (1 if has_total else 0) + 1):
            return [line]
        return []
    return []


def header_tails_before_captions(lines: list[Line], regions: list[TableRegion]) -> list[TableRegion]:
    """Rule `header-tail-before-caption` (pdftotext's reading order, a cell per line): the right part of a
    table's header ("2027" / "2028" / "I alt") written after the body of the table above, before its own caption,
    whose header then stops short ("2025" / "2026"). The lone year and "I alt" lines that end a table, with no
    figure after them, go to the next table's header when their years go on from its last one; the table above
    ends before them."""
    out = list(regions)
    for k in range(len(out) - 1):
        above, below = out[k], out[k + 1]
        if above.end != below.start:
            continue
        t = above.end
        while t > above.start + 1 and (lines[t - 1].is_blank or YEAR.match(lines[t - 1].stripped)
                                       or TOTAL_COLUMN.match(lines[t - 1].stripped)):
            t -= 1
        found = _tail_cells(lines[t : above.end])
        if found is None:
            continue
        cells, years = found
        header = region_to_header(lines, below)
        if header is None or header.has_total_column or years[0] != header.years[-1] + 1:
            continue
        out[k] = replace(above, end=t)
        out[k + 1] = replace(below, header_tail=cells)
    return out


def _label_between_years(lines: list[Line], i: int, end: int, last_year: int) -> bool:
    """Rule `label-between-years` (pdftotext, a cell per line): the first row's label cell written among the
    header's year cells ("2016" / "Hardware" / "2017" / "I alt"): a line without figures whose next line with
    words is the year after the last one read, alone. The header goes on after it (labels_before_header gives the
    label to its row)."""
    if _is_year_line(lines[i]) or any(parse_number(t) is not None for t in lines[i].text.split()):
        return False
    nxt = next((ln for ln in lines[i + 1 : end] if not ln.is_blank), None)
    return nxt is not None and nxt.stripped == str(last_year + 1)


def is_unit_line(text: str) -> bool:
    """A line of the header's unit and price level alone ("1.000 kr. 2022 p/l"): no figures, no label."""
    if not (UNIT.search(text) or PRICE_LEVEL.search(text)):
        return False
    return not regex.sub(PL, " ", PRICE_LEVEL.sub(" ", UNIT.sub(" ", text))).strip(" ().\t")


def _column_year_words(words: list[Word]) -> list[Word]:
    """Words of a header line that may head year columns (extract/header_years.is_yearish): not the year that
    states the price level ("2016 p/l"), not the unit's 1000."""
    def text(i: int) -> str:
        return words[i].text.lower() if 0 <= i < len(words) else ""

    return [w for i, w in enumerate(words) if is_yearish(w.text.strip("()"))
            and not regex.match(PL, text(i + 1)) and not text(i + 1).startswith("kr")]


# ---------------------------------------------------------------- rows from a text dump


def _split_numbers(line: Line) -> tuple[str, list[Token], int, int]:
    """Split a text line into its label text and the trailing run of number tokens."""
    text = line.text.rstrip("\n")
    # a figure may carry its unit as a word of its own ("209.000 kr."): the unit joins the figure
    toks = list(regex.finditer(r"-?\d[\d.,]*\s+kr\.?(?=\s|$)|\S+", text))
    while len(toks) >= 2 and MARK_ONLY.match(toks[-1].group()) and parse_number(toks[-2].group()) is not None:
        toks.pop()  # a tick-mark column printed after the figures
    k = len(toks)
    while k > 0 and (parse_number(toks[k - 1].group()) is not None):
        k -= 1
    # a label ending in a number word ("Projektledelse 1½ mdr", "fase 2") keeps it when followed by a unit word
    nums = toks[k:]
    label_end = toks[k - 1].end() if k > 0 else 0
    label = text[:label_end]
    leading = (nums[0].start() - label_end) if nums and k > 0 else 0
    trailing = len(text) - (nums[-1].end() if nums else len(text.rstrip()))
    return label, [Token(m.group(), line, end=m.end()) for m in nums], leading, trailing


# words a label line can break after and go on below: joining words, articles, an open bracket, a colon, a hyphen
WRAP_WORDS = "og|i|af|til|for|med|på|om|ved|fra|inkl\\.?|el\\.?|samt|eller|den|det|de|en|et|der|som"
WRAP_TAIL = regex.compile(rf"([-–,:/(&]|\b({WRAP_WORDS}))\s*$", regex.IGNORECASE)


def starts_own_label(above: str, label: str) -> bool:
    """Whether a figures line's label starts a label of its own rather than continuing the line above.

    A wrapped label goes on in lower case or after a line that breaks mid-phrase ("Interne udgifter (pro-" /
    "ceskonsulenter"; "... KIT el." / "ekstern"); a new label starts with a capital, after a line that reads
    as complete. An area word alone ("Anlæg") is the area cell, not a label.
    """
    words = label.split()
    if not words or not words[0][:1].isupper() or normalize_space(label).casefold() in AREA_BY_LOWER:
        return False
    if is_group_heading(normalize_space(label)):
        return True  # a block's heading ("Implementeringsomkostninger") is a row of its own, even after a total
    if len(words[0]) > 1 and words[0].isupper():
        return False  # an acronym ("KIT el. ekstern") goes on a label as often as it starts one
    text = normalize_space(above)
    soft_wrap = above != above.rstrip()  # a bare dump keeps the space where the tool wrapped a cell's line
    return bool(text) and not soft_wrap and not WRAP_TAIL.search(text) and not is_total_label(text)


def _label_start(texts: list[str], own_label: bool) -> int:
    """Index of the line where the last label of these lines starts (0: they are all one label).

    `own_label`: the last text is the label written on the figures line. Lines above a figures line that has no
    label of its own split only where a total's label starts ("Uden for målsætning" / "Varige ændringer totalt,"
    / "administration" / figures): a capital alone is too weak there (a wrapped name: "... i Den Sociale" /
    "Hjemmepleje").
    """
    for k in range(len(texts) - 1, 0, -1):
        if not starts_own_label(texts[k - 1], texts[k]):
            continue
        if (own_label and k == len(texts) - 1) or is_total_label(join_lines(texts[k:])):
            return k
    return 0


def _repeats_header(line: Line, header: TableHeader) -> bool:
    """A line of the table's own year columns (with its unit and price level) in the body."""
    years = [int(t.strip("()")) for t in PRICE_LEVEL.sub(" ", line.text).split() if YEAR.match(t.strip("()"))]
    return len(years) >= 2 and years == header.years[: len(years)] and _is_year_line(line)


def _area_from_wrapped(parts: list[str]) -> tuple[str | None, list[str]]:
    """An area cell that wrapped into pieces of its own ("Innovationspul" / "jen") under a label's lines, or that
    starts after the label on its line and wraps at its slash ("Anlæg/drift Anlæg/" / "drift")."""
    tokens = " ".join(parts).split()
    if len(tokens) > 2:
        joined = "".join(tokens[-2:]).casefold()
        if joined in AREA_BY_LOWER and tokens[-2].endswith(("/", "-")):
            return AREA_BY_LOWER[joined], [" ".join(tokens[:-2])]
    for n in (2, 1):
        if len(parts) > n:
            joined = "".join(p.strip().rstrip("-") for p in parts[-n:]).casefold()
            if joined in AREA_BY_LOWER:
                return AREA_BY_LOWER[joined], parts[:-n]
    return None, parts


def _page_top_before_header(pending: list[Line], line: Line, rows: list[RawRow]) -> bool:
    """Rule `page-top-before-header`: lines without figures waiting when the table's header is written again on a
    new page, all of them on that page and above it, are the page's running header ("Københavns Kommune", which
    a short document shows on too few pages to be found by repetition), not a label."""
    return bool(pending) and line.page is not None and bool(rows) and all(
        ln.page == line.page for ln in pending) and all(ln.page != line.page for ln in rows[-1].lines)


def _label_before_page_break(pending: list[Line], line: Line, rows: list[RawRow]) -> bool:
    """Label lines waiting when the header is written again on a new page, all of them on an earlier page, right
    after a row of figures without a label (rule `label-before-page-break`)."""
    return (bool(pending) and bool(rows) and bool(rows[-1].numbers) and not rows[-1].label.strip()
            and line.page is not None and all(ln.page is not None and ln.page < line.page for ln in pending))


def lines_to_raw_rows(lines: list[Line], header: TableHeader, end: int) -> list[RawRow]:
    rows: list[RawRow] = []
    pending: list[Line] = []
    ncols = len(header.years) + (1 if header.has_total_column else 0)
    style = row_style(lines[header.body_start : end])
    repeated = False  # the header written again in the body: a page break, or another table's header
    repeat_at: int | None = None  # how many rows were read when the header was first written again
    header_years = _year_per_line_runs(lines[header.body_start : end], header.years)
    body_text = [ln for ln in lines[header.body_start : end] if not ln.is_blank]
    # a line whose next line goes on in lower case is wrapped ("Implementeringsomkostninger" / "i alt")
    wraps_on = {id(a) for a, b in zip(body_text, body_text[1:], strict=False) if b.stripped[:1].islower()}
    for line in lines[header.body_start : end]:
        if line.is_blank or id(line) in header.cells_in_body:
            continue
        if id(line) in header_years:
            repeated = True
            repeat_at = len(rows) if repeat_at is None else repeat_at
            continue
        if END_LINE.match(line.text):
            break
        if MARK_ONLY.match(line.text):
            continue  # a tick mark left on its own line by the flattening (Innovationspulje "x")
        if _repeats_header(line, header) or is_unit_line(line.text):
            repeated = True
            repeat_at = len(rows) if repeat_at is None else repeat_at
            if _page_top_before_header(pending, line, rows):
                pending = []
            elif _label_before_page_break(pending, line, rows):
                # rule `label-before-page-break` (a cell per line): a row's figures without a label, then label
                # lines, then the page breaks: pdftotext wrote the wrapped label after the figures (they stand
                # in the middle of its taller row), and the page's end closes the row
                rows[-1].label_parts = [ln.text for ln in pending]
                rows[-1].lines = rows[-1].lines + pending
                rows[-1].label_inferred_by = "label-before-page-break: a label written after its figures"
                pending = []
            continue  # a table that breaks across a page repeats its header row on the next page
        label, numbers, leading, trailing = _split_numbers(line)
        label_text = normalize_space(label)
        if not numbers:
            if len(label_text.split()) >= PROSE_WORDS and label_text.endswith((".", ":")):
                break
            if not pending and rows and rows[-1].numbers and (label_text[:1].islower() or label_text[:1] == "("):
                pending = _continues_below(rows, line, label_text, ncols)
                continue
            if is_group_heading(label_text) and not pending and id(line) not in wraps_on:
                rows.append(RawRow([label_text], [line]))
                continue
            pending.append(line)
            if trailing >= EMPTY_ROW_TRAILING:  # a run of empty cells closes the row
                rows.append(RawRow([ln.text for ln in pending], pending))
                pending = []
            continue
        if pending and rows and rows[-1].numbers and areas_only(label_text):
            pending = _name_ends_above_area_row(rows, pending, label_text, header)
        area = None
        words = label_text.split()
        if header.has_area and words and words[-1].casefold() in AREA_BY_LOWER:
            area = AREA_BY_LOWER[words[-1].casefold()]
            label_text = " ".join(words[:-1])
        if not label_text and not pending and rows and rows[-1].numbers and len(rows[-1].numbers) < ncols:
            rows[-1].numbers.extend(numbers)  # the row's values ran onto a second line
            rows[-1].lines.append(line)
            rows[-1].trailing_gap = trailing
            continue
        if not label_text and pending and (left := _labels_after_block(rows, pending)) is not None:
            pending = left
        if not label_text and pending and (left := _total_label_after_block(rows, pending)) is not None:
            pending = left
        if not label_text and len(pending) >= 2 and rows and rows[-1].numbers and not rows[-1].label.strip():
            # rule `label-after-figures` (a cell per line): figures without a label, then label lines, then more
            # figures: the lines up to where a label of its own starts are the label of the figures above
            k = next((k for k in range(1, len(pending)) if starts_own_label(pending[k - 1].text, pending[k].text)),
                     None)
            if k is not None:
                rows[-1].label_parts = [ln.text for ln in pending[:k]]
                rows[-1].lines = rows[-1].lines + pending[:k]
                rows[-1].label_inferred_by = "label-after-figures: a label written after its figures"
                pending = pending[k:]
        # rule `heading-first`: a block's heading on a line of its own before a label that starts with a capital
        # is a row of its own, not the label's first line (a cell-per-line dump leaves no spaces to close it)
        while pending and is_group_heading(normalize_space(pending[0].text)) and (
                pending[1].stripped[:1].isupper() if len(pending) > 1 else label_text[:1].isupper()):
            rows.append(RawRow([normalize_space(pending[0].text)], [pending[0]]))
            pending = pending[1:]
        texts = [ln.text for ln in pending] + ([label_text] if label_text else [])
        if header.has_area and area is None:
            texts = _area_from_wrapped(texts)[1]  # an area cell wrapped into pieces is not a label's start
        start = _label_start(texts, bool(label_text)) if style is RowStyle.BARE else 0
        # rule `label-lines-undecided`: lines above figures that have no label of their own are joined into one
        # label unless a total's label starts among them; where a capital after a complete line could start one
        # too ("E-tavler i Verahus" / "Innovationsproces ..." / "Projektledelse 6 mdr": two block names, then the
        # row's label), nothing says which lines are the row's, and its figures are stored flagged
        label_doubt = style is RowStyle.BARE and not label_text and start == 0 and any(
            starts_own_label(texts[k - 1], texts[k]) for k in range(1, len(texts)))
        if 0 < start <= len(pending):
            # a dump without trailing spaces: the lines without figures above this row's own label are a row
            # without figures (a block name such as "E-tavler i Verahus", possibly wrapped), not its first lines
            rows.append(RawRow([ln.text for ln in pending[:start]], pending[:start]))
            pending = pending[start:]
        parts = [ln.text for ln in pending] + ([label_text] if label_text else [])
        if not parts and rows and not rows[-1].numbers and not is_group_heading(rows[-1].label):
            # a long label wrapped over lines, padded so that a run of spaces seemed to close it as a row without
            # figures; its area and figures follow on a line of their own, after a blank line
            rows[-1].lines.append(line)
            rows[-1].area, rows[-1].numbers = area, numbers
            rows[-1].leading_gap, rows[-1].trailing_gap = leading, trailing
            continue
        if header.has_area and area is None:
            area, parts = _area_from_wrapped(parts)
        row = RawRow(parts, pending + [line], area, numbers, leading_gap=leading, trailing_gap=trailing,
                     label_doubt=label_doubt)
        rows.append(row)
        pending = []
    for ln in pending:  # label-only rows at the end (all cells empty)
        rows.append(RawRow([ln.text], [ln]))
    for r in rows[repeat_at:] if repeat_at is not None else []:
        r.after_header_again = True
    for r in rows:
        if _is_year_run([parse_number(t.text) for t in r.numbers], header.years):
            r.numbers = []  # the header's years repeated after a page break, a year per line (a cell per line)
            repeated = True
    rows = labels_after_table(labels_written_as_a_block(rows))
    return infer_missing_labels(rows if repeated else attach_trailing_total_label(rows))


def label_items(lines: list[Line]) -> list[list[Line]]:
    """Label lines without figures as the cells they were: a block's heading alone, every other label with its
    wrapped lines (a line in lower case, or after a line broken mid-phrase, goes on the one above). A table's
    caption among them (a text box dump may write the next table's caption with this one's labels) is none."""
    items: list[list[Line]] = []
    for ln in lines:
        text = normalize_space(ln.text)
        if CAPTION.match(text):
            continue
        if is_group_heading(text):
            items.append([ln])
            continue
        above = normalize_space(items[-1][-1].text) if items else ""
        # a line in parentheses goes on too: "(skøn)." / "(innovationspulje)" ends a label, never starts one
        if items and not is_heading_item(items[-1]) and (text[:1].islower() or text[:1] == "("
                                                          or WRAP_TAIL.search(above)):
            items[-1].append(ln)
        else:
            items.append([ln])
    return items


def is_heading_item(item: list[Line]) -> bool:
    """A label cell that is a block's heading ("Varige ændringer"): a row of its own, without figures."""
    return len(item) == 1 and is_group_heading(item[0].stripped)


@dataclass(slots=True)
class LabelCell:
    """A label cell written apart from its row's figures: its lines, and an area cell written after it."""

    label_lines: list[Line]
    heading: bool = False  # a block's heading: a row of its own
    area: str | None = None
    area_line: Line | None = None

    @property
    def lines(self) -> list[Line]:
        return self.label_lines + ([self.area_line] if self.area_line else [])


def total_after_rows(labels: list[str]) -> bool:
    """Rule `lone-area-after-total`: the labels read so far end with a total's, after a row of its own. The table's
    first area cell right after them may be the total's or a row's above (a table whose first row alone names its
    area, "Service", its total none; pdfminer and pdftotext may write the area column after the labels'), which
    no place in the order written tells apart: such an area is given to no row. After areas each in its row's
    turn, a total's in its turn is its own (the callers ask only before a table's first area)."""
    return len(labels) > 1 and is_total_label(labels[-1]) and not all(is_total_label(t) for t in labels[:-1])


def label_cells(lines: list[Line]) -> list[LabelCell]:
    """Label lines without figures as the cells they were (_label_items); a lone area cell ("Service") goes with
    the label before it, as its area. Rule `lone-area-after-total`: the first area cell, right after a total's
    label that follows rows of their own, may be the total's or a row's above (the tool wrote the area column
    after the labels): it goes with the total's cell as a line, as no row's area."""
    cells: list[LabelCell] = []
    for item in label_items(lines):
        text = normalize_space(item[0].text)
        if len(item) == 1 and areas_only(text):
            area = AREA_BY_LOWER[text.split()[-1].casefold()]
            if cells and not cells[-1].heading and cells[-1].area is None and cells[-1].label_lines:
                rows = [join_lines([ln.text for ln in c.label_lines]) for c in cells if c.label_lines and not c.heading]
                if total_after_rows(rows) and not any(c.area for c in cells):
                    area = None  # whose it is, nothing in the order written says
                cells[-1].area, cells[-1].area_line = area, item[0]
            else:
                cells.append(LabelCell([], area=area, area_line=item[0]))
            continue
        cells.append(LabelCell(item, heading=is_heading_item(item)))
    return cells


def _give_label(row: RawRow, cell: LabelCell, rule: str) -> None:
    if areas_only(row.label) and row.area is None:
        row.area = AREA_BY_LOWER[row.label.split()[-1].casefold()]
    row.area = row.area or cell.area
    row.label_parts = [ln.text for ln in cell.label_lines]
    row.lines = row.lines + cell.lines
    row.label_inferred_by = rule


def _unlabelled_tail(rows: list[RawRow]) -> int:
    """How many rows at the end have figures but no label (none, or only area cells: "Service")."""
    k = 0
    while k < len(rows) and rows[-1 - k].numbers and (not rows[-1 - k].label.strip()
                                                       or areas_only(rows[-1 - k].label)):
        k += 1
    return k


def _continues_below(rows: list[RawRow], line: Line, label_text: str, ncols: int) -> list[Line]:
    """Rule `label-continues-below`: a tool that writes a row's cells top-aligned (pdftotext -layout, pdfplumber)
    puts a wrapped label's first line beside the figures and the rest below; a line in lower case or opening a
    bracket ("(KIT/ekstern)") right after a row with figures goes on that row's label, as no label starts so.
    Updates `rows[-1]` (or takes it back) in place; returns the label lines left waiting for figures.

    - the area cell wrapped after its slash ("Anlæg/" / "drift") is the row's area, no label;
    - rule `dash-ends-wrapped-label`: "Faglige nøgleressourcer – 300 300" / "frikøb eller ...": the dash joins the
      label's two lines, no empty cell (a row with every column would prove it a cell, a short row does not, and
      read as a zero it shifts the row a column); a dash that was the row's only "figure" leaves its lines label
      lines still waiting for their figures (a cell per line writes them below: "Faglige ... –" / "frikøb ..." /
      "300" / "300"): one empty cell of many, alone on a label's line, is no row."""
    above = rows[-1]
    tail = above.label_parts[-1].split()
    if above.area is None and tail and f"{tail[-1]}{label_text}".casefold() in AREA_BY_LOWER:
        above.area = AREA_BY_LOWER[f"{tail[-1]}{label_text}".casefold()]
        above.label_parts[-1] = " ".join(tail[:-1])
        above.lines.append(line)
        return []
    first = above.numbers[0]
    if len(above.numbers) == 1 and first.text in (*LABEL_DASHES, "-") and ncols > 1 and above.area is None \
            and first.line is above.lines[-1]:
        rows.pop()
        return [*above.lines, line]
    if 1 < len(above.numbers) < ncols and first.text in LABEL_DASHES and first.line is above.lines[-1]:
        above.label_parts[-1] = f"{above.label_parts[-1].rstrip()} {first.text}"
        above.numbers = above.numbers[1:]
        above.leading_gap = 1
    above.label_parts.append(line.text)
    above.lines.append(line)
    return []


def _name_ends_above_area_row(rows: list[RawRow], pending: list[Line], label_text: str,
                              header: TableHeader) -> list[Line]:
    """Rule `label-continues-below`, at an area's own row ("Anlæg   Anlæg   500 600", an overview's investment under
    its proposal: the area as its label and in its column, or as its label in a table without an area column; an
    area cell alone before the figures of a table with that column ends a label written above it instead): such a
    row has no label lines of its own, so the lines between it and the row above with figures end that row's name
    ("... i Den Sociale" / "Hjemmepleje"), up to where they write that name again (a template that names the
    proposal over its area row too). Not a block heading's or a total's lines, nor after a total. Extends `rows[-1]`
    in place; returns the lines left for the area row."""
    if (len(label_text.split()) < 2 and header.has_area) or is_total_label(rows[-1].label) \
            or is_group_heading("".join(ln.stripped for ln in pending)) \
            or any(is_group_heading(normalize_space(ln.text)) or is_total_label(normalize_space(ln.text))
                   for ln in pending):
        return pending
    k = next((k for k in range(len(pending)) if _names_again(rows[-1].label, pending[k:])), len(pending))
    rows[-1].label_parts.extend(ln.text for ln in pending[:k])
    rows[-1].lines.extend(pending[:k])
    return pending[k:]


def _names_again(label: str, lines: list[Line]) -> bool:
    """The lines start as `label` does (its first three words): the row's name written again, not its end."""
    head = normalize_space(label).casefold().split()[:3]
    return bool(head) and join_lines([ln.text for ln in lines]).casefold().split()[: len(head)] == head


def areas_only(label: str) -> bool:
    """A "label" of area cells alone ("Service", "Service Service Anlæg"): the area column read apart from its
    labels (a cell per line), no row's label."""
    words = label.split()
    return bool(words) and all(w.casefold() in AREA_BY_LOWER for w in words)


def _labels_after_block(rows: list[RawRow], pending: list[Line]) -> list[Line] | None:
    """Rule `labels-after-block` (pdftotext, a cell per line): a block's rows written as their figures first,
    then the block's label cells (its heading, each row's label and area), then the next row's label and
    figures. When two or more rows have figures and no label, followed only by label cells (rows without
    figures, and the lines waiting before the next figures), and those label cells are more than the rows, the
    first of them label the rows in order, a heading before them a row of its own; the rest wait for the next
    row. Returns the lines left for it (`rows` relabelled in place); None when the rule does not apply."""
    m = 0
    while m < len(rows) and not rows[-1 - m].numbers:
        m += 1
    k = _unlabelled_tail(rows[: len(rows) - m])
    if k < 2:
        return None
    cells = label_cells([ln for r in rows[len(rows) - m :] for ln in r.lines] + pending)
    labels = [i for i, c in enumerate(cells) if not c.heading and c.label_lines]
    if len(labels) < k + 1 or labels[k - 1] - labels[0] != k - 1:
        return None  # too few, or a heading among them: not one block's labels
    del rows[len(rows) - m :]
    for row, i in zip(rows[-k:], labels[:k], strict=True):
        _give_label(row, cells[i], "labels-after-block: a block's labels written after its rows' figures")
    rows[len(rows) - k : len(rows) - k] = [RawRow([normalize_space(c.lines[0].text)], c.lines)
                                           for c in cells[: labels[0]] if c.heading]
    used = {id(ln) for c in cells[: labels[k - 1] + 1] for ln in c.lines}
    return [ln for ln in pending if id(ln) not in used]


def _block_above(rows: list[RawRow]) -> int:
    """Where the block of rows above the last one starts: after the last heading, total or row without
    figures."""
    start = len(rows) - 1
    while start > 0 and rows[start - 1].numbers and not is_total_label(rows[start - 1].label):
        start -= 1
    return start


def adds_up_by_position(total: RawRow, parts: list[RawRow], rounded: bool = False) -> bool:
    """The figures of `total`, position by position, are the sums of those of `parts` (each as many): exactly, or
    with `rounded` within `rounding_slack` (a block's rows, each rounded to 1.000 kr.)."""
    n = len(total.numbers)
    if not parts or any(len(r.numbers) != n for r in parts):
        return False
    values = [[parse_number(t.text) for t in r.numbers] for r in [total, *parts]]
    if any(v is None for row in values for v in row):
        return False
    misses = [abs(values[0][j] - sum(row[j] for row in values[1:])) for j in range(n)]
    if rounded:  # three rounded figures or more may miss their total by one
        return all(miss <= rounding_slack(len(parts)) for miss in misses)
    return all(miss < 0.5 for miss in misses)


def _total_label_after_block(rows: list[RawRow], pending: list[Line]) -> list[Line] | None:
    """Rule `total-label-after-block` (pdftotext, a cell per line): a block's total row written as its figures
    alone, right under the block's labelled rows, and its label cell only after them, among the label cells that
    the dump kept for later (the block's heading before it, the next block's heading and first label after it).
    When the figures are the sums of the rows above in the block and exactly one label cell waiting is a total's,
    that label is the row's; a heading before it goes to the top of the block, when the block has none. Returns
    the lines left for the next row (`rows` changed in place); None when the rule does not apply."""
    m = 0
    while m < len(rows) and not rows[-1 - m].numbers:
        m += 1
    body = rows[: len(rows) - m]
    if not body or body[-1].label.strip():
        return None
    start = _block_above(body)
    if not adds_up_by_position(body[-1], body[start:-1], rounded=True):
        return None
    waiting = [ln for r in rows[len(rows) - m :] for ln in r.lines] + pending
    cells = label_cells(waiting)
    totals = [i for i, c in enumerate(cells) if c.label_lines and is_total_label(join_lines(
        [ln.text for ln in c.label_lines]))]
    if len(totals) != 1 or any(not c.heading for c in cells[: totals[0]]):
        return None
    at = totals[0]
    del rows[len(rows) - m :]
    _give_label(rows[-1], cells[at], "total-label-after-block: a block total's label written after the block")
    headings = [RawRow([normalize_space(c.lines[0].text)], c.lines) for c in cells[:at]]
    if headings and not (start > 0 and not rows[start - 1].numbers):
        rows[start:start] = headings[-1:]
    used = {id(ln) for c in cells[: at + 1] for ln in c.lines}
    return [ln for ln in waiting if id(ln) not in used]


def reads_as_prose(text: str, ends_sentence: bool, settings: TextSettings = DEFAULT) -> bool:
    """A line of text, not a label cell: a sentence ending and the next beginning on it, or `settings.prose_words`
    words or more where a sentence ends (`ends_sentence`: the line, or the text box it stands in, ends with "."
    or ":"). A long label ("Udgifter til Koncernservice til samudviklingsprojekt om IT-sikkerhed og indkøb")
    ends none."""
    return bool(SENTENCE_ON.search(text)) or (ends_sentence and len(text.split()) >= settings.prose_words)


def labels_under_caption(rows: list[RawRow], region: TableRegion, settings: TextSettings = DEFAULT
                         ) -> list[RawRow]:
    """Rule `labels-under-caption` (pdftotext, captions after bodies): a body given to a caption written after it
    (`regions_given_their_bodies`) may hold rows with figures and no label, whose label cells the dump wrote under
    that caption, with the unit line ("Tabel 3. ..." / "1000 kr. 2022 p/l" / "Test" / "Investeringer totalt,
    service"). When those label cells are exactly as many as the unlabelled rows (no heading among them), they
    label them in order, a total's label only on figures that add up over the rows above; the text after them
    (a sentence, a long line ending a sentence) is none. The body was moved, so its figures stay flagged."""
    unlabelled = [k for k, r in enumerate(rows) if r.numbers and not r.label.strip()]
    if not region.body_moved or not unlabelled:
        return rows
    under: list[Line] = []
    # judged a text box at a time (lines with no blank line between): a paragraph's first line may be short
    boxes: list[list[Line]] = [[]]
    for ln in region.header_lines:
        if ln.is_blank:
            boxes.append([])
        elif not (is_unit_line(ln.text) or CAPTION.match(ln.text)):
            boxes[-1].append(ln)
    for box in filter(None, boxes):
        text = normalize_space(" ".join(ln.text for ln in box))
        if reads_as_prose(text, text.endswith((".", ":")), settings):
            break  # the text under the caption's labels
        under.extend(box)
    cells = [c for c in label_cells(under) if c.label_lines or c.heading]
    n = len(unlabelled)
    if len(cells) > n and all(c.label_lines and c.label_lines[-1].stripped.endswith((".", ":")) for c in cells[n:]):
        cells = cells[:n]  # the cells past the rows' end a sentence: a short note under the labels, no label
    if len(cells) != n or any(c.heading or not c.label_lines for c in cells):
        return rows
    for k, cell in zip(unlabelled, cells, strict=True):
        if is_total_label(join_lines([ln.text for ln in cell.label_lines])) and not adds_up_by_position(
                rows[k], rows[_block_above(rows[: k + 1]) : k], rounded=True):
            return rows
    for k, cell in zip(unlabelled, cells, strict=True):
        _give_label(rows[k], cell, "labels-under-caption: labels written under the caption of a moved body")
    return rows


def labels_after_moved_bodies(tables: list[tuple[TableRegion, list[RawRow]]]) -> None:
    """Rule `labels-after-bodies` (pdftotext, captions after bodies): a table whose label column the dump wrote
    only after the bodies of the tables that follow it (`regions_given_their_bodies`): the first table's rows
    after its first have figures and no label, and the last body given away ends in label cells that no row of
    its own takes. When those label cells are exactly as many as the unlabelled rows, no heading among them, and
    a total's label goes to figures that add up over the rows above, they label the rows in order. Written in
    order and checked only by the totals, the rows are stored flagged (`label_doubt`)."""
    for i, (region, rows) in enumerate(tables):
        j = i + 1
        while j < len(tables) and tables[j][0].body_moved:
            j += 1
        if region.body_moved or j == i + 1:
            continue
        last = tables[j - 1][1]
        m = 0
        while m < len(last) and not last[-1 - m].numbers:
            m += 1
        unlabelled = [k for k, r in enumerate(rows) if r.numbers and not r.label.strip()]
        if not m or not unlabelled:
            continue
        cells = label_cells([ln for r in last[len(last) - m :] for ln in r.lines])
        if len(cells) != len(unlabelled) or any(c.heading or not c.label_lines for c in cells):
            continue
        labels = [join_lines([ln.text for ln in c.label_lines]) for c in cells]
        if any(is_total_label(label) and not adds_up_by_position(rows[k], rows[_block_above(rows[: k + 1]) : k],
                                                                 rounded=True)
               for k, label in zip(unlabelled, labels, strict=True)):
            continue
        for k, cell in zip(unlabelled, cells, strict=True):
            _give_label(rows[k], cell, "labels-after-bodies: a table's labels written after the next tables' bodies")
            rows[k].label_doubt = True
        del last[len(last) - m :]


def labels_before_header(rows: list[RawRow], lines: list[Line], region: TableRegion,
                         header: TableHeader) -> list[RawRow]:
    """Rule `labels-before-header` (pdftotext, a cell per line): the label column written first, between the
    caption (and unit line) and the years, then the rows' figures without their labels. When the rows before the
    first labelled one have figures and no label, and the label cells before the years are exactly as many (no
    block heading among them), they label those rows in order."""
    # the area column's head ("Styringsomr" / "åde", wrapped anywhere) comes after the label column: its pieces
    # and whatever follows them up to the years are header cells; so are the years and the total column's head,
    # among which a first label may stand (label-between-years)
    end = next((j for j in range(region.start + 1, header.body_start) if AREA_HEAD_START.match(lines[j].text)),
               header.body_start)
    first_year = next((j for j in range(region.start + 1, end)
                       if _is_year_line(lines[j]) and not is_unit_line(lines[j].text)), end)
    above = [ln for j, ln in enumerate(lines[region.start + 1 : end], start=region.start + 1)
             if not ln.is_blank and not is_unit_line(ln.text) and not CAPTION.match(ln.text)
             and not column_header_only(ln.stripped) and not _is_year_line(ln)
             and not (j > first_year and TOTAL_COLUMN.match(ln.stripped)) and len(ln.text.split()) < PROSE_WORDS
             and not all(parse_number(t) is not None for t in ln.text.split())]  # a page number among them
    k = 0
    while k < len(rows) and rows[k].numbers and not rows[k].label.strip():
        k += 1
    if not above or not k:
        return rows
    cells = label_cells(above)
    m = 0
    # rows with figures after the unlabelled ones, each with its label: the cells after the table are none of theirs
    between = any(r.numbers for r in rows[k:])
    if len(cells) < k and all(r.label.strip() for r in rows[k:] if r.numbers):
        # the rest of the label column written after all the figures: the cells before the years, then those (a
        # page break may stand between: the rows on the next page labelled inline, the first rows' labels last)
        m, after = _trailing_label_cells(rows)
        if len(cells) + len(after) == k:
            cells = cells + after
        else:
            m = 0
    if len(cells) != k or any(c.heading or not c.label_lines or not c.label_lines[0].stripped[:1].isupper()
                              for c in cells):
        return rows  # a label cell starts with a capital: a piece in lower case is some other cell's
    labels = [join_lines([ln.text for ln in c.label_lines]) for c in cells]
    # a label cell too many or too few shifts every label by a row: a total's label must then fall on figures that
    # do not add up, and a row whose figures add up over those above must take a total's label
    totals = [is_total_label(label) for label in labels]
    adds_up = [j > 0 and any(parse_number(t.text) for t in rows[j].numbers)
               and adds_up_by_position(rows[j], rows[_block_above(rows[: j + 1]) : j], rounded=True) for j in range(k)]
    if any(t and not a for t, a in zip(totals, adds_up, strict=True)) or (adds_up[-1] and not totals[-1]):
        return rows
    for row, cell in zip(rows[:k], cells, strict=True):
        _give_label(row, cell, "labels-before-header: the label column written before the years")
        # with no total to check the order against, or labels fetched from after labelled rows, the order written
        # is a guess
        row.label_doubt = not any(totals) or (m > 0 and between)
    return rows[: len(rows) - m]


def area_head_lines(lines: list[Line]) -> set[int]:
    """The ids of the lines that write the area column's head, wrapped anywhere ("Styringsomr" / "åde",
    "Styrings-" / "område"): a line starting "Styring" and the pieces after it while they still spell the
    head."""
    out: set[int] = set()
    for k, ln in enumerate(lines):
        if not AREA_HEAD_START.match(ln.text):
            continue
        spelled = ln.stripped.replace("-", "").casefold()
        out.add(id(ln))
        for nxt in lines[k + 1 :]:
            piece = nxt.stripped.replace("-", "").casefold()
            if not piece or not AREA_HEAD.startswith(spelled + piece) or spelled == AREA_HEAD:
                break
            spelled += piece
            out.add(id(nxt))
    return out


def _trailing_label_cells(rows: list[RawRow]) -> tuple[int, list[LabelCell]]:
    """The rows without figures at the end of a table's rows (how many), and the label cells they write, up to the
    text below the table (a sentence ending and another beginning); the area column's head written among them
    ("Styrings" / "område") is no label cell."""
    m = 0
    while m < len(rows) and not rows[-1 - m].numbers:
        m += 1
    after = [ln for r in rows[len(rows) - m :] for ln in r.lines]
    end = next((k for k, ln in enumerate(after) if SENTENCE_ON.search(ln.text)), len(after))
    head = area_head_lines(after[:end])
    return m, label_cells([ln for ln in after[:end] if not column_header_only(ln.stripped) and id(ln) not in head])


def labels_after_their_rows(rows: list[RawRow]) -> list[RawRow]:
    """Rule `labels-after-their-rows` (pdftotext, a cell per line): a run of rows with figures and no label, then
    the label column's cells of those rows and of the next row, whose figures follow them: pdftotext wrote the box
    of the run's figures before the box of their labels. When the label lines after the run (up to the next
    figures) hold as many cells, block headings aside, as the run has rows plus one, the run's rows take the
    first ones in order and the last names the figures after it. A heading among them stays where a block starts
    (the table's top, or after a total); elsewhere it is the label column's part written out of its place, and
    no row. The order written alone places the labels: the rows are stored flagged (`label_doubt`), whatever the
    totals say (a label shifted by one among rows of equal sums goes unseen)."""
    out: list[RawRow] = []
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and rows[j].numbers and not rows[j].label.strip():
            j += 1
        e = j
        while e < len(rows) and not rows[e].numbers:
            e += 1
        if j == i or e == len(rows) or not rows[e].label.strip():
            out.append(rows[i])
            i += 1
            continue
        figure_lines = {id(t.line) for t in rows[e].numbers}
        after = [ln for r in rows[j:e] for ln in r.lines] + [ln for ln in rows[e].lines if id(ln) not in figure_lines]
        head = area_head_lines(after)
        cells = label_cells([ln for ln in after if not ln.is_blank and not column_header_only(ln.stripped)
                              and id(ln) not in head])
        named = [c for c in cells if not c.heading]
        if len(named) != j - i + 1 or any(not c.label_lines or not c.label_lines[0].stripped[:1].isupper()
                                          for c in named):
            out.extend(rows[i:j])  # the whole run stays as it is (a part of it would take another's labels)
            i = j
            continue
        runs = iter(rows[i:j])
        for cell in cells:
            if cell.heading:
                if not out or is_total_label(out[-1].label):
                    out.append(RawRow([ln.text for ln in cell.label_lines], list(cell.label_lines),
                                      label_inferred_by="labels-after-their-rows"))
                continue
            row = next(runs, None)
            if row is None:  # the last cell: the figures after it
                last = rows[e]
                last.label_parts = [ln.text for ln in cell.label_lines]
                last.area = cell.area or last.area
                last.label_inferred_by = "labels-after-their-rows"
                last.label_doubt = True
                out.append(last)
            else:
                _give_label(row, cell, "labels-after-their-rows: the label cells written after the rows' figures")
                row.label_doubt = True
                out.append(row)
        i = e + 1
    return out


NAMED_TOTAL = regex.compile(r"^(?P<what>varige ændringer|investeringer) totalt,\s*(?P<area>\w+)$", regex.IGNORECASE)
CAPTION_AREA = regex.compile(r"(?P<area>service|anlæg|administration)", regex.IGNORECASE)


def _table_named(caption: str | None) -> tuple[str, str] | None:
    """What a table caption names, as a named total would: ("varige ændringer", "service") for "Varige
    ændringer, service", ("investeringer", "anlæg") for "Anlægsinvesteringer i forslaget"; None when it names
    neither or both (a caption "Varige ændringer, Anlægsinvesteringer ..." judges no total)."""
    text = (caption or "").casefold()
    kinds = [k for k in ("varige ændringer", "investering") if k in text]
    areas = {m["area"] for m in CAPTION_AREA.finditer(text)}
    if len(kinds) != 1 or len(areas) != 1:
        return None
    return ("investeringer" if kinds[0] == "investering" else kinds[0]), areas.pop()


def label_written_after_figures(row: RawRow) -> bool:
    """Whether every line of the row's label was written after all its figures (a cell-per-line dump's reading
    order put the label below them)."""
    figures = {id(t.line) for t in row.numbers}
    label = [ln.lineno for ln in row.lines if id(ln) not in figures and not ln.is_blank]
    written = [t.line.lineno for t in row.numbers]
    return bool(label and written) and min(label) > max(written)


def foreign_total_labels(rows: list[RawRow], caption: str | None) -> list[RawRow]:
    """Rule `total-of-another-table` (pdftotext, captions after bodies): a total's label that names a table
    ("Varige ændringer totalt, service") written after a row's figures in a table whose caption names another
    ("Anlægsinvesteringer i forslaget") is not that row's: the dump wrote the first table's label after the bodies
    that follow it. The row is left without a label (a label under its own caption may name it) and the label
    stays after the table as a cell of its own (`labels-after-bodies` gives it to its table)."""
    named = _table_named(caption)
    if named is None:
        return rows
    out: list[RawRow] = []
    moved: list[RawRow] = []
    for r in rows:
        m = NAMED_TOTAL.match(normalize_space(r.label))
        if m and label_written_after_figures(r) and (m["what"].casefold(), m["area"].casefold()) != named:
            figures = {id(t.line) for t in r.numbers}
            moved.append(RawRow(r.label_parts, [ln for ln in r.lines if id(ln) not in figures and not ln.is_blank]))
            r.label_parts = []
            r.lines = [ln for ln in r.lines if id(ln) in figures]
            r.label_inferred_by = None
        out.append(r)
    return out + moved


def total_label_after_its_sum(rows: list[RawRow]) -> list[RawRow]:
    """Rule `total-label-after-sum`: the table's last row with figures has no label, its figures add up over the
    rows above, and the one label cell after them is a total's: it is that row's label. Where the header was
    written again in the body (`label-after-figures` does not apply there), the sum is what ties them."""
    m, cells = _trailing_label_cells(rows)
    body = rows[: len(rows) - m]
    if not m or not body or not body[-1].numbers or body[-1].label.strip() or len(cells) != 1:
        return rows
    label = join_lines([ln.text for ln in cells[0].label_lines])
    if cells[0].heading or not is_total_label(label) or not adds_up_by_position(
            body[-1], body[_block_above(body) : -1], rounded=True):
        return rows
    _give_label(body[-1], cells[0], "total-label-after-sum: a total's label after figures that add up")
    return body


def labels_after_table(rows: list[RawRow]) -> list[RawRow]:
    """Rule `labels-after-table` (pdftotext, a cell per line): the label cells of some rows written after the
    whole table (block headings among them, an area cell after a label). When two or more rows have figures and
    no label, and the label cells after the last figures are exactly as many, they label those rows in order; a
    heading before the first goes to the table's top, a later one right before the row its next label names. One
    row without a label takes one label cell only when that cell shows it is a row's: its area cell written after
    it, or a block heading before it. A lone line after the table may as well be text below it: when it reads as
    a row's label (capitalised, no sentence, no total's), it labels the row flagged (`label_doubt`)."""
    m, cells = _trailing_label_cells(rows)
    body = rows[: len(rows) - m]
    unlabelled = [r for r in body if r.numbers and (not r.label.strip() or areas_only(r.label))]
    if not unlabelled or not m:
        return rows
    labels = [i for i, c in enumerate(cells) if not c.heading and c.label_lines]
    if len(labels) != len(unlabelled):
        return rows
    if len(labels) == 1 and not (cells[labels[0]].area or any(c.heading for c in cells[: labels[0]])):
        if not _reads_as_row_label(join_lines([ln.text for ln in cells[labels[0]].label_lines])):
            return rows
        unlabelled[0].label_doubt = True  # the order written alone ties the lone line to the row
    before: dict[int, list[RawRow]] = {}  # id of a row -> heading rows to put before it
    for n, i in enumerate(labels):
        row = unlabelled[n]
        _give_label(row, cells[i], "labels-after-table: label cells written after the table's figures")
        start = labels[n - 1] + 1 if n else 0
        headings = [RawRow([normalize_space(c.lines[0].text)], c.lines) for c in cells[start:i] if c.heading]
        before.setdefault(id(body[0] if n == 0 else row), []).extend(headings)
    out: list[RawRow] = []
    for r in body:
        out.extend(before.get(id(r), []))
        out.append(r)
    return out


def _reads_as_row_label(text: str) -> bool:
    """A line that reads as a row's label: it starts with a capital, ends no sentence, is no total's label, and
    holds no figure."""
    text = text.strip()
    return bool(text) and text[0].isupper() and not text.endswith((".", ":")) and not is_total_label(text) and not any(
        parse_number(t) is not None for t in text.split())


def _label_groups(row: RawRow) -> list[list[Line]]:
    """The row's label lines (the lines its label parts were read from) in groups that blank lines separate."""
    parts = set(row.label_parts)
    groups: list[list[Line]] = []
    for ln in row.lines:
        if ln.text not in parts:
            continue
        if groups and ln.lineno == groups[-1][-1].lineno + 1:
            groups[-1].append(ln)
        else:
            groups.append([ln])
    return groups


def labels_written_as_a_block(rows: list[RawRow]) -> list[RawRow]:
    """Rule `labels-as-block` (pdfminer's columns as blocks): the labels of several rows written one after the
    other, each cell a group of lines with a blank line after it, then the rows' figures. The first row took
    every label; the rows after it have figures but no label. When a label holds exactly as many blank-separated
    groups as there are such rows (itself included), and a label of the table wraps over lines without a blank (so
    a blank line is where a cell ends, not where a line wraps), each group is one row's label, in order."""
    out = list(rows)
    # a label of the table that wraps over lines without a blank line between them: blank lines end cells here
    if not any(len(g) > 1 for r in out for g in _label_groups(r)):
        return out
    for i, row in enumerate(out):
        if not row.numbers:
            continue
        groups = _label_groups(row)
        if len(groups) < 2:
            continue
        after = 0
        while i + 1 + after < len(out) and out[i + 1 + after].numbers and not out[i + 1 + after].label.strip():
            after += 1
        if len(groups) != 1 + after:
            continue
        for k, group in enumerate(groups):
            target = out[i + k]
            target.label_parts = [ln.text for ln in group]
            if k:
                target.lines = group + target.lines
                target.label_inferred_by = "labels-as-block: the labels written before their rows' figures"
        moved = {id(x) for g in groups[1:] for x in g}
        row.lines = [ln for ln in row.lines if id(ln) not in moved]
    return out


WORD = regex.compile(r"\w+")
MIN_BROKEN_WORD = 8  # shorter words are too often two words of their own ("af" + "delingen")


def document_vocabulary(lines: list[Line]) -> set[str]:
    """The long words a document writes whole somewhere, in lower case: what a broken word may be rejoined to."""
    return {w.casefold() for ln in lines for w in WORD.findall(ln.text) if len(w) >= MIN_BROKEN_WORD}


def rejoin_broken_words(rows: list[RawRow], vocabulary: set[str]) -> None:
    """Rule `broken-word`: a narrow cell breaks a long word where the line ends, without a hyphen ("Samlede
    implementeringsom" / "kostninger"); a dump keeps the break as a line break. Where a label's line ends in a
    word and the next line goes on in lower case, and the two pieces make a word the document writes whole
    elsewhere ("Implementeringsomkostninger" as a heading), they are one word again."""
    for row in rows:
        parts = [p for p in (normalize_space(x) for x in row.label_parts) if p]
        out: list[str] = []
        for part in parts:
            if out:
                left, right = out[-1].split(" ")[-1], part.split(" ")[0]
                if right[:1].islower() and (left + right).casefold().strip(",.:") in vocabulary:
                    out[-1] = out[-1] + part
                    continue
            out.append(part)
        if out != parts:
            row.label_parts = out


def attach_trailing_total_label(rows: list[RawRow]) -> list[RawRow]:
    """Rule `label-after-figures`: a dump a cell per line (pdftotext) may write a table's last row, a total whose
    label cell is centred beside its figures, as the figures first and the label after them. Figures without a
    label followed by a total's label without figures (its wrapped lines in lower case with it), and nothing with
    figures below, are that one row; not where
    the body repeats the header (a page break or another table's rows between: the label may belong to either)."""
    for i in range(len(rows) - 1):
        row = rows[i]
        if not row.numbers or row.label.strip() or any(r.numbers for r in rows[i + 1 :]):
            continue
        # the label's own lines: the first, and those in lower case that continue it (a label wrapped in its cell)
        end = i + 2
        while end < len(rows) and rows[end].label[:1].islower():
            end += 1
        label = rows[i + 1 : end]
        if is_total_label(" ".join(r.label for r in label)):
            row.label_parts = [part for r in label for part in r.label_parts]
            row.lines = row.lines + [ln for r in label for ln in r.lines]
            row.label_inferred_by = "label-after-figures: a total's label written after its figures"
            return rows[: i + 1] + rows[end:]
    return rows


def _year_per_line_runs(lines: list[Line], years: list[int]) -> set[int]:
    """Rule `header-years-per-line`: two or more lines in a row, each a lone year of the table's header, in order
    ("2018" / "2019"), are the header written again a cell per line (a page break), not figures; ids of those
    lines. A lone year line on its own may be a figure and is kept."""
    body = [ln for ln in lines if not ln.is_blank]
    out: set[int] = set()
    i = 0
    while i < len(body):
        j = i
        while (j < len(body) and YEAR.match(body[j].stripped) and int(body[j].stripped) in years
               and (j == i or int(body[j].stripped) == int(body[j - 1].stripped) + 1)):
            j += 1
        if j - i >= 2:
            out.update(id(ln) for ln in body[i:j])
        i = max(j, i + 1)
    return out


def _is_year_run(values: list, years: list[int]) -> bool:
    """Two or more figures that are consecutive column years of the table: its header, not a row."""
    if len(values) < 2 or values[0] not in years:
        return False
    start = years.index(values[0])
    return values == years[start : start + len(values)]


GRAND_TOTAL_INFERRED = "label-inferred: figures below the block totals are the grand total"


def infer_missing_labels(rows: list[RawRow]) -> list[RawRow]:
    """A row of figures whose label the flattening lost, right below the block totals, is the grand total:
    the template prints "Samlet økonomisk påvirkning" there. The label is marked as inferred. Below an "I alt"
    (a budget's total, or a table's that has no blocks) such a row is no grand total: a row's cells written
    late, or text."""
    for prev, row in zip(rows, rows[1:], strict=False):
        if (not row.label and len(row.numbers) >= 2 and prev.numbers and is_total_label(prev.label)
                and not TOTAL_COLUMN.match(prev.label.strip())):
            row.label_parts = [GRAND_TOTAL_LABEL]
            row.label_inferred_by = GRAND_TOTAL_INFERRED
    return rows


# ---------------------------------------------------------------- classification


def is_total_label(label: str) -> bool:
    return any(p.search(label) for p in TOTAL_RE)


def raw_rows_to_table_rows(raw: list[RawRow], kind: str) -> list[TableRow]:
    out: list[TableRow] = []
    group: str | None = None
    for i, r in enumerate(raw):
        label = r.label
        if r.is_heading:
            group = GROUP_BY_LOWER[label.casefold()]
            continue
        nxt = raw[i + 1] if i + 1 < len(raw) else None
        heads_block = nxt is not None and nxt.numbers and not is_total_label(nxt.label)
        if kind != "overview" and not r.numbers and not is_total_label(label) and heads_block:
            group = label  # an empty row that heads the rows below it ("E-tavler i Verahus")
            continue
        if GRAND_TOTAL.match(label) or (is_total_label(label) and out and out[-1].is_total):
            group = None  # a total of totals sits below the blocks
        row_group = group
        area = r.area
        if kind == "overview" and out and r.area and _repeats_group(label, r.area, out[-1].label):
            label = r.area  # a layout that prints the proposal's name again in a group cell before the area
        if kind == "overview" and label.casefold() in AREA_BY_LOWER and out:
            # the line under a proposal ("Anlæg 500 600 0 0 0") is its own row, grouped under the proposal; a
            # layout that repeats the proposal's name in a group cell beside it adds no row of its own
            if not out[-1].cells and not out[-1].is_total:
                out.pop()
            row_group = next((o.label for o in reversed(out) if not o.is_total and o.group is None), None)
            area = AREA_BY_LOWER[label.casefold()]
        cells = [
            Cell(key, parse_number(tok.text), _token_prov(tok, r.inferred_by), key in r.uncertain,
                 r.uncertain.get(key, []))
            for key, tok in (r.placed or {}).items()
        ]
        prov = Provenance.of_lines(r.lines, " / ".join(ln.stripped for ln in r.lines), None, r.label_inferred_by)
        out.append(TableRow(label, row_group, area, is_total_label(label), cells, prov))
    return drop_trailing_prose(out)


def _repeats_group(label: str, area: str, above: str) -> bool:
    """An overview line "<proposal name> <area>" right under the proposal's own line names its area only."""
    if not label.casefold().endswith(area.casefold()):
        return False
    name = label[: len(label) - len(area)].strip()
    return bool(name) and normalize_space(name).casefold() == normalize_space(above).casefold()


def drop_trailing_prose(rows: list[TableRow]) -> list[TableRow]:
    """Lines without figures after a table's last figure are the text below the table, not rows: a table ends
    where its figures end, unless the last line is a total label (a total row left empty is a row)."""
    if not any(r.cells for r in rows):
        return rows
    end = len(rows)
    while end and not rows[end - 1].cells and not rows[end - 1].is_total:
        end -= 1
    return rows[:end]


def _token_prov(tok: Token, inferred_by: str | None) -> Provenance:
    w = tok.word
    bbox = (w.x0, w.top, w.x1, w.bottom) if w else None
    return Provenance.of_lines([tok.line], tok.text, bbox, inferred_by, words=[w] if w else None)


def build_table(region: TableRegion, header: TableHeader, rows: list[TableRow]) -> Table:
    cap_line = region.caption_line
    prov = Provenance.of_lines([cap_line], cap_line.stripped) if cap_line else None
    odd = [hy for hy in header.columns if hy.how != "read"]
    guessed = {hy.key for hy in odd if hy.guessed}
    for row in rows:
        for cell in row.cells:
            if cell.key in guessed:  # the column's year is implied by its neighbours, not read: a guess
                cell.uncertain = True
    return Table(region.number, region.caption, header.price_level, header.unit, header.years, rows, prov, odd)
