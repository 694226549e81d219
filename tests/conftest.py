from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# an archive whose two copies of one proposal disagree: the corpus's first PDF, and its text dump with one figure
# of Tabel 1 changed; with a bundle of five other proposals, for the pages and searches that list several
BUNDLE = CORPUS / "text" / "003_8a03cb9497d78e97_a.txt"  # five proposals, with findings of their own
DUMP = CORPUS / "text" / "000_4bb0c5848772b7a4.txt"  # the text dump of PDF: one proposal
PDF = CORPUS / "pdf" / "000_4bb0c5848772b7a4.pdf"
CHANGED_ROW = "Omkostninger til virksomhedssamarbejde Drift 600 400"  # Tabel 1 of the dump: 2016 600, 2017 400
CHANGED_DUMP = "000_dump.txt"


def changed_dump_text() -> str:
    """The dump of PDF with its Tabel 1's 2016 figure of CHANGED_ROW changed from 600 to 650."""
    text = DUMP.read_text("utf-8")
    assert CHANGED_ROW in text
    return text.replace(CHANGED_ROW, CHANGED_ROW.replace("600", "650"))


def disagreeing_copies(inbox: Path) -> Path:
    """Fill `inbox` (made if missing) with BUNDLE, PDF and PDF's changed dump (CHANGED_DUMP): the copies disagree."""
    inbox.mkdir(parents=True, exist_ok=True)
    shutil.copy(BUNDLE, inbox / BUNDLE.name)
    shutil.copy(PDF, inbox / PDF.name)
    (inbox / CHANGED_DUMP).write_text(changed_dump_text(), "utf-8")
    return inbox


PG_ENV = "BCX_TEST_PG_URL"  # e.g. postgresql+psycopg://bcx@localhost:55432/bcx_test, as .ci/run sets it
DATABASES = ["sqlite", "postgresql"]


def pytest_addoption(parser):
    parser.addoption(
        "--pg-url",
        default=None,
        help=f"PostgreSQL server for the database tests (default ${PG_ENV}); each test gets its own fresh database, "
        "so the role needs CREATEDB. Without it the PostgreSQL variants are skipped.",
    )


@pytest.fixture(scope="session")
def scorer():
    """The project's judge, ../shared/tools/score.py, imported as a module."""
    path = SHARED / "tools" / "score.py"
    if not path.exists():
        pytest.fail(f"{path} is missing: the tests need ../shared beside the checkout")
    spec = importlib.util.spec_from_file_location("bcx_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class PgServer:
    """The PostgreSQL server of the tests: makes and drops throwaway databases through an autocommit connection to
    the database named in its URL. The databases use the C collation, so text sorts as on SQLite (byte order)."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine, make_url
        from sqlalchemy.pool import NullPool

        self.url = make_url(url)
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self.made: set[str] = set()

    def create(self) -> str:
        """A new empty database; its URL (with the server's password, if any, for the code under test)."""
        from sqlalchemy import text

        name = f"bcx_t_{os.getpid()}_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\' '
                              "LC_COLLATE 'C' LC_CTYPE 'C'"))
        self.made.add(name)
        return self.url.set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        """Drop a database made by create(). Connections the code under test left open are ended first (only our
        own role's: DROP ... WITH (FORCE) would need rights over autovacuum workers too, which plain DROP stops)."""
        import time

        from sqlalchemy import make_url, text
        from sqlalchemy.exc import OperationalError

        name = make_url(url).database
        with self.admin.connect() as conn:
            for attempt in range(10):
                conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                  "WHERE datname = :name AND usename = current_user AND pid <> pg_backend_pid()"),
                             {"name": name})
                try:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                    break
                except OperationalError:  # still in use: a backend that has not exited yet
                    if attempt == 9:
                        raise
                    time.sleep(0.2)
        self.made.discard(name)

    def close(self) -> None:
        for name in list(self.made):
            self.drop(self.url.set(database=name).render_as_string(hide_password=False))
        self.admin.dispose()


@pytest.fixture(scope="session")
def pg_server(request) -> Iterator[PgServer | None]:
    """The PostgreSQL server given by --pg-url or $BCX_TEST_PG_URL, or None when there is none."""
    url = request.config.getoption("--pg-url") or os.environ.get(PG_ENV)
    if not url:
        yield None
        return
    server = PgServer(url)
    yield server
    server.close()


def _need(pg_server: PgServer | None) -> PgServer:
    if pg_server is None:
        pytest.skip(f"no PostgreSQL server: set {PG_ENV} or --pg-url (.ci/run does)")
    return pg_server


@pytest.fixture
def pg_db_url(pg_server) -> Iterator[str]:
    """URL of a fresh, empty PostgreSQL database, dropped after the test; skips without a server."""
    server = _need(pg_server)
    url = server.create()
    yield url
    server.drop(url)


@pytest.fixture(scope="module")
def pg_db_url_module(pg_server) -> Iterator[str]:
    """Like pg_db_url, shared by the tests of one module."""
    server = _need(pg_server)
    url = server.create()
    yield url
    server.drop(url)


@pytest.fixture(params=DATABASES)
def db_url(request, tmp_path) -> str:
    """URL of a fresh, empty database, once on SQLite and once on PostgreSQL (skipped without a server)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'db' / 'bcx.sqlite'}"
    return request.getfixturevalue("pg_db_url")


@pytest.fixture
def db_engine(db_url):
    """An engine on a fresh database brought to the current schema by init_db, on SQLite and PostgreSQL."""
    from models import init_db, make_engine

    engine = make_engine(db_url)
    init_db(engine)
    yield engine
    engine.dispose()
