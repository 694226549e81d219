"""A header year that is not a plain year (issue 14): '2O23', '20244', '1899', '2999' keep their column, are read
as written where they can be, and raise a `header-year` finding; no figure slides under another year."""
from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

import pipeline
from extract.header_years import HeaderYear, header_year_tokens, read_header_years
from tests.test_pdf_grid import COLS, LABEL_X, Page

# ---------------------------------------------------------------- the reading of header tokens


def test_plain_years_are_read():
    assert read_header_years(["2022", "2023"]) == [HeaderYear(2022, "2022", "read"), HeaderYear(2023, "2023", "read")]


def test_a_letter_for_a_digit_is_read_as_the_digit():
    assert read_header_years(["2022", "2O23", "2024"])[1] == HeaderYear(2023, "2O23", "lookalike")
    assert read_header_years(["2O2l"])[0] == HeaderYear(2021, "2O2l", "lookalike")


def test_a_number_outside_the_budget_years_is_kept_as_written():
    assert [hy.year for hy in read_header_years(["1899", "1900"])] == [1899, 1900]
    assert read_header_years(["2022", "2999"])[1] == HeaderYear(2999, "2999", "as-written")


def test_no_year_as_written_takes_the_year_its_neighbours_imply_and_is_a_guess():
    (_, mid, _) = read_header_years(["2023", "20244", "2025"])
    assert mid == HeaderYear(2024, "20244", "neighbours") and mid.guessed
    assert read_header_years(["20211", "2022"])[0].year == 2021  # from the column after it
    assert read_header_years(["20244"], before=2023)[0].year == 2024  # a header wrapped over lines
    assert read_header_years(["20244"]) == []  # nothing to go by: no column invented


def test_a_line_of_figures_is_no_header_line():
    assert header_year_tokens("Samlede 1.125 750 0 0".split()) is None
    assert header_year_tokens("Løn 600 400".split()) is None
    assert header_year_tokens("1899 1900 1901".split()) == ["1899", "1900", "1901"]
    assert header_year_tokens("Drift 1234 5678".split()) is None  # four-digit figures beside a label
    assert header_year_tokens("Styringsområde 2022 2O23 (2024)".split()) == ["2022", "2O23", "2024"]


# ---------------------------------------------------------------- a text dump, end to end

TEXT = """INVESTERINGSFORSLAG
Forslagets titel: BC88 Prøveforslag om årstal

Tabel 1. Forslagets samlede økonomiske konsekvenser
1000 kr. 2022 p/l Styringsområde {years}
Varige ændringer
Effektiviseringsgevinst Service -100 -200 -300 -400
Serviceudgifter Service 40 50 60 70
Samlet varig ændring -60 -150 -240 -330
"""


def _extract(tmp_path: Path, years: str):
    path = tmp_path / "forslag.txt"
    path.write_text(TEXT.format(years=years), "utf-8")
    result = pipeline.extract_file(path)
    assert result.error is None, result.error
    (doc,) = result.documents
    table = next(t for t in doc.tables if t.number == 1)
    rows = {r.label: r for r in table.rows}
    return table, rows, [f for f in result.findings if f.rule == "header-year"]


@pytest.mark.parametrize(("years", "keys", "how"), [
    ("2022 2O23 2024 2025", ["2022", "2023", "2024", "2025"], {"2O23": "lookalike"}),
    ("2022 2023 20244 2025", ["2022", "2023", "2024", "2025"], {"20244": "neighbours"}),
    ("1899 1900 1901 1902", ["1899", "1900", "1901", "1902"], dict.fromkeys(("1899", "1900", "1901", "1902"),
                                                                            "as-written")),
    ("2022 2023 2024 2999", ["2022", "2023", "2024", "2999"], {"2999": "as-written"}),
])
def test_every_column_kept_and_each_odd_header_named(tmp_path, years, keys, how):
    table, rows, findings = _extract(tmp_path, years)
    assert [str(y) for y in table.years] == keys
    # the figures stand under their own columns: the fourth figure under the fourth column, whatever it is called
    assert rows["Effektiviseringsgevinst"].values() == dict(zip(keys, [-100, -200, -300, -400], strict=True))
    assert rows["Samlet varig ændring"].values() == dict(zip(keys, [-60, -150, -240, -330], strict=True))
    assert {f.values["as_written"]: f.values["how"] for f in findings} == how
    for f in findings:
        assert f"'{f.values['as_written']}'" in f.message


def test_figures_under_a_guessed_year_are_flagged_and_the_others_not(tmp_path):
    _, rows, _ = _extract(tmp_path, "2022 2023 20244 2025")
    for row in rows.values():
        assert row.uncertain_keys() == ["2024"]


def test_a_plain_header_raises_nothing(tmp_path):
    table, rows, findings = _extract(tmp_path, "2022 2023 2024 2025")
    assert findings == [] and not any(r.uncertain_keys() for r in rows.values())


def test_odd_header_years_are_stored_exported_and_found(tmp_path, db_url):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(TEXT.format(years="1899 1900 1901 1902"), "utf-8")
    (src / "b.txt").write_text(TEXT.format(years="2022 2023 20244 2025").replace("BC88", "BC89"), "utf-8")
    pipeline.ingest([src], db=db_url)
    docs = {d["code"]: d for d in pipeline.export_documents(db_url)}
    old = docs["BC88"]["tables"][0]
    assert old["years"] == [1899, 1900, 1901, 1902]
    assert old["rows"][0]["values"] == {"1899": -100, "1900": -200, "1901": -300, "1902": -400}
    guessed = docs["BC89"]["tables"][0]["rows"][0]
    assert guessed["values"]["2024"] == -300 and guessed["uncertain"] == ["2024"]
    rules = [f["rule"] for f in pipeline.Archive(db_url).findings()]
    assert rules.count("header-year") == 5  # four columns as written, one guessed


# ---------------------------------------------------------------- a PDF, placed by position


def test_a_pdf_header_with_a_mistyped_year_keeps_its_columns(tmp_path):
    path = tmp_path / "forslag.pdf"
    c = Canvas(str(path), pagesize=A4)
    page = Page(c)
    page.text("INVESTERINGSFORSLAG")
    page.text("Forslagets titel: BC77 Prøveforslag om årstal")
    page.text("Tabel 1. Forslagets samlede økonomiske konsekvenser")
    page.rule()
    c.drawString(LABEL_X, page.y, "1.000 kr. 2021 p/l")
    for x, year in zip(COLS, ["2021", "2O22", "20233", "2024"], strict=True):
        c.drawRightString(x, page.y, year)
    page.y -= 18
    page.row("Effektiviseringsgevinst", "", ["-100", "-200", "-300", "-400"])
    page.row("Serviceudgifter", "", ["40", "50", "", "70"])
    c.save()
    result = pipeline.extract_file(path)
    assert result.error is None, result.error
    table = next(t for t in result.documents[0].tables if t.number == 1)
    assert table.years == [2021, 2022, 2023, 2024]
    rows = {r.label: r for r in table.rows}
    assert rows["Effektiviseringsgevinst"].values() == {"2021": -100, "2022": -200, "2023": -300, "2024": -400}
    assert rows["Serviceudgifter"].values() == {"2021": 40, "2022": 50, "2024": 70}
    assert rows["Effektiviseringsgevinst"].uncertain_keys() == ["2023"]
    assert sorted(f.values["as_written"] for f in result.findings if f.rule == "header-year") == ["20233", "2O22"]


# ---------------------------------------------------------------- a header that lost a column


def test_rows_with_more_figures_than_the_header_has_columns_are_flagged(tmp_path):
    """Four figures under three years: which one is surplus no evidence says, so none is stored as decided."""
    _, rows, _ = _extract(tmp_path, "2022 2023 2024")
    for row in rows.values():
        assert len(row.cells) == 3 and row.uncertain_keys() == ["2022", "2023", "2024"], row.label


def test_a_number_ending_a_label_is_no_surplus_figure():
    from extract.placement import flag_surplus_figures
    from extract.tables import RawRow, TableHeader, Token
    from parsers.records import Line

    header = TableHeader([2022, 2023], "1.000 kr.", 2022, False, False, 0)
    line = Line(text="Udvidelse fase 2 100 200", page=None, lineno=1)
    label_number = RawRow(["Udvidelse fase"], [line], None, [Token("2", line), Token("100", line), Token("200", line)],
                          placed={"2022": Token("100", line), "2023": Token("200", line)})
    amount = RawRow(["Udvidelse"], [line], None, [Token("-50", line), Token("100", line), Token("200", line)],
                    placed={"2022": Token("100", line), "2023": Token("200", line)})
    flag_surplus_figures([label_number, amount], header)
    assert label_number.uncertain == {}
    assert amount.uncertain == {"2022": [], "2023": []}
