"""discover -> parse -> extract -> validate -> load.

The library behind the `bcx` commands. Each file is one unit of work: it is parsed and extracted on its own, and
its documents are written in one transaction, so a failing file is recorded with its reason and never stops or
corrupts the rest of the batch.
"""
from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extract.checks import Finding, run_checks
from extract.document import extract_document
from extract.records import ExtractedDocument
from models import (
    database_url,
    init_db,
    list_findings,
    load_documents,
    make_engine,
    record_failure,
    session_scope,
    store_documents,
    store_findings,
    summary_counts,
    upsert_source_file,
)
from parsers.records import SourceDocument
from parsers.split import drop_page_numbers, split_documents
from parsers.textfile import NotTextError, read_text_file

EXTRACTOR_VERSION = "0.1.0"
SUFFIXES = {".txt": "text", ".pdf": "pdf"}

log = logging.getLogger("bcx")


class FileError(Exception):
    """A file that cannot be read as business cases; the message is the one-line reason."""


@dataclass(slots=True)
class FileResult:
    path: Path
    documents: list[ExtractedDocument] = field(default_factory=list)
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)


@dataclass(slots=True)
class IngestReport:
    files: int = 0
    ok: int = 0
    failed: int = 0
    documents: int = 0
    findings: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0: every file loaded; 1: some files failed (a partial batch); 2: nothing could run (no input files)."""
        if self.files == 0:
            return 2
        return 1 if self.failed else 0


# ---------------------------------------------------------------- discover


def discover(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Files with a known suffix under the given files and folders, each once, in a stable order.

    Symbolic links are followed once: a link that leads back into a folder already walked is skipped, so a link
    loop in an archive cannot make the walk endless.
    """
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[Path] = set()
    for root in paths:
        root = Path(root)
        if root.is_file() or not root.exists():
            if root not in seen_files:
                seen_files.add(root)
                yield root
            continue
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
            st = os.stat(dirpath)
            if (st.st_dev, st.st_ino) in seen_dirs:
                dirnames[:] = []
                continue
            seen_dirs.add((st.st_dev, st.st_ino))
            dirnames.sort()
            for name in sorted(filenames):
                p = Path(dirpath) / name
                if p.suffix.lower() in SUFFIXES and p not in seen_files:
                    seen_files.add(p)
                    yield p


# ---------------------------------------------------------------- parse + extract


def parse_file(path: Path, password: str | None = None) -> list[SourceDocument]:
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise FileError(f"unsupported file type {path.suffix or '(none)'}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileError(f"cannot read: {exc.strerror or exc}") from exc
    if size == 0:
        raise FileError("empty file (0 bytes)")
    if kind == "text":
        try:
            lines = read_text_file(path)
        except NotTextError as exc:
            raise FileError(str(exc)) from exc
        except OSError as exc:
            raise FileError(f"cannot read: {exc.strerror or exc}") from exc
        docs = split_documents(lines, path.name)
    else:
        docs = _parse_pdf(path, password)
    if not docs:
        raise FileError("not a business case: no proposal header (BUSINESS CASE, INVESTERINGSFORSLAG, ...) found")
    return docs


def _parse_pdf(path: Path, password: str | None) -> list[SourceDocument]:
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    from parsers.pdffile import read_pdf

    try:
        pages = read_pdf(path, password=password)
    except PDFPasswordIncorrect as exc:
        raise FileError("encrypted PDF: a password is needed (--password)") from exc
    except OSError as exc:
        raise FileError(f"cannot read: {exc.strerror or exc}") from exc
    except Exception as exc:  # pdfminer raises many unrelated types on a damaged file
        if "password" in repr(exc).lower() or "encrypt" in repr(exc).lower():
            raise FileError("encrypted PDF: a password is needed (--password)") from exc
        raise FileError(f"unreadable PDF ({type(exc).__name__}: {str(exc)[:120] or 'no detail'})") from exc
    if not pages:
        raise FileError("PDF has no pages")
    if not any(p.has_text for p in pages):
        raise FileError("no text layer: scanned pages need OCR")
    lines = drop_page_numbers([ln for p in pages for ln in p.lines])
    rules = {p.number: p.h_rules for p in pages}
    docs = split_documents(lines, path.name, from_pdf=True)
    for d in docs:
        d.page_rules = rules
    return docs


def extract_file(path: Path, password: str | None = None) -> FileResult:
    """Parse and extract one file; never raises for a bad file, the reason goes into the result."""
    try:
        docs = parse_file(path, password)
        extracted = [extract_document(d) for d in docs]
        validate(extracted)
        return FileResult(path, extracted, findings=run_checks(extracted))
    except FileError as exc:
        return FileResult(path, error=str(exc))
    except Exception as exc:  # a bug or a hostile file must not stop the batch
        log.debug("extraction failed", exc_info=True)
        return FileResult(path, error=f"extraction failed ({type(exc).__name__}: {str(exc)[:160]})")


def validate(docs: list[ExtractedDocument]) -> None:
    """Refuse to store what is not a proposal: a document needs a title or a financial table."""
    if not any(d.title or d.tables for d in docs):
        raise FileError("not a business case: no title and no financial table found")


# ---------------------------------------------------------------- load


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def ingest(
    paths: Iterable[Path | str],
    db: str | None = None,
    password: str | None = None,
    on_result=None,
) -> IngestReport:
    engine = make_engine(database_url(db))
    init_db(engine)
    report = IngestReport()
    for path in discover(paths):
        report.files += 1
        result = extract_file(path, password)
        kind = SUFFIXES.get(path.suffix.lower(), "text")
        try:
            digest, size = sha256_of(path), path.stat().st_size
        except OSError:
            digest, size = None, None
        with session_scope(engine) as session:
            if result.error is None:
                sf = upsert_source_file(session, str(path.resolve()), path.name, digest, size, kind)
                stored = store_documents(session, sf, result.documents, EXTRACTOR_VERSION)
                store_findings(session, stored, result.findings)
                report.findings += len(result.findings)
            else:
                record_failure(session, str(path.resolve()), result.error, path.name, digest, size, kind)
        if result.error is None:
            report.ok += 1
            report.documents += len(result.documents)
        else:
            report.failed += 1
            report.failures.append((str(path), result.error))
        if on_result is not None:
            on_result(result)
    engine.dispose()
    return report


def export_documents(db: str | None = None) -> list[dict]:
    engine = make_engine(database_url(db))
    init_db(engine)
    with session_scope(engine) as session:
        docs = load_documents(session)
    engine.dispose()
    return docs


def counts(db: str | None = None) -> dict:
    engine = make_engine(database_url(db))
    init_db(engine)
    with session_scope(engine) as session:
        out = summary_counts(session)
    engine.dispose()
    return out


def findings(db: str | None = None) -> list[dict]:
    engine = make_engine(database_url(db))
    init_db(engine)
    with session_scope(engine) as session:
        out = list_findings(session)
    engine.dispose()
    return out


# ---------------------------------------------------------------- trace

CONTEXT_LINES = 3


def source_context(hit: dict, around: int = CONTEXT_LINES) -> list[tuple[int, str]]:
    """The source lines around a figure: from the text dump, or from the PDF page re-read by its words."""
    path = Path(hit["path"])
    start, end = hit["line_start"] or 1, hit["line_end"] or hit["line_start"] or 1
    if hit["source_kind"] == "pdf":
        from parsers.pdffile import read_pdf

        page = next((p for p in read_pdf(path) if p.number == hit["page"]), None)
        lines = [(ln.lineno, ln.text) for ln in page.lines] if page else []
    else:
        from parsers.textfile import read_text_file

        lines = [(ln.lineno, ln.text.rstrip()) for ln in read_text_file(path)]
    return [(n, t) for n, t in lines if start - around <= n <= end + around]


def trace(document: str, table: int | None = None, row: str | None = None, year: str | None = None,
          db: str | None = None, context: bool = True) -> list[dict]:
    from models.trace import find_values

    engine = make_engine(database_url(db))
    init_db(engine)
    with session_scope(engine) as session:
        hits = find_values(session, document, table, row, year)
    engine.dispose()
    if context:
        for hit in hits:
            try:
                hit["context"] = source_context(hit)
            except (OSError, ValueError) as exc:
                hit["context"] = []
                hit["context_error"] = f"source not readable: {exc}"
    return hits


def export_tables(output: Path, fmt: str, db: str | None = None) -> None:
    """xlsx: sheets of figures, findings and sources; parquet: the figures."""
    import pandas as pd
    from sqlalchemy import select

    from models import figures_frame
    from models.findings import findings_select
    from models.schema import SourceFile

    engine = make_engine(database_url(db))
    init_db(engine)
    with session_scope(engine) as session:
        figures = figures_frame(session)
        if fmt == "parquet":
            figures.to_parquet(output, index=False)
        else:
            found = pd.DataFrame([dict(r._mapping) for r in session.execute(findings_select())])
            sources = pd.DataFrame(
                [
                    dict(r._mapping)
                    for r in session.execute(
                        select(SourceFile.name, SourceFile.path, SourceFile.sha256, SourceFile.size_bytes,
                               SourceFile.kind, SourceFile.status, SourceFile.error, SourceFile.ingested_at)
                    )
                ]
            )
            if "ingested_at" in sources:
                sources["ingested_at"] = sources["ingested_at"].astype(str)
            with pd.ExcelWriter(output, engine="openpyxl") as xl:
                figures.to_excel(xl, sheet_name="figures", index=False)
                found.to_excel(xl, sheet_name="findings", index=False)
                sources.to_excel(xl, sheet_name="sources", index=False)
    engine.dispose()
