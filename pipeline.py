"""discover -> parse -> extract -> validate -> load.

The library behind the `bcx` commands. Each file is one unit of work: it is parsed and extracted on its own, and
its documents are written in one transaction, so a failing file is recorded with its reason and never stops or
corrupts the rest of the batch.
"""
from __future__ import annotations

import hashlib
import logging
import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from sqlalchemy.orm import Session

from extract.checks import Finding, run_checks
from extract.document import extract_document
from extract.records import ExtractedDocument
from models import (
    list_findings,
    load_documents,
    mark_removed,
    record_failure,
    session_scope,
    summary_counts,
)
from models.db import database_unusable, open_database, safe_url
from models.errors import DatabaseUnusable, ExitCode, IngestRunning, NoInput, printable
from models.rows import FileRows, file_rows
from parsers.records import SourceDocument
from parsers.split import drop_page_numbers, split_documents
from parsers.textfile import NotTextError, read_text_file

EXTRACTOR_VERSION = "0.1.0"
SUFFIXES = {".txt": "text", ".pdf": "pdf"}

log = logging.getLogger("bcx")
T = TypeVar("T")


class FileError(Exception):
    """A file that cannot be read as business cases; the message is the one-line reason."""


@dataclass(slots=True)
class FileResult:
    path: Path
    documents: list[ExtractedDocument] = field(default_factory=list)
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)


@dataclass(slots=True)
class StorableFile:
    """What a worker hands to the writer: one file's rows ready to insert (models/rows.py), or why it failed."""

    path: Path
    error: str | None = None
    rows: FileRows | None = None

    @property
    def document_count(self) -> int:
        return len(self.rows.documents) if self.rows else 0

    @property
    def finding_count(self) -> int:
        return len(self.rows.findings) if self.rows else 0

    def headlines(self) -> list[tuple[int, str, str | None, str | None, int]]:
        """(ordinal, kind, code, title, number of tables) of each document."""
        if self.rows is None:
            return []
        tables = Counter(t[0] for t in self.rows.tables)
        return [(d[0], d[1], d[2], d[3], tables[i]) for i, d in enumerate(self.rows.documents)]


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


# ---------------------------------------------------------------- discover


@dataclass(slots=True)
class Discovery:
    """What the walk of the given files and folders found: files to read, and files skipped for their suffix."""

    files: list[Path] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # suffix ('(none)' without one) -> number of files


def find_files(paths: Iterable[Path | str]) -> Discovery:
    """Files with a known suffix under the given files and folders, each once, in a stable order.

    A path that does not exist is an error (NoInput), raised before anything is read or changed: a typo or an
    unmounted share must not look like an archive whose files were all removed. Only regular files are read (a
    FIFO or a device named like a dump would hang the reader); symbolic links are followed once: a link that leads
    back into a folder already walked is skipped, so a link loop in an archive cannot make the walk endless.
    """
    roots = [Path(p) for p in paths]
    missing = [r for r in roots if not r.exists()]
    if missing:
        raise NoInput("; ".join(f"{printable(r)}: no such file or folder" for r in missing))
    found = Discovery()
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[Path] = set()
    for root in roots:
        if not root.is_dir():
            if root not in seen_files:  # a file named on the command line is read whatever its suffix says
                seen_files.add(root)
                found.files.append(root)
            continue
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
            st = os.stat(dirpath)
            if (st.st_dev, st.st_ino) in seen_dirs:
                dirnames[:] = []
                continue
            seen_dirs.add((st.st_dev, st.st_ino))
            dirnames.sort()
            for name in sorted(filenames):
                p = Path(dirpath) / name
                if p in seen_files or not p.is_file():
                    continue
                seen_files.add(p)
                if p.suffix.lower() in SUFFIXES:
                    found.files.append(p)
                else:
                    found.skipped[p.suffix.lower() or "(none)"] += 1
    return found


def discover(paths: Iterable[Path | str]) -> Iterator[Path]:
    """The files find_files finds, one by one."""
    yield from find_files(paths).files


# ---------------------------------------------------------------- parse + extract


def parse_file(path: Path, password: str | None = None) -> list[SourceDocument]:
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise FileError(f"unsupported file type {path.suffix or '(none)'}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileError(f"cannot read: {exc.strerror or exc}") from exc
    if size == 0:
        raise FileError("empty file (0 bytes)")
    if kind == "text":
        try:
            lines = read_text_file(path)
        except NotTextError as exc:
            raise FileError(str(exc)) from exc
        except OSError as exc:
            raise FileError(f"cannot read: {exc.strerror or exc}") from exc
        docs = split_documents(drop_page_numbers(lines), path.name)
    else:
        docs = _parse_pdf(path, password)
    if not docs:
        raise FileError("not a business case: no proposal header (BUSINESS CASE, INVESTERINGSFORSLAG, ...) found")
    return docs


def _parse_pdf(path: Path, password: str | None) -> list[SourceDocument]:
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    from parsers.pdffile import NeedsOcr, read_pdf

    try:
        pages = read_pdf(path, password=password)
    except NeedsOcr as exc:
        raise FileError(str(exc)) from exc
    except PDFPasswordIncorrect as exc:
        raise FileError("encrypted PDF: a password is needed (--password)") from exc
    except OSError as exc:
        raise FileError(f"cannot read: {exc.strerror or exc}") from exc
    except Exception as exc:  # pdfminer raises many unrelated types on a damaged file
        if _caused_by(exc, MemoryError):  # pdfplumber wraps it: a decompression bomb over the worker's limit
            raise MemoryError(str(exc)) from exc
        if "password" in repr(exc).lower() or "encrypt" in repr(exc).lower():
            raise FileError("encrypted PDF: a password is needed (--password)") from exc
        raise FileError(f"unreadable PDF ({type(exc).__name__}: {str(exc)[:120] or 'no detail'})") from exc
    if not pages:
        raise FileError("PDF has no pages")
    if not any(p.has_text for p in pages):
        raise FileError("no text on any page, and no scanned image to read by OCR")
    lines = drop_page_numbers([ln for p in pages for ln in p.lines])
    rules = {p.number: p.h_rules for p in pages}
    docs = split_documents(lines, path.name, from_pdf=True)
    for d in docs:
        d.page_rules = rules
    return docs


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def extract_file(path: Path, password: str | None = None) -> FileResult:
    """Parse and extract one file; never raises for a bad file, the reason goes into the result."""
    try:
        docs = parse_file(path, password)
        extracted = [extract_document(d) for d in docs]
        validate(extracted)
        return FileResult(path, extracted, findings=run_checks(extracted))
    except FileError as exc:
        return FileResult(path, error=str(exc))
    except MemoryError:
        raise  # over the worker's memory limit: the worker goes (see _extract_in_worker)
    except Exception as exc:  # a bug or a hostile file must not stop the batch
        log.debug("extraction failed", exc_info=True)
        return FileResult(path, error=f"extraction failed ({type(exc).__name__}: {str(exc)[:160]})")


def prepare_file(path: Path, password: str | None = None) -> StorableFile:
    """extract_file, then the rows the writer stores (built here, in the worker, not in the one writer)."""
    result = extract_file(path, password)
    if result.error is not None:
        return StorableFile(path, result.error)
    return StorableFile(path, rows=file_rows(result.documents, result.findings))


def validate(docs: list[ExtractedDocument]) -> None:
    """Refuse to store what is not a proposal: a document needs a title or a financial table."""
    if not any(d.title or d.tables for d in docs):
        raise FileError("not a business case: no title and no financial table found")


# ---------------------------------------------------------------- load


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def storable(path: str) -> str:
    """A path as the database can hold it: a name with bytes that are not UTF-8 (Python carries them as surrogates,
    which no database encodes) gets them as backslash escapes; every other path is stored as it is."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


@dataclass(slots=True)
class Planned:
    path: Path
    key: str  # the resolved path, as stored
    digest: str | None
    size: int | None
    status: str  # new / changed / reextracted / unchanged

    @property
    def name(self) -> str:
        return storable(self.path.name)


def plan(files: list[Path], known: dict) -> list[Planned]:
    """Decide per file: an unchanged file (same path, same content hash, same extractor) is not parsed again.

    A file that failed is always read again: the cause may be gone (a --password given, larger limits, Tesseract
    installed); its documents, if it loads now, are new to the database."""
    out = []
    for path in files:
        key = storable(str(path.resolve()))
        try:
            digest, size = sha256_of(path), path.stat().st_size
        except OSError:
            digest, size = None, None
        seen = known.get(key)
        if seen is None:
            status = "new"
        elif digest is None or seen[0] != digest:
            status = "changed"
        elif seen[2] != EXTRACTOR_VERSION and seen[1] != "removed":
            status = "reextracted"
        elif seen[1] in ("removed", "failed"):
            status = "new"
        else:
            status = "unchanged"
        out.append(Planned(path, key, digest, size, status))
    return out


def _largest_first(item: Planned) -> tuple[int, str]:
    return -(item.size or 0), item.key


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-file limits in the workers. A file over one is recorded as failed and its worker is replaced, so a hostile
    file (a decompression bomb, a parser loop) costs its own slot and nothing else."""

    time_s: float | None = 300.0
    memory_mb: int | None = 3072  # address space of one worker; an idle worker with spaCy and pdfplumber uses ~700


DEFAULT_LIMITS = Limits()


MEMORY_EXIT = 86  # a worker's exit status after a file ran it out of memory


def _init_worker(memory_mb: int | None) -> None:
    """Pool worker initializer: die with the parent, and cap the address space.

    A worker outliving a killed ingest would go on without limits and, forked with the ingest lock's connection,
    hold the lock (models/lock.py); Linux's parent-death signal ends it with its parent. The memory cap makes an
    allocation past the limit raise MemoryError in the worker instead of exhausting the machine."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if not memory_mb:
        return
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = memory_mb * 2**20 if hard == resource.RLIM_INFINITY else min(memory_mb * 2**20, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _extract_in_worker(path: Path, password: str | None) -> StorableFile:
    """prepare_file in a pool worker; after a MemoryError the process is not trusted again: it exits and is replaced."""
    try:
        return prepare_file(path, password)
    except MemoryError:
        os._exit(MEMORY_EXIT)


def _collect(future, path: Path, limits: Limits) -> StorableFile:
    """A pool future's result, or the reason the file failed in a way the worker itself could not report."""
    from concurrent.futures import CancelledError, TimeoutError

    from pebble import ProcessExpired

    try:
        return future.result()
    except TimeoutError:
        return StorableFile(path, error=f"timed out after {limits.time_s:g} s (the worker was replaced)")
    except ProcessExpired as exc:
        if exc.exitcode == MEMORY_EXIT:
            return StorableFile(path, error=f"over the memory limit of {limits.memory_mb} MiB "
                                            "(the worker was replaced)")
        return StorableFile(path, error=f"the worker died reading this file (exit status {exc.exitcode}; replaced)")
    except CancelledError:
        return StorableFile(path, error="cancelled")
    except Exception as exc:  # noqa: BLE001 - a worker failure is recorded like any bad file
        return StorableFile(path, error=f"worker failed ({type(exc).__name__}: {str(exc)[:160]})")


def _pool(workers: int, limits: Limits, context: str):
    import multiprocessing

    from pebble import ProcessPool

    return ProcessPool(max_workers=workers, initializer=_init_worker, initargs=(limits.memory_mb,),
                       context=multiprocessing.get_context(context))


_DASK_POOL: dict[Limits, object] = {}  # per Dask worker process: its pool of limited workers, made on first use
_DASK_POOL_LOCK = threading.Lock()  # a Dask worker runs tasks in several threads


def _extract_on_dask_worker(path: Path, password: str | None, limits: Limits) -> StorableFile:
    """The per-file task sent to a Dask cluster: the same isolation as a local run, from a pool that each Dask worker
    process keeps (a task runs in one of the worker's threads, where neither an alarm nor a memory limit can be set).
    forkserver, because a Dask worker process has threads that fork must not copy.

    A Dask worker started as a daemon (Dask's default) may not start processes: there the file is read in the
    task's thread without limits; start workers with `distributed.worker.daemon: false` to have them."""
    import multiprocessing

    if multiprocessing.current_process().daemon:
        return prepare_file(path, password)
    with _DASK_POOL_LOCK:
        pool = _DASK_POOL.get(limits)
        if pool is None:
            pool = _DASK_POOL[limits] = _pool(os.cpu_count() or 1, limits, "forkserver")
    return _collect(pool.schedule(_extract_in_worker, args=(path, password), timeout=limits.time_s), path, limits)


def _results(todo: list[Planned], password, workers: int, executor: str, scheduler: str | None,
             limits: Limits) -> Iterator[StorableFile]:
    """Parse and extract in parallel; results come back to the one writer as they finish.

    workers=0 reads in this process, without limits (for debugging); otherwise each file goes to a pool worker under
    the time and memory limits."""
    paths = [p.path for p in todo]
    if executor == "dask":
        from dask.distributed import Client, as_completed

        client = Client(scheduler) if scheduler else Client(processes=False, n_workers=max(workers, 1))
        try:
            futures = client.map(_extract_on_dask_worker, paths, password=password, limits=limits, pure=False)
            for future in as_completed(futures):
                yield future.result()
        finally:
            client.close()
        return
    if workers <= 0:
        for path in paths:
            try:
                yield prepare_file(path, password)
            except MemoryError:
                yield StorableFile(path, error="out of memory")
        return
    from concurrent.futures import FIRST_COMPLETED, wait

    from extract.nlp import build_nlp

    build_nlp()  # loaded once here and inherited by every forked worker, instead of once per worker
    with _pool(min(workers, len(paths)) or 1, limits, "fork") as pool:
        # a bounded window of scheduled files: memory stays flat however large the archive
        pending = iter(paths)
        running: dict = {}
        for path in pending:
            running[pool.schedule(_extract_in_worker, args=(path, password), timeout=limits.time_s)] = path
            if len(running) >= 4 * workers:
                break
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                path = running.pop(future)
                yield _collect(future, path, limits)
                following = next(pending, None)
                if following is not None:
                    running[pool.schedule(_extract_in_worker, args=(following, password),
                                          timeout=limits.time_s)] = following


WRITE_ATTEMPTS = 6


def _write_retrying(engine, work) -> None:
    """Run one unit of work in its own transaction; retry when a concurrent ingest held the lock or stored the
    same file first (the retry then sees its rows and replaces them)."""
    from sqlalchemy.exc import IntegrityError, OperationalError

    for attempt in range(WRITE_ATTEMPTS):
        try:
            with session_scope(engine) as session:
                work(session)
            return
        except (OperationalError, IntegrityError):
            if attempt == WRITE_ATTEMPTS - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


WRITE_BATCH_FILES = 32  # files stored per transaction: one multi-row INSERT per table for all of them
WRITE_BATCH_SECONDS = 1.0  # ...or fewer, when the oldest waiting result is this old


def _write_results(session, run_id: int, batch: list[tuple[Planned, StorableFile]]) -> None:
    """A batch of files' documents, findings and changes, or their failures, in one transaction: a crash loses at
    most this batch, and a rerun stores it."""
    from models.runs import diff_documents, record_change, record_finding_changes, stored_documents, stored_findings
    from models.store import FileRecord, store_files_rows, upsert_source_files

    loaded = [(item, result) for item, result in batch if result.error is None]
    before = {item.key: stored_documents(session, item.key) for item, _ in loaded if item.status != "new"}
    findings_before = {item.key: stored_findings(session, item.key) for item, _ in batch if item.status != "new"}
    source_files = upsert_source_files(
        session,
        [FileRecord(item.key, item.name, item.digest, item.size, SUFFIXES.get(item.path.suffix.lower(), "text"))
         for item, _ in loaded],
        EXTRACTOR_VERSION,
    )
    store_files_rows(session, [(sf.id, result.rows) for sf, (_, result) in zip(source_files, loaded, strict=True)],
                     EXTRACTOR_VERSION)
    for item, result in loaded:
        old = before.get(item.key)
        diffs = diff_documents(old, result.rows.schema()) if old else []
        record_change(session, run_id, item.key, item.status, item.name, diffs)
    for item, result in batch:
        if result.error is not None:
            kind = SUFFIXES.get(item.path.suffix.lower(), "text")
            sf = record_failure(session, item.key, result.error, item.name, item.digest, item.size, kind)
            sf.extractor_version = EXTRACTOR_VERSION
            record_change(session, run_id, item.key, "failed", item.name, reason=result.error)
        after = result.rows.finding_keys() if result.rows is not None else set()
        record_finding_changes(session, run_id, item.key, item.name, findings_before.get(item.key, set()), after)


def _other_run(engine) -> str:
    """How the ingest that holds the lock is known: its run, if it recorded one yet."""
    from sqlalchemy import select

    from models.schema import Run

    with session_scope(engine) as session:
        run = session.scalars(select(Run).where(Run.status == "running").order_by(Run.id.desc())).first()
    return f"run {run.id}, started {run.started_at:%Y-%m-%d %H:%M:%S}" if run else "starting"


def ingest(
    paths: Iterable[Path | str],
    db: str | None = None,
    password: str | None = None,
    progress: IngestProgress | None = None,
    workers: int | None = 1,
    executor: str = "process",
    scheduler: str | None = None,
    time_limit: float | None = DEFAULT_LIMITS.time_s,
    memory_limit_mb: int | None = DEFAULT_LIMITS.memory_mb,
    wait: bool = True,
) -> IngestReport:
    """Ingest files and folders incrementally; every run is recorded with what it changed.

    workers: processes that parse and extract (None: the machine's cores; 0: in this process, without limits).
    time_limit, memory_limit_mb: per file and worker; a file over one is recorded as failed, its worker replaced.
    wait: if another ingest is running on the database, wait for it (False: raise IngestRunning at once).
    Raises NoInput for a path that does not exist, DatabaseUnusable when the database cannot be used.
    """
    from models.lock import IngestLock

    started = time.monotonic()
    progress = progress or IngestProgress()
    roots = [Path(p) for p in paths]
    found = find_files(roots)
    report = IngestReport(files=len(found.files), skipped=dict(found.skipped))
    if not found.files:  # nothing to read: the database is not touched, and no file under the roots is removed
        return report
    engine = open_database(db, create=True)
    report.database = safe_url(engine.url)
    lock = IngestLock(engine)
    try:
        try:
            if not lock.acquire(wait, on_wait=lambda: progress.waiting(
                    f"another ingest is running on {report.database} ({_other_run(engine)}); waiting for it")):
                raise IngestRunning(f"another ingest is running on {report.database} ({_other_run(engine)}); "
                                    "not waiting (--no-wait)")
            _ingest_locked(engine, roots, found.files, report, progress, password, workers, executor, scheduler,
                           Limits(time_limit, memory_limit_mb))
        except (DatabaseUnusable, IngestRunning):
            raise
        except Exception as exc:
            from sqlalchemy.exc import DBAPIError

            if _caused_by(exc, DBAPIError):  # the disk filled up, the server went away, ... mid-run
                raise database_unusable(exc, engine) from exc
            raise
    finally:
        lock.release()
        engine.dispose()
    report.seconds = time.monotonic() - started
    return report


def _ingest_locked(engine, roots: list[Path], files: list[Path], report: IngestReport, progress: IngestProgress,
                   password: str | None, workers: int | None, executor: str, scheduler: str | None,
                   limits: Limits) -> None:
    """The ingest proper, under the database's ingest lock."""
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
        begun["run_id"] = start_run(session, EXTRACTOR_VERSION).id
        begun["known"] = known_files(session)

    _write_retrying(engine, begin)
    run_id, known = begun["run_id"], begun["known"]
    report.run_id = run_id
    planned = plan(files, known)
    report.unchanged = sum(1 for p in planned if p.status == "unchanged")
    _write_retrying(engine, lambda session: record_unchanged(session, run_id, report.unchanged))
    # largest first: a long PDF started last would leave the other workers idle at the end of the batch
    todo = {p.path: p for p in sorted((p for p in planned if p.status != "unchanged"), key=_largest_first)}
    progress.planned(len(todo), report.unchanged)
    workers = (os.cpu_count() or 1) if workers is None else workers
    batch: list[tuple[Planned, StorableFile]] = []
    oldest = 0.0

    def store_batch() -> None:
        _write_retrying(engine, lambda session: _write_results(session, run_id, batch))
        for item, result in batch:
            if result.error is None:
                report.ok += 1
                report.documents += result.document_count
                report.findings += result.finding_count
            else:
                report.failed += 1
                report.failures.append((str(item.path), result.error))
            progress.file_done(result)
        batch.clear()

    for result in _results(list(todo.values()), password, workers, executor, scheduler, limits):
        if not batch:
            oldest = time.monotonic()
        batch.append((todo[result.path], result))
        if len(batch) >= WRITE_BATCH_FILES or time.monotonic() - oldest >= WRITE_BATCH_SECONDS:
            store_batch()
    if batch:
        store_batch()
    seen = {p.key for p in planned}
    prefixes = [storable(str(r.resolve())) for r in roots]
    gone = [
        path
        for path, (_, status, _) in known.items()
        if status != "removed"
        and path not in seen
        and any(path == pre or path.startswith(pre.rstrip(os.sep) + os.sep) for pre in prefixes)
    ]

    def close_run(session) -> None:
        for path in gone:
            findings = stored_findings(session, path)
            mark_removed(session, path)
            record_change(session, run_id, path, "removed", Path(path).name)
            record_finding_changes(session, run_id, path, Path(path).name, findings, set())
        finish_run(session, run_id)
        counts = change_counts(session, run_id)
        counts["unchanged"] = report.unchanged
        report.counts = dict(counts)

    _write_retrying(engine, close_run)


def read(db: str | None, query: Callable[[Session], T]) -> T:
    """Run one read-only unit of work against the database at `db` (a URL, BCX_DB, or the SQLite default).

    A database that does not exist is an error (DatabaseUnusable), never made: reading leaves nothing behind."""
    engine = open_database(db, create=False)
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


def export_documents(db: str | None = None) -> list[dict]:
    return read(db, load_documents)


def counts(db: str | None = None) -> dict:
    return read(db, summary_counts)


def findings(db: str | None = None) -> list[dict]:
    return read(db, list_findings)


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


def trace(document: str, table: int | None = None, row: str | None = None, year: str | None = None,
          db: str | None = None, context: bool = True) -> list[dict]:
    from models.trace import find_values

    hits = read(db, lambda session: find_values(session, document, table, row, year))
    if context:
        for hit in hits:
            try:
                hit["context"] = source_context(hit)
            except (OSError, ValueError) as exc:
                hit["context"] = []
                hit["context_error"] = f"source not readable: {exc}"
    return hits


def export_tables(output: Path, fmt: str, db: str | None = None) -> None:
    """xlsx: sheets of figures, findings and sources; parquet: the figures."""
    import pandas as pd
    from sqlalchemy import select

    from models import figures_frame
    from models.findings import findings_select
    from models.schema import SourceFile

    def write(session: Session) -> None:
        figures = figures_frame(session)
        if fmt == "parquet":
            figures.to_parquet(output, index=False)
            return
        found = pd.DataFrame([dict(r._mapping) for r in session.execute(findings_select())])
        columns = (SourceFile.name, SourceFile.path, SourceFile.sha256, SourceFile.size_bytes, SourceFile.kind,
                   SourceFile.status, SourceFile.error, SourceFile.ingested_at)
        sources = pd.DataFrame([dict(r._mapping) for r in session.execute(select(*columns))])
        if "ingested_at" in sources:
            sources["ingested_at"] = sources["ingested_at"].astype(str)  # Excel has no time zones
        with pd.ExcelWriter(output, engine="openpyxl") as xl:
            figures.to_excel(xl, sheet_name="figures", index=False)
            found.to_excel(xl, sheet_name="findings", index=False)
            sources.to_excel(xl, sheet_name="sources", index=False)

    read(db, write)

def runs(db: str | None = None) -> list[dict]:
    from models.runs import list_runs

    return read(db, list_runs)


def run_report(run_id: int | None = None, db: str | None = None) -> dict:
    """What run `run_id` (None: the newest) did: models.runs.run_report. An unknown run is NoInput."""
    from models.runs import latest_run_id
    from models.runs import run_report as build

    def query(session: Session) -> dict:
        wanted = latest_run_id(session) if run_id is None else run_id
        found = build(session, wanted) if wanted is not None else None
        if found is None:
            raise NoInput("no runs yet: bcx ingest records one" if wanted is None else f"no run {run_id}")
        return found

    return read(db, query)


def changes(run_id: int, db: str | None = None) -> list[dict]:
    from models.runs import list_changes

    return read(db, lambda session: list_changes(session, run_id))
