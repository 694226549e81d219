"""Full-text search (models/search.py) and copies of one proposal (models/copies.py, the copies-agree check), on
SQLite and PostgreSQL."""
from __future__ import annotations

import pytest

import pipeline
from extract.checks import CHECKS, RULES, Copy, check_copies
from models import browse
from models.copies import copy_groups
from models.search import search_documents, stems
from tests.conftest import BUNDLE, DUMP, PDF, changed_dump_text, disagreeing_copies

TITLE = "Virksomhedssamarbejde om mobile digitale løsninger til borgerne"


# ---------------------------------------------------------------- units


def test_danish_stems_join_the_forms_of_a_word():
    assert len(set(stems("gevinst gevinsten gevinster gevinsterne"))) == 1
    assert stems("Effektiviseringsgevinst") == stems("effektiviseringsgevinsten")
    assert stems("Økonomi ÆRESSAG") == stems("økonomi æressag")  # Danish letters fold as letters


def test_copies_that_read_a_figure_differently_are_reported_on_both_with_both_values():
    pdf = Copy("a.pdf#1", {(1, None, "Løn", "2024"): 600.0, (1, None, "Løn", "2025"): 400.0,
                           (1, None, "Husleje", "2024"): 10.0})
    dump = Copy("a.txt#1", {(1, None, "Løn", "2024"): 650.0, (1, None, "Løn", "2025"): 400.0})
    found = list(check_copies([pdf, dump]))
    assert [(f.ordinal, f.rule, f.table, f.row, f.key) for f in found] == [
        (0, "copies-agree", 1, "Løn", "2024"), (1, "copies-agree", 1, "Løn", "2024")]
    assert "600 here, 650 in the copy a.txt#1" in found[0].message
    assert found[1].values == {"this": 650.0, "copy": 600.0, "copy_name": "a.pdf#1"}
    # a figure only one copy has (Husleje) is not a disagreement; decimals agree within half their last digit
    assert not list(check_copies([Copy("x", {(2, None, "Årsværk", "2024"): 6.7}),
                                  Copy("y", {(2, None, "Årsværk", "2024"): 6.7000001})]))
    assert RULES["copies-agree"].severity == "error"
    assert any(c.run is check_copies and c.scope == "archive" for c in CHECKS)


# ---------------------------------------------------------------- on both databases


@pytest.fixture
def archive(db_url, tmp_path):
    """The bundle and a PDF with its own text dump, in which one figure of Tabel 1 was changed (600 -> 650)."""
    inbox = disagreeing_copies(tmp_path / "in")
    report = pipeline.ingest([inbox], db=db_url)
    assert report.failed == 0
    return db_url, inbox


def _titles(db: str, query: str) -> list[str]:
    return [r["title"] for r in pipeline.read(db, lambda s: browse.list_documents(s, query))]


def test_search_finds_proposals_by_word_forms_row_labels_and_section_text(archive):
    db, _ = archive
    docs = pipeline.export_documents(db)
    with_row = {d["title"] for d in docs if any("effektiviseringsgevinst" in r["label"].casefold()
                                                 for t in d["tables"] for r in t["rows"])}
    assert with_row and len(with_row) < len(docs)
    found = _titles(db, "Effektiviseringsgevinst")
    assert with_row <= set(found) and len(set(found)) < len(docs)
    assert TITLE in found  # said in its sections only
    # another inflection of the word, and a part of the compound at its start, find the same proposals
    assert with_row <= set(_titles(db, "effektiviseringsgevinsterne"))
    assert with_row <= set(_titles(db, "effektivisering"))
    # a word of one proposal's sections only; its PDF and its dump are both found
    assert _titles(db, "Servicelovsydelser") == [TITLE, TITLE]
    assert _titles(db, "no such proposal anywhere") == []
    # every word must be there
    assert _titles(db, "Servicelovsydelser Effektiviseringsgevinst") == [TITLE, TITLE]


def test_the_full_text_index_follows_a_changed_file(archive):
    db, inbox = archive
    (inbox / "000_dump.txt").write_text(DUMP.read_text("utf-8").replace("Servicelovsydelser", "Kvantefysik"), "utf-8")
    assert pipeline.ingest([inbox], db=db).failed == 0
    assert _titles(db, "Servicelovsydelser") == [TITLE]  # the PDF only
    assert _titles(db, "kvantefysikken") == [TITLE]  # the dump, by its new word
    ids = pipeline.read(db, lambda s: search_documents(s.connection(), "Kvantefysik"))
    assert len(ids) == 1


def test_copies_of_one_proposal_are_grouped_and_their_disagreement_is_a_finding(archive):
    db, inbox = archive
    rows = pipeline.read(db, lambda s: browse.list_documents(s))
    copies = {r["source"]: r["copies"] for r in rows}
    assert copies[PDF.name] == 1 and copies["000_dump.txt"] == 1
    assert all(n == 0 for name, n in copies.items() if name == BUNDLE.name)  # five different proposals
    groups = pipeline.read(db, copy_groups)
    assert len({tuple(g) for g in groups.values()}) == 1
    found = [f for f in pipeline.findings(db) if f["rule"] == "copies-agree"]
    assert sorted((f["source"], f["row_label"], f["key"]) for f in found) == [
        (PDF.name, "Omkostninger til virksomhedssamarbejde", "2016"),
        ("000_dump.txt", "Omkostninger til virksomhedssamarbejde", "2016")]
    by_source = {f["source"]: f["message"] for f in found}
    assert by_source[PDF.name].endswith("2016: 600 here, 650 in the copy 000_dump.txt#1")
    assert by_source["000_dump.txt"].endswith(f"2016: 650 here, 600 in the copy {PDF.name}#1")
    report = pipeline.run_report(db=db)
    assert sum(f["where"].startswith("copies-agree") for f in report["findings"]["new"]) == 2

    # the dump corrected: the copies agree, and the run says their findings were resolved
    (inbox / "000_dump.txt").write_text(DUMP.read_text("utf-8"), "utf-8")
    assert pipeline.ingest([inbox], db=db).failed == 0
    assert not [f for f in pipeline.findings(db) if f["rule"] == "copies-agree"]
    report = pipeline.run_report(db=db)
    assert sum(f["where"].startswith("copies-agree") for f in report["findings"]["resolved"]) == 2
    assert not any(f["where"].startswith("copies-agree") for f in report["findings"]["new"])

    # a run that changes nothing leaves the findings of copies as they are, and records no change of them
    (inbox / "000_dump.txt").write_text(changed_dump_text(), "utf-8")
    assert pipeline.ingest([inbox], db=db).failed == 0
    assert pipeline.ingest([inbox], db=db).failed == 0
    assert len([f for f in pipeline.findings(db) if f["rule"] == "copies-agree"]) == 2
    report = pipeline.run_report(db=db)
    assert not report["findings"]["new"] and not report["findings"]["resolved"]


def test_the_web_view_searches_lists_and_shows_copies_on_both_databases(archive):
    from web.app import create_app

    db, _ = archive
    app = create_app(db)
    app.testing = True
    web = app.test_client()
    found = web.get("/", query_string={"q": "effektiviseringsgevinsterne"})
    assert found.status_code == 200 and TITLE in found.get_data(as_text=True)
    for path, query in (("/", {"sort": "copies", "desc": "1"}), ("/figures", {"sort": "value", "page": "2"}),
                        ("/figures", {"table": "1", "price_level": "2016"}), ("/findings", {"rule": "copies-agree"})):
        assert web.get(path, query_string=query).status_code == 200, (path, query)
    [pdf_id] = [r["id"] for r in pipeline.read(db, lambda s: browse.list_documents(s)) if r["source"] == PDF.name]
    page = web.get(f"/proposal/{pdf_id}").get_data(as_text=True)
    assert "000_dump.txt#1" in page and "Kopierne har ikke de samme tal (1 sted)" in page
