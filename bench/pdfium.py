#!/usr/bin/env python3
"""The whole ingest of the corpus PDFs with the pdfium reader against pdfplumber's bare `extract_words`.

    .venv/bin/python bench/pdfium.py [--rounds 3] [--quick] [--workers 0]

Files: every PDF of ../shared/corpus/pdf, pdf-plain and pdf-office (--quick: the smallest of each). Per round, in
alternating order: (a) bare = pdfplumber.open + page.extract_words() on every page, nothing else; (b) ingest =
pipeline.ingest of the same files into a fresh temporary SQLite with one worker (workers=0: in this process, so
that the ratio compares CPU work and not a worker's start-up; --workers 1 gives a worker process) and the pdfium
reader; (c) the same ingest with the pdfplumber reader, for reference. The ratio is the median of the per-round
ratios b/a, each pair measured back to back. Goal: <= 0.3. Also: pdfium's word reading alone per page, and the
number of pages pdfplumber still read (fallbacks) with their reasons.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CORPUS, bare, footer, goal, header, scratch, sqlite_url, stopwatch, warm_up  # noqa: E402

GOAL = 0.3
DIRS = [CORPUS / "pdf", CORPUS / "pdf-plain", CORPUS / "pdf-office"]


def pdf_files(quick: bool) -> list[Path]:
    out = []
    for folder in DIRS:
        files = sorted(folder.glob("*.pdf"))
        if quick:
            files = [min(files, key=lambda p: p.stat().st_size)]
        out.extend(files)
    return out


def ingest(files: list[Path], reader: str, workers: int) -> float:
    import pipeline

    os.environ["BCX_PDF_READER"] = reader
    try:
        with scratch() as tmp, stopwatch() as t:
            report = pipeline.ingest(files, db=sqlite_url(tmp), workers=workers)
    finally:
        os.environ.pop("BCX_PDF_READER", None)
    if report.failed:
        print(f"   ! {report.failed} failed: {report.failures[:3]}")
    return t["s"]


def pdfium_words_only(files: list[Path]) -> tuple[float, Counter]:
    from parsers.pdffile import read_pdf

    reasons: Counter = Counter()
    with stopwatch() as t:
        for f in files:
            for page in read_pdf(f, ocr=None):
                reasons[page.fallback or page.reader] += 1
    return t["s"], reasons


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=None, help="repetitions (default 3, --quick 1)")
    ap.add_argument("--quick", action="store_true", help="the smallest PDF of each folder, one round")
    ap.add_argument("--workers", type=int, default=0, help="0 (default): in this process; 1: one worker process")
    args = ap.parse_args(argv)
    rounds = args.rounds or (1 if args.quick else 3)
    files = pdf_files(args.quick)
    header("pdfium: whole ingest (pdfium reader) vs bare pdfplumber extract_words", files=len(files), rounds=rounds,
           workers=args.workers)
    warm_up()
    bare(files[:1])
    ingest(files[:1], "pdfium", args.workers)

    ratios, slow_ratios, bare_t, fast_t, slow_t, words_t = [], [], [], [], [], []
    pages, reasons = 0, Counter()
    for r in range(rounds):
        if r % 2 == 0:
            b, pages = bare(files)
            f = ingest(files, "pdfium", args.workers)
            s = ingest(files, "pdfplumber", args.workers)
        else:
            s = ingest(files, "pdfplumber", args.workers)
            f = ingest(files, "pdfium", args.workers)
            b, pages = bare(files)
        w, reasons = pdfium_words_only(files)
        bare_t.append(b)
        fast_t.append(f)
        slow_t.append(s)
        words_t.append(w)
        ratios.append(f / b)
        slow_ratios.append(s / b)
        print(f"   round {r + 1}: bare {1000 * b / pages:6.1f} ms/page   ingest pdfium {1000 * f / pages:6.1f} ms/page "
              f"(ratio {f / b:.3f})   ingest pdfplumber {1000 * s / pages:6.1f} ms/page (ratio {s / b:.3f})   "
              f"read_pdf pdfium {1000 * w / pages:5.1f} ms/page   load {os.getloadavg()[0]:.2f}")
        sys.stdout.flush()
    ratio = statistics.median(ratios)
    print(f"   {len(files)} files, {pages} pages; pages by reader/fallback reason: {dict(reasons)}")
    print("   " + goal("ingest (pdfium) / bare extract_words, median of rounds", ratio, GOAL))
    print(f"   for reference: ingest (pdfplumber) / bare = {statistics.median(slow_ratios):.3f}")
    footer({"bench": "pdfium", "files": len(files), "pages": pages, "rounds": rounds, "workers": args.workers,
            "bare_ms_per_page": round(1000 * statistics.median(bare_t) / pages, 1),
            "ingest_pdfium_ms_per_page": round(1000 * statistics.median(fast_t) / pages, 1),
            "ingest_pdfplumber_ms_per_page": round(1000 * statistics.median(slow_t) / pages, 1),
            "read_pdf_pdfium_ms_per_page": round(1000 * statistics.median(words_t) / pages, 1),
            "ratio": round(ratio, 3), "ratios": [round(x, 3) for x in ratios], "goal": f"<= {GOAL}",
            "met": ratio <= GOAL, "fallbacks": {k: v for k, v in reasons.items() if k != "pdfium"}})
    return 0


if __name__ == "__main__":
    sys.exit(main())
