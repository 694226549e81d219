"""Rule `reading-by-repeat`: the document's other tables choose among the readings a table's arithmetic left open.

A table written text box by text box (extract/column_figures.py) may have several readings in which every total
adds up: a short column's figures under one year or the next, or two blocks' columns traded (pdftotext wrote a
block's columns, then the grand total's cells under them, then the other block's columns: either block's
figures may stand first). Tabel 2-4 repeat rows of Tabel 1 (a permanent change's rows, an investment's, their
totals), under their own labels or the same ones. A reading whose rows stand exactly so in another table, where
that table's own reading decided them, is confirmed by it. A row of another table in the same unit confirms a
reading when its decided figures equal a row's under every year (an empty cell as a zero), under a like label,
or under another label when they hold two different figures other than zero; of a table's readings, those with
the most such evidence (`evidence`) are kept when every other has less, and the rows confirmed in every one of
them (`confirmed`: figures under another label only when no other row of the reading holds them) stand decided;
the rest stay flagged. Nothing is ever unflagged by a table that was itself a guess.
"""
from __future__ import annotations

from dataclasses import dataclass

from extract.placement import PlacedTable, label_ratio, norm_label
from extract.settings import DEFAULT, TextSettings
from extract.tables import RawRow, Token
from parsers.numbers import parse_number

TOTAL_KEY = "total"  # a total column ("I alt"): a sum of the row, not a year another table repeats


@dataclass(frozen=True, slots=True)
class RepeatedRow:
    """A decided row of another table: its label, normalised, and its figures by year."""

    label: str
    values: dict[str, float]


def _year_values(placed: dict[str, Token]) -> dict[str, float]:
    return {k: v for k, tok in placed.items() if k != TOTAL_KEY and (v := parse_number(tok.text)) is not None}


def decided_rows(tables: list[PlacedTable], skip: PlacedTable) -> list[RepeatedRow]:
    """The rows of the other tables in `skip`'s unit whose every figure stands decided (none flagged)."""
    return [RepeatedRow(norm_label(r.label), _year_values(r.placed))
            for t in tables if t is not skip and t.unit == skip.unit
            for r in t.rows if r.placed and not r.uncertain]


def _match(label: str, values: dict[str, float], others: list[RepeatedRow], settings: TextSettings) -> str | None:
    """How another table's decided row has exactly these figures under the same years (an empty cell as a zero):
    "label" under a like label, "figures" under another label when they hold two different figures other than
    zero (one amount run on over the years, "-4.695" from 2020 on, is found in many rows: a permanent change and
    its totals); None when no row does."""
    if not any(values.values()):
        return None
    nl = norm_label(label)
    same = [other for other in others if _equal(values, other.values)]
    if any(label_ratio(nl, other.label) >= settings.similar_label for other in same):
        return "label"
    return "figures" if same and len({v for v in values.values() if v != 0}) >= 2 else None


def confirmed(label: str, placed: dict[str, Token], others: list[RepeatedRow], siblings: list[dict[str, Token]],
              settings: TextSettings = DEFAULT) -> bool:
    """Whether another table confirms this row's figures (`_match`): under a like label, or under another label
    when no other row of the same reading (`siblings`) holds the same figures (a block's only row and its total:
    the figures say which row they are only when no other row has them)."""
    values = _year_values(placed)
    how = _match(label, values, others, settings)
    return how == "label" or (how == "figures" and not any(_equal(values, _year_values(s)) for s in siblings))


def evidence(rows: list[RawRow], k: int, others: list[RepeatedRow], settings: TextSettings = DEFAULT) -> set:
    """What the other tables confirm of reading `k`: each row matched under a like label, and each set of figures
    matched under another label that some row of the reading holds (counted once, whichever row holds it: the
    figures say that the reading has such a row, not which)."""
    found: set = set()
    for j, r in enumerate(rows):
        values = _year_values((r.readings or [])[k])
        how = _match(r.label, values, others, settings)
        if how == "label":
            found.add(("label", j))
        elif how == "figures":
            found.add(("figures", tuple(sorted((key, v) for key, v in values.items() if v != 0))))
    return found


def _equal(a: dict[str, float], b: dict[str, float]) -> bool:
    """The same figures under the same years, an empty cell as a zero."""
    return all(a.get(k, 0) == b.get(k, 0) for k in set(a) | set(b))


def _same_cell(a: dict[str, Token], b: dict[str, Token], key: str) -> bool:
    return key in a and key in b and parse_number(a[key].text) == parse_number(b[key].text)


def _same(a: dict[str, Token], b: dict[str, Token]) -> bool:
    return set(a) == set(b) and all(parse_number(a[k].text) == parse_number(b[k].text) for k in a)


def choose_readings_by_repeats(tables: list[PlacedTable], settings: TextSettings = DEFAULT) -> list[int]:
    """Rule `reading-by-repeat` (module doc), in place: each table whose rows carry their readings
    (`RawRow.readings`) keeps the readings the other tables confirm most often, when every other is confirmed
    less often; its rows' figures then stand as the stored reading, or the first of those kept, flagged but where
    every reading agrees or the other tables confirm the row in every reading kept (every other flag is the
    caller's to set again). The indices of the tables so settled."""
    settled: list[int] = []
    for at, table in enumerate(tables):
        rows = [r for r in table.rows if r.readings]
        if not rows:
            continue
        count = len(rows[0].readings or [])
        if any(len(r.readings or []) != count for r in rows):
            continue
        others = decided_rows(tables, table)
        scores = [len(evidence(rows, k, others, settings)) for k in range(count)]
        best = max(scores, default=0)
        kept = [k for k, s in enumerate(scores) if s == best]
        if best == 0 or len(kept) == count:
            continue
        confirmations = {k: _confirmations(rows, k, others, settings) for k in kept}
        stored = next((k for k in kept if all(_same(r.readings[k], r.placed or {}) for r in rows)), kept[0])
        for j, r in enumerate(rows):
            readings = r.readings or []
            chosen = readings[stored]
            # a cell stands decided where every reading agrees on it, or in a row the other tables confirm in
            # every reading kept: the readings the search found need not hold the table's true one (an order the
            # tool wrote that no rule foresees), so the choice decides nothing the repeats did not confirm
            agreed = {key for key in chosen if all(_same_cell(rd, chosen, key) for rd in readings)}
            if all(_same(readings[k], chosen) and confirmations[k][j] for k in kept):
                agreed = set(chosen)
            _take(r, chosen, set(chosen) - agreed)
        settled.append(at)
    return settled


def _confirmations(rows: list[RawRow], k: int, others: list[RepeatedRow], settings: TextSettings) -> list[bool]:
    """Per row, whether the other tables confirm its figures as reading `k` places them."""
    placed = [(r.readings or [])[k] for r in rows]
    return [confirmed(r.label, p, others, placed[:j] + placed[j + 1:], settings)
            for j, (r, p) in enumerate(zip(rows, placed, strict=True))]


def _take(row: RawRow, chosen: dict[str, Token], doubt: set[str]) -> None:
    """The row's figures as `chosen` places them, `doubt` its keys still in doubt; its readings are settled."""
    old = {id(tok.line) for tok in (row.placed or {}).values()}
    row.lines = [ln for ln in row.lines if id(ln) not in old] + [tok.line for tok in chosen.values()]
    row.numbers = list(chosen.values())
    row.placed = dict(chosen)
    row.keys_read = list(chosen)
    row.keys_in_doubt = doubt
    row.uncertain = {key: [] for key in doubt}
    row.inferred_by = "short-columns, reading-by-repeat"
    row.readings = None
