"""The library behind the `bcx` commands and the web view: an `Archive` is one bcx database, as sqlite-utils'
`Database` is one SQLite file; the module-level functions are the same calls for a database URL.

The ingest itself (discover -> parse -> extract -> validate -> load) is the `ingest` package; reading a file is
`parsers/`, extracting its figures `extract/`, the schema and queries `models/`.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from extract.version import EXTRACTOR_VERSION
from ingest import (
    DEFAULT_LIMITS,
    IngestOptions,
    IngestProgress,
    IngestReport,
    Limits,
    StorableFile,
    discover,
    extract_file,
    find_files,
    prepare_file,
)
from ingest import ingest as _ingest
from models import list_findings, load_documents, session_scope, summary_counts
from models.db import database_unusable, database_url, make_engine, open_database
from models.errors import DatabaseUnusable, NoInput

__all__ = ["DEFAULT_LIMITS", "EXTRACTOR_VERSION", "Archive", "IngestOptions", "IngestProgress", "IngestReport",
           "Limits", "StorableFile", "discover", "extract_file", "find_files", "prepare_file"]

T = TypeVar("T")


class Archive:
    """A bcx database at `db` (a SQLAlchemy URL; None: $BCX_DB, else SQLite at data/db/bcx.sqlite)."""

    def __init__(self, db: str | None = None) -> None:
        self.db = db

    def ingest(self, paths, options: IngestOptions | None = None,
               progress: IngestProgress | None = None) -> IngestReport:
        """Read files and folders into the database (ingest.run.ingest)."""
        return _ingest(paths, self.db, options or IngestOptions(), progress)

    def read(self, query: Callable[[Session], T]) -> T:
        """Run one read-only unit of work. A database that does not exist is an error (DatabaseUnusable), never
        made: reading leaves nothing behind."""
        engine = open_database(self.db, create=False)
        try:
            with session_scope(engine) as session:
                return query(session)
        except DatabaseUnusable:
            raise
        except Exception as exc:
            from sqlalchemy.exc import DBAPIError

            if isinstance(exc, DBAPIError):
                raise database_unusable(exc, engine) from exc
            raise
        finally:
            engine.dispose()

    def read_only_engine(self) -> Engine:
        """An engine that cannot write (the web view's): SQLite opened read-only, PostgreSQL in read-only
        transactions."""
        url = database_url(self.db)
        # many readers at once (a team on one view): they wait their turn for a connection rather than fail
        pool = {"pool_size": 8, "max_overflow": 16, "pool_timeout": 600}
        if url.startswith("sqlite:///") and "?" not in url:
            path = Path(url.removeprefix("sqlite:///")).resolve()
            return make_engine(read_only_sqlite_url(path), create=False, **pool)
        engine = make_engine(url, create=False, **pool)
        if engine.dialect.name == "postgresql":
            engine = engine.execution_options(postgresql_readonly=True)
        return engine

    def documents(self) -> list[dict]:
        """Every current document in the shape of SCHEMA.md."""
        return self.read(load_documents)

    def counts(self) -> dict:
        return self.read(summary_counts)

    def findings(self) -> list[dict]:
        return self.read(list_findings)

    def runs(self) -> list[dict]:
        from models.runs import list_runs

        return self.read(list_runs)

    def run_report(self, run_id: int | None = None) -> dict:
        """What run `run_id` (None: the newest) did: models.runs.run_report. An unknown run is NoInput."""
        from models.runs import latest_run_id
        from models.runs import run_report as build

        def query(session: Session) -> dict:
            wanted = latest_run_id(session) if run_id is None else run_id
            found = build(session, wanted) if wanted is not None else None
            if found is None:
                raise NoInput("no runs yet: bcx ingest records one" if wanted is None else f"no run {run_id}")
            return found

        return self.read(query)

    def changes(self, run_id: int) -> list[dict]:
        from models.runs import list_changes

        return self.read(lambda session: list_changes(session, run_id))

    def trace(self, document: str, table: int | None = None, row: str | None = None, year: str | None = None,
              context: bool = True) -> list[dict]:
        """The figures that match, with where each came from and (context) the source lines around it."""
        from models.trace import find_values

        hits = self.read(lambda session: find_values(session, document, table, row, year))
        if context:
            for hit in hits:
                try:
                    hit["context"] = source_context(hit)
                except (OSError, ValueError) as exc:
                    hit["context"] = []
                    hit["context_error"] = f"source not readable: {exc}"
        return hits

    def export_tables(self, output: Path, fmt: str) -> None:
        """xlsx: sheets of figures, findings and sources; parquet: the figures."""
        from models.export import write_tables

        self.read(lambda session: write_tables(session, output, fmt))


def read_only_sqlite_url(path: Path) -> str:
    """The URL that reads the SQLite file at `path` and never writes it: mode=ro; and on read-only media (the file
    or its folder not writable: a CD, a read-only share, a file handed over without write permission) also
    immutable=1, since a reader of a WAL database would otherwise need to make its -shm file beside it and fail.
    Immutable means no locking at all, which is only safe where nobody can write, hence only there."""
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return f"sqlite:///file:{path}?mode=ro{'' if writable else '&immutable=1'}&uri=true"


# ---------------------------------------------------------------- the same, for a database URL


def ingest(paths, db: str | None = None, password: str | None = None, progress: IngestProgress | None = None,
           workers: int | None = 1, executor: str = "process", scheduler: str | None = None,
           time_limit: float | None = DEFAULT_LIMITS.time_s, memory_limit_mb: int | None = DEFAULT_LIMITS.memory_mb,
           wait: bool = True, extract=prepare_file, extractor_version: str = EXTRACTOR_VERSION) -> IngestReport:
    """Archive(db).ingest with the options as arguments. workers: None the machine's cores, 0 in this process
    without limits; time_limit, memory_limit_mb: per file and worker; wait: for another ingest on the database;
    extract: the per-file extraction function run in the workers (tests pass their own)."""
    options = IngestOptions(password=password, workers=workers, executor=executor, scheduler=scheduler,
                            limits=Limits(time_limit, memory_limit_mb), wait=wait, extract=extract,
                            extractor_version=extractor_version)
    return Archive(db).ingest(paths, options, progress)


def read(db: str | None, query: Callable[[Session], T]) -> T:
    return Archive(db).read(query)


def export_documents(db: str | None = None) -> list[dict]:
    return Archive(db).documents()


def counts(db: str | None = None) -> dict:
    return Archive(db).counts()


def findings(db: str | None = None) -> list[dict]:
    return Archive(db).findings()


def runs(db: str | None = None) -> list[dict]:
    return Archive(db).runs()


def run_report(run_id: int | None = None, db: str | None = None) -> dict:
    return Archive(db).run_report(run_id)


def changes(run_id: int, db: str | None = None) -> list[dict]:
    return Archive(db).changes(run_id)


def trace(document: str, table: int | None = None, row: str | None = None, year: str | None = None,
          db: str | None = None, context: bool = True) -> list[dict]:
    return Archive(db).trace(document, table, row, year, context)


def export_tables(output: Path, fmt: str, db: str | None = None) -> None:
    Archive(db).export_tables(output, fmt)


# ---------------------------------------------------------------- is the source still the one that was read?


def source_state(path: str, sha256: str | None) -> str:
    """'same' when the file at `path` still has the content hash stored for it, 'changed' when it has another,
    'gone' when it cannot be read: the lines or page shown as a figure's source are only its source in the first
    case."""
    try:
        st = Path(path).stat()
    except OSError:
        return "gone"
    try:
        current = _hash_of(path, st.st_mtime_ns, st.st_size)
    except OSError:
        return "gone"
    return "same" if current == sha256 else "changed"


@lru_cache(maxsize=256)
def _hash_of(path: str, mtime_ns: int, size: int) -> str:
    """The file's sha256, computed once per version of the file (its mtime and size key the cache)."""
    from ingest.plan import sha256_of

    return sha256_of(Path(path))


# ---------------------------------------------------------------- trace

CONTEXT_LINES = 3


@lru_cache(maxsize=16)
def _pdf_page_lines(path: str, page_no: int, mtime_ns: int) -> tuple[tuple[int, str], ...]:
    """One page's lines, re-read from the PDF (by OCR for a scan, ~10 s: hence the cache; mtime keys out a changed
    file)."""
    from parsers.pdffile import read_pdf

    page = next(iter(read_pdf(Path(path), pages={page_no})), None)
    return tuple((ln.lineno, ln.text) for ln in page.lines) if page else ()


def source_context(hit: dict, around: int = CONTEXT_LINES) -> list[tuple[int, str]]:
    """The source lines around a figure: from the text dump, or from the PDF page re-read by its words."""
    path = Path(hit["path"])
    start, end = hit["line_start"] or 1, hit["line_end"] or hit["line_start"] or 1
    if hit["source_kind"] == "pdf":
        lines = list(_pdf_page_lines(str(path), hit["page"], path.stat().st_mtime_ns))
    else:
        from parsers.textfile import read_text_file

        lines = [(ln.lineno, ln.text.rstrip()) for ln in read_text_file(path)]
    return [(n, t) for n, t in lines if start - around <= n <= end + around]
