"""Put a text dump's numbers under their years.

A flattened table row may print fewer numbers than the table has year columns: the empty cells vanished. Each
candidate placement (a contiguous run of years, or a run plus the "I alt" column) is scored by
  1. the table's own arithmetic: every total row must equal the sum of its components, year by year;
  2. agreement with the same row where another table of the document repeats it (Tabel 2-4 repeat Tabel 1);
  3. the runs of spaces the dump kept where the empty cells were (a weak prior, it is noisy).
The best joint placement wins; every value placed this way records the rule that placed it.

A figure is stored as decided only when every alternative placement that would put another figure under its key
scores at least `decisive_margin` lower (the max-marginal of the joint search); otherwise it keeps the best guess
and is flagged uncertain with the keys it could stand under (`RawRow.uncertain`), never a silent guess.
"""
from __future__ import annotations

import difflib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from extract.arithmetic import RowKind, rounding_slack, total_equations
from extract.column_offsets import aligned_keys
from extract.patterns import BLOCK_YEARS
from extract.settings import DEFAULT, TextSettings
from extract.tables import RawRow, TableHeader, Token, areas_only, is_group_heading, is_total_label
from parsers.numbers import is_zero_mark, parse_number
from parsers.text import normalize_space

Placement = dict[str, Token]


@dataclass(frozen=True, slots=True)
class ReferenceRow:
    """A row of another table to check a repeated row against: its figures by key, and whether they were decided."""

    values: dict[str, float]
    decided: bool = True


Reference = dict[str, ReferenceRow]


@dataclass(slots=True)
class Candidate:
    placement: Placement
    prior: float
    rule: str
    values: dict[str, float] = field(init=False)

    def __post_init__(self) -> None:
        self.values = {k: parse_number(t.text) for k, t in self.placement.items()}


def _keys(header: TableHeader) -> list[str]:
    return [str(y) for y in header.years]


def candidates_for(row: RawRow, header: TableHeader, settings: TextSettings = DEFAULT) -> list[Candidate]:
    if row.keys_read is not None:  # a reading order rebuilt and chosen by the arithmetic (extract/cell_per_line.py)
        return [Candidate(dict(zip(row.keys_read, row.numbers, strict=True)), 0.0, "")]
    years = _keys(header)
    n = len(years)
    nums = list(row.numbers)
    ncols = n + (1 if header.has_total_column else 0)
    # placeholders for an empty Styringsområde cell ("_ 1.250 ..." / "- 1.250 ...") when there are too many tokens
    while len(nums) > ncols and is_zero_mark(nums[0].text):
        nums = nums[1:]
    if len(nums) > ncols:
        nums = nums[-ncols:]
    k = len(nums)
    if k == ncols:
        keys = years + (["total"] if header.has_total_column else [])
        return [Candidate(dict(zip(keys, nums, strict=True)), 0.0, "")]
    if k == n and header.has_total_column:
        return [Candidate(dict(zip(years, nums, strict=True)), 0.0, "")]
    empties_before = max(0, row.leading_gap - 1 - (1 if header.has_area and row.area is None else 0))
    empties_after = max(0, row.trailing_gap - 1)
    out: list[Candidate] = []
    for start in range(0, n - k + 1):
        after = n - k - start
        prior = -settings.prior_weight * (abs(start - empties_before) + abs(after - empties_after))
        out.append(Candidate(dict(zip(years[start : start + k], nums, strict=True)), prior, "placed-by-arithmetic"))
    if header.has_total_column and k >= 2:
        for start in range(0, n - (k - 1) + 1):
            placement = dict(zip(years[start : start + k - 1], nums[:-1], strict=True))
            placement["total"] = nums[-1]
            out.append(Candidate(placement, -settings.prior_weight * (start + 0.5), "placed-by-arithmetic"))
    aligned = None if header.column_ends is None else aligned_keys(
        nums, years + (["total"] if header.has_total_column else []), header.column_ends)
    if aligned is not None:  # rule `column-offsets`: where the figures stand on the line, not the spaces' count
        for c in out:
            c.prior = -settings.offset_weight * sum(
                1 for key, tok in zip(aligned, nums, strict=True) if c.placement.get(key) is not tok)
    return out


def _equations(rows: list[RawRow]) -> list[tuple[int, tuple[int, ...]]]:
    kinds = [
        RowKind.HEADING if r.is_heading
        else RowKind.SKIP if not r.numbers
        else RowKind.TOTAL if is_total_label(r.label)
        else RowKind.ROW
        for r in rows
    ]
    return [(eq.total, eq.components) for eq in total_equations(kinds)]


def _arith_score(eqs, placements: list[dict[str, float] | None], keys: list[str]) -> float:
    score = 0.0
    empty: dict[str, float] = {}
    for total, comps in eqs:
        for key in keys:
            tv = (placements[total] or empty).get(key)
            cvs = [(placements[c] or empty).get(key) for c in comps]
            if tv is None and all(v is None for v in cvs):
                continue
            s = sum(v for v in cvs if v is not None)
            score += 1.0 if tv is not None and abs((tv or 0) - s) < 0.5 else -1.0
    return score


def norm_label(label: str) -> str:
    return normalize_space(label).casefold().rstrip("*").strip()


@lru_cache(maxsize=65536)
def label_ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _agreement(label: str, placement: Placement, reference: Reference, settings: TextSettings) -> float:
    """How well a placement agrees with rows of other tables: the same row by label, or the same figures.

    A row repeated under another label (Tabel 4's "Inden for målsætning" repeats Tabel 1's net total) still
    agrees when all its figures stand under the same years there, provided they say something (not all zeros);
    that counts half. A reference row that was itself an undecided guess only breaks ties.
    """
    best = 0.0
    nl = norm_label(label)
    values = {k: parse_number(tok.text) for k, tok in placement.items()}
    distinctive = len(set(values.values())) >= 2 or all(v != 0 for v in values.values())
    for ref_label, ref in reference.items():
        weight = settings.agreement_weight if ref.decided else settings.guess_agreement_weight
        agree = sum(1 for k, v in values.items() if ref.values.get(k) == v)
        if label_ratio(nl, ref_label) >= settings.similar_label:
            best = max(best, weight * (agree - 0.5 * (len(values) - agree)))
        elif distinctive and agree == len(values):
            best = max(best, weight * 0.5 * agree)
    return best


def _block_side(text: str) -> int:
    """+1 when the text names a block whose short rows fill the last years, -1 the first years, else 0."""
    for pattern, side in BLOCK_YEARS:
        if regex.search(pattern, text, regex.IGNORECASE):
            return 1 if side == "last" else -1
    return 0


def block_leanings(labels: Sequence[str], headings: Sequence[bool], caption: str | None = None) -> list[int]:
    """Rule `block-years`: per row (its label, whether it is a block heading), the side of the years its block's
    short rows fill (+1 the last years, -1 the first, 0 unknown), named by the row's own label, else the block
    heading above it (up to that block's total), else the first block total below it, else the table's caption.
    In the proposals' tables a permanent change ("Varige ændringer") runs on to the last year once it starts, and
    an implementation cost or an investment falls in the first years."""
    own = [_block_side(label) for label in labels]
    total = [is_total_label(label) for label in labels]
    above: list[int] = []
    side = 0
    for k, heading in enumerate(headings):
        if heading:
            side = own[k]
        above.append(side)
        if total[k] and own[k]:
            side = 0  # a block's total ends it: the rows below are the next block's, its heading maybe lost
    below: list[int] = []
    side = 0
    for k in reversed(range(len(labels))):
        if total[k] and own[k]:
            side = own[k]
        below.append(side)
    below.reverse()
    fallback = _block_side(caption or "")
    # a total that names no block (the grand total under both blocks) takes no side from the heading above it
    return [o or (0 if t else a) or b or fallback for o, t, a, b in zip(own, total, above, below, strict=True)]


def _lean(candidate: Candidate, keys: list[str], side: int, settings: TextSettings) -> float:
    """How far a candidate's figures stand toward its block's side (rule `block-years`). Zeros alone lean nowhere:
    a permanent change's zeros stand before it starts, on the other side."""
    at = [keys.index(k) for k in candidate.placement if k in keys]
    if not at or not side or not any(candidate.values.values()):
        return 0.0
    room = len(keys) - len(at)  # how far the row's figures may move: the lean is a share of that, at most 1
    return settings.block_lean_weight * side * min(at) / room if room else 0.0


def place_table(rows: list[RawRow], header: TableHeader, reference: Reference,
                settings: TextSettings = DEFAULT, caption: str | None = None) -> None:
    """Place every row's numbers under keys (RawRow.placed), flagging the figures the evidence did not decide."""
    cands = [candidates_for(r, header, settings) if r.numbers else [] for r in rows]
    keys = _keys(header) + (["total"] if header.has_total_column else [])
    eqs = _equations(rows)
    choice = [0 if c else -1 for c in cands]
    variable = [i for i, c in enumerate(cands) if len(c) > 1]
    sides = block_leanings([r.label for r in rows], [r.is_heading for r in rows],
                           caption)
    years = _keys(header)

    local_scores = {
        (i, ci): c.prior + _agreement(rows[i].label, c.placement, reference, settings)
        + _lean(c, years, sides[i], settings)
        for i in variable
        for ci, c in enumerate(cands[i])
    }

    def local(i: int, ci: int) -> float:
        return local_scores[(i, ci)]

    def total_score(ch: list[int]) -> float:
        placements = [cands[i][c].values if c >= 0 else None for i, c in enumerate(ch)]
        return _arith_score(eqs, placements, keys) + sum(local(i, ch[i]) for i in variable)

    for i in variable:  # start from each row's own best guess
        choice[i] = max(range(len(cands[i])), key=lambda ci, i=i: local(i, ci))
    # the best score reached with row i on candidate ci (max-marginal): how much the evidence prefers the choice
    marginal: dict[tuple[int, int], float] = {}
    space = 1
    for i in variable:
        space *= len(cands[i])
    if variable and space <= settings.exhaustive_limit:
        best, best_score = list(choice), total_score(choice)
        for combo in itertools.product(*(range(len(cands[i])) for i in variable)):
            trial = list(choice)
            for i, ci in zip(variable, combo, strict=True):
                trial[i] = ci
            s = total_score(trial)
            for i, ci in zip(variable, combo, strict=True):
                if s > marginal.get((i, ci), float("-inf")):
                    marginal[(i, ci)] = s
            if s > best_score + 1e-9:
                best, best_score = trial, s
        choice = best
    elif variable:
        for _ in range(3):  # coordinate ascent when the joint space is too large
            for i in variable:
                choice[i] = max(
                    range(len(cands[i])), key=lambda ci, i=i: total_score(choice[:i] + [ci] + choice[i + 1 :])
                )
        for i in variable:  # the others held where they are: a lower bound of the max-marginal
            for ci in range(len(cands[i])):
                marginal[(i, ci)] = total_score(choice[:i] + [ci] + choice[i + 1 :])
    for i, r in enumerate(rows):
        r.uncertain = {}
        if choice[i] < 0:
            continue
        c = cands[i][choice[i]]
        r.placed = c.placement
        r.inferred_by = c.rule or (r.inferred_by if r.keys_read is not None else None)  # a rebuilt reading's rule
        if i in variable:
            r.inferred_by = _evidence(i, choice, cands, marginal, eqs, keys, rows[i].label, reference, settings)
            r.uncertain = _undecided(c, [a for ai, a in enumerate(cands[i]) if ai != choice[i]
                                         and marginal[(i, ai)] > marginal[(i, choice[i])] - settings.decisive_margin])
        # what the row's reading left in doubt stays so, whichever placement the evidence chose
        for key, tok in r.placed.items():
            if key in r.keys_in_doubt or any(tok is t for t in r.figures_in_doubt):
                r.uncertain.setdefault(key, [])
    final = [cands[i][c].values if c >= 0 else None for i, c in enumerate(choice)]
    for i, r in enumerate(rows):
        if choice[i] < 0:
            continue
        if not r.label.strip() or areas_only(r.label):
            # figures without a label (the dump lost it or put it elsewhere): nothing says which row they are; rule
            # `area-cells-as-label`: a "label" of area cells alone ("Service Service Anlæg") is the area column
            # read apart from its labels (a cell per line), no row's label either
            r.flag()
            continue
        if not _assembled(r):
            continue
        # a row gathered from figures on several lines (a dump in reading order, a cell per line) may have taken a
        # neighbour's figure: only the totals' arithmetic or a decided repeat in another table confirms it
        for key in r.placed or {}:
            if key not in r.uncertain and not (_adds_up(eqs, final, i, key)
                                               or _repeated(r.label, key, final[i][key], reference, settings)):
                r.uncertain[key] = []


def _assembled(row: RawRow) -> bool:
    """Figures gathered from several lines into a row by guess; not a row of a rebuilt reading order that the
    table's arithmetic chose over every other reading (RawRow.keys_read, extract/cell_per_line.py): there an empty
    cell is part of what the arithmetic confirmed."""
    if row.keys_read is not None and not row.order_doubt:
        return False
    return len({id(t.line) for t in row.numbers}) > 1


def _adds_up(eqs, placements: list[dict[str, float] | None], i: int, key: str) -> bool:
    """Row i's figure under `key` takes part in a total that holds there."""
    for total, comps in eqs:
        if i != total and i not in comps:
            continue
        tv = (placements[total] or {}).get(key)
        cvs = [(placements[c] or {}).get(key) for c in comps]
        if tv is not None and all(v is not None for v in cvs) and abs(tv - sum(cvs)) < 0.5:
            return True
    return False


def _repeated(label: str, key: str, value: float, reference: Reference, settings: TextSettings) -> bool:
    """The same row of another table, itself decided, has this figure under this key."""
    nl = norm_label(label)
    return any(ref.decided and ref.values.get(key) == value and label_ratio(nl, ref_label) >= settings.similar_label
               for ref_label, ref in reference.items())


def _evidence(i: int, choice: list[int], cands: list[list[Candidate]], marginal: dict, eqs, keys: list[str],
              label: str, reference: Reference, settings: TextSettings) -> str:
    """The rule that placed row i, naming the evidence that set its placement above the strongest rival's:
    "placed-by: totals+repeated-table+spacing" (each term that scored higher with the other rows held)."""
    rivals = [ai for ai in range(len(cands[i])) if ai != choice[i]]
    if not rivals:
        return "placed-by: count"
    rival = max(rivals, key=lambda ai: marginal.get((i, ai), float("-inf")))
    chosen, other = cands[i][choice[i]], cands[i][rival]

    def arith(ci: int) -> float:
        trial = list(choice)
        trial[i] = ci
        return _arith_score(eqs, [cands[j][cj].values if cj >= 0 else None for j, cj in enumerate(trial)], keys)

    terms = {
        "totals": arith(choice[i]) - arith(rival),
        "repeated-table": _agreement(label, chosen.placement, reference, settings)
        - _agreement(label, other.placement, reference, settings),
        "spacing": chosen.prior - other.prior,
    }
    used = [name for name, delta in terms.items() if delta > 1e-9]
    return "placed-by: " + ("+".join(used) if used else "tie")


def _undecided(chosen: Candidate, rivals: list[Candidate]) -> dict[str, list[str]]:
    """Key -> the other keys its figure could stand under, for every key where a close rival stores another figure.

    A key where the rivals store the same figure is decided whichever wins ("0 0 0" shifted by one column still
    puts 0 under the middle years)."""
    out: dict[str, list[str]] = {}
    for rival in rivals:
        for key, tok in chosen.placement.items():
            if rival.values.get(key) == chosen.values[key]:
                continue
            elsewhere = [k for k, t in rival.placement.items() if t is tok]
            out.setdefault(key, [])
            for k in elsewhere:
                if k not in out[key]:
                    out[key].append(k)
    return out


def reference_values(rows: list[RawRow]) -> Reference:
    """Placed rows by normalised label, to check repeated rows in other tables against.

    Rows read directly come first, then rows placed by decisive evidence; rows placed by an undecided guess only
    fill labels that no other row gives, marked undecided.
    """
    ref: Reference = {}
    for rank in (0, 1, 2):
        for r in rows:
            if r.placed is None:
                continue
            row_rank = 2 if r.uncertain else 1 if r.inferred_by else 0
            if row_rank == rank:
                ref.setdefault(norm_label(r.label),
                               ReferenceRow({k: parse_number(t.text) for k, t in r.placed.items()}, rank < 2))
    return ref


YEARS_LOST_AFTER_HEADER = 10  # a table's year columns: at most this many after the last one its header shows


def flag_year_lookalikes(rows: list[RawRow], header: TableHeader) -> None:
    """A figure that reads exactly as one of the table's own header years, or a year after them, is flagged.

    Reading orders that put a table's header cells on lines of their own (pdftotext's cell per line, pdfminer's
    columns as blocks) can leave a year of the header among the figures ('2021' stored as an amount under 2022);
    a real amount equal to a header year is rare, so such a figure is stored flagged, never as decided. Its
    candidates stay empty: the doubt is whether it is a figure at all (checks: placement-ambiguous says so)."""
    # the header may have lost its later years to a label cell written between them (a budget table's first
    # label between "2016" and "2017"): a year after the last read stands as plainly for a header year
    years = {str(y) for y in range(min(header.years), max(header.years) + YEARS_LOST_AFTER_HEADER + 1)}
    for row in rows:
        for key, token in (row.placed or {}).items():
            if token.text.strip() in years:
                row.flag([key])


def years_out_of_order(rows: list[RawRow], header: TableHeader, reference: Reference,
                       settings: TextSettings = DEFAULT) -> None:
    """Rule `years-out-of-order`: a header whose years the dump wrote out of order ("2016 2017 2018 2015": pdfminer
    writes a column's head after the others when its text box starts lower) leaves open whether the column's
    figures moved with its head. As written, the first column of figures stands under the first year written; in
    the page's order, under the earliest year. Every total adds up either way. The rows another table repeats
    decide (Tabel 3's rows in Tabel 1): the reading they agree with, and the other not, is kept; otherwise every
    figure the two readings put under different years is stored flagged, the other year its candidate. The header
    keeps its years in order either way (in place)."""
    written = [str(y) for y in header.years]
    ordered = sorted(written, key=int)
    if written == ordered:
        return
    moved = dict(zip(written, ordered, strict=True))  # a key as written -> the key in the page's order
    readings = {"as-written": 0, "page-order": 0}
    for row in rows:
        if not row.placed:
            continue
        nl = norm_label(row.label)
        ref = next((r for label, r in reference.items() if r.decided
                    and label_ratio(nl, label) >= settings.similar_label), None)
        if ref is None:
            continue
        agrees = {}
        for name, keyed in (("as-written", {}), ("page-order", moved)):
            values = {keyed.get(k, k): parse_number(t.text) for k, t in row.placed.items()}
            shared = [k for k in values if k in ref.values]
            agrees[name] = bool(shared) and all(values[k] == ref.values[k] for k in shared)
        if agrees["as-written"] != agrees["page-order"]:  # a row both readings fit (zeros) tells nothing
            readings["as-written" if agrees["as-written"] else "page-order"] += 1
    if readings["page-order"] > 0 and readings["as-written"] == 0:
        for row in rows:
            if row.placed:
                row.placed = {moved.get(k, k): t for k, t in row.placed.items()}
                row.uncertain = {moved.get(k, k): [moved.get(c, c) for c in cs] for k, cs in row.uncertain.items()}
                row.inferred_by = row.inferred_by or "placed-by: repeated-table"
    elif not (readings["as-written"] > 0 and readings["page-order"] == 0):
        for row in rows:
            for key in row.placed or {}:
                other = moved.get(key, key)
                if other != key:
                    row.uncertain.setdefault(key, [])
                    if other not in row.uncertain[key]:
                        row.uncertain[key].append(other)
    order = sorted(range(len(header.years)), key=lambda i: header.years[i])
    header.years = [header.years[i] for i in order]
    if len(header.columns) == len(order):
        header.columns = [header.columns[i] for i in order]
    if len(header.year_words) == len(order):
        header.year_words = [header.year_words[i] for i in order]


@dataclass(slots=True)
class PlacedTable:
    """A text dump's table after placement, as `flag_contradicted_repeats` compares it: its Tabel number and unit,
    its rows, and whether its reading order was rebuilt (a cell per line, columns as blocks, text boxes) rather
    than read a row per line."""

    number: int | None
    unit: str | None
    rows: list[RawRow]
    rebuilt: bool = False


def _place_rebuilt(row: RawRow, table_rebuilt: bool) -> bool:
    """The row's figures stand where a rebuilt reading order or the placement's evidence put them, not read off a
    whole row."""
    return table_rebuilt or bool(row.inferred_by) or row.keys_read is not None


def flag_contradicted_repeats(tables: list[PlacedTable], settings: TextSettings = DEFAULT) -> None:
    """Rule `repeat-contradicts`: a figure that Tabel 2-N repeat from Tabel 1 (the same row by label, in the same
    unit) under the same year but read differently is stored flagged where its place was rebuilt or inferred, not
    read off a whole row: two rows interleaved column by column ("-623 / 813 / -831 / 813 ...": pdfminer's boxes)
    trade figures within a column, and every total still adds up, so only the repeat shows the misreading, and not
    which of the two copies is wrong; the totals of a table where figures are flagged so are flagged in those
    columns too. Two copies both read off whole rows disagree in the source itself: the repeat-agrees finding
    reports it and nothing is flagged."""
    first = next((t for t in tables if t.number == 1), None)
    if first is None:
        return
    doubted: dict[int, set[str]] = {}  # id of a row -> the keys flagged for a contradicted repeat
    for table in tables:
        if table is first or table.number is None or table.unit != first.unit:
            continue
        for row in table.rows:
            if not row.placed:
                continue
            nl = norm_label(row.label)
            match = next((r for r in first.rows if r.placed and is_total_label(r.label) == is_total_label(row.label)
                          and label_ratio(norm_label(r.label), nl) >= settings.similar_label), None)
            if match is None:
                continue
            keys = [k for k in row.placed if k != "total" and k in match.placed
                    and parse_number(row.placed[k].text) != parse_number(match.placed[k].text)]
            for side, rebuilt in ((row, table.rebuilt), (match, first.rebuilt)):
                if keys and _place_rebuilt(side, rebuilt):
                    side.flag(keys)
                    doubted.setdefault(id(side), set()).update(keys)
    for table in tables:
        # the rows traded whole columns, each block's total with them (every total still adds up): a total
        # confirms the figures above it only as they were read
        keys = set().union(*(doubted.get(id(r), set()) for r in table.rows))
        for row in table.rows:
            if keys and is_total_label(row.label) and _place_rebuilt(row, table.rebuilt):
                row.flag(sorted(keys))


def _looks_like_amount(text: str) -> bool:
    """A figure, not a number ending a label ('fase 2', 'trin 10'): signed, with a thousands point, or 3+ digits."""
    t = text.strip()
    return parse_number(t) is not None and (t.startswith("-") or "." in t or sum(ch.isdigit() for ch in t) >= 3)


def flag_surplus_figures(rows: list[RawRow], header: TableHeader) -> None:
    """A row with more figures than the header has columns: the leading ones are read as the end of the label
    (candidates_for), right for 'fase 2 100 200' but not when the surplus is an amount ('-100 -200 -300' under two
    years: the header lost a column, or the flattening glued a cell). Then no figure of the row is known to stand
    under its year: each is stored flagged, its candidates empty (checks: placement-ambiguous says so). A row
    with its area cell read has no label text after the area: any surplus there is a figure."""
    ncols = len(header.years) + (1 if header.has_total_column else 0)
    for row in rows:
        nums = list(row.numbers)
        while len(nums) > ncols and is_zero_mark(nums[0].text):
            nums = nums[1:]
        surplus = nums[: max(0, len(nums) - ncols)]
        if surplus and (row.area is not None or any(_looks_like_amount(t.text) for t in surplus)):
            row.flag()


def flag_after_bare_label(rows: list[RawRow]) -> None:
    """Rule `bare-label`: a row of a text dump's table left without figures whose label is no block heading
    ("Indkøb af hardware" among a budget's rows), and below it figures the reading had to name itself (a grand
    total's label inferred): the dump wrote labels apart from their figures (a block of labels, then the figure
    lines), and the figures after the bare label may each be a row down, a total under the shift still adding
    up. Every figure after it is stored flagged. A sub-heading over its rows ("E-tavler i Verahus") leaves no
    figures without a label, and stays as read."""
    bare = next((i for i, row in enumerate(rows) if not row.numbers and not row.area
                 and not is_group_heading(normalize_space(row.label))), None)
    if bare is None or not any(row.label_inferred_by and row.numbers for row in rows[bare + 1 :]):
        return
    for row in rows[bare + 1 :]:
        if row.placed:
            row.flag()


def totals_hold(rows: list[RawRow], header: TableHeader, keys: list[str] | None = None) -> bool:
    """The table has totals and each adds up over the rows as placed, under each of `keys` (default: every
    column) where it has figures."""
    eqs = _equations(rows)
    keys = keys if keys is not None else _keys(header) + (["total"] if header.has_total_column else [])
    placements = [{k: parse_number(t.text) for k, t in r.placed.items()} if r.placed else None for r in rows]
    return bool(eqs) and _arith_score(eqs, placements, keys) == sum(
        1 for total, comps in eqs for k in keys
        if any(k in (placements[i] or {}) for i in (total, *comps)))


@dataclass(slots=True)
class SearchBudget:
    """Row placements a caller may still try, across all its searches (totals_can_hold)."""

    left: int


def totals_can_hold(rows: list[RawRow], header: TableHeader, settings: TextSettings = DEFAULT,
                    budget: SearchBudget | None = None, rounded: bool = False) -> bool | None:
    """Whether some placement of the rows' figures (each row's candidates) makes every total add up in every
    column where it or its parts have figures: a depth-first search in row order that checks each total as soon
    as its last row is placed. None when the budget (default: `max_fit_nodes` row placements) runs out first:
    too many to tell. False for a table without totals. With `rounded`, a sum of three or more figures may be off
    by one (arithmetic.rounding_slack)."""
    budget = budget if budget is not None else SearchBudget(settings.max_fit_nodes)
    eqs = _equations(rows)
    if not eqs:
        return False
    keys = _keys(header) + (["total"] if header.has_total_column else [])
    cands = [[c.values for c in candidates_for(r, header, settings)] if r.numbers else [None] for r in rows]
    due: dict[int, list[tuple[int, tuple[int, ...]]]] = {}
    for total, comps in eqs:
        due.setdefault(max(total, *comps), []).append((total, comps))
    chosen: list[dict[str, float] | None] = [None] * len(rows)

    def holds(total: int, comps: tuple[int, ...]) -> bool:
        tv, parts = chosen[total] or {}, [chosen[c] or {} for c in comps]
        for key in keys:
            vals = [p[key] for p in parts if key in p]
            if key in tv or vals:
                slack = rounding_slack(len(vals)) if rounded else 0.5 - 1e-9
                if key not in tv or abs(tv[key] - sum(vals)) > slack:
                    return False
        return True

    def search(i: int) -> bool | None:
        if i == len(rows):
            return True
        undecided = False
        for values in cands[i]:
            budget.left -= 1
            if budget.left < 0:
                return None
            chosen[i] = values
            if all(holds(t, c) for t, c in due.get(i, [])):
                found = search(i + 1)
                if found:
                    return True
                undecided = undecided or found is None
        return None if undecided else False

    return search(0)
