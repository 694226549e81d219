"""Rule `bare-label` (extract/placement.flag_after_bare_label): a text dump that wrote a table's labels apart from
their figures leaves a label bare and the figures a row down; they are flagged, never stored as decided."""
from __future__ import annotations

from extract.placement import flag_after_bare_label
from extract.tables import RawRow, Token
from parsers.records import Line


def _row(label: str, figures: dict[str, str], inferred: str | None = None) -> RawRow:
    line = Line(text=label, page=None, lineno=1)
    placed = {key: Token(text, line) for key, text in figures.items()}
    row = RawRow([label], [line], None, list(placed.values()), placed=placed)
    row.label_inferred_by = inferred
    return row


def test_figures_a_row_down_from_a_bare_label_are_flagged():
    """"Indkøb af hardware" and "I alt" written before both figure lines: the hardware's figures went to "I alt",
    and the total's to a row the reading had to name. The shifted total still adds up (2.720 + 335 = 3.055): only
    the bare label and the named row tell."""
    rows = [_row("Tilpasning af arbejdsgange", {"2024": "2.720", "2025": "510"}),
            _row("Indkøb af hardware", {}),
            _row("I alt", {"2024": "335", "2025": "1.090"}),
            _row("Samlet økonomisk påvirkning", {"2024": "3.055", "2025": "1.600"}, inferred="label-inferred")]
    flag_after_bare_label(rows)
    assert rows[0].uncertain == {}
    assert rows[2].uncertain == {"2024": [], "2025": []} and rows[3].uncertain == {"2024": [], "2025": []}


def test_a_sub_heading_over_its_rows_stays_as_read():
    """A named group over its own rows ("E-tavler i Verahus") leaves no figures without a label."""
    rows = [_row("E-tavler i Verahus", {}), _row("Projektledelse", {"2017": "100"}),
            _row("Samlet udgift", {"2017": "100"})]
    flag_after_bare_label(rows)
    assert all(r.uncertain == {} for r in rows)


def test_a_block_heading_is_no_bare_label():
    rows = [_row("Implementeringsomkostninger", {}), _row("Hardware", {"2017": "100"}),
            _row("Samlet økonomisk påvirkning", {"2017": "100"}, inferred="label-inferred")]
    flag_after_bare_label(rows)
    assert all(r.uncertain == {} for r in rows)
