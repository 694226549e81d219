"""load: the one writer stores the workers' results in batches, each batch in one transaction.

A crash loses at most the batch being written, and a rerun stores it. A file the database refuses (a value or a
character its column cannot hold) is recorded as failed with the reason, and the rest of its batch is written.
"""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import DataError, IntegrityError, OperationalError, StatementError
from sqlalchemy.orm import Session

from ingest.extraction import StorableFile
from ingest.plan import Planned
from models import record_failure, session_scope
from parsers.reader import SUFFIXES

WRITE_ATTEMPTS = 6
WRITE_BATCH_FILES = 32  # files stored per transaction: one multi-row INSERT per table for all of them
WRITE_BATCH_SECONDS = 1.0  # ...or fewer, when the oldest waiting result is this old


@dataclass(slots=True)
class Written:
    """A file as the writer stored it: its plan and its result (a refused file's result carries the reason)."""

    item: Planned
    result: StorableFile


def write_retrying(engine, work: Callable[[Session], None]) -> None:
    """Run one unit of work in its own transaction; retry when a concurrent writer held the lock or stored the
    same file first (the retry then sees its rows and replaces them)."""
    for attempt in range(WRITE_ATTEMPTS):
        try:
            with session_scope(engine) as session:
                work(session)
            return
        except (OperationalError, IntegrityError):
            if attempt == WRITE_ATTEMPTS - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


def refused(exc: BaseException) -> bool:
    """Whether the database refused the data itself (a value out of a column's range, a NUL in text, a character it
    cannot encode), as opposed to being unusable (disk full, server gone: OperationalError) or busy."""
    return isinstance(exc, DataError) or (isinstance(exc, StatementError)
                                          and isinstance(exc.orig, UnicodeError | ValueError))


def write_batch(engine, run_id: int, extractor_version: str, batch: list[Written]) -> list[Written]:
    """Store a batch in one transaction. If the database refuses it, each file is written on its own and the one
    refused is recorded as failed with the database's reason. Returns the batch as stored."""
    def write(part: list[Written]) -> None:
        write_retrying(engine, lambda session: write_results(session, run_id, extractor_version, part))

    try:
        write(batch)
        return batch
    except StatementError as exc:
        if not refused(exc) or (len(batch) == 1 and batch[0].result.error is not None):
            raise
    stored = []
    for one in batch:
        try:
            write([one])
        except StatementError as exc:
            if not refused(exc):
                raise
            reason = " ".join(str(exc.orig or exc).split())[:200]
            one = Written(one.item, StorableFile(one.result.path, error=f"the database refused this file ({reason})",
                                                 sha256=one.result.sha256, size=one.result.size))
            write([one])
        stored.append(one)
    return stored


def write_results(session: Session, run_id: int, extractor_version: str, batch: list[Written]) -> None:
    """A batch of files' documents, findings and changes, or their failures, in one transaction."""
    from models.runs import diff_documents, record_change, record_finding_changes, stored_documents, stored_findings
    from models.store import FileRecord, store_files_rows, upsert_source_files

    loaded = [w for w in batch if w.result.error is None]
    before = {w.item.key: stored_documents(session, w.item.key) for w in loaded if w.item.status != "new"}
    findings_before = {w.item.key: stored_findings(session, w.item.key) for w in batch if w.item.status != "new"}
    source_files = upsert_source_files(
        session,
        [FileRecord(w.item.key, w.item.name, w.result.sha256 or w.item.digest, w.result.size or w.item.size,
                    _kind(w.item)) for w in loaded],
        extractor_version,
    )
    store_files_rows(session, [(sf.id, w.result.rows) for sf, w in zip(source_files, loaded, strict=True)],
                     extractor_version)
    for w in loaded:
        old = before.get(w.item.key)
        diffs = diff_documents(old, w.result.rows.schema()) if old else []
        record_change(session, run_id, w.item.key, w.item.status, w.item.name, diffs)
    for w in batch:
        if w.result.error is not None:
            sf = record_failure(session, w.item.key, w.result.error, w.item.name, w.result.sha256 or w.item.digest,
                                w.result.size or w.item.size, _kind(w.item))
            sf.extractor_version = extractor_version
            record_change(session, run_id, w.item.key, "failed", w.item.name, reason=w.result.error)
        after = w.result.rows.finding_keys() if w.result.rows is not None else Counter()
        record_finding_changes(session, run_id, w.item.key, w.item.name, findings_before.get(w.item.key, Counter()),
                               after)


def _kind(item: Planned) -> str:
    return SUFFIXES.get(item.path.suffix.lower(), "text")
