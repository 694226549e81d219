#!/usr/bin/env python3
"""Speed-up of ingesting the same archive with workers=2 against workers=1, each into a fresh SQLite.

    .venv/bin/python bench/workers.py [--n 5000] [--pdf-share 0.05] [--workers 2] [--rounds 3] [--quick]

The archive is the one of bench/rerun.py (same --n, --pdf-share, seed). Prints t(workers=1)/t(workers=2) per round,
the rounds alternating which side runs first, and their median. Goal: >= 1.8.

The pipeline parses and extracts in worker processes but writes every file's rows in the parent (one writer), so
the script also measures how long the parent spends writing (it wraps ingest.writer.write_retrying with a timer, in
this process only), how much of that was on a CPU, queued for a CPU (/proc schedstat) or blocked (I/O: SQLite
commits), and the best speed-up the split allows on idle cores (from the last round's CPU seconds).
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import archive, describe, footer, goal, header, scratch, sqlite_url, stopwatch  # noqa: E402

GOAL = 1.8


def cpu_seconds() -> tuple[float, float]:
    """(this process, its reaped children): user + system CPU seconds so far."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def run_delay() -> float:
    """Seconds this thread has waited, runnable, for a CPU (Linux /proc schedstat; 0 where unavailable)."""
    try:
        return int(Path(f"/proc/self/task/{threading.get_native_id()}/schedstat").read_text().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


def timed_ingest(src: Path, db: str, workers: int) -> tuple[float, list[float], object, tuple[float, float]]:
    """(wall s, [wall, CPU, CPU-queue s] the parent spent in DB writes, report, (parent CPU s, workers' CPU s))."""
    import ingest.writer as writer
    import pipeline

    original = writer.write_retrying
    spent = [0.0, 0.0, 0.0]  # wall, CPU, waiting for a CPU

    def write_timed(engine, work):
        t0, c0, q0 = time.perf_counter(), time.thread_time(), run_delay()
        try:
            return original(engine, work)
        finally:
            spent[0] += time.perf_counter() - t0
            spent[1] += time.thread_time() - c0
            spent[2] += run_delay() - q0

    writer.write_retrying = write_timed
    cpu0 = cpu_seconds()
    try:
        with stopwatch() as t:
            report = pipeline.ingest([src], db=db, workers=workers)
    finally:
        writer.write_retrying = original
    cpu1 = cpu_seconds()
    return t["s"], spent, report, (cpu1[0] - cpu0[0], cpu1[1] - cpu0[1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=None, help="documents in the archive (default 5000, --quick 200)")
    ap.add_argument("--pdf-share", type=float, default=0.05)
    ap.add_argument("--workers", type=int, default=2, help="the parallel side (default 2)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds; the median ratio counts (default 3)")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    n = args.n or (200 if args.quick else 5000)
    header("workers: ingest with workers=1 vs workers=N", n=n, pdf_share=args.pdf_share, workers=args.workers)
    with scratch() as tmp:
        src, gen_s = archive(n, args.pdf_share, args.seed, into=tmp)
        print(f"   archive: {describe(src)}" + (f" (generated in {gen_s:.1f} s)" if gen_s else " (reused)"))
        ratios = []
        for round_no in range(args.rounds):
            order = (1, args.workers) if round_no % 2 == 0 else (args.workers, 1)
            timed = {w: timed_ingest(src, sqlite_url(tmp, f"r{round_no}w{w}.sqlite"), w) for w in order}
            t1, (w1, w1cpu, w1q), r1, c1 = timed[1]
            tn, (wn, wncpu, wnq), rn, cn = timed[args.workers]
            ratios.append(t1 / tn)
            print(f"   round {round_no + 1} (workers={order[0]} first):")
            print(f"   workers=1: {t1:8.2f} s  ({r1.files} files, {r1.documents} documents, {r1.failed} failed); "
                  f"DB writes {w1:.2f} s = {w1 / t1:.0%} (on CPU {w1cpu:.2f} s, queued for a CPU {w1q:.2f} s, "
                  f"blocked/IO {w1 - w1cpu - w1q:.2f} s); "
                  f"CPU parent {c1[0]:.1f} s + worker {c1[1]:.1f} s = {(c1[0] + c1[1]) / t1:.2f} cores busy")
            print(f"   workers={args.workers}: {tn:8.2f} s  ({rn.files} files, {rn.documents} documents, "
                  f"{rn.failed} failed); "
                  f"parent busy writing {wn:.2f} s = {wn / tn:.0%} of the wall time (on CPU {wncpu:.2f} s, queued "
                  f"for a CPU {wnq:.2f} s, blocked/IO {wn - wncpu - wnq:.2f} s); "
                  f"CPU parent {cn[0]:.1f} s + workers {cn[1]:.1f} s = {(cn[0] + cn[1]) / tn:.2f} cores busy")
            print(f"   round ratio t(1)/t({args.workers}) = {t1 / tn:.3f}")
    speedup = statistics.median(ratios)  # the machine is shared: one round can be slowed on one side
    cores = min(args.workers, os.cpu_count() or 1)
    total1 = c1[0] + c1[1]  # workers=1 is one worker process beside the writer: both sides count
    bound = max(total1 - w1cpu, w1cpu) / max(w1cpu, total1 / cores)
    print(f"   best possible with one writer on {cores} idle cores, from the CPU seconds of workers=1: {bound:.2f}x "
          f"(writes {w1cpu:.1f} CPU s serial in the parent, extraction and the rest {total1 - w1cpu:.1f} CPU s; "
          "the writer competes with the workers for the same cores)")
    print(f"   rounds: {', '.join(f'{r:.3f}' for r in ratios)}")
    print("   " + goal(f"speed-up t(1)/t({args.workers}), median of {len(ratios)} rounds", speedup, GOAL,
                     higher_is_better=True))
    footer({"bench": "workers", "n": n, "files": r1.files, "t1_s": round(t1, 2), "tn_s": round(tn, 2),
            "workers": args.workers, "write_share_w1": round(w1 / t1, 3),
            "write_cpu_s_w1": round(w1cpu, 2),
            "write_queue_s_w1": round(w1q, 2), "write_s_wn": round(wn, 2), "write_queue_s_wn": round(wnq, 2),
            "cores_busy_w1": round((c1[0] + c1[1]) / t1, 2),
            "parent_busy_share_wn": round(wn / tn, 3), "cores_busy_wn": round((cn[0] + cn[1]) / tn, 2),
            "speedup": round(speedup, 3), "rounds": [round(r, 3) for r in ratios],
            "bound": round(bound, 2), "goal": f">= {GOAL}", "met": speedup >= GOAL})
    return 0


if __name__ == "__main__":
    sys.exit(main())
