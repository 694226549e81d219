"""A scanned file's pages as units of work (ingest/pages.py): split into pages, each page's OCR on its own, joined in
page order into one file result; a failed page fails its file with the page named. Driven with made-up results and
a synthetic image-only PDF, so no Tesseract is needed here (tests/test_ocr.py runs the real thing)."""
from __future__ import annotations

import os
import time
from functools import partial
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from ingest.executors import InlineExecutor, Limits, ProcessExecutor
from ingest.extraction import StorableFile, prepare_file
from ingest.pages import FileSteps, ocr_page_unit
from parsers.ocr import OcrPage
from parsers.pdffile import OcrPlan, PagesNeedOcr, ScannedPage, read_pdf, scanned_pages_heaviest_first
from parsers.records import Word


class Events:
    def __init__(self) -> None:
        self.found: list[tuple[str, int]] = []
        self.done: list[int] = []

    def pages_found(self, path: Path, pages: int) -> None:
        self.found.append((path.name, pages))

    def page_done(self, path: Path, number: int) -> None:
        self.done.append(number)


def _page(text: str) -> OcrPage:
    return OcrPage(rows=[[Word(text, 72.0, 100.0, 140.0, 112.0, conf=91.0)]], h_rules=[], skew_degrees=0.3)


def _unfinished(path: Path, pages: tuple[int, ...]) -> StorableFile:
    return StorableFile(path, sha256="abc", size=10, ocr_pages=pages)


def test_a_scanned_file_becomes_one_unit_per_page_joined_in_page_order():
    events = Events()
    steps = FileSteps(prepare_file, None, events)
    path = Path("scan.pdf")
    first = steps.start(path)
    assert (first.step, first.args) == ("file", (path, None))
    units, complete = steps.finish(first, _unfinished(path, (1, 2, 3)))
    assert complete == [] and [(u.step, u.page) for u in units] == [("page", 1), ("page", 2), ("page", 3)]
    assert all(u.fn is ocr_page_unit and u.args == (path, u.page, "abc", None) for u in units)
    assert events.found == [("scan.pdf", 3)]
    # pages finish in any order; the join waits for the last and gets them in page order
    assert steps.finish(units[2], _page("three")) == ([], [])
    assert steps.finish(units[0], _page("one")) == ([], [])
    [join], complete = steps.finish(units[1], _page("two"))
    assert complete == [] and join.step == "join" and join.fn is prepare_file
    _, _, pages, sha = join.args
    assert list(pages) == [1, 2, 3] and [p.rows[0][0].text for p in pages.values()] == ["one", "two", "three"]
    assert sha == "abc"  # the join reads the same bytes the pages were read from, or fails
    assert events.done == [3, 1, 2]
    stored = StorableFile(path, sha256="abc", size=10)
    assert steps.finish(join, stored) == ([], [stored]) and steps.jobs == {}


def test_a_failed_page_fails_its_file_naming_the_page_once_all_pages_are_back():
    steps = FileSteps(prepare_file, None)
    path = Path("scan.pdf")
    units, _ = steps.finish(steps.start(path), _unfinished(path, (1, 2)))
    assert steps.finish(units[1], None, "timed out after 300 s (the worker was replaced)") == ([], [])
    more, [failed] = steps.finish(units[0], _page("one"))
    assert more == []  # no join: nothing of the file is stored
    assert failed.error == "page 2: timed out after 300 s (the worker was replaced)"
    assert (failed.sha256, failed.size, failed.rows) == ("abc", 10, None)


def test_a_file_without_scanned_pages_is_one_unit_and_a_failed_file_keeps_its_reason():
    steps = FileSteps(prepare_file, None)
    done = StorableFile(Path("a.txt"), sha256="x")
    assert steps.finish(steps.start(Path("a.txt")), done) == ([], [done])
    _, [failed] = steps.finish(steps.start(Path("b.pdf")), None, "timed out after 3 s (the worker was replaced)")
    assert failed.error == "timed out after 3 s (the worker was replaced)"


@pytest.fixture()
def image_pdf(tmp_path) -> Path:
    """A three-page PDF of images only (no text layer): what a scanner makes."""
    pages = []
    for n in range(3):
        img = Image.new("L", (620, 877), 255)
        ImageDraw.Draw(img).rectangle([100 + 20 * n, 100, 300, 140], fill=0)
        pages.append(img.convert("RGB"))
    path = tmp_path / "scan.pdf"
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=72)
    return path


def test_reading_with_ocr_deferred_names_the_scanned_pages_and_reads_them_from_results(image_pdf):
    with pytest.raises(PagesNeedOcr) as deferred:
        read_pdf(image_pdf, plan=OcrPlan(defer=True))
    assert sorted(deferred.value.pages) == [1, 2, 3]
    done = {n: _page(f"side{n}") for n in (3, 1, 2)}
    pages = read_pdf(image_pdf, plan=OcrPlan(done=done))
    assert [p.number for p in pages] == [1, 2, 3]
    assert [p.lines[0].text for p in pages] == ["side1", "side2", "side3"]
    assert all(p.ocr and p.lines[0].ocr and p.lines[0].words[0].conf == 91.0 for p in pages)


def test_scanned_pages_are_handed_out_heaviest_first_ties_in_page_order():
    pages = [ScannedPage(1, 50_000), ScannedPage(2, 320_000), ScannedPage(3, 320_000), ScannedPage(4, 190_000)]
    assert scanned_pages_heaviest_first(pages) == [2, 3, 4, 1]


def test_a_scans_pages_with_more_ink_are_read_first_and_still_joined_in_page_order(tmp_path):
    """Page 1 nearly blank, page 2 full of (noisy) ink, page 3 half full: the larger a page's stored image, the
    longer Tesseract takes, so the pages go out 2, 3, 1; the join still gets them in page order."""
    rng = np.random.default_rng(0)
    pages = []
    for rows in (10, 800, 400):
        img = np.full((877, 620), 255, dtype=np.uint8)
        img[40:40 + rows] = rng.integers(0, 256, size=(rows, 620), dtype=np.uint8)
        pages.append(Image.fromarray(img).convert("RGB"))
    path = tmp_path / "scan.pdf"
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=72)
    with pytest.raises(PagesNeedOcr) as deferred:
        read_pdf(path, plan=OcrPlan(defer=True))
    assert deferred.value.pages == [2, 3, 1]
    steps = FileSteps(prepare_file, None)
    units, _ = steps.finish(steps.start(path), _unfinished(path, tuple(deferred.value.pages)))
    assert [u.page for u in units] == [2, 3, 1]
    steps.finish(units[0], _page("two"))
    steps.finish(units[1], _page("three"))
    [join], _ = steps.finish(units[2], _page("one"))
    assert list(join.args[2]) == [1, 2, 3]


def test_tesseract_is_asked_for_its_languages_once_a_process(monkeypatch, tmp_path):
    """Each scanned page asks whether OCR can run; the answer is kept for the Tesseract on the PATH, and a PATH
    without Tesseract is still seen at once."""
    import pytesseract

    from parsers import ocr

    asked: list[str] = []

    def languages(config=""):
        asked.append(config)
        return ["dan", "eng", "osd"]

    fake = tmp_path / "bin" / "tesseract"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    monkeypatch.setattr(pytesseract, "get_languages", languages)
    assert [ocr.tesseract_ready("dan") for _ in range(3)] == [None, None, None]
    assert ocr.tesseract_ready("deu") == "Tesseract has no 'deu' language data"
    assert len(asked) == 1
    monkeypatch.setenv("PATH", str(tmp_path))
    assert ocr.tesseract_ready("dan") == "Tesseract is not installed"


def test_an_executor_runs_a_scanned_file_page_by_page(image_pdf, monkeypatch):
    """The inline executor through the whole protocol, OCR replaced by a stub that says which page it read: the
    file's unit, one unit per page, the join (which finds no business case on these pages and says so)."""
    import parsers.pdffile as pdffile

    read: list[int] = []

    def fake_ocr(page, settings):
        read.append(page.page_number)
        return _page(f"side{page.page_number}")

    monkeypatch.setattr(pdffile, "_ocr", fake_ocr)
    monkeypatch.setattr(pdffile, "tesseract_ready", lambda lang: None)
    events = Events()
    [result] = InlineExecutor().run(prepare_file, [image_pdf], None, events)
    assert sorted(read) == [1, 2, 3] and events.found == [("scan.pdf", 3)] and sorted(events.done) == [1, 2, 3]
    assert result.error is not None and result.error.startswith("not a business case")
    assert result.ocr_pages == () and result.sha256 is not None


def _slow_ocr(log: Path, slow_page: int | None, seconds: float, page, settings) -> OcrPage:
    """OCR stand-in: takes `seconds` (a page `slow_page` far longer) and notes which worker read which page."""
    number = page.page_number
    time.sleep(seconds * (10 if number == slow_page else 1))
    with log.open("a") as fh:
        fh.write(f"{number} {os.getpid()}\n")
    return _page(f"side{number}")


@pytest.mark.parametrize("slow_page", [None, 2])
def test_a_files_pages_go_to_every_worker_each_under_the_time_limit(image_pdf, tmp_path, monkeypatch, slow_page):
    """Three pages of 1.2 s each under a limit of 3 s: the file (3.6 s of OCR) is read, its pages spread over both
    workers; a page that takes 12 s fails the file, naming the page."""
    import parsers.pdffile as pdffile

    log = tmp_path / "pages.log"
    monkeypatch.setattr(pdffile, "_ocr", partial(_slow_ocr, log, slow_page, 1.2))  # forked workers inherit it
    monkeypatch.setattr(pdffile, "tesseract_ready", lambda lang: None)
    events = Events()
    [result] = ProcessExecutor(2, Limits(time_s=3, memory_mb=None)).run(prepare_file, [image_pdf], None, events)
    read = [line.split() for line in log.read_text().splitlines()]
    if slow_page is None:
        assert result.error is not None and result.error.startswith("not a business case")  # the join ran
        assert sorted(int(n) for n, _ in read) == [1, 2, 3] and sorted(events.done) == [1, 2, 3]
        assert len({pid for _, pid in read}) == 2  # both workers read pages of the one file
    else:
        assert result.error == "page 2: timed out after 3 s (the worker was replaced)"
        assert sorted(int(n) for n, _ in read) == [1, 3]
