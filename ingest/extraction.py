"""parse -> extract -> validate for one file, in a worker: the file's rows ready to store, or why it failed."""
from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from extract.checks import Finding, run_checks
from extract.document import across_documents, extract_document, extract_documents
from extract.records import ExtractedDocument
from models.rows import FileRows, file_rows
from parsers.ocr import OcrPage
from parsers.pdffile import OcrPlan, PagesNeedOcr
from parsers.reader import FileError, kind_of, parse_bytes, read_bytes
from parsers.records import SourceDocument

log = logging.getLogger("bcx")


@dataclass(slots=True)
class FileResult:
    path: Path
    documents: list[ExtractedDocument] = field(default_factory=list)
    error: str | None = None
    findings: list[Finding] = field(default_factory=list)
    sha256: str | None = None  # of the bytes that were parsed
    size: int | None = None
    ocr_pages: tuple[int, ...] = ()  # scanned pages still to read by OCR (ingest/pages.py): not finished yet


@dataclass(slots=True)
class DocumentHeadline:
    """How a loaded document is announced: `NAME#ORDINAL kind: CODE title — N tables`."""

    ordinal: int
    kind: str
    code: str | None
    title: str | None
    tables: int


@dataclass(slots=True)
class StorableFile:
    """What a worker hands to the writer: one file's rows ready to insert (models/rows.py), or why it failed; with
    the hash and size of the bytes it parsed (what is stored as the file's content hash)."""

    path: Path
    error: str | None = None
    rows: FileRows | None = None
    sha256: str | None = None
    size: int | None = None
    ocr_pages: tuple[int, ...] = ()  # not finished: these scanned pages are to be read first (ingest/pages.py)
    documents: tuple[SourceDocument, ...] = ()  # not finished: each is to be extracted on its own (ingest/pages.py)

    @property
    def document_count(self) -> int:
        return len(self.rows.documents) if self.rows else 0

    @property
    def finding_count(self) -> int:
        return len(self.rows.findings) if self.rows else 0

    def headlines(self) -> list[DocumentHeadline]:
        if self.rows is None:
            return []
        tables = Counter(t.document_index for t in self.rows.tables)
        return [DocumentHeadline(d.ordinal, d.kind, d.code, d.title, tables[i])
                for i, d in enumerate(self.rows.documents)]


Extractor = Callable[[Path, "str | None"], StorableFile]  # what the executors run per file (prepare_file)


@dataclass(slots=True)
class ParsedFile:
    """A file read into its documents, not yet extracted; or why it could not be read, or the scanned pages to
    read by OCR first."""

    path: Path
    documents: list[SourceDocument] = field(default_factory=list)
    error: str | None = None
    sha256: str | None = None
    size: int | None = None
    ocr_pages: tuple[int, ...] = ()

    def unread(self) -> FileResult | None:
        """The file's result when there is nothing to extract: it failed, or waits for its scanned pages."""
        if self.error is not None or self.ocr_pages:
            return FileResult(self.path, error=self.error, sha256=self.sha256, size=self.size,
                              ocr_pages=self.ocr_pages)
        return None


@dataclass(slots=True)
class DocumentResult:
    """One document of a file extracted on its own (a unit of work, ingest/pages.py), or why it failed."""

    document: ExtractedDocument | None = None
    error: str | None = None


def parse_file(path: Path, password: str | None = None, ocr_plan: OcrPlan | None = None,
               expect_sha256: str | None = None) -> ParsedFile:
    """Read one file into its documents; never raises for a bad file, the reason goes into the result. With
    `ocr_plan` deferring OCR, a file with scanned pages comes back with them in `ocr_pages` and no documents.
    `expect_sha256`: the hash of the bytes the scanned pages were read from (the file must still be those)."""
    digest = size = None
    try:
        data = read_bytes(path)
        digest, size = hashlib.sha256(data).hexdigest(), len(data)
        if expect_sha256 is not None and digest != expect_sha256:
            raise FileError("the file changed while its pages were read by OCR; read it again")
        try:
            docs = parse_bytes(data, path.name, kind_of(path), password, ocr_plan)
        except PagesNeedOcr as exc:
            return ParsedFile(path, sha256=digest, size=size, ocr_pages=tuple(exc.pages))
        return ParsedFile(path, docs, sha256=digest, size=size)
    except FileError as exc:
        return ParsedFile(path, error=str(exc), sha256=digest, size=size)
    except MemoryError:
        raise  # over the worker's memory limit: the worker goes (see executors.run_in_worker)
    except Exception as exc:  # a bug or a hostile file must not stop the batch
        log.debug("reading failed", exc_info=True)
        return ParsedFile(path, error=_failed(exc), sha256=digest, size=size)


def extract_file(path: Path, password: str | None = None, ocr_plan: OcrPlan | None = None,
                 expect_sha256: str | None = None) -> FileResult:
    """Parse and extract one file (`parse_file`, then every document); never raises for a bad file, the reason
    goes into the result."""
    return _extracted(parse_file(path, password, ocr_plan, expect_sha256))


def _extracted(parsed: ParsedFile) -> FileResult:
    """A parsed file's documents extracted in one piece, checked against each other and as a file."""
    return parsed.unread() or _checked(parsed, lambda: extract_documents(parsed.documents))


def extract_one(doc: SourceDocument) -> DocumentResult:
    """One of a file's documents extracted on its own; never raises for a bad document."""
    try:
        return DocumentResult(extract_document(doc))
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - a bug or a hostile document fails its file, not the batch
        log.debug("extraction failed", exc_info=True)
        return DocumentResult(error=_failed(exc))


def joined_file(path: Path, documents: list[ExtractedDocument], dumps: set[int], sha256: str | None,
                size: int | None) -> StorableFile:
    """A file whose documents were extracted one a unit (`extract_one`, in document order), checked against each
    other and as a file, as the rows the writer stores. `dumps`: extract.document.dumps_among of the sources."""
    parsed = ParsedFile(path, sha256=sha256, size=size)
    return storable(_checked(parsed, lambda: across_documents(documents, dumps)))


def _checked(parsed: ParsedFile, extract: Callable[[], list[ExtractedDocument]]) -> FileResult:
    """The file's result with `extract`'s documents, validated and checked; a failure as the file's reason."""
    try:
        extracted = extract()
        validate(extracted)
        return FileResult(parsed.path, extracted, findings=run_checks(extracted), sha256=parsed.sha256,
                          size=parsed.size)
    except FileError as exc:
        return FileResult(parsed.path, error=str(exc), sha256=parsed.sha256, size=parsed.size)
    except MemoryError:
        raise
    except Exception as exc:  # a bug or a hostile file must not stop the batch
        log.debug("extraction failed", exc_info=True)
        return FileResult(parsed.path, error=_failed(exc), sha256=parsed.sha256, size=parsed.size)


def _failed(exc: Exception) -> str:
    return f"extraction failed ({type(exc).__name__}: {str(exc)[:160]})"


def prepare_file(path: Path, password: str | None = None, ocr_pages: Mapping[int, OcrPage] | None = None,
                 expect_sha256: str | None = None) -> StorableFile:
    """A file's first step: extract_file, then the rows the writer stores (built here, in the worker, not in the
    one writer); or the file unfinished, for the steps that follow (below). A caller that wants a whole file in one
    call uses extract_file.

    The executors' extraction function. Without `ocr_pages` a file's scanned pages are not read here: the file
    comes back unfinished, naming them (each is then a unit of work of its own, ingest/pages.py); with them (the
    pages' OCR results) the file is read with those. A file of several documents (a bundle) comes back
    unfinished too, with its documents parsed: each is extracted as a unit of its own, so that one bundle's
    proposals keep every worker busy instead of one (`extract_one`, then `joined_file`)."""
    plan = OcrPlan(defer=True) if ocr_pages is None else OcrPlan(done=ocr_pages)
    parsed = parse_file(path, password, plan, expect_sha256)
    if len(parsed.documents) > 1:  # (a file that failed, or waits for its pages, has none)
        return StorableFile(path, sha256=parsed.sha256, size=parsed.size, documents=tuple(parsed.documents))
    return storable(_extracted(parsed))


def storable(result: FileResult) -> StorableFile:
    """An extracted file as the writer takes it: its rows, or why it failed, or the scanned pages still to read."""
    if result.ocr_pages:
        return StorableFile(result.path, sha256=result.sha256, size=result.size, ocr_pages=result.ocr_pages)
    if result.error is not None:
        return StorableFile(result.path, result.error, sha256=result.sha256, size=result.size)
    return StorableFile(result.path, rows=file_rows(result.documents, result.findings), sha256=result.sha256,
                        size=result.size)


def validate(docs: list[ExtractedDocument]) -> None:
    """Refuse to store what is not a proposal: a document needs a title or a financial table."""
    if not any(d.title or d.tables for d in docs):
        raise FileError("not a business case: no title and no financial table found")
