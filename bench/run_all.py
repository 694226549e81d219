#!/usr/bin/env python3
"""Run every benchmark of bench/ one after the other and print a summary of their figures.

    .venv/bin/python bench/run_all.py --quick            # small sizes, a few minutes on 2 cores
    .venv/bin/python bench/run_all.py                    # the full sizes: over an hour on 2 cores
    .venv/bin/python bench/run_all.py --quick --only rerun workers

Each benchmark runs in its own Python process (so none inherits another's loaded models or memory), one at a time
(so they do not compete for the cores); their output is shown as it comes. Archives with the same parameters are
generated once and shared through a temporary cache ($BCX_BENCH_CACHE), removed at the end.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import CACHE_ENV, loadavg  # noqa: E402

BENCHES = ["pdf_pages", "pdfium", "rerun", "workers", "ocr", "memory", "postgres", "accuracy"]


def run(name: str, quick: bool, env: dict) -> tuple[dict | None, float, int]:
    cmd = [sys.executable, str(HERE / f"{name}.py")] + (["--quick"] if quick else [])
    print(f"\n$ {' '.join(cmd)}", flush=True)
    t0 = time.perf_counter()
    result = None
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env) as proc:
        for line in proc.stdout:
            print(line, end="", flush=True)
            if line.startswith("BENCH-RESULT "):
                result = json.loads(line[len("BENCH-RESULT "):])
    return result, time.perf_counter() - t0, proc.returncode


def summary_line(name: str, r: dict | None) -> str:
    if r is None:
        return "no result (see its output above)"
    if r.get("skipped"):
        return f"skipped: {r['skipped']}"
    met = {True: "MET", False: "NOT MET"}.get(r.get("met"), "")
    if name == "pdf_pages":
        return (f"pipeline/bare per page {r['ratio']:.3f} (goal {r['goal']}) {met}; {r['pipeline_ms_per_page']} vs "
                f"{r['bare_ms_per_page']} ms/page over {r['pages']} pages"
                + (f"; ingest/bare {r['ingest_ratio']:.3f}" if "ingest_ratio" in r else ""))
    if name == "pdfium":
        return (f"ingest (pdfium reader)/bare extract_words {r['ratio']:.3f} (goal {r['goal']}) {met}; "
                f"{r['ingest_pdfium_ms_per_page']} vs {r['bare_ms_per_page']} ms/page over {r['pages']} pages, "
                f"fallbacks {r['fallbacks'] or 'none'}")
    if name == "rerun":
        return (f"rerun/full {r['ratio']:.4f} (goal {r['goal']}) {met}; {r['rerun_s']} s vs {r['full_s']} s, "
                f"{r['files']} files")
    if name == "workers":
        return (f"speed-up {r['speedup']:.2f}x (goal {r['goal']}) {met}; {r['t1_s']} s vs {r['tn_s']} s, "
                f"{r['files']} files, DB writes {r['write_share_w1']:.0%} of workers=1")
    if name == "ocr":
        return (f"OCR pages/s workers={r['workers']} / workers=1 {r['ratio']:.2f}x (goal {r['goal']}) {met}; "
                f"{r['pages_per_s_1']} vs {r['pages_per_s_n']} pages/s on {r['file']} ({r['pages']} pages)")
    if name == "memory":
        return (f"peak large/small {r['ratio']:.3f} (goal {r['goal']}) {met}; {r['small_mib']} -> {r['large_mib']} MiB "
                f"for {r['small_files']} -> {r['large_files']} files; writer +{r['writer_mib_per_1000_files']} "
                "MiB/1000 files")
    if name == "postgres":
        return f"PG/SQLite {r['ratio']:.3f} (goal {r['goal']}) {met}; {r['postgres_s']} s vs {r['sqlite_s']} s"
    if name == "accuracy":
        return (f"found {r['documents_found']:.2%}, spurious {r['spurious']}, "
                f"field accuracy {r['field_accuracy']:.2%}, "
                f"cell F1 {r['cell_f1']:.2%}, unflagged precision {r['unflagged_precision']:.2%} "
                f"({r['n']} documents, pdf share {r['pdf_share']}, text dumps by {'+'.join(r['tools'])})")
    return json.dumps(r)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes for every benchmark")
    ap.add_argument("--only", nargs="+", choices=BENCHES, help="run only these")
    ap.add_argument("--skip", nargs="+", choices=BENCHES, default=[], help="do not run these")
    args = ap.parse_args(argv)
    names = [b for b in (args.only or BENCHES) if b not in args.skip]
    cache = Path(tempfile.mkdtemp(prefix="bcx-bench-cache-"))
    env = dict(os.environ, **{CACHE_ENV: str(cache)})
    print(f"bench/run_all.py {'--quick ' if args.quick else ''}on {os.cpu_count()} cpus, load {loadavg()}")
    results, failures = {}, []
    t0 = time.perf_counter()
    try:
        for name in names:
            r, secs, code = run(name, args.quick, env)
            results[name] = (r, secs)
            if code != 0:
                failures.append(f"{name} exited {code}")
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    print(f"\n== summary ({'quick' if args.quick else 'full'} sizes, {time.perf_counter() - t0:.0f} s in all, "
          f"load at end {loadavg()})")
    for name in names:
        r, secs = results.get(name, (None, 0.0))
        print(f"   {name:10s} {secs:6.0f} s  {summary_line(name, r)}")
    for f in failures:
        print(f"   FAILED: {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
