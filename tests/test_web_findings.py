"""The auditor's findings page and the search over row labels and sections (Flask's test client)."""
from __future__ import annotations

import csv
import io
import re
import shutil

import openpyxl
import pytest

import pipeline
from tests.conftest import CORPUS
from web import danish
from web.app import create_app

BUNDLE = CORPUS / "text" / "003_8a03cb9497d78e97_a.txt"  # five proposals; the gold notes name their mismatches


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("findings")
    (root / "in").mkdir()
    shutil.copy(BUNDLE, root / "in" / BUNDLE.name)
    shutil.copy(CORPUS / "text" / "000_4bb0c5848772b7a4.txt", root / "in" / "000.txt")
    db = f"sqlite:///{root / 'bcx.sqlite'}"
    assert pipeline.ingest([root / "in"], db=db).failed == 0
    app = create_app(db)
    app.testing = True
    return app.test_client(), db


def _proposal_links(html: str) -> set[str]:
    return set(re.findall(r'href="/proposal/(\d+)"', html))


def test_search_finds_proposals_by_a_row_label_and_a_section_word(client):
    web, db = client
    docs = pipeline.export_documents(db)
    with_row = {d["title"] for d in docs if any("effektiviseringsgevinst" in r["label"].casefold()
                                                 for t in d["tables"] for r in t["rows"])}
    assert with_row and len(with_row) < len(docs)
    page = web.get("/", query_string={"q": "Effektiviseringsgevinst"}).get_data(as_text=True)
    assert all(title in page for title in with_row)  # every proposal with such a row (others may say it in prose)
    # 000's proposal has no such row; it says the word in its sections only, and is found by them
    assert "Virksomhedssamarbejde om mobile digitale løsninger til borgerne" not in with_row
    assert "Virksomhedssamarbejde om mobile digitale løsninger til borgerne" in page
    assert len(with_row) <= len(_proposal_links(page)) < len(docs)
    # a word that stands only in the sections of the single proposal in 000.txt
    section_page = web.get("/", query_string={"q": "Servicelovsydelser"}).get_data(as_text=True)
    assert len(_proposal_links(section_page)) == 1
    assert "Virksomhedssamarbejde om mobile digitale løsninger til borgerne" in section_page


def test_the_findings_page_lists_every_finding_with_facets_and_links(client):
    web, db = client
    found = pipeline.findings(db)
    assert found
    page = web.get("/findings").get_data(as_text=True)
    rows = re.findall(r"<tr><td><a href=\"/proposal/\d+\">", page)
    assert len(rows) == len(found)
    rules = {f["rule"] for f in found}
    for rule in rules:  # a facet per rule, with its count
        n = sum(1 for f in found if f["rule"] == rule)
        assert re.search(rf'rule={re.escape(rule)}"[^>]*>\s*{re.escape(danish.rule(rule))}</a> \({n}\)', page), rule
    assert 'href="/figure/' in page  # a finding on a figure links to the figure and its source
    one = sorted(rules)[0]
    filtered = web.get("/findings", query_string={"rule": one}).get_data(as_text=True)
    assert len(re.findall(r"<tr><td><a href=\"/proposal/\d+\">", filtered)) == sum(f["rule"] == one for f in found)


def test_findings_download_as_csv_and_xlsx_named_by_their_filter(client):
    web, db = client
    found = pipeline.findings(db)
    rule = found[0]["rule"]
    response = web.get("/findings", query_string={"rule": rule, "format": "csv"})
    assert f"findings-rule-{rule}.csv" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == sum(f["rule"] == rule for f in found) and {r["rule"] for r in rows} == {rule}
    xlsx = web.get("/findings", query_string={"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.get_data())).active
    assert sheet.max_row - 1 == len(found)
