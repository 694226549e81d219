#!/usr/bin/env python3
"""A no-change rerun against the full ingest of the same archive.

    .venv/bin/python bench/rerun.py [--n 5000] [--pdf-share 0.05] [--workers 2] [--quick]

Generates a synthetic archive of --n documents (text-heavy by default, so it stays quick), ingests it into a fresh
temporary SQLite with workers=2, then ingests the same folder again with nothing changed (every file is hashed and
found unchanged; nothing is parsed). Prints rerun/full. Goal: <= 0.02.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import archive, describe, footer, goal, header, scratch, source_files, sqlite_url, stopwatch  # noqa: E402

GOAL = 0.02


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=None, help="documents in the archive (default 5000, --quick 200)")
    ap.add_argument("--pdf-share", type=float, default=0.05)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    n = args.n or (200 if args.quick else 5000)
    header("rerun: no-change rerun vs full ingest", n=n, pdf_share=args.pdf_share, workers=args.workers)
    import pipeline

    with scratch() as tmp:
        src, gen_s = archive(n, args.pdf_share, args.seed, into=tmp)
        print(f"   archive: {describe(src)}" + (f" (generated in {gen_s:.1f} s)" if gen_s else " (reused)"))
        db = sqlite_url(tmp)
        with stopwatch() as full:
            first = pipeline.ingest([src], db=db, workers=args.workers)
        print(f"   full ingest: {full['s']:8.2f} s  {first.files} files, {first.ok} ok, {first.failed} failed, "
              f"{first.documents} documents  ({1000 * full['s'] / max(first.files, 1):.1f} ms/file)")
        with stopwatch() as again:
            second = pipeline.ingest([src], db=db, workers=args.workers)
        print(f"   rerun:       {again['s']:8.2f} s  unchanged {second.unchanged}/{second.files}, "
              f"changed_nothing={second.changed_nothing}, counts={second.counts}")
        # what a rerun cannot avoid: reading and hashing every file
        files = source_files(src)
        with stopwatch() as hashing:
            for f in files:
                hashlib.sha256(f.read_bytes()).hexdigest()
        print(f"   of which at least: sha256 of all {len(files)} files (warm cache) {hashing['s']:.2f} s")
    ratio = again["s"] / full["s"]
    print("   " + goal("rerun/full", ratio, GOAL))
    footer({"bench": "rerun", "n": n, "files": first.files, "documents": first.documents, "full_s": round(full["s"], 2),
            "rerun_s": round(again["s"], 3), "ratio": round(ratio, 4), "changed_nothing": second.changed_nothing,
            "goal": f"<= {GOAL}", "met": ratio <= GOAL and second.changed_nothing})
    return 0


if __name__ == "__main__":
    sys.exit(main())
