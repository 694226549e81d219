"""A file's slow parts as units of work: a scanned file's pages (OCR takes seconds a page, so a file of scans read
as one unit would keep one worker busy for minutes, and run into the per-unit time limit, while the others idle), and
a bundle's documents (one proposal's tables may take seconds to read from a dump; a bundle of them read as one unit
keeps one worker busy while the others idle).

The steps of such a file, each a unit of work the executors run under the limits:

    file      the extraction function (ingest.extraction.prepare_file) reads the file with OCR deferred; a file with
              scanned pages comes back unfinished, naming the pages to read (StorableFile.ocr_pages); a file of
              several documents comes back unfinished with them parsed (StorableFile.documents)
    page      one scanned page through the OCR chain (ocr_page_unit), on whichever worker is free; the time limit
              counts per page
    join      the file read again with every page's OCR result, in page order (prepare_file with them); it comes
              back complete, or with several documents unfinished as a file step does
    document  one of the file's documents extracted (ingest.extraction.extract_one), on whichever worker is free
    assemble  the documents, in the file's order, checked against each other and as a file and made into rows
              (ingest.extraction.joined_file): one StorableFile, which the writer stores in one transaction

A file (or page, join, document, assemble) that fails fails its file with the reason; the other pages or documents
of that file are still waited for (a unit already running cannot be taken back) but their results are dropped.
`FileSteps` holds this state machine; each executor only runs the units it hands out (tests/test_ocr_pages.py and
tests/test_document_units.py drive it with made-up results).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from extract.document import dumps_among
from ingest.extraction import DocumentResult, Extractor, StorableFile, extract_one, joined_file, prepare_file
from parsers.ocr import OcrPage


class PageEvents(Protocol):
    """What an ingest's progress hears of a file read by the page (ingest.run.IngestProgress implements it)."""

    def pages_found(self, path: Path, pages: int) -> None: ...

    def page_done(self, path: Path, number: int) -> None: ...


class NoEvents:
    def pages_found(self, path: Path, pages: int) -> None:
        pass

    def page_done(self, path: Path, number: int) -> None:
        pass


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit of work: `fn(*args)` in a worker. `step` is "file", "page", "join", "document" or "assemble"; `page`
    the page number, `document` the document's 1-based position in its file."""

    step: str
    path: Path
    fn: Callable[..., Any]
    args: tuple
    page: int | None = None
    document: int | None = None

    def failure(self, reason: str) -> str:
        """The file's failure reason when this unit failed with `reason`."""
        if self.page is not None:
            return f"page {self.page}: {reason}"
        return reason if self.document is None else f"document {self.document}: {reason}"


class FileChanged(Exception):
    """The file's bytes are no longer those its first step read (it was rewritten while its pages were read)."""


def ocr_page_unit(path: Path, number: int, sha256: str | None, password: str | None) -> OcrPage:
    """Page `number` of the scanned PDF at `path`, read by OCR; FileChanged if the file is not the one planned."""
    import hashlib
    import io

    from parsers.pdffile import ocr_pdf_page
    from parsers.reader import read_bytes

    data = read_bytes(path)
    if sha256 is not None and hashlib.sha256(data).hexdigest() != sha256:
        raise FileChanged("the file changed while its pages were read by OCR; read it again")
    return ocr_pdf_page(io.BytesIO(data), number, password)


@dataclass(slots=True)
class _Fanout:
    """A file whose parts (its scanned pages, or its documents) are units of their own, until every part is back."""

    first: StorableFile  # the unfinished result: hash, size, the pages to read or the parsed documents
    done: dict[int, Any] = field(default_factory=dict)  # page number, or 1-based document position -> its result
    waiting: int = 0
    error: str | None = None

    def failed(self, path: Path, error: str) -> StorableFile:
        return StorableFile(path, error=error, sha256=self.first.sha256, size=self.first.size)


@dataclass(slots=True)
class FileSteps:
    """The steps of each file, unit by unit: `start` a file, then feed each unit's outcome to `finish`, which says
    which units to run next and which files are complete."""

    extract: Extractor
    password: str | None
    events: PageEvents = field(default_factory=NoEvents)
    jobs: dict[Path, _Fanout] = field(default_factory=dict)  # files whose scanned pages are being read
    spreads: dict[Path, _Fanout] = field(default_factory=dict)  # files whose documents are being extracted

    def start(self, path: Path) -> Unit:
        return Unit("file", path, self.extract, (path, self.password))

    def finish(self, unit: Unit, result: Any = None, error: str | None = None
               ) -> tuple[list[Unit], list[StorableFile]]:
        """`unit` ended with `result`, or failed for the reason `error`: (units to run now, files complete now)."""
        if unit.step == "file":
            if error is not None:
                return [], [StorableFile(unit.path, error=error)]
            if result.documents:
                return self._spread(unit.path, result), []
            if not result.ocr_pages:
                return [], [result]
            self.jobs[unit.path] = _Fanout(result, waiting=len(result.ocr_pages))
            self.events.pages_found(unit.path, len(result.ocr_pages))
            return [Unit("page", unit.path, ocr_page_unit, (unit.path, n, result.sha256, self.password), page=n)
                    for n in result.ocr_pages], []
        if unit.step in ("join", "assemble"):
            fan = (self.jobs if unit.step == "join" else self.spreads).pop(unit.path)
            if error is not None:
                return [], [fan.failed(unit.path, error)]
            if result.documents:  # a scanned bundle, read: its documents go out as a file step's do
                return self._spread(unit.path, result), []
            return [], [result]
        if unit.step == "page":
            if error is None:
                self.events.page_done(unit.path, unit.page)
            fan, complete = self._part_back(self.jobs, unit, unit.page, result, error)
            if fan is None:
                return [], complete
            pages = dict(sorted(fan.done.items()))  # joined in page order
            return [Unit("join", unit.path, prepare_file, (unit.path, self.password, pages, fan.first.sha256))], []
        outcome: DocumentResult = result if error is None else DocumentResult(error=error)
        fan, complete = self._part_back(self.spreads, unit, unit.document, outcome.document, outcome.error)
        if fan is None:
            return [], complete
        first = fan.first
        documents = [fan.done[n] for n in range(1, len(first.documents) + 1)]  # in the file's order
        return [Unit("assemble", unit.path, joined_file,
                     (unit.path, documents, dumps_among(list(first.documents)), first.sha256, first.size))], []

    def _spread(self, path: Path, first: StorableFile) -> list[Unit]:
        """A file of several documents: a unit for each."""
        self.spreads[path] = _Fanout(first, waiting=len(first.documents))
        return [Unit("document", path, extract_one, (doc,), document=n)
                for n, doc in enumerate(first.documents, start=1)]

    @staticmethod
    def _part_back(fans: dict[Path, _Fanout], unit: Unit, key: int, result: Any, error: str | None
                   ) -> tuple[_Fanout | None, list[StorableFile]]:
        """A part of a file (a page, a document) is back with `result` or failed for `error`: (the file's fan-out
        once every part is back and none failed, the file failed with the first reason heard once every part is
        back and one did; neither while parts are still out)."""
        fan = fans[unit.path]
        fan.waiting -= 1
        if error is not None:
            fan.error = fan.error or unit.failure(error)
        else:
            fan.done[key] = result
        if fan.waiting:
            return None, []
        if fan.error is not None:
            del fans[unit.path]
            return None, [fan.failed(unit.path, fan.error)]
        return fan, []
