"""Per-file limits in the workers, and files that are hostile by size: the file is recorded, its worker replaced, the
batch goes on."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zlib
from functools import partial
from pathlib import Path

from sqlalchemy import select

import pipeline
from models.schema import Failure
from tests.conftest import CORPUS, ROOT

SOURCE = CORPUS / "text" / "000_4bb0c5848772b7a4.txt"
TITLE = "Virksomhedssamarbejde om mobile digitale løsninger til borgerne"


def _batch(tmp_path: Path, victim_name: str = "victim.txt") -> tuple[Path, Path]:
    """Three copies of a real proposal, one of them the file the test makes hostile."""
    root = tmp_path / "in"
    root.mkdir()
    for name in ("a.txt", "b.txt", victim_name):
        shutil.copy(SOURCE, root / name)
    return root, root / victim_name


def _hostile(victim: str, behaviour: str, path: Path, password: str | None = None):
    """prepare_file, except for the file named `victim`, which hangs ('sleep') or kills its worker ('kill'). Passed
    to the ingest as its extraction function (a partial of a module-level function: the pool pickles it)."""
    if Path(path).name == victim:
        if behaviour == "sleep":
            time.sleep(120)
        else:
            os.kill(os.getpid(), signal.SIGKILL)
    return pipeline.prepare_file(path, password)


def test_a_file_over_the_time_limit_is_recorded_and_its_worker_replaced(tmp_path):
    root, victim = _batch(tmp_path)
    started = time.monotonic()
    report = pipeline.ingest([root], db=f"sqlite:///{tmp_path / 'bcx.sqlite'}", workers=1, time_limit=3,
                             extract=partial(_hostile, victim.name, "sleep"))
    assert time.monotonic() - started < 100  # the stuck file was given up, not waited for
    assert report.failures == [(str(victim), "timed out after 3 s (the worker was replaced)")]
    assert report.ok == 2  # a file after the stuck one still found a (new) worker


def test_a_worker_that_dies_costs_only_its_file(tmp_path):
    root, victim = _batch(tmp_path)
    report = pipeline.ingest([root], db=f"sqlite:///{tmp_path / 'bcx.sqlite'}", workers=1,
                             extract=partial(_hostile, victim.name, "kill"))
    assert [p for p, _ in report.failures] == [str(victim)]
    assert "worker died" in report.failures[0][1] and "-9" in report.failures[0][1]
    assert report.ok == 2
    assert pipeline.counts(f"sqlite:///{tmp_path / 'bcx.sqlite'}")["files_failed"] == 1


def decompression_bomb(path: Path, decompressed_mib: int) -> None:
    """A one-page PDF whose content stream is ~7 MB of deflate that inflates to `decompressed_mib` MiB of spaces."""
    deflate = zlib.compressobj(1)
    chunk = b" " * 2**20
    data = b"".join(deflate.compress(chunk) for _ in range(decompressed_mib)) + deflate.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


def test_a_decompression_bomb_hits_the_memory_limit_and_its_worker_is_replaced(tmp_path):
    root, _ = _batch(tmp_path)
    bomb = root / "bomb.pdf"
    decompression_bomb(bomb, 1500)
    limit = 600  # MiB beyond what a worker starts with: plenty for a proposal, far less than the bomb inflates to
    report = pipeline.ingest([root], db=f"sqlite:///{tmp_path / 'bcx.sqlite'}", workers=1, memory_limit_mb=limit)
    assert report.failures == [(str(bomb), f"over the memory limit of {limit} MiB (the worker was replaced)")]
    assert report.ok == 3
    assert [d["title"] for d in pipeline.export_documents(f"sqlite:///{tmp_path / 'bcx.sqlite'}")] == [TITLE] * 3


def long_pdf(path: Path, pages: int) -> None:
    """A real proposal (the text dump set in a monospaced font, so its columns stay columns) followed by appendix
    pages up to `pages` pages in all."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4)
    width, height = A4
    for page_text in SOURCE.read_text(encoding="utf-8").split("\f"):
        y = height - 40
        canvas.setFont("Courier", 6)
        for line in page_text.splitlines():
            if y < 40:
                canvas.showPage()
                canvas.setFont("Courier", 6)
                y = height - 40
            canvas.drawString(30, y, line)
            y -= 7
        canvas.showPage()
    for number in range(canvas.getPageNumber(), pages + 1):
        canvas.setFont("Helvetica", 10)
        canvas.drawString(60, height - 60, f"Bilag {number}: supplerende oplysninger")
        canvas.showPage()
    canvas.save()


def test_a_thousand_page_pdf_is_read_through(tmp_path):
    import pdfplumber

    root = tmp_path / "in"
    root.mkdir()
    long_pdf(root / "long.pdf", 1000)
    with pdfplumber.open(root / "long.pdf") as pdf:
        assert len(pdf.pages) == 1000
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    report = pipeline.ingest([root], db=db, workers=1)
    assert report.failures == [] and report.ok == 1
    [doc] = pipeline.export_documents(db)
    assert doc["title"] == TITLE
    assert [t["number"] for t in doc["tables"]][:1] == [1]


def test_a_file_that_cannot_be_read_is_recorded(tmp_path):
    """Permissions. Root reads any file, so as root (CI) the ingest runs without the capabilities that let it."""
    root, victim = _batch(tmp_path)
    victim.chmod(0)
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    command = [sys.executable, "-c",
               f"import pipeline, sys; sys.exit(pipeline.ingest([{str(root)!r}], db={db!r}, workers=1).exit_code)"]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]
    run = subprocess.run(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 1, run.stderr  # a partial batch
    failed = pipeline.read(db, lambda s: [(f.path, f.reason) for f in s.scalars(select(Failure))])
    assert failed == [(str(victim), "cannot read: Permission denied")]
    assert [d["source"] for d in pipeline.export_documents(db)] == ["a.txt", "b.txt"]
