#!/usr/bin/env python3
"""Pipeline time per PDF page against pdfplumber's bare `page.extract_words()` on the same files.

    .venv/bin/python bench/pdf_pages.py [--rounds 3] [--no-ingest] [--no-profile] [--quick]

Files: every PDF of ../shared/corpus/pdf and ../shared/corpus/pdf-plain (--quick: the two smallest of each).
Per round, in alternating order: (a) bare = pdfplumber.open + page.extract_words() on every page, nothing else;
(b) pipeline = pipeline.extract_file(path) (parse, layout, tables, spaCy, checks; no DB). The ratio is the median
of the per-round ratios b/a, each pair measured back to back. Goal: <= 1.2.

Then (unless --no-ingest) one pipeline.ingest of the same files into a fresh temporary SQLite (workers=1), against
the median bare time; and (unless --no-profile) cProfile of extract_file over all files, with the time grouped:
pdfplumber/pdfminer parse, our lines/layout/tables/header/checks, spaCy, and (profile of the ingest) the DB.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PDF_DIRS, bare, footer, goal, header, scratch, sqlite_url, stopwatch, warm_up  # noqa: E402

GOAL = 1.2


def pdf_files(quick: bool) -> list[Path]:
    out = []
    for folder in PDF_DIRS:
        files = sorted(folder.glob("*.pdf"))
        if quick:
            files = sorted(sorted(files, key=lambda p: p.stat().st_size)[:2])
        out.extend(files)
    return out


def through_pipeline(files: list[Path]) -> float:
    import pipeline

    with stopwatch() as t:
        for f in files:
            result = pipeline.extract_file(f)
            if result.error:
                print(f"   ! {f.name}: {result.error}")
    return t["s"]


# ---------------------------------------------------------------- profile grouping


def _group_of(filename: str) -> str:
    f = filename.replace("\\", "/")
    if "/pdfminer/" in f or "/pdfplumber/" in f:
        return "pdf parse"
    if "/spacy/" in f or "/thinc/" in f or "/srsly/" in f:
        return "spaCy"
    if "/sqlalchemy/" in f or "sqlite3" in f or "/psycopg" in f:
        return "DB"
    if "/work/main/" in f or f.startswith(("pipeline", "extract", "parsers", "models")):
        return "ours"
    return "other"


def _cum(stats: pstats.Stats, path_end: str, name: str) -> float:
    """Cumulative seconds of functions `name` defined in files ending with path_end (summed if several)."""
    total = 0.0
    for (filename, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():
        if func == name and filename.replace("\\", "/").endswith(path_end):
            total += ct
    return total


def _self_by_group(stats: pstats.Stats) -> dict[str, float]:
    out: dict[str, float] = {}
    for (filename, _line, _func), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():
        g = _group_of(filename)
        out[g] = out.get(g, 0.0) + tt
    return out


def print_top(stats: pstats.Stats, n: int = 25) -> None:
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][3], reverse=True)
    print(f"   top {n} cumulative entries (group, calls, cumulative s, self s, function):")
    shown = 0
    for (filename, line, func), (_cc, nc, tt, ct, _callers) in rows:
        if filename == "~":  # builtins such as exec / method calls without a file
            continue
        short = filename.split("site-packages/")[-1].replace("/work/main/", "")
        print(f"     {_group_of(filename):9s} {nc:8d} {ct:8.2f} {tt:7.2f}  {short}:{line}({func})")
        shown += 1
        if shown >= n:
            break


def profile_extract(files: list[Path]) -> dict:
    import pipeline

    prof = cProfile.Profile()
    prof.enable()
    for f in files:
        pipeline.extract_file(f)
    prof.disable()
    stats = pstats.Stats(prof)
    total = _cum(stats, "pipeline.py", "extract_file")
    read = _cum(stats, "parsers/pdffile.py", "read_pdf")
    to_lines = _cum(stats, "parsers/pdffile.py", "words_to_lines")
    spacy_t = _cum(stats, "spacy/language.py", "__call__")
    split = _cum(stats, "parsers/split.py", "split_documents") + _cum(stats, "parsers/split.py", "drop_page_numbers")
    ext_doc = _cum(stats, "extract/document.py", "extract_document")
    tables = _cum(stats, "extract/document.py", "_tables")
    header_t = _cum(stats, "extract/document.py", "_header_fields")
    checks = _cum(stats, "extract/checks.py", "run_checks")
    layout = _cum(stats, "extract/layout.py", "words_to_raw_rows")
    placement = _cum(stats, "extract/placement.py", "place_table")
    parse = read - to_lines
    ours = total - parse - spacy_t
    groups = {
        "pdfplumber/pdfminer parse (read_pdf minus our words_to_lines)": parse,
        "ours: lines, split, header, sections, layout, tables, checks": ours,
        "spaCy (Language.__call__, blank 'da' + lookup lemmatizer + entity rulers)": spacy_t,
    }
    print(f"   profiled extract_file over {len(files)} files: {total:.2f} s under cProfile (profiling inflates "
          "Python-heavy code more than C code, so read shares, not absolute times)")
    for label, secs in groups.items():
        print(f"     {secs:8.2f} s  {secs / total:6.1%}  {label}")
    print("   inside 'ours' (cumulative, each may include spaCy it calls):")
    for label, secs in {
        "words_to_lines (PDF words -> lines)": to_lines,
        "split_documents + drop_page_numbers": split,
        "extract_document": ext_doc,
        "  _header_fields (incl. spaCy departments)": header_t,
        "  _tables (regions, layout, placement)": tables,
        "    layout.words_to_raw_rows": layout,
        "    placement.place_table": placement,
        "run_checks": checks,
    }.items():
        print(f"     {secs:8.2f} s  {secs / total:6.1%}  {label}")
    selfs = _self_by_group(stats)
    print("   self time by library (stdlib/regex/difflib called from our code counts as 'other'): "
          + ", ".join(f"{k} {v:.2f}s" for k, v in sorted(selfs.items(), key=lambda kv: -kv[1])))
    print_top(stats)
    return {k.split(" (")[0].split(":")[0]: round(v / total, 3) for k, v in groups.items()} | {"profiled_s": total}


def profile_ingest(files: list[Path]) -> dict:
    import pipeline

    with scratch() as tmp:
        prof = cProfile.Profile()
        prof.enable()
        pipeline.ingest(files, db=sqlite_url(tmp), workers=1)
        prof.disable()
    stats = pstats.Stats(prof)
    total = _cum(stats, "pipeline.py", "ingest")
    extract = _cum(stats, "pipeline.py", "extract_file")
    write = _cum(stats, "pipeline.py", "_write_retrying")
    hashing = _cum(stats, "pipeline.py", "plan")
    print(f"   profiled ingest (workers=1, fresh SQLite) of the same files: {total:.2f} s under cProfile")
    for label, secs in {"extract_file (everything above)": extract,
                        "DB: schema, run record, store documents/findings (_write_retrying)": write,
                        "plan (sha256 of every file)": hashing,
                        "rest (discover, engine, init)": total - extract - write - hashing}.items():
        print(f"     {secs:8.2f} s  {secs / total:6.1%}  {label}")
    return {"ingest_db_share": round(write / total, 3), "ingest_extract_share": round(extract / total, 3)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=None, help="repetitions (default 3, --quick 1)")
    ap.add_argument("--quick", action="store_true", help="the two smallest PDFs of each folder, one round")
    ap.add_argument("--no-ingest", action="store_true", help="skip the ingest into a temporary SQLite")
    ap.add_argument("--no-profile", action="store_true", help="skip the cProfile breakdown")
    args = ap.parse_args(argv)
    rounds = args.rounds or (1 if args.quick else 3)
    files = pdf_files(args.quick)
    header("pdf_pages: pipeline vs bare pdfplumber extract_words, per page", files=len(files), rounds=rounds)
    warm_up()
    bare(files[:1])

    bare_t, pipe_t, ratios = [], [], []
    pages = 0
    for r in range(rounds):
        if r % 2 == 0:
            b, pages = bare(files)
            p = through_pipeline(files)
        else:
            p = through_pipeline(files)
            b, pages = bare(files)
        bare_t.append(b)
        pipe_t.append(p)
        ratios.append(p / b)
        print(f"   round {r + 1}: bare {b:7.2f} s ({1000 * b / pages:6.1f} ms/page)   pipeline {p:7.2f} s "
              f"({1000 * p / pages:6.1f} ms/page)   ratio {p / b:.3f}")
    ratio = statistics.median(ratios)
    b_med, p_med = statistics.median(bare_t), statistics.median(pipe_t)
    print(f"   {len(files)} files, {pages} pages; median bare {1000 * b_med / pages:.1f} ms/page, "
          f"median pipeline {1000 * p_med / pages:.1f} ms/page; ratio of minima {min(pipe_t) / min(bare_t):.3f}")
    print("   " + goal("pipeline/bare per page (median of rounds)", ratio, GOAL))
    result = {"bench": "pdf_pages", "files": len(files), "pages": pages, "rounds": rounds,
              "bare_ms_per_page": round(1000 * b_med / pages, 1),
              "pipeline_ms_per_page": round(1000 * p_med / pages, 1),
              "ratio": round(ratio, 3), "goal": f"<= {GOAL}", "met": ratio <= GOAL}

    if not args.no_ingest:
        import pipeline

        with scratch() as tmp:
            with stopwatch() as t:
                rep = pipeline.ingest(files, db=sqlite_url(tmp), workers=1)
        i_ratio = t["s"] / b_med
        print(f"   ingest into a fresh SQLite (workers=1): {t['s']:.2f} s ({1000 * t['s'] / pages:.1f} ms/page), "
              f"{rep.documents} documents, {rep.failed} failed")
        print("   " + goal("ingest/bare per page", i_ratio, GOAL))
        result |= {"ingest_ms_per_page": round(1000 * t["s"] / pages, 1), "ingest_ratio": round(i_ratio, 3)}

    if not args.no_profile:
        print("-- where the time goes")
        result["profile"] = profile_extract(files)
        if not args.no_ingest:
            result["profile"] |= profile_ingest(files)
    footer(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
