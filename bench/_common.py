"""Shared helpers of the hand-run benchmarks in bench/ (not tests: nothing here asserts, everything prints).

Every benchmark prints its figures as it goes and ends with one machine-readable line

    BENCH-RESULT {"bench": "...", ...}

which bench/run_all.py collects into a summary. Ratios are always of timings taken in the same run, so that a
busy machine slows both sides alike (as far as it can: the load average is printed at the start and the end).
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
PDF_DIRS = [CORPUS / "pdf", CORPUS / "pdf-plain"]
SCORER = SHARED / "tools" / "score.py"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# run_all.py sets this so that benchmarks asking for the same archive generate it once
CACHE_ENV = "BCX_BENCH_CACHE"


def load_scorer():
    spec = importlib.util.spec_from_file_location("bcx_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def header(title: str, **params) -> None:
    print(f"== {title}")
    print(f"   cpus={os.cpu_count()} load(1/5/15 min)={loadavg()} python={sys.version.split()[0]}")
    if params:
        print("   " + " ".join(f"{k}={v}" for k, v in params.items()))
    sys.stdout.flush()


def footer(result: dict) -> None:
    print(f"   load at end: {loadavg()}")
    print("BENCH-RESULT " + json.dumps(result, ensure_ascii=False, default=str))
    sys.stdout.flush()


def goal(label: str, value: float, target: float, higher_is_better: bool = False) -> str:
    met = value >= target if higher_is_better else value <= target
    sign = ">=" if higher_is_better else "<="
    return f"{label} = {value:.3f}  (goal {sign} {target:g}: {'MET' if met else 'NOT MET'})"


@contextmanager
def stopwatch():
    box = {}
    t0 = time.perf_counter()
    try:
        yield box
    finally:
        box["s"] = time.perf_counter() - t0


@contextmanager
def scratch(prefix: str = "bcx-bench-"):
    """A temporary folder, removed afterwards (kept if BCX_BENCH_KEEP is set, for inspection)."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        if os.environ.get("BCX_BENCH_KEEP"):
            print(f"   kept {path}")
        else:
            shutil.rmtree(path, ignore_errors=True)


def sqlite_url(folder: Path, name: str = "bench.sqlite") -> str:
    return f"sqlite:///{folder / name}"


def archive(n_proposals: int, pdf_share: float, seed: int = 0, into: Path | None = None,
            text_tools: tuple[str, ...] | None = None) -> tuple[Path, float]:
    """A synthetic archive of n_proposals documents; returns (folder, seconds spent generating, 0 if reused).

    Text files are dumps by `text_tools` (synth.dump_tools; default the generator's: all four real tools).

    With $BCX_BENCH_CACHE set, the archive is stored there by its parameters and reused by later benchmarks.
    Otherwise it goes into `into` (a scratch folder of the caller). The truth is under <folder>/truth.
    The archive lives in a sub-folder `src` so that no database file is ever inside the ingested tree.
    """
    from synth import generate_archive

    cache = os.environ.get(CACHE_ENV)
    base = Path(cache) if cache else into
    if base is None:
        raise ValueError("archive() needs a folder or $BCX_BENCH_CACHE")
    from synth.dump_tools import REAL_TOOLS

    text_tools = tuple(text_tools or REAL_TOOLS)
    tools = "" if text_tools == REAL_TOOLS else "_" + "+".join(text_tools)
    folder = base / f"archive_n{n_proposals}_pdf{pdf_share:g}_s{seed}{tools}" / "src"
    done = folder.parent / "complete"
    if done.exists():
        return folder, 0.0
    if folder.exists():
        shutil.rmtree(folder)
    with stopwatch() as t:
        generate_archive(folder, n_proposals, seed=seed, pdf_share=pdf_share, text_tools=text_tools)
    done.write_text("ok\n")
    return folder, t["s"]


def source_files(folder: Path) -> list[Path]:
    """The source files the pipeline would discover (the truth JSON is not among them)."""
    import pipeline

    return list(pipeline.discover([folder]))


def describe(folder: Path) -> str:
    files = source_files(folder)
    pdfs = sum(1 for f in files if f.suffix.lower() == ".pdf")
    size = sum(f.stat().st_size for f in files)
    return f"{len(files)} files ({pdfs} PDF, {len(files) - pdfs} text), {size / 1e6:.1f} MB"


def warm_up() -> None:
    """Load spaCy, pdfplumber and SQLAlchemy once so that no timed run pays the import and model loading."""
    import pipeline
    from extract.nlp import build_nlp

    build_nlp()
    pdfs = sorted(PDF_DIRS[0].glob("*.pdf"))
    if pdfs:
        pipeline.extract_file(min(pdfs, key=lambda p: p.stat().st_size))


def bare(files: list[Path]) -> tuple[float, int]:
    """(seconds, pages) of pdfplumber's bare extract_words over every page of `files`: the baseline of the PDF
    benchmarks."""
    import pdfplumber

    pages = 0
    with stopwatch() as t:
        for f in files:
            with pdfplumber.open(f) as pdf:
                for page in pdf.pages:
                    page.extract_words()
                    pages += 1
    return t["s"], pages
