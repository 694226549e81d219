"""Where the database lives, how to talk to it, and how its schema is kept current.

The URL decides the backend: SQLite for local runs, PostgreSQL for teams (postgresql+psycopg://...), with no code
changes. SQLite needs two tweaks to behave like a real server: foreign keys are off by default (so ON DELETE CASCADE
would silently do nothing), and WAL lets a reader query while an ingest is writing.

The schema is owned by the Alembic migrations in models/migrations/ on every backend; `init_db` brings a database to
their head. A URL is only ever shown through `safe_url`, which hides the password.
"""
from __future__ import annotations

import hashlib
import logging
import os
import random
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import URL, Connection, Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.exc import IntegrityError, NoSuchModuleError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from models.errors import DatabaseUnusable

ENV_VAR = "BCX_DB"
DEFAULT_SQLITE_PATH = Path("data") / "db" / "bcx.sqlite"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"  # env.py, script.py.mako, versions/: in the package
INIT_ATTEMPTS = 8
SQLITE_BUSY_TIMEOUT = "PRAGMA busy_timeout=30000"  # ms a SQLite connection waits for another's write lock
SQLITE_WAL_WAIT_S = 30.0  # how long a connection retries the switch of a new file to WAL
SCHEMA_LOCK_ID = 0x6263785F736368  # "bcx_sch": the PostgreSQL advisory lock that serialises schema changes
SCHEMA_LOCK_TIMEOUT = "60s"  # how long a schema change waits for a lock before it is retried
VIEW_TAG = "bcx view "  # PostgreSQL: COMMENT ON VIEW holds this and the hash of the definition, to skip a rebuild

log = logging.getLogger("bcx.db")


def safe_url(url: str | URL) -> str:
    """The URL for logs and messages: the password, if any, shown as ***."""
    return make_url(url).render_as_string(hide_password=True)


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
    return f"sqlite:///{(Path.cwd() / DEFAULT_SQLITE_PATH).resolve()}"


def make_engine(url: str, *, create: bool = True, **kwargs: Any) -> Engine:
    """Create an engine; for SQLite, enable foreign keys and WAL on every new connection.

    create: make the folder of a SQLite file that does not exist yet (sqlite3 will not); read-only callers pass
    False, so that reading never leaves a folder behind."""
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        if create:
            _ensure_sqlite_folder(engine)
        event.listen(engine, "connect", _configure_sqlite)
    return engine


def sqlite_file(engine: Engine) -> Path | None:
    """The file of a file-backed SQLite database (None for memory, URI forms and other databases)."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _ensure_sqlite_folder(engine: Engine) -> None:
    """Create the parent folder of a file-backed SQLite database, since sqlite3 will not."""
    path = sqlite_file(engine)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """Per-connection SQLite settings; PRAGMA foreign_keys is per connection and must run outside a transaction."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(SQLITE_BUSY_TIMEOUT)
        cursor.execute("PRAGMA foreign_keys=ON")
        _enable_wal(cursor)
    finally:
        cursor.close()


def _enable_wal(cursor: Any) -> None:
    """Switch the file to WAL, retrying while another connection holds it.

    Several processes opening a brand-new file at once all try to switch it from rollback to WAL; SQLite answers
    the losers "database is locked" at once, without waiting for busy_timeout (it sees a deadlock between shared
    locks), so the wait is ours. Once the file is in WAL the pragma is a read and does not clash.
    """
    deadline = time.monotonic() + SQLITE_WAL_WAIT_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
        time.sleep(random.uniform(0.005, 0.05))


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration built in code: the migrations inside this package and, if given, the connection
    they run on (handed over in `attributes`, so no URL or password passes through Alembic or its logs)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revisions() -> set[str]:
    """The newest revision(s) of the migrations: where init_db brings every database."""
    return set(_script().get_heads())


def current_revisions(conn: Connection) -> set[str]:
    """The revision(s) recorded in the database's alembic_version table (empty if it has none)."""
    if not inspect(conn).has_table("alembic_version"):
        return set()
    return set(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())


def init_db(engine: Engine) -> None:
    """Bring the database to the newest schema: run the Alembic migrations up to head, then (re)create the auditor
    views from the current code if their definition changed.

    Idempotent, and on SQLite and PostgreSQL cheap when there is nothing to do: it only reads alembic_version and
    the stored view definitions, and takes no lock. Safe when several processes call it at once: changes run in one
    transaction under a lock (a PostgreSQL advisory lock; on SQLite the write lock of BEGIN IMMEDIATE) and are
    re-checked once the lock is held; a lock timeout or a clash is retried. A database created by an older bcx with
    create_all (tables but no alembic_version) is adopted: the initial migration keeps the tables it finds and creates
    only the missing ones, and the database is stamped. A failure to connect (no server, wrong password) is raised at
    once, and no URL is logged with its password.
    """
    for attempt in range(1, INIT_ATTEMPTS + 1):
        with engine.connect() as conn:  # outside the retry: a wrong password or a missing server fails at once
            try:
                _bring_to_head(conn)
                return
            except (OperationalError, IntegrityError, ProgrammingError) as exc:  # e.g. a lock timeout
                if attempt == INIT_ATTEMPTS or exc.connection_invalidated:
                    raise
                log.info("schema update of %s clashed with another process (%s); retrying",
                         safe_url(engine.url), type(exc.orig).__name__)
        time.sleep(0.2 * attempt + random.uniform(0, 0.2))


def _bring_to_head(conn: Connection) -> None:
    if _at_head(conn) and not _stale_views(conn):
        conn.rollback()
        return
    conn.rollback()
    _lock_schema(conn)  # from here on one process at a time; look again, another may have finished meanwhile
    if not _at_head(conn):
        tables = set(inspect(conn).get_table_names())
        if "alembic_version" not in tables and "source_files" in tables:
            log.info("adopting %s (made before migrations): keeping its tables", safe_url(conn.engine.url))
        else:
            log.info("migrating %s to %s", safe_url(conn.engine.url), ", ".join(sorted(head_revisions())))
        command.upgrade(alembic_config(conn), "head")
    for name, body in _stale_views(conn).items():
        _create_view(conn, name, body)
    conn.commit()


def _known(revision: str) -> bool:
    try:
        return _script().get_revision(revision) is not None
    except Exception:  # alembic raises its own ResolutionError/CommandError for a revision it has no file for
        return False


def _at_head(conn: Connection) -> bool:
    current = current_revisions(conn)
    unknown = {rev for rev in current if not _known(rev)}
    if unknown:
        raise RuntimeError(f"{safe_url(conn.engine.url)} is at schema revision {', '.join(sorted(unknown))}, "
                           "which this bcx does not know: it was migrated by a newer bcx")
    return current == head_revisions()


def _lock_schema(conn: Connection) -> None:
    """Take the schema lock for the rest of this transaction."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"SET LOCAL lock_timeout = '{SCHEMA_LOCK_TIMEOUT}'"))
        conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": SCHEMA_LOCK_ID})
    elif conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # the database's write lock, waiting up to busy_timeout


def _view_bodies(conn: Connection) -> dict[str, str]:
    from models.views import VIEWS  # the views read the tables the migrations made

    return {
        name: str(make().compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
        for name, make in VIEWS.items()
    }


def _view_tag(body: str) -> str:
    return VIEW_TAG + hashlib.sha256(body.encode()).hexdigest()


def _stale_views(conn: Connection) -> dict[str, str]:
    """The views whose stored definition differs from the current code's (all of them on other backends)."""
    stale = {}
    for name, body in _view_bodies(conn).items():
        if conn.dialect.name == "sqlite":
            stored = conn.execute(text("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = :name"),
                                  {"name": name}).scalar()
            current = stored == f"CREATE VIEW {name} AS {body}"
        elif conn.dialect.name == "postgresql":
            stored = conn.execute(text("SELECT obj_description(to_regclass(:name), 'pg_class')"),
                                  {"name": name}).scalar()
            current = stored == _view_tag(body)
        else:
            current = False
        if not current:
            stale[name] = body
    return stale


def _create_view(conn: Connection, name: str, body: str) -> None:
    conn.execute(text(f"DROP VIEW IF EXISTS {name}"))  # names are constants in models/views.py, never user input
    conn.execute(text(f"CREATE VIEW {name} AS {body}"))
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"COMMENT ON VIEW {name} IS '{_view_tag(body)}'"))


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


# ---------------------------------------------------------------- opening a database for a command

_URL_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")


def _shown(url: str) -> str:
    """The URL as a message may show it: parsed, with the password as ***; unparsable, with anything between
    'user:' and '@' masked all the same."""
    try:
        return safe_url(url)
    except Exception:  # noqa: BLE001 - not a URL at all: mask by its shape
        return _URL_PASSWORD.sub(r"\1***@", url)


def open_database(db: str | None = None, *, create: bool) -> Engine:
    """An engine on the database at `db` (a URL, $BCX_DB, or the SQLite default), brought to the newest schema.

    Every way the database can be unusable becomes DatabaseUnusable with one line that names the problem (never
    the password). create=False is for the read-only commands: a SQLite file that does not exist is an error, and
    neither it nor its folder is made."""
    url = database_url(db)
    try:
        parsed = make_url(url)
    except Exception as exc:  # noqa: BLE001 - sqlalchemy.exc.ArgumentError and friends
        raise DatabaseUnusable(f"not a database URL: {_shown(url)} (expected e.g. sqlite:///PATH or "
                               "postgresql+psycopg://USER@HOST/DB)") from exc
    try:
        engine = make_engine(url, create=False)
    except NoSuchModuleError as exc:
        raise DatabaseUnusable(f"unknown kind of database '{parsed.drivername}' in {_shown(url)} (bcx knows sqlite "
                               "and postgresql+psycopg)") from exc
    except Exception as exc:  # noqa: BLE001 - a driver that is missing or refuses the URL's options
        raise DatabaseUnusable(f"{_shown(url)}: {_one_line(exc)}") from exc
    path = sqlite_file(engine)
    if path is not None:
        if path.is_dir():
            raise DatabaseUnusable(f"{path} is a folder, not a database file")
        if not path.exists():
            if not create:
                raise DatabaseUnusable(f"no database at {path} (bcx ingest makes one; --db or {ENV_VAR} picks "
                                       "another)")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseUnusable(f"cannot make the folder {path.parent}: {exc.strerror or exc}") from exc
    try:
        init_db(engine)
    except Exception as exc:
        engine.dispose()
        raise database_unusable(exc, engine) from exc
    return engine


def _one_line(exc: BaseException) -> str:
    text_ = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return " ".join(text_[0].split()) if text_ else type(exc).__name__


# What a driver says -> what it means for the user. First match wins; the driver's own words follow in brackets.
_DRIVER_MESSAGES: tuple[tuple[str, str], ...] = (
    ("file is not a database", "not a database file (is it a bcx SQLite database?)"),
    ("file is encrypted", "not a database file (is it a bcx SQLite database?)"),
    ("readonly database", "the database is read-only (read-only media, or no write permission)"),
    ("read-only file system", "the database is on read-only media"),
    ("unable to open database file", "cannot open the database file (a missing folder, no permission, or "
                                     "read-only media)"),
    ("disk is full", "the disk is full"),
    ("no space left", "the disk is full"),
    ("disk i/o error", "a disk I/O error (the disk may be full or failing)"),
    ("connection refused", "the server refuses connections (is it running, on this host and port?)"),
    ("could not translate host name", "the server's host name is unknown"),
    ("name or service not known", "the server's host name is unknown"),
    ("timeout expired", "the server did not answer in time"),
    ("timed out", "the server did not answer in time"),
    ("password authentication failed", "the server refused the login (user or password)"),
    ("no password supplied", "the server wants a password (PGPASSWORD, ~/.pgpass)"),
    ("does not exist", "the server has no such database or role"),
)


def database_unusable(exc: BaseException, engine_or_url: Engine | str) -> DatabaseUnusable:
    """The one-line DatabaseUnusable for an exception raised while using a database (opening, migrating, writing)."""
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else engine_or_url
    shown = safe_url(url) if isinstance(url, URL) else _shown(url)
    if isinstance(exc, DatabaseUnusable):
        return exc
    said = _one_line(exc)
    if isinstance(exc, RuntimeError) and "newer bcx" in said:
        return DatabaseUnusable(said)
    low = said.lower()
    for needle, meaning in _DRIVER_MESSAGES:
        if needle in low:
            return DatabaseUnusable(f"{meaning}: {shown} [{said}]")
    return DatabaseUnusable(f"{shown}: {said}")
