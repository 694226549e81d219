"""Rule `header-after-next-caption` (extract/reading_order.py): pdfminer may write a table's years and its box of
dashes after the next table's caption; the lines go back to the table above, each keeping its line number."""
from __future__ import annotations

import textwrap

from extract.document import extract_document
from extract.reading_order import (
    first_year_after_first_label,
    header_years_before_caption,
    headers_after_next_caption,
    later_columns_before_caption,
)
from parsers.records import SourceDocument
from parsers.textfile import text_to_lines

YEARS = "2019\n\n2020\n\n2021\n\n2022\n"
# Tabel 3 fills 2019-2020 only; its years and its dashes (2021-2022, three rows) follow Tabel 4's caption, before
# Tabel 4's own unit line and years. Figures column by column, a box per column as pdfminer writes them.
STACK = f"""
BUSINESS CASE

Forslagets titel: Ny portal

Tabel 3. Serviceinvesteringer i forslaget

1000 kr. 2020 p/l

Indkøb af hardware

Tilpasning af arbejdsgange

970
600

20
485

Investeringer totalt, service

1.570

505

Tabel 4. Anlægsinvesteringer i forslaget

{YEARS}
-

-

-

-

-

-

1000 kr. 2020 p/l

{YEARS}
Opsætning af teknisk infrastruktur

Investeringer totalt, anlæg

650

1.550

-

-

650

1.550

-

-
"""


def _lines(text: str):
    return text_to_lines(textwrap.dedent(text).strip("\n"))


def test_the_header_and_dashes_after_the_next_caption_go_back_to_the_table_above():
    lines = _lines(STACK)
    out = headers_after_next_caption(lines)
    assert sorted(id(ln) for ln in out) == sorted(id(ln) for ln in lines)  # the same lines, moved
    text = [ln.stripped for ln in out if not ln.is_blank]
    t3 = text.index("Tabel 3. Serviceinvesteringer i forslaget")
    t4 = text.index("Tabel 4. Anlægsinvesteringer i forslaget")
    assert text[t3 + 1 : t3 + 6] == ["1000 kr. 2020 p/l", "2019", "2020", "2021", "2022"]
    assert text[t4 - 6 : t4] == ["-"] * 6 and text[t4 - 7] == "505"
    assert text[t4 + 1 : t4 + 3] == ["1000 kr. 2020 p/l", "2019"]
    moved = next(ln for ln in out if ln.stripped == "2019")
    assert moved.lineno > next(ln for ln in out if ln.stripped.startswith("Tabel 4")).lineno  # traced as written


def test_both_tables_are_read_with_their_own_years():
    doc = extract_document(SourceDocument("s.txt", 1, "business_case", _lines(STACK)))
    t3 = next(t for t in doc.tables if t.number == 3)
    t4 = next(t for t in doc.tables if t.number == 4)
    assert t3.years == [2019, 2020, 2021, 2022] and t4.years == [2019, 2020, 2021, 2022]
    rows = {r.label: r.values() for r in t3.rows}
    assert rows["Indkøb af hardware"] == {"2019": 970, "2020": 20, "2021": 0, "2022": 0}
    assert rows["Tilpasning af arbejdsgange"] == {"2019": 600, "2020": 485, "2021": 0, "2022": 0}
    assert rows["Investeringer totalt, service"] == {"2019": 1570, "2020": 505, "2021": 0, "2022": 0}
    assert {r.label: r.values() for r in t4.rows}["Investeringer totalt, anlæg"] == {
        "2019": 650, "2020": 1550, "2021": 0, "2022": 0}


def test_a_table_above_with_years_of_its_own_keeps_its_lines():
    text = STACK.replace("1000 kr. 2020 p/l\n\nIndkøb", "1000 kr. 2020 p/l\n\n2019\n\n2020\n\nIndkøb", 1)
    lines = _lines(text)
    assert headers_after_next_caption(lines) == lines


def test_years_after_a_caption_that_are_its_own_header_stay():
    # no second run of the years after the unit line: the first run is the table's own header, written first
    text = STACK.replace(f"1000 kr. 2020 p/l\n\n{YEARS}\nOpsætning", "1000 kr. 2020 p/l\n\nOpsætning", 1)
    lines = _lines(text)
    assert headers_after_next_caption(lines) == lines


# pdftotext's cell per line: Tabel 2's first year column is empty, and its head ("2016") was written after the
# first row's label, before the row's figures
LATE_FIRST_YEAR = """\
Tabel 2. Varige ændringer, service
1.000 kr. 2016 p/l

2017

2018

2019

Effektivisering – færre pc'er

2016

-900

-2.000

-2.000

Driftsomkostning

500

700

700

Varige ændringer totalt, service

-400

-1.300

-1.300

2. Baggrund
Tekst.
"""


def test_a_first_year_written_after_the_first_label_goes_back_to_the_header():
    lines = text_to_lines(LATE_FIRST_YEAR)
    moved = first_year_after_first_label(lines)
    texts = [ln.stripped for ln in moved if not ln.is_blank]
    assert texts[2:6] == ["2016", "2017", "2018", "2019"]
    assert texts[6:8] == ["Effektivisering – færre pc'er", "-900"]
    assert sorted(ln.lineno for ln in moved) == sorted(ln.lineno for ln in lines)  # every line kept, none new
    table = extract_document(SourceDocument("snippet.txt", 1, "business_case", lines)).tables[0]
    assert table.years == [2016, 2017, 2018, 2019]
    rows = {r.label: {c.key: c.value for c in r.cells} for r in table.rows}
    assert rows["Effektivisering – færre pc'er"] == {"2017": -900, "2018": -2000, "2019": -2000}
    assert rows["Varige ændringer totalt, service"] == {"2017": -400, "2018": -1300, "2019": -1300}


def test_a_year_among_the_figures_or_not_the_one_before_the_header_stays_where_it_is():
    shifted = LATE_FIRST_YEAR.replace("\n2016\n", "\n2015\n", 1)
    assert first_year_after_first_label(text_to_lines(shifted)) == text_to_lines(shifted)
    after_figure = LATE_FIRST_YEAR.replace("pc'er\n\n2016\n\n-900", "pc'er\n\n-900\n\n2016")
    assert first_year_after_first_label(text_to_lines(after_figure)) == text_to_lines(after_figure)


# pdftotext's cell per line: Tabel 3's later year columns (2019, 2020) stand apart on the page and were written
# before its caption, after Tabel 2's figures; Tabel 3's own first columns (2017, 2018) follow its labels
LATER_COLUMNS = """\
Tabel 2. Varige ændringer, service
1.000 kr. 2016 p/l
Effektivisering

2017

-500

2018

-500

2019

-500

2020

-500

2019
120

0
80
200

2020
0

0
40
40

Tabel 3. Anlægsinvesteringer
1.000 kr. 2016 p/l
Systemudvikling
Opsætning
Projektledelse
Investeringer totalt, anlæg

2017
500
300
450
1.250

2018
700
0
880
1.580

3. Risikovurdering
Tekst.
"""


def test_later_columns_written_before_the_caption_go_after_the_tables_own_columns():
    lines = text_to_lines(LATER_COLUMNS)
    moved = later_columns_before_caption(lines)
    assert sorted(ln.lineno for ln in moved) == sorted(ln.lineno for ln in lines)  # every line kept, none new
    texts = [ln.stripped for ln in moved if not ln.is_blank]
    t3 = texts.index("Tabel 3. Anlægsinvesteringer")
    assert texts[t3 - 2 : t3] == ["2020", "-500"]  # Tabel 2 ends with its own last column
    assert texts[t3 + 6 : t3 + 22 : 5] == ["2017", "2018", "2019", "2020"]
    assert texts[t3 + 26] == "3. Risikovurdering"
    doc = extract_document(SourceDocument("snippet.txt", 1, "business_case", lines))
    table = next(t for t in doc.tables if t.number == 3)
    assert table.years == [2017, 2018, 2019, 2020]
    rows = {r.label: {c.key: c.value for c in r.cells} for r in table.rows}
    assert rows["Systemudvikling"] == {"2017": 500, "2018": 700, "2019": 120, "2020": 0}
    assert rows["Investeringer totalt, anlæg"] == {"2017": 1250, "2018": 1580, "2019": 200, "2020": 40}


def test_columns_before_a_caption_stay_unless_they_run_on_from_its_own():
    # the years do not run on from the table's own (2019 after 2018 would): they may be the table above's
    gap = LATER_COLUMNS.replace("\n2019\n120", "\n2020\n120").replace("\n2020\n0\n\n0\n40", "\n2021\n0\n\n0\n40")
    assert later_columns_before_caption(text_to_lines(gap)) == text_to_lines(gap)
    # a column of another height than the table's: not its rows
    short = LATER_COLUMNS.replace("2019\n120\n\n0\n80\n200", "2019\n120\n\n80\n200")
    assert later_columns_before_caption(text_to_lines(short)) == text_to_lines(short)
    # after labels, the columns are the table above's own body
    own = LATER_COLUMNS.replace("2020\n\n-500\n\n2019\n120", "2020\n\n-500\n\nDriftsudgifter\n\n2019\n120")
    assert later_columns_before_caption(text_to_lines(own)) == text_to_lines(own)


# pdftotext's cell per line: Tabel 3's later header years (2018, 2019) stand apart on the page and were written
# before its caption, between Tabel 2's total figures and that total's label; Tabel 3's unit line and first year
# follow its caption
YEARS_BEFORE_CAPTION = """\
Tabel 2. Varige ændringer, service
1.000 kr. 2016 p/l
2016

2017

2018

2019

Effektivisering
-100

-100

-100

-100

Driftsomkostning
40

40

40

40

-60

-60

-60

-60

2017

2018

2019

Varige ændringer totalt, service
Tabel 3. Serviceinvesteringer i forslaget
1.000 kr. 2016 p/l
2016

Udvikling
180

Organisatorisk implementering
100

Investeringer totalt, service
280

3. Risikovurdering
Tekst.
"""


def test_header_years_before_a_caption_go_after_the_next_tables_first_year():
    lines = text_to_lines(YEARS_BEFORE_CAPTION)
    moved = header_years_before_caption(lines)
    assert sorted(ln.lineno for ln in moved) == sorted(ln.lineno for ln in lines)  # every line kept, none new
    texts = [ln.stripped for ln in moved if not ln.is_blank]
    t3 = texts.index("Tabel 3. Serviceinvesteringer i forslaget")
    assert texts[t3 - 2 : t3] == ["-60", "Varige ændringer totalt, service"]
    assert texts[t3 + 1 : t3 + 7] == ["1.000 kr. 2016 p/l", "2016", "2017", "2018", "2019", "Udvikling"]
    doc = extract_document(SourceDocument("snippet.txt", 1, "business_case", lines))
    t2, t3 = (next(t for t in doc.tables if t.number == n) for n in (2, 3))
    assert {r.label: {c.key: c.value for c in r.cells} for r in t2.rows}["Varige ændringer totalt, service"] == {
        "2016": -60, "2017": -60, "2018": -60, "2019": -60}
    assert t3.years == [2016, 2017, 2018, 2019]


def test_years_before_a_caption_stay_unless_the_next_header_goes_on_with_them():
    # the next table's own years do not end the year before the run's first
    other = YEARS_BEFORE_CAPTION.replace("p/l\n2016\n\nUdvikling", "p/l\n2015\n\nUdvikling")
    assert header_years_before_caption(text_to_lines(other)) == text_to_lines(other)
    # no label between the run and the caption: rule `header-tail-before-caption` reads the run where it stands
    bare = YEARS_BEFORE_CAPTION.replace("2019\n\nVarige ændringer totalt, service\n", "2019\n\n")
    assert header_years_before_caption(text_to_lines(bare)) == text_to_lines(bare)
    # the run after a label, not after figures: the table above's own header
    labelled = YEARS_BEFORE_CAPTION.replace("-60\n\n2017\n\n2018", "-60\n\nI alt i perioden\n\n2017\n\n2018")
    assert header_years_before_caption(text_to_lines(labelled)) == text_to_lines(labelled)


def test_columns_that_go_on_from_a_column_above_are_the_table_aboves_own():
    # Tabel 2's first column holds a figure fewer (a cell left blank): its 2017 and 2018 are still its own
    text = ("Tabel 2. Varige ændringer\n1.000 kr. 2016 p/l\nA\nB\nC\nI alt\n\n2016\n10\n20\n30\n\n2017\n1\n2\n3\n6\n\n"
            "2018\n1\n2\n3\n6\n\nTabel 3. Anlæg\n1.000 kr. 2016 p/l\nD\nE\nF\nI alt\n\n2015\n1\n1\n1\n3\n\n"
            "2016\n2\n2\n2\n6\n\n3. Risikovurdering\nTekst.\n")
    assert later_columns_before_caption(text_to_lines(text)) == text_to_lines(text)
