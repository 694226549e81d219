"""Broken and hostile input: one line per bad file, a failure record, the rest of the batch loaded."""
from __future__ import annotations

import os

import pipeline
from tests.conftest import CORPUS

SOURCE = (CORPUS / "text" / "000_4bb0c5848772b7a4.txt").read_text(encoding="utf-8")
TITLE = "Virksomhedssamarbejde om mobile digitale løsninger til borgerne"


def _ingest(tmp_path, files: dict[str, bytes]):
    root = tmp_path / "in"
    root.mkdir()
    for name, data in files.items():
        (root / name).write_bytes(data)
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    return root, db, pipeline.ingest([root], db=db)


def test_encodings_and_line_ends_read_the_same(tmp_path):
    root, db, report = _ingest(
        tmp_path,
        {
            "cp1252_crlf.txt": SOURCE.replace("\n", "\r\n").encode("cp1252", errors="replace"),
            "latin1.txt": SOURCE.encode("latin-1", errors="replace"),
            "utf16.txt": SOURCE.encode("utf-16"),
            "utf8_bom.txt": b"\xef\xbb\xbf" + SOURCE.encode("utf-8"),
            "odd name æøå #1 (copy).txt": SOURCE.encode("utf-8"),
        },
    )
    assert report.failed == 0 and report.ok == 5
    docs = pipeline.export_documents(db)
    assert [d["title"] for d in docs] == [TITLE] * 5
    assert len({str(d["tables"]) for d in docs}) == 1  # the same figures whatever the encoding


def test_bad_files_are_reported_once_and_recorded(tmp_path):
    pdf = (CORPUS / "pdf" / "000_4bb0c5848772b7a4.pdf").read_bytes()
    root, db, report = _ingest(
        tmp_path,
        {
            "zero.pdf": b"",
            "zero.txt": b"",
            "truncated.pdf": pdf[: len(pdf) // 3],
            "random.pdf": os.urandom(4096),
            "minutes.txt": "Referat af mødet\nDer blev talt om budgettet.\n".encode(),
            "good.txt": SOURCE.encode("utf-8"),
        },
    )
    reasons = {os.path.basename(p): r for p, r in report.failures}
    assert set(reasons) == {"zero.pdf", "zero.txt", "truncated.pdf", "random.pdf", "minutes.txt"}
    assert "0 bytes" in reasons["zero.pdf"] and "0 bytes" in reasons["zero.txt"]
    assert "not a business case" in reasons["minutes.txt"]
    assert reasons["random.pdf"].startswith("unreadable PDF")
    assert report.ok == 1 and report.exit_code == 1
    assert [d["source"] for d in pipeline.export_documents(db)] == ["good.txt"]
    assert pipeline.counts(db)["files_failed"] == 5


def test_encrypted_pdf_needs_and_takes_a_password(tmp_path):
    locked = CORPUS / "foreign" / "password-example.pdf"
    db = f"sqlite:///{tmp_path / 'a.sqlite'}"
    report = pipeline.ingest([locked], db=db)
    assert "password" in report.failures[0][1]
    opened = pipeline.ingest([locked], db=f"sqlite:///{tmp_path / 'b.sqlite'}", password="test")
    assert "not a business case" in opened.failures[0][1]  # opened, read, and found to be no proposal


def test_table_that_stops_mid_row_keeps_what_is_there(tmp_path):
    cut = SOURCE[: SOURCE.index("Interne omkostninger") + 45]
    root, db, report = _ingest(tmp_path, {"cut.txt": cut.encode("utf-8")})
    assert report.failed == 0
    (doc,) = pipeline.export_documents(db)
    rows = doc["tables"][0]["rows"]
    assert rows[0]["label"] == "Omkostninger til virksomhedssamarbejde"
    assert rows[0]["values"] == {"2016": 600, "2017": 400, "2018": 0, "2019": 0, "2020": 0}


def test_symlink_loop_in_the_archive_ends(tmp_path):
    root, db, _ = _ingest(tmp_path, {"good.txt": SOURCE.encode("utf-8")})
    (root / "loop").mkdir()
    (root / "loop" / "up").symlink_to(root, target_is_directory=True)
    files = list(pipeline.discover([root]))
    assert [f.name for f in files] == ["good.txt"]
