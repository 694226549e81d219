"""The same code on PostgreSQL as on SQLite, and one schema on both, owned by the Alembic migrations.

The PostgreSQL tests need a server: $BCX_TEST_PG_URL (or --pg-url), e.g. postgresql+psycopg://bcx@localhost:55432/bcx_test
for a role that may create databases. `.ci/run` installs and starts one and sets it; `.ci/run pg` does the same for a
local run. Without a server the PostgreSQL variants are skipped, the SQLite ones still run.
"""
from __future__ import annotations

import logging
import subprocess
import sys
import time
import traceback
from types import SimpleNamespace

import pandas as pd
import pytest
from sqlalchemy import event, inspect, text

import pipeline
from models import figures_frame, init_db, load_documents, make_engine, session_scope
from models.db import current_revisions, head_revisions, safe_url
from models.schema import Base
from models.views import create_views
from tests import test_models as model_tests
from tests.conftest import CORPUS, ROOT

CORPUS_KINDS = ("text", "pdf")
VIEWS = ("v_figures", "v_findings")


def _revisions(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return current_revisions(conn)
    finally:
        engine.dispose()


def _scalar(url: str, sql: str):
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql)).scalar()
    finally:
        engine.dispose()


def _names(url: str) -> tuple[set[str], set[str]]:
    """The ORM's tables and the views of a database; the full-text index (each backend's own structure, on SQLite
    with shadow tables of its own) as the one name models.search.TABLE."""
    from models.search import TABLE, is_search_table

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            insp = inspect(conn)
            tables = set(insp.get_table_names())
            return ({t for t in tables if not is_search_table(t)} | ({TABLE} & tables),
                    set(insp.get_view_names()))
    finally:
        engine.dispose()


# ---------------------------------------------------------------- the corpus, read into both databases


@pytest.fixture(scope="module")
def corpus(pg_db_url_module, tmp_path_factory):
    """The text and PDF corpus ingested once into SQLite and once into PostgreSQL."""
    sqlite = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'bcx.sqlite'}"
    postgres = pg_db_url_module
    paths = [CORPUS / kind for kind in CORPUS_KINDS]
    reports = {db: pipeline.ingest(paths, db=db) for db in (sqlite, postgres)}
    return SimpleNamespace(sqlite=sqlite, postgres=postgres, paths=paths, reports=reports)


def test_corpus_ingest_reports_agree(corpus):
    lite, pg = corpus.reports[corpus.sqlite], corpus.reports[corpus.postgres]
    assert pg.documents > 0 and pg.failed == 0
    assert (pg.files, pg.ok, pg.failed, pg.documents, pg.findings, pg.counts) == (
        lite.files, lite.ok, lite.failed, lite.documents, lite.findings, lite.counts)


def test_corpus_export_equals_sqlite(corpus):
    exported = pipeline.export_documents(corpus.postgres)
    assert len(exported) == corpus.reports[corpus.postgres].documents
    assert exported == pipeline.export_documents(corpus.sqlite)


def test_corpus_figures_and_counts_equal_sqlite(corpus):
    pd.testing.assert_frame_equal(_figures(corpus.sqlite), _figures(corpus.postgres))
    assert pipeline.counts(corpus.postgres) == pipeline.counts(corpus.sqlite)


def test_corpus_findings_equal_sqlite(corpus):
    found = pipeline.findings(corpus.postgres)
    assert found and found == pipeline.findings(corpus.sqlite)


def test_corpus_trace_equals_sqlite(corpus):
    hits = [pipeline.trace("BC04", table=1, db=db, context=False) for db in (corpus.sqlite, corpus.postgres)]
    assert hits[0] and hits[1] == hits[0]


def test_corpus_views_have_the_same_rows(corpus):
    for view in VIEWS:
        counts = [_scalar(db, f"SELECT count(*) FROM {view}") for db in (corpus.sqlite, corpus.postgres)]
        assert counts[0] > 0 and counts[1] == counts[0], view
    assert _scalar(corpus.postgres, "SELECT count(*) FROM v_figures") == len(_figures(corpus.postgres))
    assert _scalar(corpus.postgres, "SELECT count(*) FROM v_findings") == len(pipeline.findings(corpus.postgres))


def _figures(db: str) -> pd.DataFrame:
    engine = make_engine(db)
    with session_scope(engine) as session:
        frame = figures_frame(session)
    engine.dispose()
    return frame


def test_corpus_rerun_on_postgresql_changes_nothing(corpus):
    before = pipeline.export_documents(corpus.postgres)
    again = pipeline.ingest(corpus.paths, db=corpus.postgres)
    assert again.changed_nothing, again.counts
    assert again.unchanged == again.files > 0
    assert pipeline.export_documents(corpus.postgres) == before
    latest = pipeline.runs(corpus.postgres)[-1]
    assert (latest["status"], latest["files_unchanged"], latest["files_new"]) == ("done", again.files, 0)


def test_two_ingests_at_once_on_postgresql(pg_db_url, tmp_path):
    """Two processes ingest the same files into one fresh PostgreSQL database (schema included) at the same time."""
    cmd = [sys.executable, "-c", f"import pipeline; pipeline.ingest([{str(CORPUS / 'text')!r}], db={pg_db_url!r})"]
    procs = [subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    errors = [p.communicate(timeout=600)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    reference = f"sqlite:///{tmp_path / 'ref.sqlite'}"
    pipeline.ingest([CORPUS / "text"], db=reference)
    assert pipeline.export_documents(pg_db_url) == pipeline.export_documents(reference)
    assert pipeline.findings(pg_db_url) == pipeline.findings(reference)


def test_corpus_databases_are_at_head(corpus):
    for db in (corpus.sqlite, corpus.postgres):
        assert _revisions(db) == head_revisions()
        assert _scalar(db, "SELECT count(*) FROM alembic_version") == 1


# ---------------------------------------------------------------- the schema: Alembic on both backends


def test_init_db_makes_the_same_tables_on_sqlite_and_postgresql(tmp_path, pg_db_url):
    sqlite = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    for db in (sqlite, pg_db_url):
        engine = make_engine(db)
        init_db(engine)
        engine.dispose()
    lite, pg = _names(sqlite), _names(pg_db_url)
    assert pg == lite
    tables, views = pg
    assert tables == set(Base.metadata.tables) | {"alembic_version", "document_search"}
    assert views == set(VIEWS)


def test_models_and_migrations_agree(db_engine):
    """A change to models/schema.py needs a migration: autogenerate must find nothing to do at head."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with db_engine.connect() as conn:
        from models.search import include_name  # the full-text index is the backend's own, not a model

        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True,
                                                                       "include_name": include_name}), Base.metadata)
        assert current_revisions(conn) == head_revisions()
    assert diff == [], "models/schema.py and models/migrations differ: add a revision (see README, PostgreSQL)"


def test_init_db_is_idempotent(db_url):
    engine = make_engine(db_url)
    for _ in range(3):
        init_db(engine)
    with engine.connect() as conn:
        assert current_revisions(conn) == head_revisions()
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    engine.dispose()


def test_database_made_before_alembic_is_adopted(db_url):
    """An older bcx made its tables with create_all and no alembic_version: init_db keeps them and stamps head."""
    engine = make_engine(db_url)
    Base.metadata.create_all(engine)
    create_views(engine)
    model_tests.ingest(engine, model_tests.DOCS)
    init_db(engine)
    with engine.connect() as conn:
        assert current_revisions(conn) == head_revisions()
    with session_scope(engine) as session:
        assert load_documents(session) == [d.to_schema_dict() for d in model_tests.DOCS]
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM v_figures")).scalar() == model_tests.FIGURES
    engine.dispose()


def test_database_made_before_some_tables_existed_gets_them(db_url):
    """A create_all database from before runs/changes/findings existed gets those tables from the migration."""
    engine = make_engine(db_url)
    old = [t for name, t in Base.metadata.tables.items() if name not in ("runs", "changes", "findings")]
    Base.metadata.create_all(engine, tables=old)
    init_db(engine)
    tables, views = _names(db_url)
    assert tables == set(Base.metadata.tables) | {"alembic_version", "document_search"} and views == set(VIEWS)
    engine.dispose()


INIT_SCRIPT = """
import sys, time
from pathlib import Path
from models import init_db, make_engine
engine = make_engine(sys.argv[1])
Path(sys.argv[2] + ".ready").touch()
go = Path(sys.argv[2])
while not go.exists():  # all start together, once every process has imported bcx
    time.sleep(0.005)
init_db(engine)
"""


def test_init_db_in_several_processes_at_once(db_url, tmp_path):
    n = 4
    flags = [tmp_path / f"go{i}" for i in range(n)]
    procs = [
        subprocess.Popen([sys.executable, "-c", INIT_SCRIPT, db_url, str(flag)], cwd=ROOT,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for flag in flags
    ]
    try:
        deadline = time.monotonic() + 120
        while not all(f.with_suffix(".ready").exists() for f in flags) and time.monotonic() < deadline:
            time.sleep(0.01)
        for flag in flags:
            flag.touch()
        results = [p.communicate(timeout=120) for p in procs]
    finally:
        for p in procs:
            p.kill()
    assert [p.returncode for p in procs] == [0] * n, [err for _, err in results]
    assert _revisions(db_url) == head_revisions()
    assert _scalar(db_url, "SELECT count(*) FROM alembic_version") == 1
    assert _names(db_url)[1] == set(VIEWS)


def test_views_are_rebuilt_only_when_their_definition_changes(db_engine, monkeypatch):
    from models import views

    with db_engine.connect() as conn:
        conn.execute(text("DROP VIEW v_findings"))
        conn.commit()
    init_db(db_engine)  # a missing view comes back
    assert _names(db_engine.url.render_as_string(hide_password=False))[1] == set(VIEWS)

    executed: list[str] = []

    def spy(conn, cursor, statement, *args):
        executed.append(statement)

    event.listen(db_engine, "before_cursor_execute", spy)
    init_db(db_engine)  # nothing to do: only reads, no lock, no DDL
    assert executed and all(s.lstrip().upper().startswith(("SELECT", "PRAGMA")) for s in executed), executed
    monkeypatch.setitem(views.VIEWS, "v_findings", lambda: views.VIEWS["v_figures"]().limit(1))
    init_db(db_engine)  # changed code: the view follows
    event.remove(db_engine, "before_cursor_execute", spy)
    with db_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM v_findings")).scalar() == 0
        assert "table_number" in conn.execute(text("SELECT * FROM v_findings")).keys()


# ---------------------------------------------------------------- the model tests, again on PostgreSQL


@pytest.fixture
def engine(pg_db_url):
    """test_models' `engine` fixture, on a fresh PostgreSQL database."""
    engine = make_engine(pg_db_url)
    init_db(engine)
    yield engine
    engine.dispose()


test_pg_round_trip_equals_schema_dict = model_tests.test_round_trip_equals_schema_dict
test_pg_provenance_is_stored = model_tests.test_provenance_is_stored
test_pg_storing_same_file_again_replaces = model_tests.test_storing_same_file_again_replaces
test_pg_failure_leaves_no_documents_and_is_listed = model_tests.test_failure_leaves_no_documents_and_is_listed
test_pg_summary_counts = model_tests.test_summary_counts
test_pg_duplicate_row_key_is_rejected = model_tests.test_duplicate_row_key_is_rejected
test_pg_deleting_a_document_cascades_in_the_database = model_tests.test_deleting_a_document_cascades_in_the_database
test_pg_csv_has_one_row_per_figure = model_tests.test_csv_has_one_row_per_figure
test_pg_connections_enforce_foreign_keys = model_tests.test_sqlite_connections_enforce_foreign_keys


# ---------------------------------------------------------------- passwords stay out of logs and messages

SECRET = "Pw-must-never-show-7c1e"


@pytest.mark.parametrize("case", ["no server", "wrong login"])
def test_password_never_shows_in_logs_or_errors(case, pg_server, caplog):
    from sqlalchemy import make_url

    if case == "no server":  # nothing listens on port 1
        url = f"postgresql+psycopg://bcx:{SECRET}@127.0.0.1:1/bcx_test"
    elif pg_server is None:
        pytest.skip("no PostgreSQL server: set BCX_TEST_PG_URL or --pg-url (.ci/run does)")
    else:
        url = pg_server.url.set(username="bcx_no_such_role", password=SECRET).render_as_string(hide_password=False)
    caplog.set_level(logging.DEBUG)
    for name in ("sqlalchemy", "alembic", "bcx"):
        caplog.set_level(logging.DEBUG, logger=name)
    engine = make_engine(url, connect_args={"connect_timeout": 5})
    with pytest.raises(Exception) as info:  # noqa: B017 - any failure, as long as it does not show the password
        init_db(engine)
    engine.dispose()
    shown = "\n".join([str(info.value), repr(info.value), *traceback.format_exception(info.value), caplog.text,
                       repr(engine), safe_url(url)])
    assert SECRET not in shown
    assert safe_url(url) == make_url(url).render_as_string(hide_password=True) and "***" in safe_url(url)
