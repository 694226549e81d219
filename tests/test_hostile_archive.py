"""Nothing false, nothing lost when the archive misbehaves (issue 14): each case built here, in the test."""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import pipeline
from models.export import defuse_csv, write_xlsx
from parsers.textfile import decode_bytes
from tests.conftest import CORPUS, ROOT

SOURCE = CORPUS / "text" / "000_4bb0c5848772b7a4.txt"
BUNDLE = CORPUS / "text" / "003_8a03cb9497d78e97_a.txt"  # five proposals; BC04's Tabel 1 has Effektiviseringsgevinst
TITLE = "Virksomhedssamarbejde om mobile digitale løsninger til borgerne"


def _proposal(title: str = TITLE) -> str:
    return SOURCE.read_text("utf-8").replace(TITLE, title)


# ---------------------------------------------------------------- wrong data stored without a word


def test_a_utf8_dump_with_one_cp1252_line_keeps_its_utf8_lines(tmp_path):
    text = _proposal("Løsning til ældre borgere på plejehjem")
    lines = text.encode("utf-8").split(b"\n")
    lines[-3] = "Bemærk: tilføjet i Windows (æøå)".encode("cp1252")  # one line pasted from another program
    data = b"\n".join(lines)
    decoded = decode_bytes(data)
    assert "Løsning til ældre borgere på plejehjem" in decoded and "Ã" not in decoded
    assert "Bemærk: tilføjet i Windows (æøå)" in decoded
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "mixed.txt").write_bytes(data)
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    pipeline.ingest([tmp_path / "in"], db=db)
    (doc,) = pipeline.export_documents(db)
    assert doc["title"] == "Løsning til ældre borgere på plejehjem"


def _with_figure(text: str, figure: str) -> str:
    """The proposal with the first figure of its 'Effektiviseringsgevinst' row replaced by `figure`."""
    out = []
    done = False
    for line in text.split("\n"):
        if not done and line.startswith("Effektiviseringsgevinst"):
            parts = line.split(" ")
            first = next(i for i, p in enumerate(parts) if p and (p[0].isdigit() or p[0] == "-"))
            parts[first] = figure
            line = " ".join(parts)
            done = True
        out.append(line)
    assert done
    return "\n".join(out)


def test_a_twenty_digit_amount_is_refused_with_a_finding_never_stored_rounded(tmp_path, db_url):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "huge.txt").write_text(_with_figure(BUNDLE.read_text("utf-8"), "12345678901234567890"),
                                              "utf-8")
    (tmp_path / "in" / "plain.txt").write_text(_proposal("Et almindeligt forslag"), "utf-8")
    report = pipeline.ingest([tmp_path / "in"], db=db_url)
    assert report.failed == 0 and report.ok == 2 and report.documents == 6
    values = [v for d in pipeline.export_documents(db_url) for t in d["tables"] for r in t["rows"]
              for v in r["values"].values()]
    assert values and all(abs(v) < 10**14 for v in values)
    found = [f for f in pipeline.findings(db_url) if f["rule"] == "value-out-of-range"]
    assert len(found) == 1 and "12345678901234567890" in found[0]["message"]


# ---------------------------------------------------------------- what is stored is what was parsed


def _rewrite_then_extract(new_content: bytes, path: Path, password: str | None = None):
    """The file is rewritten after the plan hashed it and before the worker reads it."""
    Path(path).write_bytes(new_content)
    return pipeline.prepare_file(path, password)


def test_the_hash_stored_is_of_the_bytes_that_were_parsed(tmp_path):
    (tmp_path / "in").mkdir()
    target = tmp_path / "in" / "a.txt"
    target.write_text(_proposal("Første udgave"), "utf-8")
    second = _proposal("Anden udgave").encode("utf-8")
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    pipeline.ingest([tmp_path / "in"], db=db, workers=0, extract=partial(_rewrite_then_extract, second))
    (doc,) = pipeline.export_documents(db)
    assert doc["title"] == "Anden udgave"
    from sqlalchemy import create_engine, text

    engine = create_engine(db)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT sha256, size_bytes FROM source_files")).one()
    engine.dispose()
    assert tuple(stored) == (hashlib.sha256(second).hexdigest(), len(second))
    assert pipeline.ingest([tmp_path / "in"], db=db).changed_nothing  # and the database knows it has this content


# ---------------------------------------------------------------- data never loaded, with a success exit


def _stuck(victim: str, path: Path, password: str | None = None):
    if Path(path).name == victim:
        time.sleep(60)
    return pipeline.prepare_file(path, password)


def test_a_failed_file_is_tried_again(tmp_path):
    (tmp_path / "in").mkdir()
    for name in ("a.txt", "slow.txt"):
        (tmp_path / "in" / name).write_text(_proposal(name), "utf-8")
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    first = pipeline.ingest([tmp_path / "in"], db=db, workers=1, time_limit=2, extract=partial(_stuck, "slow.txt"))
    assert [Path(p).name for p, _ in first.failures] == ["slow.txt"]
    again = pipeline.ingest([tmp_path / "in"], db=db, workers=1)  # larger limit: the cause is gone
    assert again.failed == 0 and again.ok == 1 and again.unchanged == 1
    assert sorted(d["source"] for d in pipeline.export_documents(db)) == ["a.txt", "slow.txt"]


def test_an_empty_root_removes_nothing(tmp_path):
    share, other = tmp_path / "share", tmp_path / "other"
    share.mkdir()
    other.mkdir()
    (share / "a.txt").write_text(_proposal("A"), "utf-8")
    (other / "b.txt").write_text(_proposal("B"), "utf-8")
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    pipeline.ingest([share, other], db=db)
    (share / "a.txt").rename(tmp_path / "a.txt")  # the share is an empty mount point now
    alone = pipeline.ingest([share], db=db)
    assert alone.exit_code == 2 and alone.run_id is None  # nothing to read: no run, nothing touched
    report = pipeline.ingest([share, other], db=db)
    assert report.counts.get("removed", 0) == 0 and report.empty_roots == [str(share)]
    assert sorted(d["source"] for d in pipeline.export_documents(db)) == ["a.txt", "b.txt"]


# ---------------------------------------------------------------- batch stopped or hung


def test_the_same_file_reached_twice_is_read_once(tmp_path):
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "a.txt").write_text(_proposal(), "utf-8")
    (archive / "link.txt").symlink_to(archive / "a.txt")
    os.chdir(tmp_path)
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    report = pipeline.ingest([Path("in"), archive, archive / "a.txt"], db=db)
    assert report.failed == 0 and report.files == 1 and report.ok == 1
    assert len(pipeline.export_documents(db)) == 1
    assert pipeline.ingest([archive, Path("in/a.txt")], db=db).changed_nothing


def test_a_file_the_database_refuses_is_recorded_and_the_rest_written(tmp_path, db_url):
    (tmp_path / "in").mkdir()
    text = _proposal("Med et NUL-tegn")
    text = text.replace("Risikovurdering", "Risiko\x00vurdering", 1) if "Risikovurdering" in text else text + "\x00"
    (tmp_path / "in" / "nul.txt").write_text(text, "utf-8")
    for name in ("a.txt", "b.txt"):
        (tmp_path / "in" / name).write_text(_proposal(name), "utf-8")
    report = pipeline.ingest([tmp_path / "in"], db=db_url)
    sources = sorted(d["source"] for d in pipeline.export_documents(db_url))
    if db_url.startswith("postgresql"):  # PostgreSQL's text cannot hold NUL: the file is refused, the others stored
        assert [(Path(p).name, r.split(" (")[0]) for p, r in report.failures] == [
            ("nul.txt", "the database refused this file")]
        assert sources == ["a.txt", "b.txt"]
        assert pipeline.runs(db_url)[-1]["status"] == "done"
    else:  # SQLite holds it
        assert report.failed == 0 and sources == ["a.txt", "b.txt", "nul.txt"]


def test_fifos_and_devices_in_the_archive_are_not_read(tmp_path):
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "a.txt").write_text(_proposal(), "utf-8")
    os.mkfifo(archive / "pipe.txt")
    (archive / "zero.pdf").symlink_to("/dev/zero")
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-m", "cli", "ingest", str(archive), "--db",
                          f"sqlite:///{tmp_path / 'bcx.sqlite'}"], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert time.monotonic() - started < 120 and "loaded      1" in run.stdout


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{pid}\n" in status:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


def test_a_sigkilled_ingest_leaves_no_worker_running(tmp_path):
    archive = tmp_path / "in"
    archive.mkdir()
    for i in range(12):
        shutil.copy(CORPUS / "text" / "003_8a03cb9497d78e97_a.txt", archive / f"{i}.txt")
    proc = subprocess.Popen([sys.executable, "-m", "cli", "ingest", str(archive), "--workers", "2", "--db",
                             f"sqlite:///{tmp_path / 'bcx.sqlite'}"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < 2:
        workers = _children(proc.pid)
        time.sleep(0.1)
    assert len(workers) >= 2, "the pool did not start"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.2)
    assert not any(_alive(w) for w in workers)


# ---------------------------------------------------------------- security: spreadsheets


def test_spreadsheet_exports_write_text_as_text():
    frame = pd.DataFrame({"label": ["=1+2", "-2+3", "+A1", "@SUM(A1:A2)", "Effektiviseringsgevinst"],
                          "value": pd.Series([1, -942, 3, 4, 5], dtype=object)})
    csv = defuse_csv(frame).to_csv(index=False)
    assert "'=1+2" in csv and "'-2+3" in csv and "'+A1" in csv and "'@SUM(A1:A2)" in csv
    assert ",-942\n" in csv and "\nEffektiviseringsgevinst,5" in csv  # numbers stay numbers, plain text as it was
    out = io.BytesIO()
    write_xlsx({"figures": frame}, out)
    out.seek(0)
    sheet = openpyxl.load_workbook(out).active
    cells = {sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=1).data_type for r in range(2, 7)}
    assert cells == {"=1+2": "s", "-2+3": "s", "+A1": "s", "@SUM(A1:A2)": "s", "Effektiviseringsgevinst": "s"}
    assert sheet.cell(row=3, column=2).value == -942 and sheet.cell(row=3, column=2).data_type == "n"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_formula_label_from_a_document_is_exported_as_text(tmp_path, fmt):
    text = BUNDLE.read_text("utf-8").replace("\nEffektiviseringsgevinst", "\n=1+2 Effektiviseringsgevinst", 1)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(text, "utf-8")
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    pipeline.ingest([tmp_path / "in"], db=db)
    labels = {r["label"] for d in pipeline.export_documents(db) for t in d["tables"] for r in t["rows"]}
    label = next(x for x in labels if x.startswith("=1+2"))
    from click.testing import CliRunner

    from cli import main

    out = tmp_path / f"figures.{fmt}"
    assert CliRunner().invoke(main, ["export", "--format", fmt, "-o", str(out), "--db", db]).exit_code == 0
    if fmt == "csv":
        assert f"'{label}" in out.read_text("utf-8")
    else:
        sheet = openpyxl.load_workbook(out)["figures"]
        cells = [c for row in sheet.iter_rows() for c in row if c.value == label]
        assert cells and all(c.data_type == "s" for c in cells)
