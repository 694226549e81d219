"""The `bcx` command line: parses arguments and calls the library in pipeline.py / models."""
from __future__ import annotations

import sys
from pathlib import Path

import click

import pipeline

DB_OPTION = click.option("--db", envvar="BCX_DB", default=None, help="SQLAlchemy URL (default: SQLite in data/db/).")


@click.group()
def main() -> None:
    """Extract Københavns Kommune business cases into a SQL database."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@DB_OPTION
@click.option("--password", default=None, help="Password for encrypted PDFs.")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Parallel worker processes (default: the machine's cores; 0: in this process, without limits).")
@click.option("--executor", type=click.Choice(["process", "dask"]), default="process", show_default=True)
@click.option("--scheduler", default=None, help="Dask scheduler address (with --executor dask).")
@click.option("--time-limit", type=float, default=pipeline.DEFAULT_LIMITS.time_s, show_default=True,
              help="Seconds allowed per file; a file over it is recorded and its worker replaced.")
@click.option("--memory-limit", type=int, default=pipeline.DEFAULT_LIMITS.memory_mb, show_default=True,
              help="MiB of address space per worker; a file over it is recorded and its worker replaced.")
@click.option("--quiet", is_flag=True, help="Only print failures and the summary.")
def ingest(paths: tuple[Path, ...], db: str | None, password: str | None, workers: int | None, executor: str,
           scheduler: str | None, time_limit: float, memory_limit: int, quiet: bool) -> None:
    """Ingest files and folders of business cases (text dumps and PDFs); unchanged files are skipped."""
    bar = None
    if sys.stderr.isatty() and not quiet:
        from tqdm import tqdm

        bar = tqdm(unit="file", desc="ingest", file=sys.stderr)

    def show(result: pipeline.StorableFile) -> None:
        if result.error:
            click.echo(f"{result.path}: {result.error}", err=True)
        elif not quiet:
            for ordinal, kind, code, title, tables in result.headlines():
                label = " ".join(x for x in (code, title) if x) or "(untitled)"
                line = f"{result.path.name}#{ordinal} {kind}: {label} — {tables} tables"
                (bar.write if bar else click.echo)(line)
        if bar is not None:
            bar.update(1)

    report = pipeline.ingest(paths, db=db, password=password, on_result=show, workers=workers, executor=executor,
                             scheduler=scheduler, time_limit=time_limit, memory_limit_mb=memory_limit)
    if bar is not None:
        bar.close()
    c = report.counts
    click.echo(
        f"run {report.run_id}: {report.files} files: {report.ok} loaded, {report.failed} failed, "
        f"{report.unchanged} unchanged; {report.documents} documents, {report.findings} findings; "
        f"new {c.get('new', 0)}, changed {c.get('changed', 0)}, re-extracted {c.get('reextracted', 0)}, "
        f"removed {c.get('removed', 0)}"
        + ("" if report.exit_code == 0 else " (partial batch)" if report.exit_code == 1 else " (no input files)")
    )
    if report.changed_nothing and report.files:
        click.echo("nothing changed since the last run")
    sys.exit(report.exit_code)


@main.command()
@DB_OPTION
def runs(db: str | None) -> None:
    """The recorded runs: when, and how many files were new, changed, unchanged, removed, failed."""
    for r in pipeline.runs(db):
        click.echo(
            f"run {r['id']} {r['started_at']:%Y-%m-%d %H:%M:%S} {r['status']:8s} extractor {r['extractor_version']}: "
            f"new {r['files_new']}, changed {r['files_changed']}, re-extracted {r['files_reextracted']}, "
            f"unchanged {r['files_unchanged']}, removed {r['files_removed']}, failed {r['files_failed']}"
        )


@main.command()
@click.argument("run_id", type=int)
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def changes(run_id: int, db: str | None, fmt: str) -> None:
    """What run RUN_ID changed, down to the figure (which value, from what to what)."""
    import json

    found = pipeline.changes(run_id, db)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    for ch in found:
        if ch["change"] in ("figure", "field", "document"):
            click.echo(f"  {ch['document']} {ch['item']}: {ch['before']} -> {ch['after']}")
        else:
            click.echo(f"{ch['change']:11s} {ch['path']}")
    if not found:
        click.echo(f"run {run_id} changed nothing")


@main.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "xlsx", "parquet"]), default="json")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="File to write (default stdout).")
def export(db: str | None, fmt: str, output: Path | None) -> None:
    """Export the documents as SCHEMA.md JSON, or one CSV row per figure."""
    from models import database_url, export_csv, export_json, init_db, make_engine, session_scope

    if fmt in ("xlsx", "parquet"):
        if output is None:
            raise click.UsageError(f"--format {fmt} needs -o FILE")
        pipeline.export_tables(output, fmt, db)
        return
    out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "json":
            export_json(pipeline.export_documents(db), out)
        else:
            engine = make_engine(database_url(db))
            init_db(engine)
            with session_scope(engine) as session:
                export_csv(session, out)
    finally:
        if output:
            out.close()


@main.command()
@click.argument("out_dir", type=click.Path(path_type=Path))
@click.option("-n", "--proposals", type=int, default=24, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--pdf-share", type=float, default=0.5, show_default=True)
def generate(out_dir: Path, proposals: int, seed: int, pdf_share: float) -> None:
    """Write a synthetic archive of proposals (text and PDF) with their truth under OUT_DIR/truth."""
    from synth import generate_archive

    files = generate_archive(out_dir, proposals, seed=seed, pdf_share=pdf_share)
    click.echo(f"wrote {len(files)} files ({proposals} documents) to {out_dir}")


@main.command()
@DB_OPTION
@click.option("--strict", is_flag=True, help="Exit 1 when there is any finding.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def check(db: str | None, strict: bool, fmt: str) -> None:
    """List where the documents' own arithmetic does not add up (validation findings)."""
    import json

    found = pipeline.findings(db)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        for f in found:
            where = f"{f['source']}#{f['ordinal']}" + (f" {f['code']}" if f["code"] else "")
            line = f" (page {f['page']}, line {f['line_start']})" if f["page"] else f" (line {f['line_start']})"
            click.echo(f"{f['severity']:7s} {f['rule']:18s} {where}: {f['message']}{line}")
        click.echo(f"{len(found)} findings")
    sys.exit(1 if strict and found else 0)


@main.command()
@click.argument("document")
@click.option("--table", type=int, default=None, help="Table number (Tabel N).")
@click.option("--row", default=None, help="Row label, exact or a part of it.")
@click.option("--year", default=None, help="Year column, or 'total' for I alt.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@DB_OPTION
def trace(document: str, table: int | None, row: str | None, year: str | None, fmt: str, db: str | None) -> None:
    """Where a figure came from: DOCUMENT is a code (BC04), a document id or SOURCE#ORDINAL."""
    import json

    hits = pipeline.trace(document, table, row, year, db=db)
    if not hits:
        click.echo(f"no figure matches {document} table={table} row={row!r} year={year}", err=True)
        sys.exit(1)
    if fmt == "json":
        click.echo(json.dumps(hits, ensure_ascii=False, indent=2, default=str))
        return
    for h in hits:
        where = f"page {h['page']}, " if h["page"] else ""
        lines = f"line {h['line_start']}" + (f"-{h['line_end']}" if h["line_end"] != h["line_start"] else "")
        click.echo(
            f"{h['code'] or h['source'] + '#' + str(h['ordinal'])} Tabel {h['table']} | {h['label']} | {h['key']}: "
            f"{h['value']}  (written '{h['text_as_written']}')"
        )
        click.echo(f"  from {h['path']} (sha256 {h['sha256'][:12]}…), {where}{lines}")
        if h["x0"] is not None:
            click.echo(f"  box x0={h['x0']:.1f} top={h['top']:.1f} x1={h['x1']:.1f} bottom={h['bottom']:.1f} pt")
        if h["inferred_by"]:
            click.echo(f"  placed by inference: {h['inferred_by']}")
        if h["ocr"]:
            click.echo("  read by OCR from a scanned page: check it against the page image")
        for n, text in h.get("context", []):
            mark = ">" if h["line_start"] <= n <= (h["line_end"] or h["line_start"]) else " "
            click.echo(f"  {mark}{n:5d}  {text}")


@main.command()
@DB_OPTION
def stats(db: str | None) -> None:
    """Counts of files, documents, tables and values in the database."""
    for key, value in pipeline.counts(db).items():
        click.echo(f"{key}: {value}")


if __name__ == "__main__":
    main()


@main.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (localhost by default).")
@click.option("--port", type=int, default=8000, show_default=True)
def serve(db: str | None, host: str, port: int) -> None:
    """The auditor's read-only web view: proposals, their tables and findings, each figure on its page."""
    from web.app import create_app

    click.echo(f"bcx serve: http://{host}:{port}/ (read-only; Ctrl-C stops)")
    create_app(db).run(host=host, port=port)
