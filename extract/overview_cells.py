"""An overview of proposals that a PDF-to-text tool wrote a cell per line (poppler's default `pdftotext`).

An overview ("Oversigt over smarte investeringer ...") is a column of blocks, one per department, each a table:
a row per proposal ("Smart investeringsforslag: ..."), under it a row for its investment named by its area
("Anlæg", "Anlæg/drift"), then the block's totals ("Nettoeffektivisering", "Investeringsbehov"); a last block "I
alt" holds the totals of all blocks. In pdftotext's reading order the blocks fall apart: each block's figures
follow its own header years (a run of lone years), a cell per line and row by row, but the block names and labels
stand wherever the text boxes fell, often the later blocks' names and labels after every figure
("Jobcentre og ydelser" / "Forslag" / labels / "2023" ... "2027" / figures / "2023" ... / figures / ... /
"Voksne med funktionsnedsættelse" / "Forslag" / labels ...).

Rule `overview-segments`: the k-th run of header years opens the k-th block's figures. A block's rows follow from
its labels, the structure of every overview block being the same: each proposal (its label starts "...forslag:";
the lines up to its area cell continue it) with its area row, then the totals named as in the "I alt" block. The
rows are read only when every segment holds exactly its block's rows of figures, and stand decided only when each
block's totals add up (the net total over the proposals' rows, the investment total over the area rows, "I alt"
over the blocks); otherwise every figure is stored flagged.

Rule `overview-labels-in-turn` (`blocks_in_turn`): when the names and labels do not stand block by block (the
first block's labels after every figure, a later block's name after them, its labels inline among its figures),
they are read as one stream and shared out to the blocks by the rows their figures hold; a label placed by the
order written alone is stored flagged.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import regex

from extract.cell_per_line import area_piece
from extract.checks import OVERVIEW_ROUNDING, OVERVIEW_TOTALS, overview_disagreements
from extract.records import ExtractedDocument
from extract.tables import (
    TOTAL_COLUMN,
    YEAR,
    RawRow,
    TableHeader,
    TableRegion,
    Token,
    adds_up_by_position,
    column_header_only,
    is_total_label,
    starts_own_label,
)
from parsers.numbers import parse_number
from parsers.records import Line
from parsers.split import header_kind
from parsers.text import normalize_space

PROPOSAL_START = regex.compile(r"^[\p{L} -]*forslag\s*:", regex.IGNORECASE)
FOOTNOTE = regex.compile(r"^\*")


@dataclass(slots=True)
class OverviewBlock:
    """A block's name and, from the label lines after it, its proposals (each label's lines) and area cells."""

    name: list[Line]
    proposals: list[list[Line]]
    areas: list[tuple[str, Line]]  # each area cell and its (last) line
    totals: list[Line]  # total labels written among the block's labels (the "I alt" block's name its totals)


@dataclass(slots=True)
class FigureSegment:
    """A run of lone header years and the figures after it, up to the next run."""

    years: list[int]
    year_lines: list[Line]
    # the figure lines as the tool's text boxes: lines written one after another with no blank line or text between
    boxes: list[list[Line]] = field(default_factory=list)
    # a label line written straight before a row's first figure (the dump kept it inline): id(line) -> the row
    anchors: dict[int, int] = field(default_factory=dict)
    # the boxes written after a line of text (a label) rather than after a blank line only
    after_text: set[int] = field(default_factory=set)

    @property
    def figures(self) -> list[Line]:
        """The figure lines in the order written."""
        return [ln for box in self.boxes for ln in box]


def _figures_of(line: Line) -> list[str] | None:
    """The figures of a line made of figures only ("-5.900 -13.600" holds two); None for a line with words."""
    toks = line.text.split()
    if not toks or any(parse_number(t) is None or any(ch.isalpha() for ch in t) for t in toks):
        return None
    return toks


def figure_segments(lines: list[Line]) -> list[FigureSegment]:
    """Each run of two or more consecutive lone years (one per line), with the lines of figures after it up to
    the next run. Figures that pdftotext wrote after the footnote under the overview ("*Der kan forekomme
    afrundingsforskelle ...") count with the last run; the page's number written straight after the footnote
    (a lone figure equal to its page) does not."""
    segments: list[FigureSegment] = []
    at = {id(ln): k for k, ln in enumerate(lines)}
    i = 0
    after_footnote = False
    while i < len(lines):
        line, text = lines[i], lines[i].stripped
        if FOOTNOTE.match(text):
            after_footnote = True
            i += 1
            continue
        if after_footnote and text:
            after_footnote = False
            if line.page is not None and text == str(line.page):
                i += 1
                continue
        if YEAR.match(text) and (not segments or segments[-1].figures):
            run, first_row, end = _year_run(lines, i)
            if len(run) >= 2:
                segments.append(FigureSegment([int(ln.stripped) for ln in run], run, [[ln] for ln in first_row]))
                i = end
                continue
        if segments and _figures_of(line) is not None:
            seg = segments[-1]
            if i > 0 and seg.boxes and seg.boxes[-1][-1] is lines[i - 1]:
                seg.boxes[-1].append(line)  # the line straight under the last one: the same text box
            else:
                if seg.boxes and any(not ln.is_blank for ln in lines[at[id(seg.boxes[-1][-1])] + 1 : i]):
                    seg.after_text.add(len(seg.boxes))
                seg.boxes.append([line])
        elif segments and text:
            seg = segments[-1]
            nxt = next((ln for ln in lines[i + 1 :] if not ln.is_blank), None)
            read = sum(len(_figures_of(ln) or []) for ln in seg.figures)
            if nxt is not None and _figures_of(nxt) is not None and read % len(seg.years) == 0:
                seg.anchors[id(line)] = read // len(seg.years)
        i += 1
    return segments


def _year_run(lines: list[Line], i: int) -> tuple[list[Line], list[Line], int]:
    """The run of consecutive header years starting at line i (one a line, blank lines between), the figures
    written among them, and the index after the run's last year.

    Rule `years-among-first-row`: a tool that makes a text box of each column's header and its first cell
    (pdftotext: "2016" / "0", "2017" / "-9.600", ...; pdfminer: "2016", "2017", "0", "0", "2018", "-100", ...)
    writes the first row's figures among the years. In the order written they are that row's figures, column by
    column; a figure after the last year is not among them (the rows' figures follow there anyway)."""
    run = [lines[i]]
    among: list[Line] = []
    pending: list[Line] = []
    end = j = i + 1
    while j < len(lines):
        ln = lines[j]
        if ln.is_blank:
            j += 1
            continue
        if YEAR.match(ln.stripped):
            if int(ln.stripped) != int(run[-1].stripped) + 1:
                break
            run.append(ln)
            among.extend(pending)
            pending = []
            end = j + 1
        elif _figures_of(ln) is not None and len(_figures_of(ln)) == 1:
            pending.append(ln)
        else:
            break
        j += 1
    if len(among) > len(run):
        return run[:1], [], i + 1  # more figures than columns: no header's box, the years are figures
    return run, among, end


def box_order(segment: FigureSegment) -> list[tuple[str, Line]]:
    """The segment's figures, each with its line, in the order of the table's rows.

    Rule `overview-column-boxes`: pdftotext (without -raw) and pdfminer write a text box's lines one under the
    other with no blank line between, and a text box's lines stand one under another on the page: a box of k
    lines of one figure each holds a column's cells of k consecutive rows. A run of as many such boxes as the
    table has years, each of the same k lines and set apart by blank lines only (the tools' mark of a new box),
    is the k rows' figures column by column: read across, row by row. A box of one line, lines of several
    figures each (a row written across), or boxes with labels between (a dump that writes no blank lines, whose
    lines may be a row's cells) are read as written."""
    n = len(segment.years)
    boxes = segment.boxes
    out: list[tuple[str, Line]] = []
    i = 0
    while i < len(boxes):
        k = len(boxes[i])
        run = boxes[i : i + n]
        if k > 1 and len(run) == n and not any(b in segment.after_text for b in range(i + 1, i + n)) and all(
                len(b) == k and all(len(_figures_of(ln) or []) == 1 for ln in b) for b in run):
            out.extend((run[c][r].stripped, run[c][r]) for r in range(k) for c in range(n))
            i += n
            continue
        out.extend((f, ln) for ln in boxes[i] for f in _figures_of(ln) or [])
        i += 1
    return out


def _is_block_name(lines: list[Line], i: int) -> bool:
    """A line of words followed by a line of column headers alone ("Forslag", "Omprioriteringsforslag"), or the
    "I alt" that names the last block."""
    text = lines[i].stripped
    if not text or column_header_only(text) or _figures_of(lines[i]) is not None or FOOTNOTE.match(text):
        return False
    if TOTAL_COLUMN.match(text):
        return True
    if is_total_label(text):
        return False  # a block's last total label, written over the next block's column headers
    nxt = next((ln for ln in lines[i + 1 :] if not ln.is_blank), None)
    return nxt is not None and column_header_only(nxt.stripped)


def overview_blocks(lines: list[Line]) -> list[OverviewBlock] | None:
    """The blocks in the order of their names, each with the proposals, area cells and total labels written
    between its name and the next block's. None when a label line fits nowhere (a proposal's label that does not
    start "...forslag:", text that is no label)."""
    starts = [i for i, ln in enumerate(lines) if not ln.is_blank and _is_block_name(lines, i)]
    # the last block is "I alt", whose name a dump may write more than once (with its label column's head, or
    # where its text box fell among the other blocks): the last one names it
    grand = [i for i in starts if TOTAL_COLUMN.match(lines[i].stripped)]
    starts = [i for i in starts if i not in grand] + grand[-1:]
    blocks: list[OverviewBlock] = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        block = OverviewBlock([lines[start]], [], [], [])
        piece = ""
        label_open = False  # the last label line was a proposal's: a line that is no area or total continues it
        for ln in lines[start + 1 : end]:
            text = ln.stripped
            if ln.is_blank or column_header_only(text) or _figures_of(ln) is not None or YEAR.match(text):
                continue
            if FOOTNOTE.match(text):
                break
            if TOTAL_COLUMN.match(text):
                continue  # "I alt" written again
            area, pieces = area_piece(piece, text)
            if area is not None:
                block.areas.append((area, ln))
                piece, label_open = "", False
            elif pieces is not None:
                piece = pieces
            elif piece:
                return None  # an area cell left unfinished
            elif is_total_label(text):
                block.totals.append(ln)
                label_open = False
            elif PROPOSAL_START.match(text):
                block.proposals.append([ln])
                label_open = True
            elif label_open:
                block.proposals[-1].append(ln)  # the proposal's label goes on until its area cell
            else:
                return None
        if piece:
            return None
        blocks.append(block)
    return blocks


def _same_label(a: list[Line], b: list[Line]) -> bool:
    """Two labels of the same words, wrapped alike or not ("Smart investeringsforslag: Online" / "støtte- og ..."
    and "Smart investeringsforslag:" / "Online støtte- og ...")."""
    def key(lines: list[Line]) -> str:
        return regex.sub(r"[\s\-‐–]", "", "".join(ln.text for ln in lines)).casefold()

    return key(a) == key(b)


def named_once(block: OverviewBlock) -> OverviewBlock:
    """Rule `overview-name-twice`: a template that writes a proposal's name in its own row and again over its
    area row (the area row's group) gives two proposal labels of the same words, one straight after the other;
    the second is the same proposal's, not another one."""
    proposals: list[list[Line]] = []
    for item in block.proposals:
        if proposals and _same_label(proposals[-1], item):
            continue
        proposals.append(item)
    return OverviewBlock(block.name, proposals, block.areas, block.totals)


def areas_with_their_figures(blocks: list[OverviewBlock], segments: list[FigureSegment]) -> list[OverviewBlock]:
    """An area cell written straight before a row's figures (among a segment's figures: the area column's cell
    of that row) belongs to that segment's block, wherever the block names around it stand (pdfminer writes
    a block's figures after the next block's name and labels)."""
    owner = {ln_id: s for s, seg in enumerate(segments) for ln_id in seg.anchors}
    moved: list[list[tuple[str, Line]]] = [[] for _ in blocks]
    for s, block in enumerate(blocks):
        for area, ln in block.areas:
            moved[owner.get(id(ln), s)].append((area, ln))
    return [OverviewBlock(b.name, b.proposals, sorted(areas, key=lambda a: a[1].lineno or 0), b.totals)
            for b, areas in zip(blocks, moved, strict=True)]


def _block_areas(block: OverviewBlock, anchors: dict[int, int]) -> list[tuple[str, list[Line]]] | None:
    """One area per proposal, with the lines that wrote it: the area cells as many as the proposals, or twice as
    many (a layout with an area column writes the area both as the row's label and in its area cell): each
    label-column cell with the area cell written at its row's figures when there is one for each, else in
    pairs as written."""
    p, areas = len(block.proposals), block.areas
    if len(areas) == p:
        return [(a, [ln]) for a, ln in areas]
    if len(areas) != 2 * p:
        return None
    at_row = [a for a in areas if id(a[1]) in anchors]
    apart = [a for a in areas if id(a[1]) not in anchors]
    if len(at_row) == p:
        pairs = list(zip(apart, at_row, strict=True))
    else:
        pairs = [(areas[2 * i], areas[2 * i + 1]) for i in range(p)]
    if any(a[0] != b[0] for a, b in pairs):
        return None
    return [(a[0], [a[1], b[1]]) for a, b in pairs]


def _slots(items: list[list[Line]], rows: list[int], anchors: dict[int, int]
           ) -> tuple[list[int], list[bool]] | None:
    """Rule `overview-inline-labels`: each item's slot among `rows` (the rows of its kind, in order). An item
    written straight before a row's figures stands at that row; the others fill the remaining rows in the order
    written. Returns the slots and, per item, whether its slot is in doubt: an item filled in when others are
    anchored and more than one is left to fill (which of them goes where only their written order says, and the
    dump has shown it writes labels apart from their rows). None when an anchor points at a row of another kind
    or two items at one row."""
    slots: list[int | None] = []
    for item in items:
        row = next((anchors[id(ln)] for ln in item if id(ln) in anchors), None)
        if row is None:
            slots.append(None)
        elif row not in rows:
            return None
        else:
            slots.append(rows.index(row))
    taken = [s for s in slots if s is not None]
    if len(set(taken)) != len(taken):
        return None
    free = iter(k for k in range(len(rows)) if k not in taken)
    filled = [s if s is not None else next(free) for s in slots]
    doubt = bool(taken) and len(items) - len(taken) > 1
    return filled, [doubt and s is None for s in slots]


@dataclass(slots=True)
class OverviewTable:
    region: TableRegion
    header: TableHeader
    rows: list[RawRow]


def _rows(block: OverviewBlock, areas: list[tuple[str, list[Line]]], totals: list[str],
          segment: FigureSegment, figures: list[tuple[str, Line]] | None = None) -> list[RawRow] | None:
    """The block's rows: each proposal's row and its area row, in the slots `_slots` gives them, then the totals;
    each row takes the next row of the segment's figures (`figures`, row by row; else `box_order`'s). None when
    the labels' anchors contradict the rows."""
    keys = [str(y) for y in segment.years]
    p = len(block.proposals)
    proposals = _slots(block.proposals, list(range(0, 2 * p, 2)), segment.anchors)
    area_rows = _slots([lns for _, lns in areas], list(range(1, 2 * p, 2)), segment.anchors)
    if proposals is None or area_rows is None:
        # rule `overview-labels-apart`: a label written straight before another kind's row (a proposal's before
        # an area row's figures): the tool wrote labels apart from their rows (pdfminer's text boxes), so no
        # anchor holds; the labels take their kind's rows in the order written, which alone places them: with
        # more than one proposal, every such row is flagged
        doubt = p > 1
        proposals = _slots(block.proposals, list(range(0, 2 * p, 2)), {})
        area_rows = _slots([lns for _, lns in areas], list(range(1, 2 * p, 2)), {})
        if proposals is None or area_rows is None:
            return None
        proposals = (proposals[0], [doubt] * p)
        area_rows = (area_rows[0], [doubt] * p)
    labels: list[tuple[list[str], list[Line], bool]] = [([], [], False)] * (2 * p)
    for item, slot, doubt in zip(block.proposals, *proposals, strict=True):
        labels[2 * slot] = ([ln.text for ln in item], item, doubt)
    for (area, lns), slot, doubt in zip(areas, *area_rows, strict=True):
        labels[2 * slot + 1] = ([area], lns, doubt)
    labels.extend(([t], [], False) for t in totals)
    figures = box_order(segment) if figures is None else figures
    rows: list[RawRow] = []
    n = len(keys)
    for r, (parts, label_lines, doubt) in enumerate(labels):
        cells = figures[r * n : (r + 1) * n]
        tokens = [Token(text, ln) for text, ln in cells]
        row = RawRow(parts, label_lines + [ln for _, ln in cells], None, tokens,
                     placed=dict(zip(keys, tokens, strict=True)), inferred_by="overview-segments", keys_read=keys)
        if doubt:
            row.flag()
        rows.append(row)
    return rows


def _totals_hold(tables: list[list[RawRow]], totals: list[str], n_proposals: list[int]) -> bool:
    """Each block's net total adds up over its proposals' rows and its investment total over its area rows; each
    total of the last block ("I alt") over the same total of every other block."""
    *blocks, grand = tables
    return all(_block_holds(rows, totals, p) for rows, p in zip(blocks, n_proposals, strict=True)) and _grand_holds(
        grand, blocks, n_proposals)


def _block_holds(rows: list[RawRow], totals: list[str], p: int) -> bool:
    """A block's net total adds up over its `p` proposals' rows and its investment total over its area rows."""
    for t, label in enumerate(totals):
        adds = OVERVIEW_TOTALS.get(normalize_space(label).casefold())
        if adds is None:
            return False  # a total nothing says how to add up
        parts = rows[0 : 2 * p : 2] if adds == "proposals" else rows[1 : 2 * p : 2]
        if not adds_up_by_position(rows[2 * p + t], parts):
            return False
    return True


def _grand_holds(grand: list[RawRow], blocks: list[list[RawRow]], n_proposals: list[int]) -> bool:
    """Each total of the last block ("I alt") adds up over the same total of every other block."""
    return all(adds_up_by_position(grand[t], [rows[2 * p + t] for rows, p in zip(blocks, n_proposals, strict=True)])
               for t in range(len(grand)))


def column_group_orders(written: list[tuple[str, Line]], n_rows: int, n_cols: int) -> list[list[tuple[str, Line]]]:
    """Rule `overview-column-groups`: pdfminer groups a block's cells into text boxes of neighbouring columns
    (one column, two, all of them) and writes each box row by row, the boxes left to right; which columns a box
    took its layout alone decided. Every split of the columns into runs, each run's cells written row by row,
    gives one order; returned as the figures row by row (the first split, no cut, is the order written)."""
    orders: list[list[tuple[str, Line]]] = []
    if len(written) != n_rows * n_cols:
        return orders
    for cuts in itertools.product((False, True), repeat=n_cols - 1):
        runs: list[range] = []
        start = 0
        for c, cut in enumerate(cuts, start=1):
            if cut:
                runs.append(range(start, c))
                start = c
        runs.append(range(start, n_cols))
        cells: list[tuple[str, Line] | None] = [None] * len(written)
        step = iter(written)
        for run in runs:
            for r in range(n_rows):
                for c in run:
                    cells[r * n_cols + c] = next(step)
        orders.append(cells)  # type: ignore[arg-type]
    return orders


def _by_column_groups(blocks: list[OverviewBlock], segments: list[FigureSegment],
                      areas: list[list[tuple[str, list[Line]]]], totals: list[str]) -> list[list[RawRow]] | None:
    """The blocks' rows where the order written makes the totals fail: per block, the orders of
    `column_group_orders` whose totals hold; taken only when each block's (and then the "I alt" block's, against
    the blocks' totals so read) come to one set of figures. None where a block's orders come to none or several."""
    out: list[list[RawRow]] = []
    n_proposals = [len(b.proposals) for b in blocks[:-1]]
    for block, segment, block_areas in zip(blocks, segments, areas, strict=True):
        p = len(block.proposals)
        written = [(f, ln) for ln in segment.figures for f in _figures_of(ln) or []]
        found: dict[tuple[str, ...], list[RawRow]] = {}
        for order in column_group_orders(written, 2 * p + len(totals), len(segment.years)):
            rows = _rows(block, block_areas, totals, segment, order)
            if rows is None:
                return None
            holds = (_grand_holds(rows, out, n_proposals) if block is blocks[-1]
                     else _block_holds(rows, totals, p))
            if holds:
                found.setdefault(tuple(f for f, _ in order), rows)
        if len(found) != 1:
            return None
        out.append(next(iter(found.values())))
    return out


def _label_stream(lines: list[Line]) -> tuple[list[Line], list[list[Line]], list[tuple[str, Line]], list[Line]] | None:
    """The overview's label lines as one stream, up to the footnote: the lines that name blocks (words standing
    where no proposal's label is open: before the first proposal, after an area cell or a total), the proposals
    (each label's lines), the area cells and the total labels, each in the order written. None when an area cell
    is left unfinished."""
    names: list[Line] = []
    proposals: list[list[Line]] = []
    areas: list[tuple[str, Line]] = []
    totals: list[Line] = []
    piece, label_open = "", False
    for i, ln in enumerate(lines):
        text = ln.stripped
        if ln.is_blank or column_header_only(text) or _figures_of(ln) is not None or YEAR.match(text):
            continue
        if FOOTNOTE.match(text):
            break
        area, pieces = area_piece(piece, text)
        if area is not None:
            areas.append((area, ln))
            piece, label_open = "", False
        elif pieces is not None:
            piece = pieces
        elif piece:
            return None
        elif TOTAL_COLUMN.match(text):
            names.append(ln)  # "I alt", the last block's name (maybe written more than once)
            label_open = False
        elif is_total_label(text):
            totals.append(ln)
            label_open = False
        elif PROPOSAL_START.match(text):
            proposals.append([ln])
            label_open = True
        elif label_open and not _names_a_block(lines, i, proposals[-1][-1].stripped):
            proposals[-1].append(ln)
        else:
            names.append(ln)
            label_open = False
    return None if piece else (names, proposals, areas, totals)


def _names_a_block(lines: list[Line], i: int, above: str) -> bool:
    """Rule `block-name-after-label`: pdftotext may write the later blocks' names straight after a proposal's
    label. Line i, after a proposal's label line `above`, names a block rather than going on with the label when
    it starts a label of its own (a capital after a line that reads as complete: `starts_own_label`) and the
    lines after it, past other such lines, come to a column's head alone ("Forslag"), as a block's name does."""
    if not starts_own_label(above, lines[i].stripped):
        return False
    prev = lines[i].stripped
    for ln in lines[i + 1 :]:
        text = ln.stripped
        if not text:
            continue
        if column_header_only(text):
            return True
        if (_figures_of(ln) is not None or YEAR.match(text) or PROPOSAL_START.match(text) or is_total_label(text)
                or area_piece("", text) != (None, None) or not starts_own_label(prev, text)):
            return False
        prev = text
    return False


def blocks_in_turn(lines: list[Line], segments: list[FigureSegment]) -> tuple[list[OverviewBlock], bool] | None:
    """Rule `overview-labels-in-turn`: pdftotext may write the blocks' names and labels nowhere near their
    figures: the first block's name over its figures, its labels after every figure, a later block's name after
    them and its labels inline among its figures ("Investeringsforslag: ..." straight before its row). Then the
    labels are read as one stream (`_label_stream`): the names of the blocks that are not "I alt" are the last
    names written (the title's lines stand before them, over the first figures), each block takes as many
    proposals as its figures have rows for (two rows a proposal, then the totals), a proposal written straight
    before a row's figures the block of those figures, the others the blocks' free rows in the order written.
    Returns the blocks and whether any proposal or area cell was so given by the order written alone to a block
    among several with free rows (their rows are then stored flagged); None when the counts do not fit."""
    stream = _label_stream(lines)
    if stream is None or len(segments) < 2:
        return None
    names, proposals, areas, total_lines = stream
    totals = list(dict.fromkeys(normalize_space(t.text) for t in total_lines))
    grand_names = [ln for ln in names if TOTAL_COLUMN.match(ln.stripped)]
    # the overview's own heading ("Oversigt over ...") names no block, even where a block's name went missing
    names = [ln for ln in names if not TOTAL_COLUMN.match(ln.stripped) and header_kind(ln) != "overview"]
    k = len(segments) - 1
    first_year = segments[0].year_lines[0]
    order = {id(ln): i for i, ln in enumerate(lines)}
    if not grand_names or not totals or len(names) < k or any(
            order[id(ln)] > order[id(first_year)] for ln in names[: len(names) - k]):
        return None
    names = names[len(names) - k :]
    counts = []
    for seg in segments[:-1]:
        rows, rest = divmod(sum(len(_figures_of(ln) or []) for ln in seg.figures), len(seg.years))
        if rest or rows <= len(totals) or (rows - len(totals)) % 2:
            return None
        counts.append((rows - len(totals)) // 2)
    if len(proposals) != sum(counts) or len(areas) != sum(counts):
        return None

    def share(items: list[list[Line]], even: bool) -> tuple[list[list[int]], bool] | None:
        """Each block's items (indices into `items`, in the order written): the anchored ones where their
        figures stand, the rest into the free rows block by block."""
        owner: list[int | None] = []
        for item in items:
            at = next(((s, seg.anchors[id(ln)]) for s, seg in enumerate(segments[:-1]) for ln in item
                       if id(ln) in seg.anchors), None)
            if at is not None and (at[1] % 2 != (0 if even else 1) or at[1] >= 2 * counts[at[0]]):
                return None
            owner.append(None if at is None else at[0])
        free = [counts[s] - owner.count(s) for s in range(k)]
        if any(f < 0 for f in free):
            return None
        slots = iter(s for s in range(k) for _ in range(free[s]))
        shared: list[list[int]] = [[] for _ in range(k)]
        for i, s in enumerate(owner):
            shared[next(slots) if s is None else s].append(i)
        return shared, sum(1 for f in free if f) > 1

    by_proposal = share(proposals, True)
    by_area = share([[ln] for _, ln in areas], False)
    if by_proposal is None or by_area is None:
        return None
    blocks = [OverviewBlock([names[s]], [proposals[i] for i in by_proposal[0][s]],
                            [areas[i] for i in by_area[0][s]], total_lines if s == 0 else [])
              for s in range(k)]
    blocks.append(OverviewBlock([grand_names[-1]], [], [], []))
    return blocks, by_proposal[1] or by_area[1]


def read_overview_cells(lines: list[Line]) -> list[OverviewTable] | None:
    """Rule `overview-segments` (see the module's text): the overview's blocks as tables, or None when the shape
    does not fit exactly (then nothing is read from this rule). When the blocks' names and labels do not stand
    block by block, rule `overview-labels-in-turn` (`blocks_in_turn`)."""
    segments = figure_segments(lines)
    blocks = overview_blocks(lines) if segments else None
    by_order = False
    if segments and (not blocks or len(blocks) != len(segments)):
        in_turn = blocks_in_turn(lines, segments)
        blocks, by_order = in_turn if in_turn is not None else (None, False)
    if not blocks or len(blocks) < 2 or len(blocks) != len(segments):
        return None
    blocks = areas_with_their_figures([named_once(b) for b in blocks], segments)
    grand = blocks[-1]
    if not TOTAL_COLUMN.match(grand.name[0].stripped) or grand.proposals:
        return None
    # every block ends in the same totals, whose labels pdftotext may have written in any block's stretch
    totals = list(dict.fromkeys(normalize_space(t.text) for b in blocks for t in b.totals))
    if not totals:
        return None
    at = {id(ln): i for i, ln in enumerate(lines)}
    tables: list[OverviewTable] = []
    row_sets: list[list[RawRow]] = []
    block_areas: list[list[tuple[str, list[Line]]]] = []
    for block, segment in zip(blocks, segments, strict=True):
        areas = _block_areas(block, segment.anchors) if block is not grand else []
        if areas is None or (block is not grand and not block.proposals):
            return None
        block_areas.append(areas)
        n_rows = 2 * len(block.proposals) + len(totals)
        if sum(len(_figures_of(ln) or []) for ln in segment.figures) != n_rows * len(segment.years):
            return None
        rows = _rows(block, areas, totals, segment)
        if rows is None:
            return None
        if by_order:  # labels given to this block by the order written alone (`overview-labels-in-turn`)
            for r in rows[: 2 * len(block.proposals)]:
                if not any(id(ln) in segment.anchors for ln in r.lines):
                    r.flag()
        row_sets.append(rows)
        name = block.name[0]
        start = at[id(name)]
        # the name may stand after its figures (pdftotext's reading order): the region spans both
        end = max(start, *(at[id(ln)] for r in rows for ln in r.lines)) + 1
        region = TableRegion(None, normalize_space(name.text), start, end, name)
        header = TableHeader(segment.years, None, None, False, False, at[id(segment.year_lines[-1])] + 1)
        tables.append(OverviewTable(region, header, rows))
    if not _totals_hold(row_sets, totals, [len(b.proposals) for b in blocks[:-1]]):
        grouped = _by_column_groups(blocks, segments, block_areas, totals)
        if grouped is not None:
            return [OverviewTable(t.region, t.header, rows) for t, rows in zip(tables, grouped, strict=True)]
        for rows in row_sets:
            for r in rows:
                r.flag()
    return tables


def flag_contradicted_overview(docs: list[ExtractedDocument], dumped: set[int]) -> None:
    """Rule `overview-contradicted`: an overview read from a text dump (`dumped`: positions in `docs` of documents
    read from one; their rows rebuilt from a reading order) whose figure the proposal it names, in the same file,
    totals otherwise in its Tabel 1 is stored flagged (in place), with the same column of every other row of its
    block but the totals. Two proposals whose labels the dump wrote before both their figures ("Forslag: A" /
    "Forslag: B" / A's figures / B's figures) trade rows with every overview total still adding up: only the
    proposals' own tables show it, the other of the two may have no proposal in the file to show it, and the
    finding overview-agrees names both figures. Only a trade is flagged: the proposal's figure stands in another
    row of the block under the same year. A difference the trade does not explain (an overview made before the
    proposal's last figures), within the overview's rounding (-2.900 for -2.950) or against a proposal figure itself
    flagged tells nothing of the reading."""
    for found in overview_disagreements(docs):
        if next(i for i, d in enumerate(docs) if d is found.overview) not in dumped:
            continue
        if not found.proposal_sure or abs(found.value - found.proposal_value) < OVERVIEW_ROUNDING:
            continue
        rows = found.overview.tables[found.table].rows
        if not any(row is not found.row and not row.is_total
                   and abs(row.values().get(found.key, float("nan")) - found.proposal_value) < OVERVIEW_ROUNDING
                   for row in rows):
            continue  # the proposal's figure stands in no other row: the source's own difference, not a trade
        for row in rows:
            if row.is_total:
                continue
            for cell in row.cells:
                if cell.key == found.key:
                    cell.uncertain = True
