"""One ingest at a time per database.

Two ingests of the same archive into one database would parse every file twice and race on the same rows; the
nightly job must also tell a run that is still going from one a kill left behind. So an ingest holds a lock for its
whole length that the operating system or the server releases when its process dies, however it dies:

- PostgreSQL: a session-level advisory lock on a connection of its own, released when the connection ends;
- SQLite: a POSIX record lock (fcntl) on `<database>.ingest-lock` beside the file, released when the process exits.
  POSIX locks belong to the process, so the forked workers do not inherit it (flock's would be shared with them).

A run found `running` while the lock is held cannot be going on: a kill left it, and it is closed as interrupted.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine, text

from models.db import sqlite_file

INGEST_LOCK_ID = 0x6263785F696E67  # "bcx_ing": the PostgreSQL advisory lock of an ingest
POLL_S = 1.0  # how often a waiting ingest tries the lock again


class IngestLock:
    """The database's ingest lock: `acquire(wait=...)`, `release()`; also a context manager."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        if self.engine.dialect.name == "postgresql":
            conn = self.engine.connect()
            got = conn.execute(text("SELECT pg_try_advisory_lock(:id)"), {"id": INGEST_LOCK_ID}).scalar()
            conn.commit()  # the session-level lock outlives the transaction; no transaction is left open
            if got:
                self._conn = conn
            else:
                conn.close()
            return bool(got)
        path = sqlite_file(self.engine)
        if path is None:  # an in-memory database belongs to this process alone
            return True
        import fcntl

        fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def acquire(self, wait: bool = True, on_wait: Callable[[], None] | None = None) -> bool:
        """Take the lock; if another ingest holds it, wait for it (calling on_wait once) or, without wait, return
        False at once."""
        if self.try_acquire():
            return True
        if not wait:
            return False
        if on_wait is not None:
            on_wait()
        while not self.try_acquire():
            time.sleep(POLL_S)
        return True

    def release(self) -> None:
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": INGEST_LOCK_ID})
                self._conn.commit()
            finally:
                self._conn.close()
                self._conn = None
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the process's lock
            self._fd = None

    def __enter__(self) -> IngestLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".ingest-lock")
