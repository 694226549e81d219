"""Executors: where files are parsed and extracted. One interface, three kinds:

- InlineExecutor: in this process, one file after the other, without limits (for debugging: --workers 0);
- ProcessExecutor: a pool of worker processes (pebble), each file under a time limit and each worker under a memory
  limit; a file over either, or one that kills its worker, costs its own slot and is reported as failed;
- DaskExecutor: the same pools, one per Dask worker process, on a cluster.

Each takes the extraction function (ingest.extraction.prepare_file, or a test's own) and yields one StorableFile
per file as files finish, in no particular order.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ingest.extraction import Extractor, StorableFile


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-file limits in the workers. A file over one is recorded as failed and its worker is replaced, so a hostile
    file (a decompression bomb, a parser loop) costs its own slot and nothing else."""

    time_s: float | None = 300.0
    memory_mb: int | None = 3072  # address space a worker may take beyond what it starts with


DEFAULT_LIMITS = Limits()
MEMORY_EXIT = 86  # a worker's exit status after a file ran it out of memory
WINDOW_PER_WORKER = 4  # files scheduled ahead per worker: memory stays flat however large the archive


class Executor(Protocol):
    def run(self, extract: Extractor, paths: list[Path], password: str | None) -> Iterator[StorableFile]: ...


def init_worker(memory_mb: int | None) -> None:
    """Pool worker initializer: die with the parent, and cap the address space a file may take.

    A worker outliving a killed ingest would go on without limits and, forked with the ingest lock's connection,
    hold the lock (models/lock.py); Linux's parent-death signal ends it with its parent. The cap makes an allocation
    past it raise MemoryError in the worker instead of exhausting the machine. It counts from the address space the
    worker starts with: a forked worker inherits its parent's, and a library such as pdfium reserves address space
    it never touches, so an absolute cap would leave a large parent's workers no room at all (an OCR page failed so)."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if not memory_mb:
        return
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = address_space() + memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def address_space() -> int:
    """This process's virtual address space in bytes (0 where /proc does not say)."""
    try:
        pages = int(open("/proc/self/statm").read().split()[0])  # noqa: SIM115 - one read of a proc file
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def extract_in_worker(extract: Extractor, path: Path, password: str | None) -> StorableFile:
    """`extract` in a pool worker; after a MemoryError the process is not trusted again: it exits and is replaced."""
    try:
        return extract(path, password)
    except MemoryError:
        os._exit(MEMORY_EXIT)


def collect(future, path: Path, limits: Limits) -> StorableFile:
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


def make_pool(workers: int, limits: Limits, context: str):
    from pebble import ProcessPool

    return ProcessPool(max_workers=workers, initializer=init_worker, initargs=(limits.memory_mb,),
                       context=multiprocessing.get_context(context))


@dataclass(slots=True)
class InlineExecutor:
    """In this process, without limits (debugging)."""

    def run(self, extract: Extractor, paths: list[Path], password: str | None) -> Iterator[StorableFile]:
        for path in paths:
            try:
                yield extract(path, password)
            except MemoryError:
                yield StorableFile(path, error="out of memory")


@dataclass(slots=True)
class ProcessExecutor:
    """A local pool of `workers` processes under `limits`."""

    workers: int
    limits: Limits = DEFAULT_LIMITS

    def run(self, extract: Extractor, paths: list[Path], password: str | None) -> Iterator[StorableFile]:
        from concurrent.futures import FIRST_COMPLETED, wait

        from extract.nlp import build_nlp

        if not paths:
            return
        build_nlp()  # loaded once here and inherited by every forked worker, instead of once per worker
        with make_pool(min(self.workers, len(paths)) or 1, self.limits, "fork") as pool:
            pending = iter(paths)
            running: dict = {}

            def schedule(path: Path) -> None:
                future = pool.schedule(extract_in_worker, args=(extract, path, password), timeout=self.limits.time_s)
                running[future] = path

            for path in pending:
                schedule(path)
                if len(running) >= WINDOW_PER_WORKER * self.workers:
                    break
            while running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    path = running.pop(future)
                    yield collect(future, path, self.limits)
                    following = next(pending, None)
                    if following is not None:
                        schedule(following)


_DASK_POOL: dict[Limits, object] = {}  # per Dask worker process: its pool of limited workers, made on first use
_DASK_POOL_LOCK = threading.Lock()  # a Dask worker runs tasks in several threads


def extract_on_dask_worker(path: Path, extract: Extractor, password: str | None, limits: Limits) -> StorableFile:
    """The per-file task sent to a Dask cluster: the same isolation as a local run, from a pool that each Dask worker
    process keeps (a task runs in one of the worker's threads, where neither an alarm nor a memory limit can be set).
    forkserver, because a Dask worker process has threads that fork must not copy.

    A Dask worker started as a daemon (Dask's default) may not start processes: there the file is read in the
    task's thread without limits; start workers with `distributed.worker.daemon: false` to have them."""
    if multiprocessing.current_process().daemon:
        return extract(path, password)
    with _DASK_POOL_LOCK:
        pool = _DASK_POOL.get(limits)
        if pool is None:
            pool = _DASK_POOL[limits] = make_pool(os.cpu_count() or 1, limits, "forkserver")
    return collect(pool.schedule(extract_in_worker, args=(extract, path, password), timeout=limits.time_s), path,
                   limits)


@dataclass(slots=True)
class DaskExecutor:
    """A Dask cluster at `scheduler` (None: a local in-process cluster of `workers`)."""

    scheduler: str | None
    workers: int = 1
    limits: Limits = DEFAULT_LIMITS

    def run(self, extract: Extractor, paths: list[Path], password: str | None) -> Iterator[StorableFile]:
        from dask.distributed import Client, as_completed

        client = Client(self.scheduler) if self.scheduler else Client(processes=False, n_workers=max(self.workers, 1))
        try:
            futures = client.map(extract_on_dask_worker, paths, extract=extract, password=password,
                                 limits=self.limits, pure=False)
            for future in as_completed(futures):
                yield future.result()
        finally:
            client.close()


def make_executor(kind: str, workers: int, scheduler: str | None, limits: Limits) -> Executor:
    """`kind` 'process' (workers 0: inline) or 'dask'."""
    if kind == "dask":
        return DaskExecutor(scheduler, workers, limits)
    if workers <= 0:
        return InlineExecutor()
    return ProcessExecutor(workers, limits)
