"""Where the database lives and how to talk to it.

The URL decides the backend: SQLite for local runs, PostgreSQL later, with no code changes. SQLite needs two tweaks to
behave like a real server: foreign keys are off by default (so ON DELETE CASCADE would silently do nothing), and WAL
lets a reader query while an ingest is writing.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

from models.schema import Base

ENV_VAR = "BCX_DB"
DEFAULT_SQLITE_PATH = Path("data") / "db" / "bcx.sqlite"


def database_url(explicit: str | None = None) -> str:
    """The database URL: an explicit argument wins, then $BCX_DB, then a SQLite file under ./data/db.

    The default path is made absolute against the current directory at call time, so an engine created later keeps
    pointing at the same file even if the process changes directory.
    """
    if explicit:
        return explicit
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return from_env
    path = (Path.cwd() / DEFAULT_SQLITE_PATH).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; for SQLite, enable foreign keys and WAL on every new connection."""
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        _ensure_sqlite_folder(engine)
        event.listen(engine, "connect", _configure_sqlite)
    return engine


def _ensure_sqlite_folder(engine: Engine) -> None:
    """Create the parent folder of a file-backed SQLite database, since sqlite3 will not."""
    database = engine.url.database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """Per-connection SQLite settings; PRAGMA foreign_keys is per connection and must run outside a transaction."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
    finally:
        cursor.close()


def init_db(engine: Engine) -> None:
    """Create any missing tables (idempotent; does not migrate existing ones)."""
    Base.metadata.create_all(engine)
    from models.views import create_views  # views read the tables above

    create_views(engine)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One session per unit of work: commit if the block succeeds, roll back if it raises, always close.

    expire_on_commit=False keeps returned ORM objects readable after the block (e.g. for reporting ids).
    """
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
