"""Issue 12's bar on generated proposals read through real PDF-to-text tools: the generator renders its proposals as
PDFs in its three templates (word, plain, office) and flattens them with poppler's pdftotext (-raw and default),
pdfminer.six and pdfium (synth.dump_tools), exactly as the corpus's text-flat dumps were made; bcx reads the dumps
and is scored against the PDFs' truth.

Bars (issue 12, 1,000 proposals): documents found >= 99.5% and cell F1 >= 0.99 overall; pdftotext (default) cell
F1 >= 0.97 and unflagged precision >= 0.99; pdfminer cell recall >= 0.80 and unflagged precision >= 0.99. Bars not
reached yet are asserted as ratchets at the best figures so far (bench/accuracy.py --pdf-share 0 prints them per
tool and template for any number of proposals).
"""
from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner

import pipeline
from cli import main
from synth import generate_archive
from synth.dump_tools import REAL_TOOLS, ToolMissing, dump
from synth.generate import read_manifest
from synth.render_pdf import TEMPLATES
from tests.conftest import CORPUS

PER_TOOL = 40  # proposals per tool, all as text dumps: ~25 files a tool, a few minutes for the four on 2 cores
SEED = 12

# Best figures reached so far per tool (documents found, spurious documents, cell F1, cell recall, unflagged
# precision), measured on this test's archives (40 proposals a tool, seed 12); raise them when the extractor gets
# better, never lower them. pdftotext -raw and pdfium are at their bars (found 1.0, F1 1.0, unflagged 1.0).
RATCHETS = {
    "pdftotext-raw": {"found": 1.0, "spurious": 0, "cell_f1": 0.99, "recall": 0.99, "unflagged": 0.995},
    "pdfium": {"found": 1.0, "spurious": 0, "cell_f1": 0.99, "recall": 0.99, "unflagged": 0.995},
    # bars: cell F1 >= 0.97, unflagged precision >= 0.99 (a table cell per line: columns read one after the other)
    "pdftotext": {"found": 1.0, "spurious": 0, "cell_f1": 0.999, "recall": 0.999, "unflagged": 0.995},
    # bars: cell recall >= 0.80, unflagged precision >= 0.99 (a table's columns as blocks one after the other)
    "pdfminer": {"found": 1.0, "spurious": 0, "cell_f1": 0.967, "recall": 0.967, "unflagged": 0.995},
}
OVERALL = {"found": 1.0, "cell_f1": 0.99}  # bars found >= 0.995, cell F1 >= 0.99: reached (seed 12 0.9916)


def squash(text: str) -> str:
    return re.sub(r"[\s\-–]", "", text)


@pytest.fixture(scope="module")
def through_tools(tmp_path_factory, scorer):
    """tool -> (archive folder, truth documents, exported documents, score) for PER_TOOL proposals dumped by it."""
    out = {}
    for tool in REAL_TOOLS:
        root = tmp_path_factory.mktemp(f"tool-{tool}")
        generate_archive(root / "raw", PER_TOOL, seed=SEED, pdf_share=0.0, text_tools=(tool,))
        db = f"sqlite:///{root / 'bcx.sqlite'}"
        report = pipeline.ingest([root / "raw"], db=db, workers=2)
        assert report.failed == 0, (tool, report.failures)
        truth = scorer.load_gold([root / "raw" / "truth"])
        docs = pipeline.export_documents(db)
        out[tool] = (root / "raw", truth, docs, scorer.score(truth, docs)[0])
    return out


@pytest.mark.parametrize("tool", REAL_TOOLS)
def test_dumps_are_the_tools_and_hold_the_truths_words(through_tools, tool):
    raw, truth, _, _ = through_tools[tool]
    made = read_manifest(raw)
    assert {m["tool"] for m in made.values()} == {tool}
    assert {m["template"] for m in made.values()} == set(TEMPLATES)
    for doc in truth:
        text = squash((raw / doc["source"]).read_text(encoding="utf-8"))
        assert squash(doc["title"]) in text, (tool, doc["source"], doc["title"])
        if doc["code"]:
            assert doc["code"] in text


@pytest.mark.parametrize("tool", REAL_TOOLS)
def test_each_tool_reads_at_its_ratchet(through_tools, tool):
    result = through_tools[tool][3]
    print(f"\n{tool}: found {result['documents_found']:.4f} spurious {result['documents_spurious']} "
          f"fields {result['field_accuracy']:.4f} cell F1 {result['cell_f1']:.4f} recall {result['cell_recall']:.4f} "
          f"unflagged {result['cell_precision_unflagged']:.4f}")
    ratchet = RATCHETS[tool]
    assert result["documents_found"] >= ratchet["found"]
    assert result["documents_spurious"] <= ratchet["spurious"]
    assert result["cell_f1"] >= ratchet["cell_f1"]
    assert result["cell_recall"] >= ratchet["recall"]
    assert result["cell_precision_unflagged"] >= ratchet["unflagged"]


def test_all_tools_together_read_at_the_ratchet(through_tools, scorer):
    # sources named apart: the four archives reuse the same file names
    truth = [dict(d, source=f"{t}/{d['source']}") for t in REAL_TOOLS for d in through_tools[t][1]]
    docs = [dict(d, source=f"{t}/{d['source']}") for t in REAL_TOOLS for d in through_tools[t][2]]
    result, _ = scorer.score(truth, docs)
    print(f"\nall tools: found {result['documents_found']:.4f} spurious {result['documents_spurious']} "
          f"cell F1 {result['cell_f1']:.4f} unflagged {result['cell_precision_unflagged']:.4f}")
    assert result["documents_found"] >= OVERALL["found"]
    assert result["cell_f1"] >= OVERALL["cell_f1"]


@pytest.mark.parametrize(("layout", "folder"), [("ruled", "pdf"), ("office", "pdf-office")])
@pytest.mark.parametrize("tool", REAL_TOOLS)
def test_dumps_are_made_as_the_corpus_made_them(tool, layout, folder):
    """The corpus's text-flat dumps of its PDFs come out byte for byte (the smallest file of each layout)."""
    pdf = min((CORPUS / folder).glob("*.pdf"), key=lambda p: p.stat().st_size)
    expected = (CORPUS / "text-flat" / f"{layout}-{tool}" / f"{pdf.stem}.txt").read_bytes()
    assert dump(pdf, tool).encode("utf-8") == expected


def test_a_missing_pdftotext_is_one_line_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    with pytest.raises(ToolMissing, match="pdftotext is not installed .*poppler-utils"):
        generate_archive(tmp_path / "a", 4, pdf_share=0.0, text_tools=("pdftotext",))
    assert not (tmp_path / "a").exists()
    result = CliRunner().invoke(main, ["generate", str(tmp_path / "b"), "-n", "4", "--pdf-share", "0"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "bcx: pdftotext is not installed (Debian package poppler-utils: `bash .ci/run system-deps`)"]
    assert not (tmp_path / "b").exists()
    # the tools that need no program of their own still work, and an all-PDF archive needs no tool at all
    generate_archive(tmp_path / "c", 2, pdf_share=0.0, text_tools=("pdfium",))
    generate_archive(tmp_path / "d", 2, pdf_share=1.0, text_tools=("pdftotext",))


def test_an_unknown_tool_is_a_wrong_argument(tmp_path):
    for pdf_share in (0.0, 1.0):
        with pytest.raises(ValueError, match="unknown text dump tool pdf2txt"):
            generate_archive(tmp_path / "a", 2, pdf_share=pdf_share, text_tools=("pdf2txt",))
    assert not (tmp_path / "a").exists()
    result = CliRunner().invoke(main, ["generate", str(tmp_path / "b"), "--text-tools", "pdf2txt"])
    assert result.exit_code == 2 and "unknown text dump tool pdf2txt" in result.output
