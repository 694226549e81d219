"""An ingest: discover -> plan -> extract (executors) -> load (writer), recorded as a run; one at a time per
database."""
from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from extract.version import EXTRACTOR_VERSION
from ingest.discover import find_files
from ingest.executors import DEFAULT_LIMITS, Limits, make_executor
from ingest.extraction import Extractor, StorableFile, prepare_file
from ingest.plan import Planned, largest_first, plan, storable
from ingest.writer import WRITE_BATCH_FILES, WRITE_BATCH_SECONDS, Written, write_batch, write_retrying
from models import mark_removed, session_scope
from models.db import database_unusable, open_database, safe_url
from models.errors import DatabaseUnusable, ExitCode, IngestRunning
from parsers.reader import caused_by


@dataclass(slots=True)
class IngestReport:
    """What an ingest did. The file counts come from the run's Change rows (models/runs.py), the same rows that
    `bcx changes RUN` lists."""

    files: int = 0  # files found to read (known suffix), unchanged ones included
    ok: int = 0
    failed: int = 0
    documents: int = 0  # in the files loaded by this run
    findings: int = 0  # in the files loaded by this run
    unchanged: int = 0
    run_id: int | None = None
    counts: dict = field(default_factory=dict)  # new / changed / reextracted / removed / failed / findings_new ...
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason), in the order they came
    skipped: dict = field(default_factory=dict)  # suffix -> files skipped for it
    empty_roots: list[str] = field(default_factory=list)  # folders given with no file in them: nothing removed there
    interrupted: list[int] = field(default_factory=list)  # earlier runs a kill had left running, closed by this one
    seconds: float = 0.0
    database: str = ""  # the URL, password hidden

    @property
    def exit_code(self) -> int:
        """0: every file loaded; 1: some files failed (a partial batch); 2: nothing could run (no input files)."""
        if self.files == 0:
            return ExitCode.NO_INPUT
        return ExitCode.FILES_FAILED if self.failed else ExitCode.OK

    @property
    def changed_nothing(self) -> bool:
        return not any(self.counts.get(k) for k in ("new", "changed", "reextracted", "removed", "failed"))


class IngestProgress:
    """What an ingest tells whoever watches it (the command line's bar, a log); the base class shows nothing."""

    def waiting(self, message: str) -> None:
        """Another ingest holds the database; this one waits for it."""

    def planned(self, to_read: int, unchanged: int) -> None:
        """The files to read in this run are known (the unchanged ones are skipped unread)."""

    def file_done(self, result: StorableFile) -> None:
        """A file was stored (or recorded as failed)."""

    def pages_found(self, path: Path, pages: int) -> None:
        """A file has `pages` scanned pages, each read by OCR as a unit of work of its own (ingest/pages.py)."""

    def page_done(self, path: Path, number: int) -> None:
        """One scanned page of a file was read by OCR."""


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How an ingest runs: where files are read, under which limits, with which extraction function."""

    password: str | None = None
    workers: int | None = 1  # None: the machine's cores; 0: in this process, without limits
    executor: str = "process"  # or "dask"
    scheduler: str | None = None
    limits: Limits = DEFAULT_LIMITS
    wait: bool = True  # another ingest running: wait for it (False: IngestRunning at once)
    extract: Extractor = prepare_file
    extractor_version: str = EXTRACTOR_VERSION


def ingest(paths, db: str | None = None, options: IngestOptions = IngestOptions(),
           progress: IngestProgress | None = None) -> IngestReport:
    """Ingest files and folders incrementally into the database at `db`; every run is recorded with what it changed.

    Raises NoInput for a path that does not exist, DatabaseUnusable when the database cannot be used, IngestRunning
    when another ingest holds the database and options.wait is False."""
    from models.lock import IngestLock

    started = time.monotonic()
    progress = progress or IngestProgress()
    roots = [Path(p) for p in paths]
    found = find_files(roots)
    report = IngestReport(files=len(found.files), skipped=dict(found.skipped),
                          empty_roots=[str(r) for r in found.empty_roots])
    if not found.files:  # nothing to read: the database is not touched, and no file under the roots is removed
        return report
    engine = open_database(db, create=True)
    report.database = safe_url(engine.url)
    lock = IngestLock(engine)
    try:
        try:
            if not lock.acquire(options.wait, on_wait=lambda: progress.waiting(
                    f"another ingest is running on {report.database} ({_other_run(engine)}); waiting for it")):
                raise IngestRunning(f"another ingest is running on {report.database} ({_other_run(engine)}); "
                                    "not waiting (--no-wait)")
            _ingest_locked(engine, [r for r in roots if r not in found.empty_roots], found.files, report, progress,
                           options)
        except (DatabaseUnusable, IngestRunning):
            raise
        except Exception as exc:
            from sqlalchemy.exc import DBAPIError

            if caused_by(exc, DBAPIError):  # the disk filled up, the server went away, ... mid-run
                raise database_unusable(exc, engine) from exc
            raise
    finally:
        lock.release()
        engine.dispose()
    report.seconds = time.monotonic() - started
    return report


def _other_run(engine) -> str:
    """How the ingest that holds the lock is known: its run, if it recorded one yet."""
    from sqlalchemy import select

    from models.schema import Run

    with session_scope(engine) as session:
        run = session.scalars(select(Run).where(Run.status == "running").order_by(Run.id.desc())).first()
    return f"run {run.id}, started {run.started_at:%Y-%m-%d %H:%M:%S}" if run else "starting"


def _ingest_locked(engine, roots: list[Path], files: list[Path], report: IngestReport, progress: IngestProgress,
                   options: IngestOptions) -> None:
    """The ingest proper, under the database's ingest lock. `roots` are the walked roots that held files: only
    under those is a file that is gone marked removed."""
    from models.copies import refresh_copy_findings, stored_archive_findings
    from models.runs import (
        change_counts,
        close_interrupted_runs,
        finish_run,
        known_files,
        record_change,
        record_finding_changes,
        record_unchanged,
        start_run,
        stored_findings,
    )

    begun: dict = {}

    def begin(session) -> None:
        report.interrupted = close_interrupted_runs(session)
        begun["run_id"] = start_run(session, options.extractor_version).id
        begun["known"] = known_files(session)
        begun["archive_findings"] = stored_archive_findings(session)

    write_retrying(engine, begin)
    run_id, known = begun["run_id"], begun["known"]
    report.run_id = run_id
    planned = plan(files, known, options.extractor_version)
    report.unchanged = sum(1 for p in planned if p.status == "unchanged")
    write_retrying(engine, lambda session: record_unchanged(session, run_id, report.unchanged))
    todo = {p.path: p for p in sorted((p for p in planned if p.status != "unchanged"), key=largest_first)}
    progress.planned(len(todo), report.unchanged)
    workers = (os.cpu_count() or 1) if options.workers is None else options.workers
    executor = make_executor(options.executor, workers, options.scheduler, options.limits)
    batch: list[Written] = []
    oldest = 0.0

    def store_batch() -> None:
        for w in write_batch(engine, run_id, options.extractor_version, batch):
            if w.result.error is None:
                report.ok += 1
                report.documents += w.result.document_count
                report.findings += w.result.finding_count
            else:
                report.failed += 1
                report.failures.append((str(w.item.path), w.result.error))
            progress.file_done(w.result)
        batch.clear()

    for result in executor.run(options.extract, list(todo), options.password, events=progress):
        if not batch:
            oldest = time.monotonic()
        batch.append(Written(todo[result.path], result))
        if len(batch) >= WRITE_BATCH_FILES or time.monotonic() - oldest >= WRITE_BATCH_SECONDS:
            store_batch()
    if batch:
        store_batch()
    gone = _gone(planned, known, roots)

    def close_run(session) -> None:
        for path in gone:
            findings = stored_findings(session, path)
            mark_removed(session, path)
            record_change(session, run_id, path, "removed", Path(path).name)
            record_finding_changes(session, run_id, path, Path(path).name, findings, Counter())
        # checks across files (copies of one proposal) see the archive as this run leaves it
        refresh_copy_findings(session)
        before, after = begun["archive_findings"], stored_archive_findings(session)
        for path in sorted(set(before) | set(after)):
            record_finding_changes(session, run_id, path, Path(path).name, before.get(path, Counter()),
                                   after.get(path, Counter()))
        finish_run(session, run_id)
        counts = change_counts(session, run_id)
        counts["unchanged"] = report.unchanged
        report.counts = dict(counts)

    write_retrying(engine, close_run)


def _gone(planned: list[Planned], known: dict, roots: list[Path]) -> list[str]:
    """Files the database has as present under a walked root that the walk did not find again."""
    seen = {p.key for p in planned}
    prefixes = [storable(str(r.resolve())) for r in roots]
    return [
        path
        for path, k in known.items()
        if k.status != "removed"
        and path not in seen
        and any(path == pre or path.startswith(pre.rstrip(os.sep) + os.sep) for pre in prefixes)
    ]
