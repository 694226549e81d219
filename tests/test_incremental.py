"""Incremental, idempotent, crash-safe ingests, with every run recorded."""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import pipeline
from synth import generate_archive
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    out = tmp_path_factory.mktemp("arch") / "raw"
    generate_archive(out, 16, seed=5, pdf_share=0.25, text_tools=("pdfium",))  # a table row per line, to edit
    shutil.rmtree(out / "truth")
    return out


def _copy(archive, tmp_path) -> Path:
    dst = tmp_path / "raw"
    shutil.copytree(archive, dst)
    return dst


def test_same_ingest_twice_changes_nothing(archive, tmp_path):
    raw = _copy(archive, tmp_path)
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    first = pipeline.ingest([raw], db=db)
    before = pipeline.export_documents(db)
    second = pipeline.ingest([raw], db=db)
    assert first.counts["new"] == first.files and first.failed == 0
    assert second.unchanged == second.files and second.changed_nothing
    assert pipeline.export_documents(db) == before
    assert pipeline.changes(second.run_id, db) == []
    runs = pipeline.runs(db)
    assert [r["status"] for r in runs] == ["done", "done"]
    assert runs[1]["files_unchanged"] == second.files


def test_changed_file_reports_the_figure_and_removed_file_is_marked(archive, tmp_path):
    raw = _copy(archive, tmp_path)
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    pipeline.ingest([raw], db=db)
    target = sorted(raw.glob("*.txt"))[0]
    lines = target.read_text(encoding="utf-8").split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Tabel 1"))
    # the first full row of figures in Tabel 1: its last figure becomes 12345
    j = next(j for j in range(start, len(lines)) if len(lines[j].split()) >= 6 and all(
        t.lstrip("-").replace(".", "").isdigit() or t == "-" for t in lines[j].split()[-4:]) and "p/l" not in lines[j])
    tokens = lines[j].rstrip().split(" ")
    tokens[-1] = "12.345"
    lines[j] = " ".join(tokens)
    target.write_text("\n".join(lines), encoding="utf-8")
    gone = sorted(raw.glob("bc_*"))[-1]
    gone.unlink()

    report = pipeline.ingest([raw], db=db)
    assert report.counts.get("changed") == 1 and report.counts.get("removed") == 1
    found = pipeline.changes(report.run_id, db)
    figures = [c for c in found if c["change"] == "figure"]
    assert any(c["after"] == "12345" for c in figures), figures
    assert {c["change"] for c in found} >= {"changed", "figure", "removed"}
    assert all(d["source"] != gone.name for d in pipeline.export_documents(db))
    assert pipeline.counts(db)["files_removed"] == 1  # marked, not deleted


def test_new_extractor_version_reextracts(archive, tmp_path):
    raw = _copy(archive, tmp_path)
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    pipeline.ingest([raw], db=db)
    report = pipeline.ingest([raw], db=db, extractor_version=pipeline.EXTRACTOR_VERSION + "+next")
    assert report.counts.get("reextracted") == report.files


def test_two_workers_give_the_same_database(archive, tmp_path):
    raw = _copy(archive, tmp_path)
    one, two = f"sqlite:///{tmp_path / 'one.sqlite'}", f"sqlite:///{tmp_path / 'two.sqlite'}"
    pipeline.ingest([raw], db=one, workers=1)
    pipeline.ingest([raw], db=two, workers=2)
    assert pipeline.export_documents(one) == pipeline.export_documents(two)


def _ingest_cmd(raw: Path, db: str) -> list[str]:
    return [sys.executable, "-c", f"import pipeline; pipeline.ingest([{str(raw)!r}], db={db!r}, workers=1)"]


def test_sigkill_at_random_points_then_rerun_finishes_the_job(archive, tmp_path):
    raw = _copy(archive, tmp_path)
    reference = f"sqlite:///{tmp_path / 'ref.sqlite'}"
    pipeline.ingest([raw], db=reference)
    expected = pipeline.export_documents(reference)

    db = f"sqlite:///{tmp_path / 'crash.sqlite'}"
    rng = random.Random(7)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(4):
        proc = subprocess.Popen(_ingest_cmd(raw, db), cwd=ROOT, env=env)
        time.sleep(rng.uniform(1.5, 6.0))  # start-up takes ~1.5 s; files are written after it
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if (tmp_path / "crash.sqlite").exists():  # a kill during start-up leaves no database: reading makes none
            pipeline.export_documents(db)  # the database opens and reads consistently after every kill
    subprocess.run(_ingest_cmd(raw, db), cwd=ROOT, env=env, check=True)
    assert json.dumps(pipeline.export_documents(db)) == json.dumps(expected)


def test_two_ingests_at_once_do_not_corrupt_each_other(archive, tmp_path):
    raw = _copy(archive, tmp_path)
    db = f"sqlite:///{tmp_path / 'both.sqlite'}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen(_ingest_cmd(raw, db), cwd=ROOT, env=env) for _ in range(2)]
    assert [p.wait() for p in procs] == [0, 0]
    reference = f"sqlite:///{tmp_path / 'ref.sqlite'}"
    pipeline.ingest([raw], db=reference)
    assert pipeline.export_documents(db) == pipeline.export_documents(reference)
