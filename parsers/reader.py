"""Choosing a reader by file type: the bytes of one file -> its documents (SourceDocument), or FileError saying in
one line why the file cannot be read as business cases.

A file is read from bytes read once (by the caller, who hashes the same bytes), so what is stored is always what was
parsed, even if the file is rewritten meanwhile.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from parsers.furniture import in_margin
from parsers.records import SourceDocument
from parsers.split import drop_page_numbers, split_documents
from parsers.textfile import NotTextError, decode_bytes, text_to_lines

if TYPE_CHECKING:
    from parsers.pdffile import OcrPlan

SUFFIXES = {".txt": "text", ".pdf": "pdf"}  # the file types bcx reads; anything else in an archive is skipped


class FileError(Exception):
    """A file that cannot be read as business cases; the message is the one-line reason."""


def kind_of(path: Path) -> str | None:
    return SUFFIXES.get(path.suffix.lower())


def read_bytes(path: Path) -> bytes:
    """The file's content, or FileError (permissions, a folder, a vanished file)."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise FileError(f"cannot read: {exc.strerror or exc}") from exc


def parse_bytes(data: bytes, name: str, kind: str | None, password: str | None = None,
                ocr_plan: OcrPlan | None = None) -> list[SourceDocument]:
    """The documents of one file's content; `name` is the file's name (documents are named by it). `ocr_plan`: how
    scanned pages are read (parsers.pdffile.OcrPlan; PagesNeedOcr when it defers them)."""
    if kind is None:
        raise FileError(f"unsupported file type {Path(name).suffix or '(none)'}")
    if not data:
        raise FileError("empty file (0 bytes)")
    if kind == "text":
        try:
            lines = text_to_lines(decode_bytes(data))
        except NotTextError as exc:
            raise FileError(str(exc)) from exc
        docs = split_documents(drop_page_numbers(lines), name)
    else:
        docs = _parse_pdf(data, name, password, ocr_plan)
    if not docs:
        raise FileError("not a business case: no proposal header (BUSINESS CASE, INVESTERINGSFORSLAG, ...) found")
    return docs


def parse_file(path: Path, password: str | None = None) -> list[SourceDocument]:
    return parse_bytes(read_bytes(path), path.name, kind_of(path), password)


def _parse_pdf(data: bytes, name: str, password: str | None, ocr_plan: OcrPlan | None) -> list[SourceDocument]:
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    from parsers.pdffile import NeedsOcr, PagesNeedOcr, read_pdf

    try:
        pages = read_pdf(io.BytesIO(data), password=password, plan=ocr_plan)
    except PagesNeedOcr:
        raise  # not a failure: the scanned pages are read first, each on its own (ingest/pages.py)
    except NeedsOcr as exc:
        raise FileError(str(exc)) from exc
    except PDFPasswordIncorrect as exc:
        raise FileError("encrypted PDF: a password is needed (--password)") from exc
    except OSError as exc:
        raise FileError(f"cannot read: {exc.strerror or exc}") from exc
    except Exception as exc:  # pdfminer raises many unrelated types on a damaged file
        if caused_by(exc, MemoryError):  # pdfplumber wraps it: a decompression bomb over the worker's limit
            raise MemoryError(str(exc)) from exc
        if "password" in repr(exc).lower() or "encrypt" in repr(exc).lower():
            raise FileError("encrypted PDF: a password is needed (--password)") from exc
        raise FileError(f"unreadable PDF ({type(exc).__name__}: {str(exc)[:120] or 'no detail'})") from exc
    if not pages:
        raise FileError("PDF has no pages")
    if not any(p.has_text for p in pages):
        raise FileError("no text on any page, and no scanned image to read by OCR")
    lines = drop_page_numbers([ln for p in pages for ln in p.lines if not in_margin(ln, p.height)])
    rules = {p.number: p.h_rules for p in pages}
    docs = split_documents(lines, name, from_pdf=True)
    for d in docs:
        d.page_rules = rules
    return docs


def caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    """Whether `exc` or an exception it was raised from or during is a `kind`."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
