"""The `bcx` command line: a thin skin over the library (pipeline.py, models/).

Every command turns the library's BcxError into one line `bcx: ...` and its exit status (models/errors.py); any
other failure is one line too, and `bcx --debug ...` shows its traceback.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

import pipeline
from cli.progress import LogProgress, TerminalProgress, failure_line
from models.errors import BcxError, ExitCode, printable

DB_HELP = "Database URL (SQLAlchemy); default: $BCX_DB, else SQLite at data/db/bcx.sqlite."


class BcxGroup(click.Group):
    """Errors as one line: BcxError with its exit status, usage errors, and anything unexpected."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BcxError as exc:
            if ctx.params.get("debug"):
                raise
            click.echo(f"bcx: {printable(exc)}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("bcx: interrupted (a rerun finishes the job)", err=True)
            ctx.exit(130)
        except Exception as exc:  # a bug: one line, the traceback with --debug
            if ctx.params.get("debug"):
                raise
            click.echo(f"bcx: internal error: {type(exc).__name__}: {printable(exc)} (bcx --debug ... shows the "
                       "traceback)", err=True)
            ctx.exit(ExitCode.INTERNAL)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Usage errors (a wrong option or value) as one line naming the command, exit status 2."""
        try:
            returned = super().main(args, prog_name or "bcx", complete_var, standalone_mode=False, **extra)
            code = returned if isinstance(returned, int) else 0  # ctx.exit(n) inside comes back as n
        except click.exceptions.Exit as exc:
            code = exc.exit_code
        except click.ClickException as exc:
            where = exc.ctx.command_path if getattr(exc, "ctx", None) else "bcx"
            hint = f" (see {where} --help)" if isinstance(exc, click.UsageError) else ""
            click.echo(f"{where}: {printable(exc.format_message())}{hint}", err=True)
            code = exc.exit_code
        except click.Abort:
            click.echo("bcx: aborted", err=True)
            code = 1
        if standalone_mode:
            sys.exit(code)
        return code


def db_option(f):
    return click.option("--db", envvar="BCX_DB", show_envvar=True, default=None, metavar="URL", help=DB_HELP)(f)


def format_option(*choices: str, default: str = "text"):
    return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
                        help="Output: text for people, json for programs.")


def read_options(f):
    """--format text|json and --db, in this order, on every command that reads the database."""
    return format_option("text", "json")(db_option(f))


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group(name="bcx", cls=BcxGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bcx", message=f"%(prog)s %(version)s (extractor {pipeline.EXTRACTOR_VERSION})")
@click.option("--debug", is_flag=True, help="Show the traceback of an error instead of its one line.")
def main(debug: bool) -> None:
    """Extract Københavns Kommune business cases into a SQL database.

    The database is --db URL or $BCX_DB (any SQLAlchemy URL: sqlite:///PATH, postgresql+psycopg://USER@HOST/DB);
    by default SQLite at data/db/bcx.sqlite. Exit status: 0 done, 1 some files failed, 2 no input (or a wrong
    argument), 3 the database cannot be used, 4 another ingest is running (--no-wait).
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--password", default=None, help="Password for encrypted PDFs.")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Parallel worker processes (default: the machine's cores; 0: in this process, without limits).")
@click.option("--executor", type=click.Choice(["process", "dask"]), default="process", show_default=True,
              help="Where files are read: local worker processes, or a Dask cluster (--scheduler).")
@click.option("--scheduler", default=None, metavar="ADDR", help="Dask scheduler address (with --executor dask).")
@click.option("--time-limit", type=click.FloatRange(min=0, min_open=True), default=pipeline.DEFAULT_LIMITS.time_s,
              show_default=True, help="Seconds allowed per file, or per page of a scanned file (> 0); a file "
                                      "over it is recorded, its worker replaced.")
@click.option("--memory-limit", type=click.IntRange(min=256), default=pipeline.DEFAULT_LIMITS.memory_mb,
              show_default=True, help="MiB of address space a worker may take beyond its start (>= 256); a file "
                                      "over it is recorded, its worker replaced.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
              help="Write what the run did as JSON (files, figures, findings) for a mail or a dashboard.")
@click.option("--no-wait", is_flag=True, help="If another ingest is running on the database, exit 4 at once "
                                                "instead of waiting for it.")
@click.option("--quiet", is_flag=True, help="Only print failures and the summary.")
def ingest(paths: tuple[Path, ...], db: str | None, password: str | None, workers: int | None, executor: str,
           scheduler: str | None, time_limit: float, memory_limit: int, report: Path | None, no_wait: bool,
           quiet: bool) -> None:
    """Ingest files and folders of business cases (text dumps and PDFs); unchanged files are skipped."""
    progress = TerminalProgress(quiet) if sys.stderr.isatty() else LogProgress(quiet)
    try:
        options = pipeline.IngestOptions(password=password, workers=workers, executor=executor, scheduler=scheduler,
                                         limits=pipeline.Limits(time_limit, memory_limit), wait=not no_wait)
        result = pipeline.Archive(db).ingest(paths, options, progress)
    finally:
        progress.close()
    for line in summary_lines(result):
        click.echo(line)
    if report is not None and result.run_id is not None:
        data = pipeline.Archive(db).run_report(result.run_id)
        data["exit_code"] = int(result.exit_code)
        data["database"] = result.database
        report.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    sys.exit(result.exit_code)


FIRST_REASONS = 3  # failures named in the summary (each was printed as it happened)


def summary_lines(r: pipeline.IngestReport) -> list[str]:
    """The end of an ingest in short lines: what was loaded, failed, unchanged, removed, found; where to look next."""
    c = r.counts
    skipped = sum(r.skipped.values())
    skipped_line = (f"skipped     {skipped} files of unknown type ("
                    + ", ".join(f"{n} {suffix}" for suffix, n in sorted(r.skipped.items())) + ")") if skipped else None
    if r.run_id is None:
        return [x for x in ("no input files: nothing with a known suffix (.txt, .pdf) was found", skipped_line) if x]
    lines = [f"run {r.run_id}: {r.files} files in {r.seconds:.1f} s"]
    for run_id in r.interrupted:
        lines.append(f"  (run {run_id} had been interrupted; closed as such)")
    lines.append(f"  loaded      {r.ok} (new {c.get('new', 0)}, changed {c.get('changed', 0)}, "
                 f"re-extracted {c.get('reextracted', 0)})")
    lines.append(f"  failed      {r.failed}")
    lines.extend(f"    {failure_line(path, reason)}" for path, reason in r.failures[:FIRST_REASONS])
    if r.failed > FIRST_REASONS:
        lines.append(f"    ... and {r.failed - FIRST_REASONS} more (bcx changes {r.run_id})")
    lines.append(f"  unchanged   {r.unchanged}")
    lines.append(f"  removed     {c.get('removed', 0)}")
    lines.append(f"  documents   {r.documents}")
    lines.append(f"  findings    {c.get('findings_new', 0)} new, {c.get('findings_resolved', 0)} resolved")
    if skipped_line:
        lines.append(f"  {skipped_line}")
    if r.changed_nothing:
        lines.append("nothing changed since the last run")
    lines.append(f"more: bcx changes {r.run_id} · bcx check")
    return lines


@main.command()
@read_options
def runs(fmt: str, db: str | None) -> None:
    """Every ingest: when, its status, and how many files were new, changed, unchanged, removed, failed."""
    found = pipeline.Archive(db).runs()
    if fmt == "json":
        echo_json(found)
        return
    for r in found:
        click.echo(
            f"run {r['id']} {r['started_at']:%Y-%m-%d %H:%M:%S} {r['status']:11s} extractor {r['extractor_version']}: "
            f"new {r['files_new']}, changed {r['files_changed']}, re-extracted {r['files_reextracted']}, "
            f"unchanged {r['files_unchanged']}, removed {r['files_removed']}, failed {r['files_failed']}; "
            f"findings {r['findings_new']} new, {r['findings_resolved']} resolved"
        )
    if not found:
        click.echo("no runs yet")


@main.command()
@click.argument("run_id", type=int, required=False)
@read_options
def changes(run_id: int | None, fmt: str, db: str | None) -> None:
    """What run RUN_ID (default: the newest) changed: files, each figure and field, findings new and resolved."""
    report = pipeline.Archive(db).run_report(run_id)
    if fmt == "json":
        echo_json(report)
        return
    run = report["run"]
    click.echo(f"run {run['id']} ({run['status']}, {run['started_at']:%Y-%m-%d %H:%M:%S}): "
               + ", ".join(f"{kind} {len(paths)}" for kind, paths in report["files"].items())
               + f", unchanged {run['files_unchanged']}")
    for kind, paths in report["files"].items():
        for p in paths:
            if kind == "failed":
                click.echo(f"{kind:11s} {failure_line(p['path'], p['reason'] or '')}")
            else:
                click.echo(f"{kind:11s} {printable(p)}")
    for ch in report["changed"]:
        click.echo(printable(f"  {ch['document']} {ch['item']}: {ch['before']} -> {ch['after']}"))
    for side, sign in (("new", "+"), ("resolved", "-")):
        for f in report["findings"][side]:
            click.echo(printable(f"{sign} finding {f['document']} {f['where']}: {f['message']}"))
    if not any(report["files"].values()):
        click.echo(f"run {run['id']} changed nothing")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "xlsx", "parquet"]), default="json",
              show_default=True, help="json: the documents (SCHEMA.md); csv, xlsx, parquet: one row per figure.")
@db_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
              help="File to write (default: standard output; xlsx and parquet need one).")
def export(fmt: str, db: str | None, output: Path | None) -> None:
    """Export the documents as SCHEMA.md JSON, or one row per figure as CSV, XLSX or Parquet."""
    if fmt in ("xlsx", "parquet"):
        if output is None:
            raise click.UsageError(f"--format {fmt} needs -o FILE")
        pipeline.Archive(db).export_tables(output, fmt)
        return
    from models import export_csv, export_json

    if fmt == "json":
        docs = pipeline.Archive(db).documents()  # read before the output file is opened: an error leaves no file
        with _output(output) as out:
            export_json(docs, out)
    else:
        with _output(output) as out:
            pipeline.Archive(db).read(lambda session: export_csv(session, out))


def _output(path: Path | None):
    import contextlib

    if path is None:
        return contextlib.nullcontext(sys.stdout)
    return path.open("w", encoding="utf-8", newline="")


@main.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("-n", "--proposals", type=click.IntRange(min=1), default=24, show_default=True,
              help="Number of proposals to write.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed: the same seed, the same archive.")
@click.option("--pdf-share", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="Share of the files written as PDF (the rest as text dumps).")
@click.option("--text-tools", default="pdftotext-raw,pdftotext,pdfminer,pdfium", show_default=True,
              help="Comma-separated tools that make the text dumps from generated PDFs, one drawn per file "
                   "(pdftotext-raw, pdftotext, pdfminer, pdfium, pdftotext-layout, pdfplumber; 'imitation' = the "
                   "generator's hand-written dump).")
def generate(out_dir: Path, proposals: int, seed: int, pdf_share: float, text_tools: str) -> None:
    """Write a synthetic archive of proposals (text and PDF) with their truth under OUT_DIR/truth."""
    from synth import generate_archive
    from synth.dump_tools import ToolMissing

    tools = tuple(t.strip() for t in text_tools.split(",") if t.strip())
    try:
        files = generate_archive(out_dir, proposals, seed=seed, pdf_share=pdf_share, text_tools=tools)
    except ValueError as exc:  # an unknown tool name: a wrong argument
        raise click.BadParameter(str(exc), param_hint="--text-tools") from None
    except ToolMissing as exc:  # one line naming the tool and the package that brings it
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {len(files)} files ({proposals} documents) to {out_dir}")


@main.command()
@read_options
@click.option("--strict", is_flag=True, help="Exit 1 when there is any finding.")
def check(fmt: str, db: str | None, strict: bool) -> None:
    """List where the documents' own arithmetic does not add up (validation findings)."""
    found = pipeline.Archive(db).findings()
    if fmt == "json":
        echo_json(found)
    else:
        for f in found:
            where = f"{f['source']}#{f['ordinal']}" + (f" {f['code']}" if f["code"] else "")
            line = f" (page {f['page']}, line {f['line_start']})" if f["page"] else f" (line {f['line_start']})"
            click.echo(printable(f"{f['severity']:7s} {f['rule']:18s} {where}: {f['message']}{line}"))
        click.echo(f"{len(found)} findings")
    sys.exit(1 if strict and found else 0)


@main.command()
@click.argument("document")
@click.option("--table", type=int, default=None, help="Table number (Tabel N).")
@click.option("--row", default=None, help="Row label, exact or a part of it.")
@click.option("--year", default=None, help="Year column, or 'total' for I alt.")
@read_options
def trace(document: str, table: int | None, row: str | None, year: str | None, fmt: str, db: str | None) -> None:
    """Where a figure came from: DOCUMENT is a code (BC04), a document id or SOURCE#ORDINAL."""
    hits = pipeline.Archive(db).trace(document, table, row, year)
    if not hits:
        click.echo(printable(f"bcx: no figure matches {document} table={table} row={row!r} year={year}"), err=True)
        sys.exit(1)
    if fmt == "json":
        echo_json(hits)
        return
    proposals = list(dict.fromkeys((h["source"], h["ordinal"]) for h in hits))
    if len(proposals) > 1:
        click.echo(f"{len(proposals)} proposals match {printable(document)}: "
                   + ", ".join(f"{s}#{o}" for s, o in proposals) + " (SOURCE#ORDINAL picks one)")
    shown = None
    for h in hits:
        if (h["source"], h["ordinal"]) != shown:
            shown = (h["source"], h["ordinal"])
            name = " ".join(x for x in (h["code"], h["title"]) if x) or "(untitled)"
            click.echo(printable(f"{name} — {h['source']}#{h['ordinal']}"))
        where = f"page {h['page']}, " if h["page"] else ""
        lines = f"line {h['line_start']}" + (f"-{h['line_end']}" if h["line_end"] != h["line_start"] else "")
        click.echo(printable(f"  Tabel {h['table']} | {h['label']} | {h['key']}: {h['value']}  "
                             f"(written '{h['text_as_written']}')"))
        click.echo(printable(f"    from {h['path']} (sha256 {h['sha256'][:12]}…), {where}{lines}"))
        if h["x0"] is not None:
            click.echo(f"    box x0={h['x0']:.1f} top={h['top']:.1f} x1={h['x1']:.1f} bottom={h['bottom']:.1f} pt")
        if h["inferred_by"]:
            click.echo(printable(f"    placed by inference: {h['inferred_by']}"))
        if h["ocr"]:
            sure = "" if h.get("ocr_confidence") is None else f" (Tesseract's confidence {h['ocr_confidence']:.0f}/100)"
            click.echo(f"    read by OCR from a scanned page{sure}: check it against the page image")
        if h.get("uncertain"):
            click.echo("    flagged uncertain: see its finding (bcx check)")
        if h.get("context_error"):
            click.echo(printable(f"    {h['context_error']}"))
        for n, text in h.get("context", []):
            mark = ">" if h["line_start"] <= n <= (h["line_end"] or h["line_start"]) else " "
            click.echo(printable(f"    {mark}{n:5d}  {text}"))


@main.command()
@read_options
def stats(fmt: str, db: str | None) -> None:
    """Counts of files, documents, tables and values in the database."""
    counts = pipeline.Archive(db).counts()
    if fmt == "json":
        echo_json(counts)
        return
    for key, value in counts.items():
        click.echo(f"{key}: {value}")


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (localhost by default).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
def serve(db: str | None, host: str, port: int) -> None:
    """The auditor's read-only web view: proposals, their tables and findings, each figure on its page."""
    from web.app import create_app

    pipeline.Archive(db).counts()  # the database must exist and be usable: a missing one is an error, never made here
    click.echo(f"bcx serve: http://{host}:{port}/ (read-only; Ctrl-C stops)")
    create_app(db).run(host=host, port=port)


if __name__ == "__main__":
    main()
