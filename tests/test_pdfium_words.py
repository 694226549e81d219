"""The pdfium reader gives what pdfplumber gives: the same words, boxes within 0.5 pt, the same ruling lines, the
same lines, and the same export, on every page of every corpus PDF. A page it cannot reproduce falls back to
pdfplumber and is counted here with its reason."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

import pipeline
from parsers.pdffile import PdfSettings, page_rules, read_pdf, words_to_rows
from parsers.pdfium_words import NotReadable, PdfiumDocument
from parsers.records import Word
from tests.conftest import CORPUS

BOX_TOLERANCE = 0.5  # pt
RULE_TOLERANCE = 0.11  # pt: rules are rounded to 0.1 pt, and pdfium computes in float32 where pdfminer uses doubles
PASSWORDS = {"password-example.pdf": "test"}
BUSINESS = ["pdf", "pdf-plain", "pdf-office"]
# foreign/ pages pdfium reads without noticing that pdfminer places the characters elsewhere; they are not
# business cases either way (the ingest's outcome is asserted below), but the words differ:
KNOWN_DIFFERENT = {
    # justified text: pdfminer and pdfium place the words of a line up to 0.6 pt apart (word spacing)
    "issue-33-lorem-ipsum.pdf",
    # runs of space glyphs drawn over the dates: pdfminer keeps them (and splits "03/25/2016" into characters),
    # pdfium drops them
    "WARN-Report-for-7-1-2015-to-03-25-2016.pdf",
}


def _pdf_files(folder: str) -> list[Path]:
    return [f for f in sorted((CORPUS / folder).glob("*.pdf")) if f.stat().st_size > 0]


def _compare_page(reference, fast_words: list[Word], fast_rules: list[float]) -> str | None:
    """None when equal, else what differs."""
    ref = [Word(w["text"], w["x0"], w["top"], w["x1"], w["bottom"])
           for w in reference.extract_words(x_tolerance=PdfSettings().x_tolerance, keep_blank_chars=False)]
    if [w.text for w in ref] != [w.text for w in fast_words]:
        return "words differ"
    for a, b in zip(ref, fast_words, strict=True):
        if max(abs(a.x0 - b.x0), abs(a.top - b.top), abs(a.x1 - b.x1), abs(a.bottom - b.bottom)) > BOX_TOLERANCE:
            return f"box of {a.text!r}: {a} vs {b}"
    rows_a = [[w.text for w in row] for row in words_to_rows(ref, PdfSettings().line_tolerance)]
    rows_b = [[w.text for w in row] for row in words_to_rows(fast_words, PdfSettings().line_tolerance)]
    if rows_a != rows_b:
        return "lines differ"
    rules = page_rules(reference)
    if len(rules) != len(fast_rules) or any(
            abs(a - b) > RULE_TOLERANCE for a, b in zip(rules, fast_rules, strict=True)):
        return f"ruling lines differ: {rules} vs {fast_rules}"
    return None


def _read_both_ways(folder: str) -> tuple[int, Counter, dict]:
    pages, fallbacks, differ = 0, Counter(), {}
    for path in _pdf_files(folder):
        password = PASSWORDS.get(path.name)
        try:
            fast = PdfiumDocument(path, password)
        except Exception:  # noqa: BLE001 - pdfplumber reads such a file (and fails the same way): nothing to compare
            fallbacks["file pdfium cannot open"] += 1
            continue
        if not fast.same_pages:  # read_pdf gives such a file to pdfplumber whole
            fallbacks["file whose pages pdfium and pdfminer count differently"] += 1
            fast.close()
            continue
        try:
            with pdfplumber.open(path, password=password) as pdf:
                for index, reference in enumerate(pdf.pages):
                    pages += 1
                    try:
                        read = fast.read_page(index, PdfSettings().x_tolerance)
                    except NotReadable as exc:
                        fallbacks[str(exc)] += 1
                        continue
                    why = _compare_page(reference, read.words, read.h_rules)
                    if why is not None:
                        differ[(path.name, index + 1)] = why
                    assert read.width == pytest.approx(float(reference.width))
                    assert read.height == pytest.approx(float(reference.height))
                    reference.flush_cache()
        finally:
            fast.close()
    return pages, fallbacks, differ


@pytest.mark.parametrize("folder", BUSINESS)
def test_business_case_pdfs_read_the_same_on_every_page(folder):
    pages, fallbacks, differ = _read_both_ways(folder)
    assert pages > 20
    assert differ == {}
    assert not fallbacks, fallbacks  # the corpus needs no pdfplumber at all


def test_foreign_pdfs_read_the_same_or_fall_back():
    pages, fallbacks, differ = _read_both_ways("foreign")
    print(f"foreign: {pages} pages, fallbacks {dict(fallbacks)}, differ {differ}")
    assert pages > 30
    assert {name for name, _ in differ} <= KNOWN_DIFFERENT, differ
    assert fallbacks["rotated page"] >= 2  # nics-background-checks, senate-expenditures: pdfplumber reads them


def test_read_pdf_uses_pdfium_and_says_why_not(tmp_path):
    pages = read_pdf(CORPUS / "pdf-office" / "000_4bb0c5848772b7a4.pdf")
    assert pages and all(p.reader == "pdfium" and p.fallback is None for p in pages)
    slow = read_pdf(CORPUS / "pdf-office" / "000_4bb0c5848772b7a4.pdf", PdfSettings(reader="pdfplumber"))
    assert [[ln.text for ln in p.lines] for p in pages] == [[ln.text for ln in p.lines] for p in slow]
    assert [p.h_rules for p in pages] == [p.h_rules for p in slow] or all(
        len(a.h_rules) == len(b.h_rules) for a, b in zip(pages, slow, strict=True))
    rotated = read_pdf(CORPUS / "foreign" / "nics-background-checks-2015-11-rotated.pdf")
    assert [(p.reader, p.fallback) for p in rotated] == [("pdfplumber", "rotated page")]


def _export(folder: str, reader: str, tmp_path: Path, monkeypatch) -> tuple[str, list]:
    monkeypatch.setenv("BCX_PDF_READER", reader)
    db = f"sqlite:///{tmp_path / f'{reader}.sqlite'}"
    report = pipeline.ingest([CORPUS / folder], db=db, workers=0)
    return json.dumps(pipeline.export_documents(db), ensure_ascii=False, sort_keys=True), report.failures


@pytest.mark.parametrize("folder", BUSINESS)
def test_the_export_is_the_same_with_either_reader(folder, tmp_path, monkeypatch):
    fast, fast_failures = _export(folder, "pdfium", tmp_path, monkeypatch)
    slow, slow_failures = _export(folder, "pdfplumber", tmp_path, monkeypatch)
    assert fast_failures == slow_failures == []
    assert len(json.loads(fast)) >= 3
    assert fast == slow


def test_foreign_pdfs_fail_the_same_way_with_either_reader(tmp_path, monkeypatch):
    _, fast = _export("foreign", "pdfium", tmp_path, monkeypatch)
    _, slow = _export("foreign", "pdfplumber", tmp_path, monkeypatch)
    assert sorted(fast) == sorted(slow)
    assert len(fast) == len(list((CORPUS / "foreign").glob("*.pdf")))


# ---------------------------------------------------------------- synthetic edge cases, made here with reportlab

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _pdf(path: Path, draw, rotation: int = 0) -> Path:
    """A one-page A4 PDF drawn by `draw(canvas)`; an empty page when draw does nothing."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4)
    if rotation:
        canvas.setPageRotation(rotation)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return path


def _both(path: Path) -> tuple[list, list]:
    fast = read_pdf(path, PdfSettings(reader="pdfium"), ocr=None)
    slow = read_pdf(path, PdfSettings(reader="pdfplumber"), ocr=None)
    assert len(fast) == len(slow) == 1
    return fast, slow


def _words_of(pages) -> list[Word]:
    return [w for p in pages for ln in p.lines for w in ln.words]


def _assert_same_words(fast, slow) -> None:
    a, b = _words_of(fast), _words_of(slow)
    assert [w.text for w in a] == [w.text for w in b]
    for x, y in zip(a, b, strict=True):
        assert max(abs(x.x0 - y.x0), abs(x.top - y.top), abs(x.x1 - y.x1), abs(x.bottom - y.bottom)) <= BOX_TOLERANCE


def test_a_gap_wider_than_x_tolerance_splits_a_word_and_a_narrow_one_does_not(tmp_path):
    def draw(c):
        c.setFont("Helvetica", 10)
        c.drawString(100, 700, "12")
        c.drawString(100 + c.stringWidth("12", "Helvetica", 10) + 4.0, 700, "34")  # 4 pt: two words
        c.drawString(100, 650, "56")
        c.drawString(100 + c.stringWidth("56", "Helvetica", 10) + 1.0, 650, "78")  # 1 pt < 1.5: one word
        c.drawString(100, 600, "Tabel 1.")  # a real space splits

    fast, slow = _both(_pdf(tmp_path / "gap.pdf", draw))
    assert fast[0].reader == "pdfium"
    assert [w.text for w in _words_of(fast)] == ["12", "34", "5678", "Tabel", "1."]
    _assert_same_words(fast, slow)
    first = _words_of(fast)[0]
    assert first.x0 == pytest.approx(100, abs=0.01)  # PDF x as drawn
    assert first.bottom == pytest.approx(841.89 - 700 + 0.207 * 10, abs=0.01)  # A4 top - baseline + Helvetica descent


@pytest.mark.skipif(not DEJAVU.exists(), reason="DejaVu Sans is not installed")
def test_ligature_characters_are_expanded_as_pdfplumber_does(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVuSansTest", str(DEJAVU)))

    def draw(c):
        c.setFont("DejaVuSansTest", 12)
        c.drawString(72, 700, "ﬁnansiering og ﬂere oﬀentlige")

    fast, slow = _both(_pdf(tmp_path / "ligatures.pdf", draw))
    assert fast[0].reader == "pdfium"
    assert [w.text for w in _words_of(fast)] == ["finansiering", "og", "flere", "offentlige"]
    _assert_same_words(fast, slow)


def test_a_rotated_page_is_read_by_pdfplumber(tmp_path):
    def draw(c):
        c.setFont("Helvetica", 10)
        c.drawString(72, 700, "Samlet 1.200")

    fast, slow = _both(_pdf(tmp_path / "rotated.pdf", draw, rotation=90))
    assert (fast[0].reader, fast[0].fallback) == ("pdfplumber", "rotated page")
    _assert_same_words(fast, slow)
    assert [w.text for w in _words_of(fast)] == ["Samlet", "1.200"]


def test_rotated_text_is_read_by_pdfplumber(tmp_path):
    def draw(c):
        c.setFont("Helvetica", 10)
        c.drawString(72, 700, "upright")
        c.saveState()
        c.translate(300, 300)
        c.rotate(90)
        c.drawString(0, 0, "sideways")
        c.restoreState()

    fast, slow = _both(_pdf(tmp_path / "sideways.pdf", draw))
    assert (fast[0].reader, fast[0].fallback) == ("pdfplumber", "rotated, skewed or mirrored text")
    _assert_same_words(fast, slow)


def test_an_empty_page_has_no_text_either_way(tmp_path):
    fast, slow = _both(_pdf(tmp_path / "empty.pdf", lambda c: None))
    assert fast[0].fallback == "no words (empty or scanned)"  # pdfplumber decides: OCR for a scan, else empty
    assert not fast[0].has_text and not slow[0].has_text
    assert fast[0].lines == slow[0].lines == []


def test_table_rules_come_from_lines_and_rects_as_pdfplumber_makes_them(tmp_path):
    def draw(c):
        c.setFont("Helvetica", 9)
        c.drawString(80, 705, "Effektiviseringsgevinst")
        c.line(72, 700, 500, 700)  # a ruled line
        c.rect(72, 650, 428, 40, stroke=1, fill=0)  # a cell: top and bottom edges
        c.setFillGray(0.9)
        c.rect(72, 600, 428, 20, stroke=0, fill=1)  # a shaded header row: filled only, still two edges
        c.line(300, 500, 300, 600)  # vertical: no rule

    fast, slow = _both(_pdf(tmp_path / "rules.pdf", draw))
    assert fast[0].reader == "pdfium"
    assert fast[0].h_rules == slow[0].h_rules == [round(841.89 - y, 1) for y in (700, 690, 650, 620, 600)]
