#!/usr/bin/env python3
"""Peak memory of ingesting a small and a large archive, each in a fresh subprocess; the ratio should stay flat.

    .venv/bin/python bench/memory.py [--small 1000] [--large 5000] [--pdf-share 0.05] [--workers 2] [--quick]

One text-heavy archive is generated with enough documents for --large files; a fresh Python process then ingests
the first --small files (sorted), another fresh process the first --large files, each into its own new SQLite, with
workers=2. Each child reports resource.getrusage(RUSAGE_SELF).ru_maxrss (the writer process) and
getrusage(RUSAGE_CHILDREN).ru_maxrss (the largest of its pool workers, read after the pool has been joined).
The figure compared is their sum, writer + largest worker, and also the estimate writer + workers x largest worker
(the true peak of the whole tree lies at or below it). Goal: large/small ~ 1.0 (flat: memory does not grow with
the archive).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import archive, describe, footer, header, scratch, source_files, sqlite_url  # noqa: E402

FLAT = 1.2  # what we accept as "flat"


def proposals_for(files: int, pdf_share: float, seed: int) -> int:
    """The fewest documents whose archive has at least `files` files (bundles hold several documents)."""
    from synth.generate import plan_files

    n = files
    while len(plan_files(n, seed, pdf_share, 0.2)) < files:
        n += max(1, (files - len(plan_files(n, seed, pdf_share, 0.2))))
    return n


def child(list_file: str, db: str, workers: int) -> int:
    """Run in the fresh process: ingest the listed files and print one JSON line with the peaks (KiB on Linux)."""
    import pipeline

    files = [Path(line) for line in Path(list_file).read_text().splitlines() if line]
    t0 = time.perf_counter()
    report = pipeline.ingest(files, db=db, workers=workers)
    wall = time.perf_counter() - t0
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"files": report.files, "documents": report.documents, "failed": report.failed, "wall_s": wall,
                      "self_kib": me, "children_kib": kids}))
    return 0


def measure(files: list[Path], tmp: Path, tag: str, workers: int) -> dict:
    list_file = tmp / f"{tag}.list"
    list_file.write_text("\n".join(str(f) for f in files) + "\n")
    cmd = [sys.executable, __file__, "--child", str(list_file), sqlite_url(tmp, f"{tag}.sqlite"), str(workers)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        print(out.stderr[-2000:])
        raise SystemExit(f"child for {tag} failed with exit code {out.returncode}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    if argv is None and len(sys.argv) > 1 and sys.argv[1] == "--child":
        return child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--small", type=int, default=None, help="files in the small run (default 1000, --quick 50)")
    ap.add_argument("--large", type=int, default=None, help="files in the large run (default 5000, --quick 250)")
    ap.add_argument("--pdf-share", type=float, default=0.05)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    small = args.small or (50 if args.quick else 1000)
    large = args.large or (250 if args.quick else 5000)
    header("memory: peak RSS of ingesting a small vs a large archive, fresh processes", small=small, large=large,
           pdf_share=args.pdf_share, workers=args.workers)
    n = proposals_for(large, args.pdf_share, args.seed)
    results = {}
    with scratch() as tmp:
        src, gen_s = archive(n, args.pdf_share, args.seed, into=tmp)
        print(f"   archive of {n} documents: {describe(src)}" + (f" (generated in {gen_s:.1f} s)" if gen_s else ""))
        files = source_files(src)
        for tag, count in (("small", small), ("large", large)):
            chosen = files[:count]
            r = measure(chosen, tmp, tag, args.workers)
            mb = sum(f.stat().st_size for f in chosen) / 1e6
            r["sum_mib"] = (r["self_kib"] + r["children_kib"]) / 1024
            r["tree_mib"] = (r["self_kib"] + args.workers * r["children_kib"]) / 1024
            results[tag] = r
            print(f"   {tag:5s}: {r['files']:5d} files ({mb:.1f} MB, {r['documents']} documents) "
                  f"in {r['wall_s']:.1f} s; "
                  f"writer {r['self_kib'] / 1024:.0f} MiB + largest worker {r['children_kib'] / 1024:.0f} MiB = "
                  f"{r['sum_mib']:.0f} MiB (tree estimate {r['tree_mib']:.0f} MiB)")
    ratio = results["large"]["sum_mib"] / results["small"]["sum_mib"]
    writer = results["large"]["self_kib"] / results["small"]["self_kib"]
    worker = results["large"]["children_kib"] / results["small"]["children_kib"]
    grow = (results["large"]["self_kib"] - results["small"]["self_kib"]) / 1024 / (large - small) * 1000
    print(f"   large/small: writer {writer:.3f}, largest worker {worker:.3f}; "
          f"the writer grows by {grow:.1f} MiB per 1000 files")
    met = ratio <= FLAT
    print(f"   peak (writer + largest worker) large/small = {ratio:.3f}  "
          f"(goal: flat ~1.0, accepted <= {FLAT}: {'MET' if met else 'NOT MET'})")
    footer({"bench": "memory", "small_files": small, "large_files": large,
            "small_mib": round(results["small"]["sum_mib"]), "large_mib": round(results["large"]["sum_mib"]),
            "writer_ratio": round(writer, 3), "worker_ratio": round(worker, 3),
            "writer_mib_per_1000_files": round(grow, 1), "ratio": round(ratio, 3),
            "goal": "~1.0 (<= 1.2)", "met": met})
    return 0


if __name__ == "__main__":
    sys.exit(main())
