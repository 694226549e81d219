#!/usr/bin/env python3
"""Accuracy on a generated archive: ingest, export, score against the generator's truth, per tool and template.

    .venv/bin/python bench/accuracy.py [--n 1000] [--pdf-share 0.5] [--tools pdftotext-raw,pdfium,...]
                                       [--workers 2] [--misses 15] [--quick]

Generates --n proposals (half PDFs by default; the text files are dumps of generated PDFs by the real PDF-to-text
tools of synth.dump_tools, drawn per file from --tools), ingests them into a fresh temporary SQLite, exports the
documents (pipeline.export_documents, the SCHEMA dicts) and scores them with ../shared/tools/score.py against
<archive>/truth. Prints the overall figures (documents_found, spurious documents, field accuracy, cell F1 with
precision/recall, unflagged precision and every per-metric ratio), then a table per source form (PDF, or the tool
that made the text dump) and PDF template, and the most frequent kinds of miss. `--pdf-share 0` sends every
proposal through the tools (issue 12's bar: found >= 99.5%, cell F1 >= 0.99).
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import archive, describe, footer, header, load_scorer, scratch, sqlite_url, stopwatch  # noqa: E402

from synth.dump_tools import REAL_TOOLS, TOOLS, ToolMissing  # noqa: E402
from synth.generate import read_manifest  # noqa: E402


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


def form_of(made: dict[str, str | None]) -> str:
    """How a generated file reaches the reader: "pdf", or the tool that made its text dump."""
    return made["tool"] or "pdf"


def by_group(gold: list[dict], docs: list[dict], manifest: dict[str, dict[str, str | None]]
             ) -> dict[tuple[str, str], tuple[list[dict], list[dict]]]:
    """Gold and exported documents split by (form, template) of their source file, plus (form, "all") and
    ("all", template) rows; a document whose source the manifest does not know goes under "?"."""
    groups: dict[tuple[str, str], tuple[list[dict], list[dict]]] = {}
    for kind, items in ((0, gold), (1, docs)):
        for doc in items:
            made = manifest.get(doc.get("source") or "", {"tool": "?", "template": "?"})
            form, template = form_of(made), made["template"] or "-"
            for key in ((form, template), (form, "all"), ("all", template)):
                groups.setdefault(key, ([], []))[kind].append(doc)
    return groups


def print_table(scorer, gold: list[dict], docs: list[dict], manifest: dict[str, dict[str, str | None]]) -> list[dict]:
    """One line per (form, template): documents found, spurious, field accuracy, cell F1 (P/R), unflagged
    precision; returns the lines as dicts for the BENCH-RESULT."""
    head = (f"     {'form':14s} {'template':8s} {'docs':>5s} {'found':>7s} {'spur':>4s} {'fields':>7s} "
            f"{'cell F1':>7s} {'prec':>7s} {'recall':>7s} {'unflag P':>8s} {'flagged':>7s}")
    print("   per form (PDF or the tool that made the text dump) and PDF template:")
    print(head)
    rows = []
    groups = by_group(gold, docs, manifest)
    order = sorted(groups, key=lambda k: (k[0] == "all", k[0], k[1] == "all", k[1]))
    for form, template in order:
        g, d = groups[(form, template)]
        if not g:
            print(f"     {form:14s} {template:8s} {0:5d}  ({len(d)} spurious documents from files without truth)")
            continue
        r, _ = scorer.score(g, d)
        print(f"     {form:14s} {template:8s} {r['documents_gold']:5d} {r['documents_found']:7.2%} "
              f"{r['documents_spurious']:4d} {(r['field_accuracy'] or 0):7.2%} {r['cell_f1']:7.4f} "
              f"{r['cell_precision']:7.4f} {r['cell_recall']:7.4f} {r['cell_precision_unflagged']:8.4f} "
              f"{r['cells_flagged_uncertain']:7d}")
        rows.append({"form": form, "template": template, "docs": r["documents_gold"],
                     "found": round(r["documents_found"], 4), "spurious": r["documents_spurious"],
                     "fields": round(r["field_accuracy"] or 0, 4), "cell_f1": round(r["cell_f1"], 4),
                     "recall": round(r["cell_recall"], 4),
                     "unflagged_precision": round(r["cell_precision_unflagged"], 4)})
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=None, help="proposals to generate (default 1000, --quick 60)")
    ap.add_argument("--pdf-share", type=float, default=0.5)
    ap.add_argument("--tools", default=",".join(REAL_TOOLS),
                    help=f"comma-separated tools making the text dumps (of {', '.join(TOOLS)})")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--misses", type=int, default=15, help="how many kinds of miss to list")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    n = args.n or (60 if args.quick else 1000)
    tools = tuple(t.strip() for t in args.tools.split(",") if t.strip())
    header("accuracy: generated archive scored against its truth", n=n, pdf_share=args.pdf_share,
           tools="+".join(tools), workers=args.workers, seed=args.seed)
    import pipeline

    scorer = load_scorer()
    with scratch() as tmp:
        try:
            src, gen_s = archive(n, args.pdf_share, args.seed, into=tmp, text_tools=tools)
        except (ToolMissing, ValueError) as exc:
            print(f"accuracy: {exc}", file=sys.stderr)
            return 2
        manifest = read_manifest(src)
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
    print(f"   unflagged precision {result['cell_precision_unflagged']:.2%}  "
          f"({result['cells_flagged_uncertain']} cells flagged uncertain)")
    for name, ratio in result["per_metric"].items():
        ok, total = tally.counts[name]
        print(f"     {name:32s} {ratio:7.2%}  ({ok}/{total})")
    table = print_table(scorer, gold, docs, manifest)
    if args.misses and tally.misses:
        print(f"   most frequent kinds of miss ({len(tally.misses)} misses in all):")
        for kind, count in Counter(miss_kind(m) for m in tally.misses).most_common(args.misses):
            print(f"     {count:6d}  {kind[:110]}")
    footer({"bench": "accuracy", "n": n, "pdf_share": args.pdf_share, "files": report.files, "failed": report.failed,
            "documents_found": round(result["documents_found"], 4), "spurious": result["documents_spurious"],
            "field_accuracy": round(result["field_accuracy"] or 0, 4), "cell_f1": round(result["cell_f1"], 4),
            "cell_precision": round(result["cell_precision"], 4), "cell_recall": round(result["cell_recall"], 4),
            "unflagged_precision": round(result["cell_precision_unflagged"], 4), "ingest_s": round(t["s"], 1),
            "tools": list(tools), "per_form": table})
    return 0


if __name__ == "__main__":
    sys.exit(main())
