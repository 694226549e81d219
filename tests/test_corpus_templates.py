"""Issue 13's bars: the same proposals in three PDF templates (Word-style ruled tables, borderless serif, an office
suite's municipal form with running headers and footers, tables across pages, merged heading rows) read alike."""
from __future__ import annotations

import pytest

import pipeline
from tests.conftest import CORPUS

TEMPLATES = ("pdf", "pdf-plain", "pdf-office")
CELL_F1, PRECISION_UNFLAGGED, FIELDS = 0.995, 0.995, 0.98


@pytest.fixture(scope="module", params=TEMPLATES)
def scored(request, tmp_path_factory, scorer):
    db = f"sqlite:///{tmp_path_factory.mktemp(request.param) / 'bcx.sqlite'}"
    report = pipeline.ingest([CORPUS / request.param], db=db, workers=2)
    result, _ = scorer.score(scorer.load_gold([CORPUS / "gold"]), pipeline.export_documents(db))
    return request.param, report, result


def test_every_template_reads_every_document_and_its_figures(scored):
    kind, report, result = scored
    assert report.failed == 0, report.failures
    assert (result["documents_found"], result["documents_spurious"]) == (1.0, 0), kind
    assert result["cell_f1"] >= CELL_F1, f"{kind}: cell F1 {result['cell_f1']:.4f}"
    assert result["cell_precision_unflagged"] >= PRECISION_UNFLAGGED, kind
    assert result["field_accuracy"] >= FIELDS, kind
