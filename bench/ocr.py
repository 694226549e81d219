#!/usr/bin/env python3
"""OCR throughput: pages per second reading one scanned file with workers=1 and workers=2, as a ratio.

    .venv/bin/python bench/ocr.py [--file NAME] [--workers 2] [--rounds 1] [--quick]

The file is one of ../shared/corpus/scanned-office (default its largest, 28 pages; --quick: its smallest, 6 pages),
ingested into a fresh SQLite each time with the default limits. A scanned file's pages are units of work of their
own (ingest/pages.py), so one file spreads over all the workers. Prints pages/s of each side, the ratio
t(1)/t(N) per round (alternating which side runs first) and its median. Goal: >= 1.8 with 2 workers.

Only a machine with idle cores can show the goal: on 2 cores shared with other work, two workers get less than two
cores' time (the load average is printed at the start and the end; read the ratio next to it).
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CORPUS, footer, goal, header, scratch, sqlite_url, stopwatch  # noqa: E402

GOAL = 1.8
SCANNED = CORPUS / "scanned-office"


def pages_of(path: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def timed_ingest(path: Path, db: str, workers: int) -> tuple[float, object]:
    import pipeline

    folder = Path(db.removeprefix("sqlite:///")).parent / f"in-{workers}"
    folder.mkdir(exist_ok=True)
    link = folder / path.name
    if not link.exists():
        link.symlink_to(path)  # a folder of its own: the database never sits in the ingested tree
    with stopwatch() as t:
        report = pipeline.ingest([folder], db=db, workers=workers)
    return t["s"], report


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--file", help="a file name in scanned-office (default: the largest; --quick the smallest)")
    ap.add_argument("--workers", type=int, default=2, help="the parallel side (default 2)")
    ap.add_argument("--rounds", type=int, default=1, help="alternating rounds; the median ratio counts (default 1)")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    from parsers.ocr import tesseract_ready

    files = sorted(SCANNED.glob("*.pdf"), key=lambda p: (p.stat().st_size, p.name))
    reason = tesseract_ready() or (None if files else f"no scanned files in {SCANNED}")
    if reason:
        print(f"SKIPPED: {reason}")
        footer({"bench": "ocr", "skipped": reason})
        return 0
    path = SCANNED / args.file if args.file else (files[0] if args.quick else files[-1])
    pages = pages_of(path)
    header("ocr: one scanned file, workers=1 vs workers=N (pages are the units of work)", file=path.name,
           pages=pages, workers=args.workers)
    from extract.nlp import build_nlp

    build_nlp()  # loaded before timing, as a long ingest has it
    ratios, t1 = [], {}
    with scratch() as tmp:
        for round_no in range(args.rounds):
            order = (1, args.workers) if round_no % 2 == 0 else (args.workers, 1)
            timed = {w: timed_ingest(path, sqlite_url(tmp, f"r{round_no}w{w}.sqlite"), w) for w in order}
            for w in order:
                s, report = timed[w]
                print(f"   round {round_no + 1} workers={w}: {s:8.1f} s, {pages / s:.3f} pages/s "
                      f"({report.documents} documents, {report.failed} failed)")
            t1[round_no] = timed[1][0], timed[args.workers][0]
            ratios.append(timed[1][0] / timed[args.workers][0])
            print(f"   round ratio t(1)/t({args.workers}) = {ratios[-1]:.3f}")
    ratio = statistics.median(ratios)
    s1, sn = t1[len(ratios) - 1]
    print("   " + goal(f"pages/s workers={args.workers} / workers=1, median of {len(ratios)} rounds", ratio, GOAL,
                     higher_is_better=True))
    footer({"bench": "ocr", "file": path.name, "pages": pages, "workers": args.workers,
            "pages_per_s_1": round(pages / s1, 3), "pages_per_s_n": round(pages / sn, 3), "t1_s": round(s1, 1),
            "tn_s": round(sn, 1), "ratio": round(ratio, 3), "rounds": [round(r, 3) for r in ratios],
            "goal": f">= {GOAL}", "met": ratio >= GOAL})
    return 0


if __name__ == "__main__":
    sys.exit(main())
