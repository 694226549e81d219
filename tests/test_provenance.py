"""Every figure read from a PDF can be found again: cropping its page to its box gives back its text."""
from __future__ import annotations

from collections import defaultdict

import pdfplumber
import pytest
from sqlalchemy import select

import pipeline
from models import FinValue, database_url, make_engine, session_scope
from models.schema import Document, FinRow, FinTable, SourceFile
from tests.conftest import CORPUS


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_pdf_values_crop_back_to_their_text(tmp_path, monkeypatch, reader):
    monkeypatch.setenv("BCX_PDF_READER", reader)  # parsers/pdffile.py reads it at each call, in the workers too
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    report = pipeline.ingest([CORPUS / "pdf"], db=db)
    assert report.failed == 0
    engine = make_engine(database_url(db))
    by_file = defaultdict(list)
    with session_scope(engine) as session:
        rows = session.execute(
            select(SourceFile.path, FinValue.page, FinValue.x0, FinValue.top, FinValue.x1, FinValue.bottom,
                   FinValue.text_as_written, SourceFile.sha256)
            .join(Document, Document.source_file_id == SourceFile.id)
            .join(FinTable, FinTable.document_id == Document.id)
            .join(FinRow, FinRow.table_id == FinTable.id)
            .join(FinValue, FinValue.row_id == FinRow.id)
        ).all()
    engine.dispose()
    assert len(rows) > 900
    for path, page, x0, top, x1, bottom, text, sha in rows:
        assert page is not None and None not in (x0, top, x1, bottom), (path, text)
        assert len(sha) == 64
        by_file[path].append((page, (x0, top, x1, bottom), text))
    checked = 0
    for path, values in by_file.items():
        with pdfplumber.open(path) as pdf:
            for page, bbox, text in values:
                cropped = pdf.pages[page - 1].crop(bbox).extract_text().strip()
                assert cropped == text, (path, page, bbox, text, cropped)
                checked += 1
    assert checked == len(rows)


def test_text_values_name_their_line(tmp_path):
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    src = CORPUS / "text" / "003_8a03cb9497d78e97_a.txt"
    pipeline.ingest([src], db=db)
    lines = src.read_text(encoding="utf-8").split("\n")
    engine = make_engine(database_url(db))
    with session_scope(engine) as session:
        values = session.execute(select(FinValue.line_start, FinValue.text_as_written, FinValue.inferred_by)).all()
    engine.dispose()
    assert values
    for line_no, text, _ in values:
        assert text in lines[line_no - 1].split(), (line_no, text, lines[line_no - 1])
    assert any(inferred for _, _, inferred in values)  # BC10 and BC19 rows were placed by the arithmetic
