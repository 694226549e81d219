"""Every threshold of the table steps in one place, text dumps and PDFs alike, passed down the chain of steps (as
pdfplumber's TableSettings).

A test or a caller that needs another value builds its own `TextSettings`; nothing below reads a module constant
for a threshold that this class holds.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TextSettings:
    # ---- year placement (extract/placement.py)
    # the joint search over every row's candidate placements is exhaustive up to this many combinations, then
    # coordinate ascent
    exhaustive_limit: int = 2000
    # whether some placement makes every total add up (placement.totals_can_hold, called without a budget): row
    # placements tried at most
    max_fit_nodes: int = 20_000
    # runs of spaces where empty cells were: a prior per column of disagreement; noisy in real dumps, so it only
    # breaks ties (it stays below `decisive_margin` on its own for a one-column shift)
    prior_weight: float = 0.15
    # agreement with the same row in another table (Tabel 2-4 repeat Tabel 1), per agreeing figure, when that
    # row's placement is itself decided
    agreement_weight: float = 0.5
    # the same, with a row that was itself placed by an undecided guess: a tie-breaker, never evidence
    guess_agreement_weight: float = 0.05
    # rule `block-years`: how much a short row's guess leans to its block's side (the last years for permanent
    # changes, the first for implementation costs), all the way over; below `decisive_margin` and below one
    # column of `prior_weight`, so it never decides a figure nor outweighs the spacing; about as much as two
    # figures agreeing with another table's guess (`guess_agreement_weight`), which may be a misread table's
    block_lean_weight: float = 0.1
    # labels this similar (difflib ratio) are the same row
    similar_label: float = 0.85
    # a placement is decided when every alternative that puts a figure elsewhere scores at least this much lower;
    # one total that stops adding up costs 2 (from +1 to -1), one figure that stops agreeing with a decided
    # repeat costs `agreement_weight`
    decisive_margin: float = 0.5
    # rule `column-offsets` (extract/column_offsets.py): what a placement loses for each figure it puts in another
    # column than the one its line sets it under; above `decisive_margin`, below a total that stops adding up
    offset_weight: float = 1.0
    # ---- rows of a text dump (extract/flattening.py, extract/tables.py)
    padded_share: float = 0.6  # this share of a table's lines ending in spaces: the dump pads its rows
    empty_row_trailing: int = 3  # trailing spaces that stand for a row's empty cells
    prose_words: int = 9  # a line this long ending in "." or ":" is prose below the table
    max_body_lines: int = 80
    # a table written a cell per line, column by column (extract/cell_per_line.py): this many year blocks at least
    min_column_blocks: int = 2
    # this share of a table's non-blank body lines being a lone figure: the dump wrote the table a cell per line
    cell_per_line_share: float = 0.35
    # rows after a band's closing total that pdftotext reads on their own, row by row (a grand total)
    band_tail_rows: int = 1
    # a table read row by row whose rows' figure counts the layout does not give (extract/cell_per_line.py
    # area_rows_to_raw_rows): readings tried at most, beyond which the table is read the plain way, flagged
    max_stream_readings: int = 4096
    # figures written apart from their rows, shared out by the totals (extract/later_row_cells.py): at most this
    # many figures after a full row's own are tried as later rows' cells (`cells-of-later-rows`); at most this many
    # sharings tried by a rule on a table; and at most this many row placements tried for all of them together
    # (placement.totals_can_hold). Beyond, the rows stay as read
    max_later_cells: int = 4
    max_later_splits: int = 400
    max_split_nodes: int = 150_000
    # a table written text box by text box (extract/column_figures.py): search steps at most before the table is
    # left to the other readers
    max_box_search: int = 10_000
    # ...but the first search, in the order written with every total, runs longer: a large table written row by
    # row (eleven rows, six years, a figure a box) may need more steps to see every reading, which then decides it
    max_box_first_search: int = 30_000
    # ...and with the rows' order given up, for a guess stored flagged
    max_box_guess_search: int = 5_000
    # rule `blocks-in-turn`: search steps at most for one block's part of the figures, and for all parts together
    # (rule `zero-box` too: each rectangle tried, and all of them)
    max_block_part_search: int = 3_000
    max_blocks_in_turn_search: int = 12_000
    # rule `zero-box`: a run of zeros at least this long (and a row's cells) may be a block's empty lower right part
    min_zero_box: int = 4
    # rule `late-total-cell`: how far back, in rows of figures (times the year columns), the last figure written
    # may belong in the order written
    late_total_cell_rows: int = 2
    # ...and at most this many cells a figure leaves empty above it in its column, and left of it in its row, when
    # it stands in its cell: a table's empty cells are few and scattered, while every cell a figure could take
    # multiplies the search
    box_empty_skip: int = 2
    # ...and a total whose column still has open cells must be within reach of the figures still to come: checked
    # when it has at most this many open parts and the figures to come at most `box_reach_values` distinct values
    # (the sums they can make grow as values ** parts)
    box_reach_parts: int = 4
    box_reach_values: int = 16
    # ...a table's body written after the next section's heading: at most this many lines of that section's text
    # stand between the heading and the body's first year (rule `body-after-heading`)
    body_after_heading_lines: int = 4
    # rule `reading-by-repeat` (extract/repeat_readings.py): a table's open readings kept whole for the document's
    # other tables to choose among, at most (more: its undecided cells stay flagged)
    repeat_readings_at_most: int = 512
    # ---- the grid of a PDF table (extract/layout.py), in PDF points
    cell_padding: float = 5.5  # distance between a cell's border and its text
    row_gap_ratio: float = 0.5  # a vertical gap above this share of a line's height separates rows (borderless)
    # the same between lines read by OCR, of the taller line's glyph boxes: a cell's wrapped lines stand 0.3-0.6
    # apart, an office template's rows (whose faint rules a scan loses) 0.8 and more
    ocr_row_gap_ratio: float = 0.7
    full_cell_slack: float = 12.0  # a word this close to the cell's width was broken by the layout, not a hyphen
    figure_zone: float = 30.0  # left of the first year column's header word, a figure may still begin (wide ones)
    edge_slack: float = 2.0  # a word's right edge this far left of a column's left edge still counts as under it
    unit_gap_heights: float = 2.0  # a unit word ('kr.') within this many word heights of a figure belongs to it
    # ---- figures read by OCR (extract/ocr_doubts.py)
    # Tesseract's word confidence (0-100) below which a figure is flagged uncertain: on the scanned corpus its
    # misread digits sit below it, while clean digits read at 85-96
    ocr_min_confidence: float = 60.0
    # contradictions in more than this share of what a check compares are the source's own arithmetic, not misreads
    ocr_systematic_share: float = 0.5
    ocr_systematic_min: int = 3  # ...and at least this many (a misread contradicts one row and one column)


DEFAULT = TextSettings()
