"""The database layer must give back exactly what the extractor produced, keep provenance, and never duplicate."""
from __future__ import annotations

import io
import json
import multiprocessing
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from extract.records import Cell, ExtractedDocument, Provenance, Section, Table, TableRow
from models import (
    FIGURE_COLUMNS,
    Department,
    Document,
    DocumentDepartment,
    DocumentSection,
    Failure,
    FieldProvenance,
    FinRow,
    FinTable,
    FinValue,
    SourceFile,
    database_url,
    export_csv,
    export_json,
    figures_frame,
    init_db,
    load_documents,
    make_engine,
    record_failure,
    session_scope,
    store_documents,
    summary_counts,
    upsert_source_file,
)

PATH = "/corpus/demo.pdf"


def prov(line: int, text: str, *, line_end: int | None = None, bbox: tuple[float, float, float, float] | None = None,
         inferred_by: str | None = None) -> Provenance:
    return Provenance(page=2, line_start=line, line_end=line_end or line, text=text, bbox=bbox, inferred_by=inferred_by)


def business_case(source: str = "demo.pdf") -> ExtractedDocument:
    """A document exercising every awkward case: wrapped label, empty cell, 'total' key, a decimal, inferred value."""
    table1 = Table(
        number=1, caption="Forslagets samlede økonomiske konsekvenser", price_level=2022, unit="1000 kr.",
        years=[2022, 2023, 2024], prov=prov(10, "Tabel 1. Forslagets samlede økonomiske konsekvenser"),
        rows=[
            TableRow(
                label="Effektiviseringsgevinst", group="Varige ændringer", area="Service", prov=prov(12, "Eff..."),
                cells=[Cell("2022", -942, prov(12, "-942", bbox=(300.5, 410.0, 320.25, 420.0))),
                       Cell("2023", -942), Cell("2024", -1022, prov(12, "-1.022"))],
            ),
            TableRow(  # label wrapped over two lines; 2023 cell empty and left out; 2024 placed by a rule
                label="Systemudvikling KIT el. ekstern leverandør", group="Implementeringsomkostninger", area="Anlæg",
                prov=prov(13, "Systemudvikling KIT el.\nekstern leverandør", line_end=14),
                cells=[Cell("2022", 500), Cell("2024", 300, prov(13, "300", inferred_by="totals_arithmetic"))],
            ),
            TableRow(
                label="Samlet økonomisk påvirkning", is_total=True,
                cells=[Cell("2022", -442), Cell("2023", -942), Cell("2024", -722), Cell("total", -2106)],
            ),
        ],
    )
    table2 = Table(
        number=None, caption=None, price_level=None, unit=None, years=[2022, 2023],
        rows=[TableRow(label="Årsværk", cells=[Cell("2022", 6.7, prov(30, "6,7")), Cell("2023", 1.0)])],
    )
    return ExtractedDocument(
        source=source, ordinal=1, kind="business_case", code="BC04", title="Ny portal til Serviceplatformen",
        presenting_department="Økonomiforvaltningen",
        affected_departments_marked=["Socialforvaltningen", "Økonomiforvaltningen"],
        summary="Kort resumé.", budget_round="OFS 2020-21", price_level=2022, unit="1000 kr.",
        tables=[table1, table2], payback_service=6.5, payback_total=6.0,
        sections=[Section(1, "Baggrund og formål", "Tekst.", prov(5, "1. Baggrund og formål")),
                  Section(2, "Økonomi", "Mere tekst.")],
        risk_rating="middel til høj",
        field_prov={"code": prov(1, "BC04 – Ny portal", bbox=(50.0, 60.0, 200.0, 72.5))},
    )


def overview(source: str = "demo.pdf") -> ExtractedDocument:
    """A second document whose tick marks were lost: affected departments must come back as null, not []."""
    return ExtractedDocument(source=source, ordinal=2, kind="overview", title="Oversigt", payback_service=3)


DOCS = [business_case(), overview()]
FIGURES = sum(len(r.cells) for d in DOCS for t in d.tables for r in t.rows)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'db' / 'test.sqlite'}")
    init_db(engine)
    yield engine
    engine.dispose()


def ingest(engine: Engine, docs: list[ExtractedDocument], path: str = PATH) -> None:
    with session_scope(engine) as session:
        source_file = upsert_source_file(session, path, Path(path).name, "ab" * 32, 1234, "pdf")
        store_documents(session, source_file, docs, "test-1")


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_round_trip_equals_schema_dict(engine: Engine) -> None:
    ingest(engine, DOCS)
    with session_scope(engine) as session:
        loaded = load_documents(session)
    expected = [d.to_schema_dict() for d in DOCS]
    assert loaded == expected
    assert list(loaded[0]) == list(expected[0])
    assert list(loaded[0]["tables"][0]["rows"][2]["values"]) == ["2022", "2023", "2024", "total"]
    assert list(loaded[0]["tables"][0]["rows"][1]["values"]) == ["2022", "2024"]
    assert isinstance(loaded[0]["tables"][0]["rows"][0]["values"]["2022"], int)
    assert loaded[0]["tables"][1]["rows"][0]["values"] == {"2022": 6.7, "2023": 1}
    assert loaded[1]["affected_departments_marked"] is None
    assert json.loads(json.dumps(loaded, ensure_ascii=False)) == expected


def test_provenance_is_stored(engine: Engine) -> None:
    ingest(engine, DOCS)
    with session_scope(engine) as session:
        first = session.scalars(select(FinValue).where(FinValue.key == "2022").order_by(FinValue.id)).first()
        assert (first.page, first.line_start, first.text_as_written) == (2, 12, "-942")
        assert (first.x0, first.top, first.x1, first.bottom) == (300.5, 410.0, 320.25, 420.0)
        inferred = session.scalars(select(FinValue).where(FinValue.inferred_by.is_not(None))).one()
        assert (inferred.key, inferred.year, inferred.value) == ("2024", 2024, 300)
        assert session.scalars(select(FinValue.year).where(FinValue.key == "total")).one() is None
        wrapped = session.scalars(select(FinRow).where(FinRow.label.like("Systemudvikling%"))).one()
        assert (wrapped.line_start, wrapped.line_end) == (13, 14)
        field = session.scalars(select(FieldProvenance)).one()
        assert (field.field, field.text, field.bottom) == ("code", "BC04 – Ny portal", 72.5)
        section = session.scalars(select(DocumentSection).where(DocumentSection.position == 0)).one()
        assert (section.number, section.text, section.line_start) == (1, "Tekst.", 5)
        table = session.scalars(select(FinTable).where(FinTable.number == 1)).one()
        assert (table.unit, table.years, table.line_start) == ("1000 kr.", [2022, 2023, 2024], 10)
        assert table.text_as_written == "Tabel 1. Forslagets samlede økonomiske konsekvenser"
        departments = dict(session.execute(select(Department.name, Department.abbreviation)).all())
        assert departments == {"Økonomiforvaltningen": "ØKF", "Socialforvaltningen": "SOF"}
        assert session.scalar(select(Document.extractor_version)) == "test-1"


def test_storing_same_file_again_replaces(engine: Engine) -> None:
    ingest(engine, DOCS)
    changed = business_case()
    changed.title = "Ny titel"
    ingest(engine, [changed])
    with session_scope(engine) as session:
        assert count(session, SourceFile) == 1
        assert count(session, Document) == 1
        assert count(session, FinValue) == sum(len(r.cells) for t in changed.tables for r in t.rows)
        assert count(session, Department) == 2
        assert [d["title"] for d in load_documents(session)] == ["Ny titel"]


def test_failure_leaves_no_documents_and_is_listed(engine: Engine) -> None:
    ingest(engine, DOCS)
    for _ in range(2):
        with session_scope(engine) as session:
            record_failure(session, PATH, "pdf has no text layer", "demo.pdf", None, 99, "pdf")
    with session_scope(engine) as session:
        source_file = session.scalars(select(SourceFile)).one()
        assert (source_file.status, source_file.error) == ("failed", "pdf has no text layer")
        assert count(session, Document) == 0
        assert count(session, FinValue) == 0
        assert load_documents(session) == []
        assert session.scalars(select(Failure.path)).all() == [PATH, PATH]
        counts = summary_counts(session)
    assert (counts["files_ok"], counts["files_failed"], counts["documents"], counts["values"]) == (0, 1, 0, 0)


def test_summary_counts(engine: Engine) -> None:
    ingest(engine, DOCS)
    with session_scope(engine) as session:
        counts = summary_counts(session)
    assert counts["files_ok"] == 1
    assert counts["documents_by_kind"] == {"business_case": 1, "overview": 1}
    assert (counts["tables"], counts["values"]) == (2, FIGURES)


def test_duplicate_row_key_is_rejected(engine: Engine) -> None:
    ingest(engine, DOCS)
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        row_id = session.scalar(select(FinRow.id).order_by(FinRow.id))
        session.add(FinValue(row_id=row_id, position=99, key="2022", year=2022, value=1))
        session.flush()


def test_deleting_a_document_cascades_in_the_database(engine: Engine) -> None:
    ingest(engine, DOCS)
    with session_scope(engine) as session:
        session.execute(delete(Document).where(Document.kind == "business_case"))  # plain SQL DELETE, no ORM cascade
    with session_scope(engine) as session:
        for model in (FinTable, FinRow, FinValue, DocumentSection, FieldProvenance):
            assert count(session, model) == 0, model.__name__
        assert count(session, DocumentDepartment) == 0
        assert count(session, Department) == 2  # shared departments outlive their documents
        assert count(session, Document) == 1


def test_csv_has_one_row_per_figure(engine: Engine) -> None:
    ingest(engine, DOCS)
    with session_scope(engine) as session:
        frame = figures_frame(session)
        out = io.StringIO()
        written = export_csv(session, out)
    assert list(frame.columns) == FIGURE_COLUMNS
    assert len(frame) == written == FIGURES
    assert frame.iloc[0]["value"] == -942 and isinstance(frame.iloc[0]["value"], int)
    csv = pd.read_csv(io.StringIO(out.getvalue()), dtype=str, keep_default_na=False)
    assert len(csv) == FIGURES
    assert csv["value"].tolist()[:3] == ["-942", "-942", "-1022"]
    assert "6.7" in csv["value"].tolist()
    total = csv[csv["key"] == "total"].iloc[0]
    assert (total["year"], total["value"], total["is_total"]) == ("", "-2106", "True")
    assert csv["inferred_by"].tolist().count("totals_arithmetic") == 1


def test_export_json_is_utf8_list() -> None:
    out = io.StringIO()
    export_json([d.to_schema_dict() for d in DOCS], out)
    text = out.getvalue()
    assert "Økonomiforvaltningen" in text and text.startswith("[\n  {")
    assert json.loads(text)[0]["code"] == "BC04"


def test_database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BCX_DB", "sqlite:///from-env.sqlite")
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url(None) == "sqlite:///from-env.sqlite"
    monkeypatch.delenv("BCX_DB")
    assert database_url(None) == f"sqlite:///{(tmp_path / 'data' / 'db' / 'bcx.sqlite').resolve()}"
    assert not (tmp_path / "data").exists()  # naming the database makes nothing: only an ingest creates it


def test_sqlite_connections_enforce_foreign_keys(engine: Engine) -> None:
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(FinRow(table_id=12345, position=0, label="orphan"))
        session.flush()


def _open_new_sqlite_file_at(path: str, start: float) -> str:
    """A fresh process opening `path` at wall-clock time `start`; returns its journal mode or the error."""
    while time.time() < start:
        pass
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql("PRAGMA journal_mode").scalar()
    except Exception as exc:  # reported, so the assertion shows what went wrong
        return f"{type(exc).__name__}: {exc}"
    finally:
        engine.dispose()


def test_many_processes_opening_a_new_sqlite_file_at_once_all_get_wal(tmp_path: Path) -> None:
    # Switching a new file to WAL from several connections at once makes SQLite answer "database is locked" to the
    # losers without waiting (CI saw two ingests' init_db fail so); every opener must get the file in WAL instead.
    openers = 8
    with multiprocessing.get_context("fork").Pool(openers) as pool:
        for round_ in range(25):
            path = str(tmp_path / f"new{round_}.sqlite")
            start = time.time() + 0.05
            modes = pool.starmap(_open_new_sqlite_file_at, [(path, start)] * openers)
            assert modes == ["wal"] * openers, modes
