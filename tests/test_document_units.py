"""A bundle's documents as units of work (ingest/pages.py): a file of several documents comes back from its file
step parsed and unfinished, each document is extracted on its own (on whichever worker is free), and the file is
assembled from them in the file's order; a failed document fails its file with the document named. The state
machine is driven with made-up results; the executors with a real bundle, whose rows must be those of the file
extracted in one piece."""
from __future__ import annotations

from pathlib import Path

from conftest import BUNDLE, DUMP

from extract.records import ExtractedDocument
from ingest.executors import InlineExecutor, ProcessExecutor
from ingest.extraction import DocumentResult, StorableFile, extract_file, extract_one, joined_file, prepare_file
from ingest.pages import FileSteps
from models.rows import file_rows
from parsers.records import SourceDocument


def _source(ordinal: int, from_pdf: bool = False) -> SourceDocument:
    return SourceDocument(source="bundle.txt", ordinal=ordinal, kind="business_case", lines=[], from_pdf=from_pdf)


def _extracted(ordinal: int) -> ExtractedDocument:
    return ExtractedDocument(source="bundle.txt", ordinal=ordinal, kind="business_case", title=f"forslag {ordinal}")


def _unfinished(path: Path, *sources: SourceDocument) -> StorableFile:
    return StorableFile(path, sha256="abc", size=10, documents=sources)


def test_a_bundle_becomes_one_unit_per_document_assembled_in_the_files_order():
    steps = FileSteps(prepare_file, None)
    path = Path("bundle.txt")
    sources = (_source(1), _source(2, from_pdf=True), _source(3))
    units, complete = steps.finish(steps.start(path), _unfinished(path, *sources))
    assert complete == [] and [(u.step, u.document) for u in units] == [("document", 1), ("document", 2),
                                                                        ("document", 3)]
    assert all(u.fn is extract_one and u.args == (sources[u.document - 1],) for u in units)
    # documents finish in any order; the assembly waits for the last and gets them in the file's order
    assert steps.finish(units[2], DocumentResult(_extracted(3))) == ([], [])
    assert steps.finish(units[0], DocumentResult(_extracted(1))) == ([], [])
    [assemble], complete = steps.finish(units[1], DocumentResult(_extracted(2)))
    assert complete == [] and assemble.step == "assemble" and assemble.fn is joined_file
    _, documents, dumps, sha, size = assemble.args
    assert [d.ordinal for d in documents] == [1, 2, 3]
    assert dumps == {0, 2}  # the overview check reads only what came from a dump
    assert (sha, size) == ("abc", 10)
    stored = StorableFile(path, sha256="abc", size=10)
    assert steps.finish(assemble, stored) == ([], [stored]) and steps.spreads == {}


def test_a_failed_document_fails_its_file_naming_the_document_once_all_are_back():
    steps = FileSteps(prepare_file, None)
    path = Path("bundle.txt")
    units, _ = steps.finish(steps.start(path), _unfinished(path, _source(1), _source(2), _source(3)))
    assert steps.finish(units[1], DocumentResult(error="extraction failed (ValueError: x)")) == ([], [])
    assert steps.finish(units[2], None, "timed out after 300 s (the worker was replaced)") == ([], [])
    more, [failed] = steps.finish(units[0], DocumentResult(_extracted(1)))
    assert more == []  # no assembly: nothing of the file is stored
    assert failed.error == "document 2: extraction failed (ValueError: x)"  # the first failure heard
    assert (failed.sha256, failed.size, failed.rows) == ("abc", 10, None)


def test_a_scanned_bundle_spreads_its_documents_after_the_join():
    steps = FileSteps(prepare_file, None)
    path = Path("scan.pdf")
    [page], _ = steps.finish(steps.start(path), StorableFile(path, sha256="abc", size=10, ocr_pages=(1,)))
    [join], _ = steps.finish(page, object())
    units, complete = steps.finish(join, _unfinished(path, _source(1, True), _source(2, True)))
    assert complete == [] and [u.step for u in units] == ["document", "document"] and steps.jobs == {}


def test_a_bundle_is_prepared_unfinished_and_a_single_proposal_whole():
    bundle = prepare_file(BUNDLE)
    assert bundle.rows is None and bundle.error is None and len(bundle.documents) == 5
    whole = prepare_file(DUMP)
    assert whole.documents == () and whole.rows is not None and whole.document_count == 1


def test_a_bundle_read_document_by_document_stores_what_reading_it_whole_does(tmp_path):
    """The rows are the same whether the bundle is one unit (extract_file) or five, inline or in two workers."""
    whole = extract_file(BUNDLE)
    expected = file_rows(whole.documents, whole.findings)
    assert len(whole.documents) == 5
    for executor in (InlineExecutor(), ProcessExecutor(2)):
        [stored] = list(executor.run(prepare_file, [BUNDLE], None))
        assert stored.error is None and stored.documents == ()
        assert stored.rows == expected and stored.sha256 == whole.sha256
