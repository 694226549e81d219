#!/usr/bin/env python3
"""Accuracy on a generated archive: ingest, export, score against the generator's truth.

    .venv/bin/python bench/accuracy.py [--n 1000] [--pdf-share 0.5] [--workers 2] [--misses 15] [--quick]

Generates --n proposals (half PDFs by default), ingests them into a fresh temporary SQLite, exports the documents
(pipeline.export_documents, the SCHEMA dicts) and scores them with ../shared/tools/score.py against
<archive>/truth. Prints documents_found, spurious documents, field accuracy and cell F1 (with precision/recall and
every per-metric ratio), and the most frequent kinds of miss.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import archive, describe, footer, header, load_scorer, scratch, sqlite_url, stopwatch  # noqa: E402


def miss_kind(miss: str) -> str:
    """What kind of miss a scorer miss line is: its metric, and for cells and tables the row label / table number."""
    metric, _, detail = miss.partition(":")
    if metric == "cell":
        row = re.search(r"Tabel (\S+) / (.*?) \[", detail)
        return f"cell: Tabel {row.group(1)} / {row.group(2)}" if row else metric
    if metric == "table missing":
        table = re.search(r"Tabel \S+", detail)
        return f"table missing: {table.group(0)}" if table else metric
    if metric == "rows_found":
        row = re.search(r"Tabel (\S+) / (.*)", detail)
        return f"row missing: Tabel {row.group(1)} / {row.group(2)}" if row else metric
    return metric


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=None, help="proposals to generate (default 1000, --quick 60)")
    ap.add_argument("--pdf-share", type=float, default=0.5)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--misses", type=int, default=15, help="how many kinds of miss to list")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    n = args.n or (60 if args.quick else 1000)
    header("accuracy: generated archive scored against its truth", n=n, pdf_share=args.pdf_share,
           workers=args.workers, seed=args.seed)
    import pipeline

    scorer = load_scorer()
    with scratch() as tmp:
        src, gen_s = archive(n, args.pdf_share, args.seed, into=tmp)
        print(f"   archive: {describe(src)}" + (f" (generated in {gen_s:.1f} s)" if gen_s else " (reused)"))
        db = sqlite_url(tmp)
        with stopwatch() as t:
            report = pipeline.ingest([src], db=db, workers=args.workers)
        print(f"   ingest: {t['s']:.1f} s, {report.ok} ok, {report.failed} failed, {report.documents} documents")
        for path, reason in report.failures[:5]:
            print(f"     failed: {Path(path).name}: {reason}")
        docs = pipeline.export_documents(db)
        gold = scorer.load_gold([src / "truth"])
    result, tally = scorer.score(gold, docs)
    print(f"   documents: gold {result['documents_gold']}, exported {len(docs)}")
    print(f"   documents_found     {result['documents_found']:.2%}")
    print(f"   documents_spurious  {result['documents_spurious']}")
    print(f"   field_accuracy      {result['field_accuracy']:.2%}")
    print(f"   cell_f1             {result['cell_f1']:.2%}  (precision {result['cell_precision']:.2%}, "
          f"recall {result['cell_recall']:.2%}; {result['cells_gold']} gold cells, "
          f"{result['cells_predicted']} predicted)")
    for name, ratio in result["per_metric"].items():
        ok, total = tally.counts[name]
        print(f"     {name:32s} {ratio:7.2%}  ({ok}/{total})")
    if args.misses and tally.misses:
        print(f"   most frequent kinds of miss ({len(tally.misses)} misses in all):")
        for kind, count in Counter(miss_kind(m) for m in tally.misses).most_common(args.misses):
            print(f"     {count:6d}  {kind[:110]}")
    footer({"bench": "accuracy", "n": n, "pdf_share": args.pdf_share, "files": report.files, "failed": report.failed,
            "documents_found": round(result["documents_found"], 4), "spurious": result["documents_spurious"],
            "field_accuracy": round(result["field_accuracy"] or 0, 4), "cell_f1": round(result["cell_f1"], 4),
            "cell_precision": round(result["cell_precision"], 4), "cell_recall": round(result["cell_recall"], 4),
            "ingest_s": round(t["s"], 1)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
