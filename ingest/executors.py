"""Executors: where files are parsed and extracted. One interface, three kinds:

- InlineExecutor: in this process, one file after the other, without limits (for debugging: --workers 0);
- ProcessExecutor: a pool of worker processes (pebble), each unit of work under a time limit and each worker under a
  memory limit; a unit over either, or one that kills its worker, costs its own slot and fails its file;
- DaskExecutor: the same pools, one per Dask worker process, on a cluster.

The unit of work is a file, or for a scanned file each of its pages, and for a file of several documents each of them
(ingest/pages.py): OCR is slow, and a bundle's proposals may be, and a file's pages or documents then go to all the
workers. Each executor takes the extraction function (ingest.extraction.prepare_file, or a
test's own) and yields one StorableFile per file as files finish, in no particular order.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ingest.extraction import Extractor, StorableFile
from ingest.pages import FileSteps, NoEvents, PageEvents, Unit


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-unit limits in the workers (a unit: a file, a scanned file's page, a bundle's document). A file (or page,
    or document) over one fails its file, recorded with the reason, and its worker is replaced, so a hostile file (a
    decompression bomb, a parser loop) costs its own slot and nothing else. The time counts per unit: a bundle of N
    documents, or a scan of N pages, may take up to N times it in all."""

    time_s: float | None = 300.0
    memory_mb: int | None = 3072  # address space a worker may take beyond what it starts with


DEFAULT_LIMITS = Limits()
MEMORY_EXIT = 86  # a worker's exit status after a file ran it out of memory
WINDOW_PER_WORKER = 4  # files scheduled ahead per worker: memory stays flat however large the archive


class Executor(Protocol):
    def run(self, extract: Extractor, paths: list[Path], password: str | None,
            events: PageEvents | None = None) -> Iterator[StorableFile]: ...


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
    one_thread_each()
    if not memory_mb:
        return
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = address_space() + memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def one_thread_each() -> None:
    """A worker's Tesseract computes on one core: the pool is the parallelism. Tesseract (OpenMP) would otherwise
    start a thread per core in every worker, and two workers' OCR would fight over the same cores. (OpenCV's own
    thread pool is left alone: reconfiguring it in a forked worker whose parent had used it waits forever for the
    parent's threads, which a fork does not copy.)"""
    os.environ["OMP_THREAD_LIMIT"] = "1"  # read by each tesseract process the worker starts


def address_space() -> int:
    """This process's virtual address space in bytes (0 where /proc does not say)."""
    try:
        pages = int(open("/proc/self/statm").read().split()[0])  # noqa: SIM115 - one read of a proc file
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def run_in_worker(fn: Callable[..., Any], args: tuple) -> Any:
    """One unit of work in a pool worker; after a MemoryError the process is not trusted again: it exits and is
    replaced."""
    try:
        return fn(*args)
    except MemoryError:
        os._exit(MEMORY_EXIT)


def outcome(future, limits: Limits) -> tuple[Any, str | None]:
    """A pool future's (result, None), or (None, the reason it failed in a way the worker itself could not report)."""
    from concurrent.futures import CancelledError, TimeoutError

    from pebble import ProcessExpired

    try:
        return future.result(), None
    except TimeoutError:
        return None, f"timed out after {limits.time_s:g} s (the worker was replaced)"
    except ProcessExpired as exc:
        if exc.exitcode == MEMORY_EXIT:
            return None, f"over the memory limit of {limits.memory_mb} MiB (the worker was replaced)"
        return None, f"the worker died reading this file (exit status {exc.exitcode}; replaced)"
    except CancelledError:
        return None, "cancelled"
    except Exception as exc:  # noqa: BLE001 - a worker failure is recorded like any bad file
        return None, f"worker failed ({type(exc).__name__}: {str(exc)[:160]})"


def make_pool(workers: int, limits: Limits, context: str):
    from pebble import ProcessPool

    return ProcessPool(max_workers=workers, initializer=init_worker, initargs=(limits.memory_mb,),
                       context=multiprocessing.get_context(context))


@dataclass(slots=True)
class InlineExecutor:
    """In this process, without limits (debugging)."""

    def run(self, extract: Extractor, paths: list[Path], password: str | None,
            events: PageEvents | None = None) -> Iterator[StorableFile]:
        steps = FileSteps(extract, password, events or NoEvents())
        for path in paths:
            todo = [steps.start(path)]
            while todo:
                unit = todo.pop(0)
                try:
                    result, error = unit.fn(*unit.args), None
                except MemoryError:
                    result, error = None, "out of memory"
                except Exception as exc:  # noqa: BLE001 - a page's failure fails its file, as in a worker
                    result, error = None, f"worker failed ({type(exc).__name__}: {str(exc)[:160]})"
                more, complete = steps.finish(unit, result, error)
                todo.extend(more)
                yield from complete


@dataclass(slots=True)
class ProcessExecutor:
    """A local pool of `workers` processes under `limits`; the unit of work is a file, a scanned file's page or a
    bundle's document."""

    workers: int
    limits: Limits = DEFAULT_LIMITS

    def run(self, extract: Extractor, paths: list[Path], password: str | None,
            events: PageEvents | None = None) -> Iterator[StorableFile]:
        from concurrent.futures import FIRST_COMPLETED, wait

        from extract.nlp import build_nlp

        if not paths:
            return
        build_nlp()  # loaded once here and inherited by every forked worker, instead of once per worker
        steps = FileSteps(extract, password, events or NoEvents())
        # every worker, however few the files: a scanned file's pages, a bundle's documents keep them all busy
        with make_pool(max(self.workers, 1), self.limits, "fork") as pool:
            pending = iter(paths)
            running: dict = {}
            open_files = 0  # started and not yet complete: at most the window, however many pages they have

            def schedule(unit: Unit) -> None:
                running[pool.schedule(run_in_worker, args=(unit.fn, unit.args), timeout=self.limits.time_s)] = unit

            for path in pending:
                schedule(steps.start(path))
                open_files += 1
                if open_files >= WINDOW_PER_WORKER * self.workers:
                    break
            while running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    unit = running.pop(future)
                    more, complete = steps.finish(unit, *outcome(future, self.limits))
                    for following in more:
                        schedule(following)
                    for result in complete:
                        yield result
                        open_files -= 1
                        path = next(pending, None)
                        if path is not None:
                            schedule(steps.start(path))
                            open_files += 1


_DASK_POOL: dict[Limits, object] = {}  # per Dask worker process: its pool of limited workers, made on first use
_DASK_POOL_LOCK = threading.Lock()  # a Dask worker runs tasks in several threads


def run_on_dask_worker(fn: Callable[..., Any], args: tuple, limits: Limits) -> tuple[Any, str | None]:
    """The task sent to a Dask cluster (a file, a scanned file's page, a bundle's document): the same isolation as a
    local run, from a pool that each Dask worker process keeps (a task runs in one of the worker's threads, where
    neither an alarm nor a memory limit can be set). forkserver, because a Dask worker process has threads that
    fork must not copy.

    A Dask worker started as a daemon (Dask's default) may not start processes: there the unit is run in the
    task's thread without limits; start workers with `distributed.worker.daemon: false` to have them."""
    if multiprocessing.current_process().daemon:
        try:
            return fn(*args), None
        except Exception as exc:  # noqa: BLE001 - a unit's failure fails its file, as in a pool worker
            return None, f"worker failed ({type(exc).__name__}: {str(exc)[:160]})"
    with _DASK_POOL_LOCK:
        pool = _DASK_POOL.get(limits)
        if pool is None:
            pool = _DASK_POOL[limits] = make_pool(os.cpu_count() or 1, limits, "forkserver")
    return outcome(pool.schedule(run_in_worker, args=(fn, args), timeout=limits.time_s), limits)


@dataclass(slots=True)
class DaskExecutor:
    """A Dask cluster at `scheduler` (None: a local in-process cluster of `workers`); the unit of work is a file,
    a scanned file's page or a bundle's document, spread over all the cluster's workers."""

    scheduler: str | None
    workers: int = 1
    limits: Limits = DEFAULT_LIMITS

    def run(self, extract: Extractor, paths: list[Path], password: str | None,
            events: PageEvents | None = None) -> Iterator[StorableFile]:
        from dask.distributed import Client, as_completed

        client = Client(self.scheduler) if self.scheduler else Client(processes=False, n_workers=max(self.workers, 1))
        steps = FileSteps(extract, password, events or NoEvents())
        units: dict = {}

        def submit(unit: Unit):
            future = client.submit(run_on_dask_worker, unit.fn, unit.args, self.limits, pure=False)
            units[future] = unit
            return future

        try:
            flow = as_completed([submit(steps.start(path)) for path in paths])
            for future in flow:
                unit = units.pop(future)
                more, complete = steps.finish(unit, *future.result())
                for following in more:
                    flow.add(submit(following))
                yield from complete
        finally:
            client.close()


def make_executor(kind: str, workers: int, scheduler: str | None, limits: Limits) -> Executor:
    """`kind` 'process' (workers 0: inline) or 'dask'."""
    if kind == "dask":
        return DaskExecutor(scheduler, workers, limits)
    if workers <= 0:
        return InlineExecutor()
    return ProcessExecutor(workers, limits)
