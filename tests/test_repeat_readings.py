"""Rule `reading-by-repeat` (extract/repeat_readings.py): where a table's arithmetic leaves several readings of its
text boxes open, the rows Tabel 2-4 repeat, read and decided there, choose among them; only the rows they confirm
stand decided, the rest of the reading kept is stored flagged."""
from __future__ import annotations

from extract.document import extract_document
from extract.placement import PlacedTable
from extract.repeat_readings import RepeatedRow, choose_readings_by_repeats, confirmed
from extract.tables import RawRow, Token
from parsers.records import Line, SourceDocument
from parsers.textfile import text_to_lines

# pdftotext's boxes of a ruled Tabel 1 whose permanent changes start in 2017 and whose implementation ends in
# 2017: the permanent block's columns (2017, 2018, 2019), the grand total's cells under them (2018, 2019), then
# the implementation's columns (2016, 2017) and the grand total's under those. Either block's columns may come
# first: both readings add up in every column.
TABEL_1 = """\
Tabel 1. Forslagets samlede økonomi
1.000 kr. 2016 p/l
Varige ændringer
Driftsomkostninger
Effektivisering
Samlet varig ændring
Implementeringsomkostninger
Anlæg
Service
Samlede
implementeringsomkostninger
Samlet økonomisk påvirkning

Styringsområde

2016

Service
Service

Anlæg
Service

2017

2018

2019

100
-100
0

200
-500
-300

250
-650
-400

-300

-400

700
300
1.000

800
50
850

1.000

850

Tilbagebetalingstid baseret på serviceeffektivisering: 6 år

"""
# Tabel 2 repeats the permanent block's rows, read a row per line (its every cell written): decided there
TABEL_2 = """\
Tabel 2. Varige ændringer, service
1.000 kr. 2016 p/l                     2016     2017     2018     2019
Drift og vedligehold                      -      100      200      250
Færre henvendelser                        -      -50     -200     -300
Effektivisering via integration           -      -50     -300     -350
Varige ændringer totalt, service          -        0     -300     -400

"""
END = "2. Baggrund og formål\nTekst om baggrunden.\n"


def _tables(text: str):
    doc = extract_document(SourceDocument("snippet.txt", 1, "business_case", text_to_lines(text)))
    return {t.number: {r.label: r for r in t.rows} for t in doc.tables}


def _values(row) -> dict[str, float]:
    return {c.key: c.value for c in row.cells}


def _flagged(row) -> set[str]:
    return {c.key for c in row.cells if c.uncertain}


def test_the_rows_another_table_repeats_choose_the_reading_and_stand_decided():
    first = _tables(TABEL_1 + TABEL_2 + END)[1]
    assert _values(first["Driftsomkostninger"]) == {"2017": 100, "2018": 200, "2019": 250}
    assert _values(first["Samlet varig ændring"]) == {"2017": 0, "2018": -300, "2019": -400}
    assert _values(first["Anlæg"]) == {"2016": 700, "2017": 800}
    assert _values(first["Samlede implementeringsomkostninger"]) == {"2016": 1000, "2017": 850}
    # Tabel 2 confirms these two rows (under other labels: their figures are theirs alone)...
    assert not _flagged(first["Driftsomkostninger"]) and not _flagged(first["Samlet varig ændring"])
    # ... and nothing else: a row no other table repeats stays a guess of the reading kept
    assert _flagged(first["Effektivisering"]) == {"2017", "2018", "2019"}
    assert _flagged(first["Anlæg"]) == {"2016", "2017"}


def test_without_a_repeat_both_readings_stay_open_and_every_cell_they_differ_in_is_flagged():
    first = _tables(TABEL_1 + END)[1]
    for label in ("Driftsomkostninger", "Samlet varig ændring", "Anlæg", "Samlet økonomisk påvirkning"):
        assert _flagged(first[label]) == set(_values(first[label])), label


def _row(label: str, *readings: dict[str, str]) -> RawRow:
    line = Line(text=label, page=None, lineno=1)
    tokens = [{k: Token(v, line) for k, v in rd.items()} for rd in readings]
    row = RawRow([label], [line], None, list(tokens[0].values()), placed=dict(tokens[0]),
                 keys_in_doubt=set(tokens[0]), readings=tokens)
    row.uncertain = {k: [] for k in tokens[0]}
    return row


def _decided(label: str, figures: dict[str, str]) -> RawRow:
    line = Line(text=label, page=None, lineno=1)
    placed = {k: Token(v, line) for k, v in figures.items()}
    return RawRow([label], [line], None, list(placed.values()), placed=placed)


def test_a_figure_match_under_another_label_counts_only_for_figures_no_other_row_holds():
    """A block's only row and its total hold the same figures; a repeat of the total says nothing about which
    of the block's rows holds them."""
    line = Line("x", None, 1)
    other = [RepeatedRow("varige ændringer totalt, service", {"2022": -132.0, "2023": -150.0})]
    row = {"2022": Token("-132", line), "2023": Token("-150", line)}
    assert confirmed("Uden for målsætning", row, other, [])
    assert not confirmed("Uden for målsætning", row, other, [dict(row)])
    # a like label is the row itself, whatever the other rows hold
    assert confirmed("Varige ændringer totalt, service", row, other, [dict(row)])
    # one amount run on over the years, or a lone one, under another label may agree by chance
    run = {"2022": Token("-132", line), "2023": Token("-132", line)}
    assert not confirmed("Uden for målsætning", run, [RepeatedRow("i alt", {"2022": -132.0, "2023": -132.0})], [])
    lone = {"2022": Token("-132", line)}
    assert not confirmed("Uden for målsætning", lone, [RepeatedRow("i alt", {"2022": -132.0})], [])


def test_the_readings_kept_decide_only_what_the_repeat_confirms():
    """Two readings agree on the implementation row and differ on the permanent one; a third has the permanent
    row right and the implementation row wrong. The repeat keeps the first two's permanent row, decided; the
    implementation row both kept readings agree on is still a guess (the true reading may be none of them)."""
    permanent = _row("Driftsomkostninger", {"y1": "5", "y2": "6"}, {"y2": "5", "y3": "6"}, {"y2": "5", "y3": "6"})
    implementation = _row("Projektledelse", {"y1": "9"}, {"y1": "7"}, {"y1": "7"})
    table = PlacedTable(1, "1.000 kr.", [permanent, implementation], rebuilt=True)
    repeat = PlacedTable(2, "1.000 kr.", [_decided("Drift og vedligehold", {"y2": "5", "y3": "6"})])
    assert choose_readings_by_repeats([table, repeat]) == [0]
    assert {k: t.text for k, t in permanent.placed.items()} == {"y2": "5", "y3": "6"}
    assert permanent.uncertain == {} and permanent.readings is None
    assert {k: t.text for k, t in implementation.placed.items()} == {"y1": "7"}
    assert set(implementation.uncertain) == {"y1"}


def test_a_repeat_in_another_unit_or_a_guess_chooses_nothing():
    permanent = _row("Driftsomkostninger", {"y1": "5", "y2": "6"}, {"y2": "5", "y3": "6"})
    fte = PlacedTable(2, "årsværk", [_decided("Drift og vedligehold", {"y2": "5", "y3": "6"})])
    guess = _decided("Drift og vedligehold", {"y2": "5", "y3": "6"})
    guess.uncertain = {"y2": []}
    table = PlacedTable(1, "1.000 kr.", [permanent], rebuilt=True)
    assert choose_readings_by_repeats([table, fte, PlacedTable(3, "1.000 kr.", [guess])]) == []
    assert {k: t.text for k, t in permanent.placed.items()} == {"y1": "5", "y2": "6"}


def test_figures_repeated_under_another_label_say_that_a_row_holds_them_not_which():
    """Tabel 4's net effect within the target and its total hold the same figures in one reading; in the other
    the total alone holds them. Tabel 2's total (another label) repeats them: both readings have such a row, so
    it chooses neither (counted once per reading, not once per row that holds them, nor only where one row does)."""
    within = _row("Inden for målsætning", {"y1": "-4.388", "y2": "-4.695"}, {"y2": "-4.695"})
    outside = _row("Uden for målsætning", {"y1": "0", "y2": "0"}, {"y1": "-4.388"})
    total = _row("Varige ændringer totalt, administration", {"y1": "-4.388", "y2": "-4.695"},
                 {"y1": "-4.388", "y2": "-4.695"})
    table = PlacedTable(4, "1.000 kr.", [within, outside, total], rebuilt=True)
    repeat = PlacedTable(2, "1.000 kr.", [_decided("Varige ændringer totalt, service",
                                                   {"y1": "-4.388", "y2": "-4.695"})])
    assert choose_readings_by_repeats([table, repeat]) == []
    assert {k: t.text for k, t in within.placed.items()} == {"y1": "-4.388", "y2": "-4.695"}
    assert set(within.uncertain) == {"y1", "y2"}
