"""`bcx ingest` as a person runs it: in a terminal (a pseudo-terminal driven by pexpect), and in a pipe or cron."""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

from tests.conftest import CORPUS, ROOT

BCX = [sys.executable, "-m", "cli"]


def _archive(tmp_path: Path) -> Path:
    """Two corpus text dumps (6 proposals) and a file that fails."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("002_d3eaa0bd1f5474db.txt", "003_8a03cb9497d78e97_a.txt"):
        shutil.copy(CORPUS / "text" / name, raw / name)
    (raw / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    return raw


def _spawn(args: list[str], tmp_path: Path, rows: int = 24, cols: int = 100) -> tuple[int, str]:
    child = pexpect.spawn(BCX[0], BCX[1:] + args, cwd=str(ROOT), env={**os.environ, "PYTHONPATH": str(ROOT)},
                          dimensions=(rows, cols), encoding="utf-8", timeout=300)
    out = child.read()  # until the end of the output
    child.close()
    return child.exitstatus, out


@pytest.mark.parametrize("size", [(24, 100), (0, 0)], ids=["terminal", "terminal-without-size"])
def test_ingest_in_a_terminal_shows_a_bar_the_files_and_a_summary(tmp_path, size):
    raw = _archive(tmp_path)
    status, out = _spawn(["ingest", str(raw), "--db", f"sqlite:///{tmp_path / 'bcx.sqlite'}", "--workers", "1"],
                         tmp_path, *size)
    assert "Traceback" not in out, out
    assert status == 1, out  # broken.pdf failed: a partial batch
    # the bar: files done of the total, the rate, the time left (tqdm's `n/N [elapsed<left, rate]`)
    assert re.search(r"ingest:\s+\d+%\|.*\| 3/3 \[\d\d:\d\d<00:00,\s+[\d.]+(file/s|s/file)\]", out), out
    lines = [ln.strip() for ln in out.replace("\r", "\n").splitlines()]
    # BC04 has 4 tables in the gold
    assert "003_8a03cb9497d78e97_a.txt#1 investeringsforslag: BC04 Ny portal til Serviceplatformen — 4 tables" in lines
    assert sum(1 for ln in lines if re.match(r"00[23]_\w+\.txt#\d ", ln)) == 6
    assert any(ln.startswith(f"{raw / 'broken.pdf'}: unreadable PDF") for ln in lines)
    assert "loaded      2 (new 2, changed 0, re-extracted 0)" in lines
    assert "failed      1" in lines
    assert "unchanged   0" in lines and "removed     0" in lines
    assert "documents   6" in lines
    assert re.search(r"^findings    \d+ new, 0 resolved$", "\n".join(lines), re.M)
    assert "more: bcx changes 1 · bcx check" in lines


def test_second_ingest_in_a_terminal_says_nothing_changed(tmp_path):
    raw = _archive(tmp_path)
    (raw / "broken.pdf").unlink()
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    assert _spawn(["ingest", str(raw), "--db", db], tmp_path)[0] == 0
    status, out = _spawn(["ingest", str(raw), "--db", db], tmp_path)
    assert status == 0 and "Traceback" not in out
    assert "unchanged   2" in out and "nothing changed since the last run" in out


def test_ingest_in_a_pipe_has_no_bar_and_the_same_summary(tmp_path):
    raw = _archive(tmp_path)
    run = subprocess.run([*BCX, "ingest", str(raw), "--db", f"sqlite:///{tmp_path / 'bcx.sqlite'}", "--workers", "1"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "\r" not in run.stdout + run.stderr and "file/s]" not in run.stderr  # no bar drawn into a log
    assert run.stderr.count("broken.pdf") == 1  # the failure once, on stderr
    assert "loaded      2" in run.stdout and "more: bcx changes 1" in run.stdout


def test_without_a_terminal_a_progress_line_comes_every_interval(tmp_path):
    from cli.progress import LogProgress
    from pipeline import StorableFile

    err = io.StringIO()
    progress = LogProgress(err=err, every_s=0.05)
    progress.planned(4, 0)
    progress.file_done(StorableFile(tmp_path / "a.txt", error="empty file (0 bytes)"))
    time.sleep(0.3)
    progress.close()
    lines = [ln for ln in err.getvalue().splitlines() if ln.startswith("ingest:")]
    assert len(lines) >= 2
    assert re.fullmatch(r"ingest: 1/4 files, 0:00 elapsed, [\d.]+ files/s", lines[-1]), lines
    after = len(err.getvalue())
    time.sleep(0.15)
    assert len(err.getvalue()) == after  # closed: no more lines
