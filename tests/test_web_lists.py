"""The lists of the web view (proposals, figures: counts, sorting, paging, filters, downloads named by their filter),
copies of one proposal on its page, and the view in Danish (Flask's test client)."""
from __future__ import annotations

import csv
import html
import io
import re

import openpyxl
import pytest

import pipeline
from tests.conftest import PDF, disagreeing_copies
from web import danish
from web.app import create_app

TITLE = "Virksomhedssamarbejde om mobile digitale løsninger til borgerne"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("lists")
    inbox = disagreeing_copies(root / "in")
    db = f"sqlite:///{root / 'bcx.sqlite'}"
    assert pipeline.ingest([inbox], db=db).failed == 0
    app = create_app(db)
    app.testing = True
    return app.test_client(), db


def _get(web, path: str, **query) -> str:
    response = web.get(path, query_string=query)
    assert response.status_code == 200, (path, query)
    return html.unescape(response.get_data(as_text=True))


def _titles(page: str) -> list[str]:
    return re.findall(r'<td><a href="/proposal/\d+">([^<]*)</a></td>', page)


# ---------------------------------------------------------------- Danish


def test_numbers_are_written_the_danish_way():
    assert danish.number(1125) == "1.125"
    assert danish.number(-1022.0) == "-1.022"
    assert danish.number(6.7) == "6,7"
    assert danish.number(1234567.25) == "1.234.567,25"
    assert danish.number(0) == "0"
    assert danish.number(None) == ""


def test_every_finding_of_the_corpus_files_reads_in_danish(client):
    _, db = client
    found = pipeline.findings(db)
    assert {f["rule"] for f in found} >= {"copies-agree", "total-sum"}
    for f in found:
        said = danish.message(f["message"])
        assert said != f["message"], f["message"]  # a form of message the view does not know yet
        assert not re.search(r"\b(printed|components|but|here|stored|the copy)\b", said), said
        assert f["rule"] in danish.RULES
    assert danish.message("Tabel 1 'Løn' 2024: printed 1125, components sum to -1022") == \
        "Tabel 1 'Løn' 2024: der står 1.125, rækkerne giver tilsammen -1.022"
    assert danish.message("Tabel 2 is at 2021 p/l, Tabel 1 at 2022 p/l") == \
        "Tabel 2 er i 2021-priser, Tabel 1 i 2022-priser"
    assert danish.message("Løn: -1458 may stand under 2021 or 2022; stored under 2021, flagged uncertain") == \
        "Løn: -1.458 kan stå under 2021 eller 2022; gemt under 2021 og markeret usikker"  # years are no amounts
    assert danish.message("something new a check says") == "something new a check says"  # never half translated


def test_the_view_speaks_danish(client):
    web, _ = client
    findings = _get(web, "/findings")
    assert "Kopierne af forslaget har forskellige tal" in findings and "fejl" in findings
    assert "650 her, 600 i kopien 000_4bb0c5848772b7a4.pdf#1" in findings
    runs = _get(web, "/runs")
    assert "færdig" in runs and "ny" in runs
    missing = web.get("/proposal/424242")
    assert missing.status_code == 404 and "Ikke fundet" in missing.get_data(as_text=True)
    assert ">business_case<" not in _get(web, "/") and ">business case<" in _get(web, "/")  # shown, not stored


# ---------------------------------------------------------------- the proposals


def test_the_proposals_list_counts_sorts_pages_and_filters(client, monkeypatch):
    web, db = client
    docs = pipeline.export_documents(db)
    page = _get(web, "/")
    assert f"{len(docs)} forslag" in page
    titles = sorted((d["title"] for d in docs), key=str.casefold)
    assert _titles(_get(web, "/", sort="title")) == titles
    assert _titles(_get(web, "/", sort="title", desc="1")) == titles[::-1]
    # the column head links sort, then turn the order round, and keep the filters
    assert 'href="/?sort=title"' in page
    assert 'href="/?kind=business_case&amp;sort=title&amp;desc=1"' in \
        web.get("/", query_string={"kind": "business_case", "sort": "title"}).get_data(as_text=True)
    monkeypatch.setattr("web.app.PROPOSALS_PER_PAGE", 3)
    first, second = _get(web, "/", sort="title"), _get(web, "/", sort="title", page=2)
    assert _titles(first) == titles[:3] and _titles(second) == titles[3:6]
    assert "Side 1 af 3" in first and 'rel="next"' in first
    assert _titles(_get(web, "/", sort="title", page=99)) == titles[6:]  # a page past the end: the last one
    monkeypatch.undo()
    kinds = {d["kind"] for d in docs}
    for kind in kinds:
        assert len(_titles(_get(web, "/", kind=kind))) == sum(d["kind"] == kind for d in docs)
    departments = [d["presenting_department"] for d in docs if d["presenting_department"]]
    if departments:
        name = departments[0]
        assert len(_titles(_get(web, "/", department=name))) == departments.count(name)
    level = next(d["price_level"] for d in docs if d["price_level"])
    assert len(_titles(_get(web, "/", price_level=level))) == sum(d["price_level"] == level for d in docs)


def test_the_proposals_download_is_named_by_its_filter(client):
    web, db = client
    kind = pipeline.export_documents(db)[0]["kind"]
    response = web.get("/", query_string={"kind": kind, "format": "csv"})
    assert f"proposals-kind-{kind}.csv" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rows and {r["kind"] for r in rows} == {kind}
    response = web.get("/", query_string={"q": "Servicelovsydelser mobile", "format": "xlsx"})
    assert "proposals-q-Servicelovsydelser_mobile.xlsx" in response.headers["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.get_data())).active
    assert [c.value for c in sheet[2]][1] == TITLE and sheet.max_row == 3  # the PDF and its dump


def test_a_search_by_a_row_label_from_the_search_box(client):
    web, db = client
    docs = pipeline.export_documents(db)
    label = "Effektiviseringsgevinst"
    with_row = {d["title"] for d in docs if any(label.casefold() in r["label"].casefold()
                                                 for t in d["tables"] for r in t["rows"])}
    found = _titles(_get(web, "/", q=label))
    assert with_row and with_row <= set(found)


# ---------------------------------------------------------------- copies


def test_a_proposal_page_names_its_copies_and_where_they_disagree(client):
    web, db = client
    page = _get(web, "/", q="Servicelovsydelser")
    ids = re.findall(r'href="/proposal/(\d+)"', page)
    assert len(ids) == 2
    html_ = _get(web, f"/proposal/{ids[0]}")
    copies = re.search(r'data-testid="copies">(.*?)</div>', html_, re.S).group(1)
    assert f'href="/proposal/{ids[1]}"' in copies
    assert "Kopierne har ikke de samme tal (1 sted)" in copies
    assert "Kopierne af forslaget har forskellige tal" in html_  # the finding, in Danish, on the page
    assert 'data-testid="reason"' in html_  # and beside its cell, not only in a tooltip
    assert re.search(r'href="/source/\d+">hent den oprindelige fil', html_)
    # the copies column of the list
    assert re.findall(r'data-testid="copies">(\d*)</td>', page) == ["1", "1"]


def test_the_chart_names_the_price_level_on_its_axis(client):
    web, _ = client
    ids = re.findall(r'href="/proposal/(\d+)"', _get(web, "/", q="Servicelovsydelser"))
    svg = _get(web, f"/proposal/{ids[0]}")
    assert "2016-priser" in svg


# ---------------------------------------------------------------- figures


def test_the_figures_list_counts_sorts_pages_filters_and_links(client, monkeypatch):
    web, db = client
    docs = pipeline.export_documents(db)
    total = sum(len(r["values"]) for d in docs for t in d["tables"] for r in t["rows"])
    page = _get(web, "/figures")
    assert f"{danish.number(total)} tal" in page
    rows = re.findall(r"<tr><td><a href=\"/proposal/\d+\">", page)
    assert len(rows) == min(total, 200)
    assert len(re.findall(r'href="/figure/\d+" data-testid="source"', page)) == len(rows)
    monkeypatch.setattr("web.app.FIGURES_PER_PAGE", 10)
    values = [re.findall(r'<td class="num[^"]*"[^>]*>([^<]*)</td>', _get(web, "/figures", sort="value", page=p))
              for p in (1, 2)]
    assert len(values[0]) == len(values[1]) == 10
    numbers = [float(v.replace(".", "").replace(",", ".")) for v in values[0] + values[1]]
    assert numbers == sorted(numbers)  # two pages of one order
    assert min(numbers) < 0 and any("." in v for v in values[0] + values[1] if abs(float(
        v.replace(".", "").replace(",", "."))) >= 1000)  # thousands with '.', as 1.125
    monkeypatch.undo()
    # one proposal's Tabel 1: its figures only, and the download named by both filters
    pdf_id = re.findall(r'href="/proposal/(\d+)"', _get(web, "/", q="Servicelovsydelser"))[0]
    [doc] = [d for d in docs if d["source"] == PDF.name]
    in_table1 = sum(len(r["values"]) for t in doc["tables"] if t["number"] == 1 for r in t["rows"])
    assert f"{in_table1} tal" in _get(web, "/figures", document=pdf_id, table=1)
    response = web.get("/figures", query_string={"document": pdf_id, "table": 1, "format": "csv"})
    assert f"figures-document-{pdf_id}-table-1.csv" in response.headers["Content-Disposition"]
    assert len(list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))) == in_table1
    assert "1.125" in _get(web, "/figures", document=pdf_id, table=1)


def test_every_rule_and_the_header_year_and_ocr_messages_read_in_danish():
    from extract.checks import HOW_READ, OCR_DOUBTS, RULES

    assert set(RULES) <= set(danish.RULES)
    for form in HOW_READ.values():
        said = danish.message("Tabel 1: the year column headed '2O23' is " + form.format(year=2023))
        assert said.startswith("Tabel 1: årskolonnen med overskriften '2O23'") and " is " not in said
    for form in OCR_DOUBTS.values():
        said = danish.message(f"Løn / 2022: -1.125 read by OCR, {form.format(confidence='55')}; flagged uncertain")
        assert said.startswith("Løn / 2022: -1.125 læst ved OCR") and "flagged" not in said  # as written, not -1,125
