"""The corpus PDFs flattened by tools that made none of the corpus's dumps, judged by score.py: poppler's
`pdftotext -layout` (the page's columns kept as runs of spaces, a row's cells top-aligned, no spaces after the
last figure) and pdfplumber's `extract_text` (a row per line, one space between cells, a wrapped label's lines
under its figures). Nothing was tuned to a file here: the rules that read them (`column-offsets`,
`label-continues-below`, `dash-ends-wrapped-label`) are named for the kind of flattening, with synthetic tests in
tests/test_column_offsets.py. They read at a row-per-line dump's bar (issue 12): every document found, none
spurious, cell F1 >= 0.99, unflagged precision >= 0.995, fields >= 0.98, in each of the three templates.
"""
from __future__ import annotations

import pytest

import pipeline
from synth.dump_tools import OTHER_TOOLS, dump
from tests.conftest import CORPUS

TEMPLATES = ("pdf", "pdf-office", "pdf-plain")


@pytest.fixture(scope="module", params=[(t, f) for t in OTHER_TOOLS for f in TEMPLATES], ids=lambda p: "-".join(p))
def scored(request, tmp_path_factory, scorer):
    tool, folder = request.param
    root = tmp_path_factory.mktemp(f"{tool}-{folder}")
    for pdf in sorted((CORPUS / folder).glob("*.pdf")):
        (root / f"{pdf.stem}.txt").write_text(dump(pdf, tool), encoding="utf-8")
    db = f"sqlite:///{root / 'bcx.sqlite'}"
    report = pipeline.ingest([root], db=db, workers=2)
    result, _ = scorer.score(scorer.load_gold([CORPUS / "gold"]), pipeline.export_documents(db))
    return tool, folder, report, result


def test_other_tools_read_at_a_row_per_line_bar(scored):
    tool, folder, report, result = scored
    print(f"\n{tool} {folder}: cell F1 {result['cell_f1']:.4f} unflagged {result['cell_precision_unflagged']:.4f} "
          f"fields {result['field_accuracy']:.4f}")
    assert report.failed == 0, report.failures
    assert result["documents_found"] == 1.0 and result["documents_spurious"] == 0
    assert result["cell_f1"] >= 0.99
    assert result["cell_precision_unflagged"] >= 0.995
    assert result["field_accuracy"] >= 0.98
