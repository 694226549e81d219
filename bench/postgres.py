#!/usr/bin/env python3
"""Ingest time into PostgreSQL against SQLite, same archive, workers=1.

    BCX_BENCH_PG_URL=postgresql+psycopg://user:pw@host/db .venv/bin/python bench/postgres.py [--n 1000] [--quick]

Runs only when $BCX_BENCH_PG_URL is set (any SQLAlchemy PostgreSQL URL whose driver is importable); otherwise it
prints that it was skipped and why. The tables go into a new schema bcx_bench_<pid>_<time> (search_path set through
the URL), dropped again at the end, so an existing bcx database at that URL is not touched. Prints PG/SQLite.
Goal: <= 1.5.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import archive, describe, footer, goal, header, scratch, sqlite_url, stopwatch  # noqa: E402

GOAL = 1.5
ENV = "BCX_BENCH_PG_URL"


def skipped(reason: str) -> int:
    print(f"   SKIPPED: {reason}")
    footer({"bench": "postgres", "skipped": reason})
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=None, help="documents in the archive (default 1000, --quick 100)")
    ap.add_argument("--pdf-share", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    n = args.n or (100 if args.quick else 1000)
    header("postgres: ingest into PostgreSQL vs SQLite, workers=1", n=n, pdf_share=args.pdf_share)
    url = os.environ.get(ENV)
    if not url:
        return skipped(f"${ENV} is not set (e.g. {ENV}=postgresql+psycopg://user:pw@localhost/bcx)")

    from sqlalchemy import create_engine, make_url, text

    try:
        base = make_url(url)
    except Exception as exc:  # noqa: BLE001 - any malformed URL is a reason to skip
        return skipped(f"${ENV} is not a database URL ({exc})")
    if base.get_backend_name() != "postgresql":
        return skipped(f"${ENV} is a {base.get_backend_name()} URL, not PostgreSQL")
    schema = f"bcx_bench_{os.getpid()}_{int(time.time())}"
    try:
        admin = create_engine(base)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except ModuleNotFoundError as exc:
        return skipped(f"no PostgreSQL driver in this interpreter ({exc.name}); install psycopg or psycopg2")
    except Exception as exc:  # noqa: BLE001 - unreachable server, bad credentials, no CREATE right
        return skipped(f"cannot create a schema at {base.render_as_string(hide_password=True)}: "
                       f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
    pg_url = base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    import pipeline

    try:
        with scratch() as tmp:
            src, gen_s = archive(n, args.pdf_share, args.seed, into=tmp)
            print(f"   archive: {describe(src)}" + (f" (generated in {gen_s:.1f} s)" if gen_s else " (reused)"))
            print(f"   PostgreSQL: {base.render_as_string(hide_password=True)}, schema {schema}")
            with stopwatch() as lite:
                r_lite = pipeline.ingest([src], db=sqlite_url(tmp), workers=1)
            print(f"   SQLite:     {lite['s']:8.2f} s  ({r_lite.files} files, {r_lite.documents} documents, "
                  f"{r_lite.failed} failed)")
            with stopwatch() as pg:
                r_pg = pipeline.ingest([src], db=pg_url, workers=1)
            print(f"   PostgreSQL: {pg['s']:8.2f} s  ({r_pg.files} files, {r_pg.documents} documents, "
                  f"{r_pg.failed} failed)")
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
    ratio = pg["s"] / lite["s"]
    print("   " + goal("PostgreSQL/SQLite", ratio, GOAL))
    footer({"bench": "postgres", "n": n, "files": r_lite.files, "sqlite_s": round(lite["s"], 2),
            "postgres_s": round(pg["s"], 2), "ratio": round(ratio, 3), "goal": f"<= {GOAL}", "met": ratio <= GOAL})
    return 0


if __name__ == "__main__":
    sys.exit(main())
