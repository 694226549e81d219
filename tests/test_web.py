"""The auditor's web view (`bcx serve`), through Flask's test client: list, proposal, a figure on its page."""
from __future__ import annotations

import io
import re
import shutil

import pytest
from PIL import Image

import pipeline
from models import browse
from tests.conftest import CORPUS
from web.app import create_app

PDF = CORPUS / "pdf" / "000_4bb0c5848772b7a4.pdf"
TEXT = CORPUS / "text" / "001_9096374421a980e5.txt"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("web")
    (root / "in").mkdir()
    shutil.copy(PDF, root / "in" / PDF.name)
    shutil.copy(TEXT, root / "in" / TEXT.name)
    db = f"sqlite:///{root / 'bcx.sqlite'}"
    report = pipeline.ingest([root / "in"], db=db)
    assert report.failed == 0
    app = create_app(db)
    app.testing = True
    return app.test_client(), db


def _links(html: str, pattern: str) -> list[str]:
    return re.findall(pattern, html)


def test_the_list_shows_every_proposal_and_searches(client):
    web, db = client
    page = web.get("/").get_data(as_text=True)
    docs = pipeline.export_documents(db)
    assert len(_links(page, r'href="/proposal/\d+"')) == len(docs)
    assert "Virksomhedssamarbejde om mobile digitale løsninger til borgerne" in page
    found = web.get("/", query_string={"q": "mobile digitale"}).get_data(as_text=True)
    assert len(_links(found, r'href="/proposal/\d+"')) == 1
    assert "Ingen forslag" in web.get("/", query_string={"q": "no such proposal"}).get_data(as_text=True)


def test_a_proposal_page_shows_its_tables_with_every_figure(client):
    web, db = client
    page = web.get("/").get_data(as_text=True)
    first = _links(page, r'href="(/proposal/\d+)">Virksomhedssamarbejde')[0]
    html = web.get(first).get_data(as_text=True)
    [doc] = [d for d in pipeline.export_documents(db) if d["source"] == PDF.name]
    figures = sum(len(r["values"]) for t in doc["tables"] for r in t["rows"])
    assert len(_links(html, r'data-testid="figure"')) == figures
    assert "Tabel 1" in html
    assert web.get("/proposal/999999").status_code == 404


def test_findings_are_marked_on_their_cells(client):
    web, db = client
    findings = [f for f in pipeline.findings(db) if f["key"]]
    if not findings:
        pytest.fail("the fixture needs a document with a finding about a cell (001 has them)")
    page = web.get("/").get_data(as_text=True)
    ids = _links(page, r'href="/proposal/(\d+)"')
    flagged = sum(web.get(f"/proposal/{i}").get_data(as_text=True).count("num flagged") for i in ids)
    assert flagged >= 1


def test_a_figure_from_a_pdf_shows_its_page_with_the_box(client):
    web, db = client
    hit = pipeline.trace(f"{PDF.name}#1", table=1, row="Samlet", year="2019", db=db, context=False)[0]
    page = web.get("/").get_data(as_text=True)
    doc_url = _links(page, r'href="(/proposal/\d+)">Virksomhedssamarbejde')[0]
    assert f'href="/figure/{hit["value_id"]}"' in web.get(doc_url).get_data(as_text=True)  # a click leads there
    figure = web.get(f"/figure/{hit['value_id']}").get_data(as_text=True)
    assert 'data-testid="page"' in figure and f"side {hit['page']}" in figure
    png = web.get(f"/figure/{hit['value_id']}/page.png")
    assert png.status_code == 200 and png.mimetype == "image/png"
    image = Image.open(io.BytesIO(png.data)).convert("RGB")
    from web.app import PAGE_DPI

    assert PAGE_DPI >= 150  # digits readable beside the outline
    scale = PAGE_DPI / 72  # boxes are in PDF points
    middle = int((hit["top"] + hit["bottom"]) / 2 * scale)

    def red(x: int, y: int) -> bool:
        r, g, b = image.getpixel((x, y))
        return r > 180 and g < 80 and b < 80

    left, right = int((hit["x0"] - 3) * scale), int((hit["x1"] + 3) * scale)  # the outline is 3 pt out
    assert any(red(x, middle) for x in range(left - 3, left + 4))  # the frame's left side, beside the figure
    assert any(red(x, middle) for x in range(right - 3, right + 4))  # and its right side
    assert not any(red(x, middle) for x in range(left + 6, right - 6))  # the figure itself is not covered


def test_a_figure_from_a_text_dump_shows_its_source_lines(client):
    web, db = client
    hits = pipeline.trace(f"{TEXT.name}#2", db=db, context=False)
    assert hits
    page = web.get("/").get_data(as_text=True)
    for doc_url in _links(page, r'href="(/proposal/\d+)"'):
        html = web.get(doc_url).get_data(as_text=True)
        urls = _links(html, r'href="(/figure/\d+)" data-testid="figure"')
        if urls and TEXT.name in html:
            figure = web.get(urls[0]).get_data(as_text=True)
            assert 'data-testid="source-lines"' in figure and 'class="hit"' in figure
            return
    pytest.fail("no figure from the text dump on any proposal page")


def test_the_figures_page_filters_and_downloads_what_it_shows(client):
    import pandas as pd

    web, db = client
    every = pipeline.read(db, browse.figures)
    assert every
    year, area = 2019, "Service"
    expected = [r for r in every if r["year"] == year and r["area"] == area]
    assert expected
    html = web.get("/figures", query_string={"year": year, "area": area}).get_data(as_text=True)
    assert f"{len(expected)} tal" in html
    csv = web.get("/figures", query_string={"year": year, "area": area, "format": "csv"})
    assert csv.mimetype == "text/csv"
    frame = pd.read_csv(io.BytesIO(csv.data))
    assert len(frame) == len(expected)
    assert set(frame["year"]) == {year} and set(frame["area"]) == {area}
    assert sorted(frame["value"]) == sorted(r["value"] for r in expected)
    xlsx = web.get("/figures", query_string={"year": year, "area": area, "format": "xlsx"})
    assert len(pd.read_excel(io.BytesIO(xlsx.data))) == len(expected)
    department = pipeline.export_documents(db)[0]["presenting_department"]
    by_department = web.get("/figures", query_string={"department": department, "format": "csv"})
    sources = set(pd.read_csv(io.BytesIO(by_department.data))["source"])
    assert sources == {d["source"] for d in pipeline.export_documents(db) if d["presenting_department"] == department}


def test_the_runs_page_shows_what_each_run_changed(client):
    web, db = client
    runs = pipeline.runs(db)
    html = web.get("/runs").get_data(as_text=True)
    assert len(_links(html, r'href="/runs\?run=\d+"')) == len(runs)
    first = web.get("/runs", query_string={"run": runs[0]["id"]}).get_data(as_text=True)
    assert first.count("<td>ny</td>") == runs[0]["files_new"] == 2  # "new", in Danish


def test_the_view_is_read_only(client, tmp_path):
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    _, db = client
    engine = pipeline.Archive(db).read_only_engine()  # what the web view reads through
    with engine.connect() as conn, pytest.raises(OperationalError, match="readonly"):
        conn.execute(text("DELETE FROM runs"))
    engine.dispose()
    assert pipeline.runs(db)


def test_a_proposal_shows_its_costs_savings_and_payback_as_a_picture(client):
    from web.charts import table1_economy

    web, db = client
    page = web.get("/").get_data(as_text=True)
    marked = 0
    for doc_id in map(int, _links(page, r'href="/proposal/(\d+)"')):
        html = web.get(f"/proposal/{doc_id}").get_data(as_text=True)
        doc = pipeline.read(db, lambda s, i=doc_id: browse.get_document(s, i))
        table1 = next((t for t in doc.tables if t.number == 1 and t.years), None)
        if table1 is None:
            assert 'data-testid="chart"' not in html
            continue
        assert 'data-testid="chart"' in html and "<svg" in html
        economy = pipeline.read(db, lambda s, i=doc_id: table1_economy(browse.get_document(s, i)))
        assert economy.years == table1.years
        grand = next((r for r in table1.rows if r.is_total and r.label.casefold().startswith("samlet økonomisk")),
                     None)
        if grand is None:
            continue
        # by hand: the "Samlet økonomisk påvirkning" row, summed year by year, first at or below zero
        values = {v.key: v.value for v in grand.values}
        assert economy.net == [values.get(str(y), 0) for y in table1.years]
        running, payback = 0, None
        for i, year in enumerate(table1.years):
            running += values.get(str(year), 0)
            if payback is None and (running < 0 or running <= 0 and i > 0):
                payback = year
        if payback is not None:
            assert economy.payback_year == payback
            assert 'id="payback"' in html and f"tilbagebetalt i {payback}" in html
            marked += 1
    assert marked >= 1  # 001 has proposals that pay back within their table


def test_a_proposal_names_its_affected_departments_once_in_one_line(tmp_path):
    (tmp_path / "in").mkdir()
    boxes = ["☐ Økonomiforvaltningen", "☒ Beskæftigelses- og Integrationsforvaltningen",
             "☒ Sundheds- og Omsorgsforvaltningen"]
    text = "\n".join(["INVESTERINGSFORSLAG", "Forslagets titel:", "", "BC15 Ruteplanlægning i hjemmeplejen", "",
                      "Resumé:", "", "En kort beskrivelse.", "", "Fremstillende", "forvaltning:", "",
                      "Sundheds- og Omsorgsforvaltningen", "", "Berørte", "forvaltninger:", "", *boxes, ""])
    (tmp_path / "in" / "bc.txt").write_text(text, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    assert pipeline.ingest([tmp_path / "in"], db=db).failed == 0
    app = create_app(db)
    app.testing = True
    web = app.test_client()
    html = web.get(_links(web.get("/").get_data(as_text=True), r'href="(/proposal/\d+)"')[0]).get_data(as_text=True)
    assert html.count("Berørte forvaltninger") == 1 and "Berørt forvaltning<" not in html
    affected = re.search(r'data-testid="affected">([^<]*)<', html)[1]
    assert affected == "Beskæftigelses- og Integrationsforvaltningen, Sundheds- og Omsorgsforvaltningen"
    assert html.count("Fremstillende forvaltning") == 1
