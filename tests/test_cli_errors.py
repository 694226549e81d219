"""Every error of the command line is one line on stderr with its own exit status, never a traceback."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import pipeline
from cli import main
from models.errors import ExitCode, printable
from tests.conftest import CORPUS, ROOT

SECRET = "Pw-never-shown-4411"
READ_COMMANDS = [["stats"], ["runs"], ["changes"], ["check"], ["trace", "BC04"], ["export"], ["serve"]]


def _invoke(args: list[str], **kw):
    return CliRunner().invoke(main, args, catch_exceptions=False, **kw)


def _one_line(result) -> str:
    """The error line: stderr holds exactly one line, and no traceback."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def _text_file(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    return Path(shutil.copy(CORPUS / "text" / "002_d3eaa0bd1f5474db.txt", folder / "a.txt"))


# ---------------------------------------------------------------- the database cannot be used: exit 3


@pytest.mark.parametrize(("url", "says"), [
    ("foo://bcx:" + SECRET + "@somewhere/db", "unknown kind of database 'foo'"),
    ("not a url at all", "not a database URL"),
    ("postgresql+psycopg://bcx:" + SECRET + "@127.0.0.1:1/bcx", "the server refuses connections"),
])
def test_a_bad_database_url_is_one_line_and_exit_3(tmp_path, url, says):
    result = _invoke(["ingest", str(_text_file(tmp_path / "in")), "--db", url])
    line = _one_line(result)
    assert result.exit_code == ExitCode.DATABASE == 3
    assert line.startswith("bcx: ") and says in line, line
    assert SECRET not in result.output


def test_a_file_that_is_not_a_database_is_exit_3(tmp_path):
    fake = tmp_path / "fake.sqlite"
    fake.write_bytes(b"this is a spreadsheet, not SQLite " * 100)
    for args in (["ingest", str(_text_file(tmp_path / "in"))], ["stats"]):
        result = _invoke([*args, "--db", f"sqlite:///{fake}"])
        assert result.exit_code == 3
        assert "not a database file" in _one_line(result)
    assert fake.read_bytes().startswith(b"this is a spreadsheet")  # left as it was


def test_a_read_only_database_is_exit_3(tmp_path):
    db = tmp_path / "bcx.sqlite"
    assert _invoke(["ingest", str(_text_file(tmp_path / "in")), "--db", f"sqlite:///{db}"]).exit_code == 0
    (tmp_path / "in" / "b.txt").write_text((CORPUS / "text" / "000_4bb0c5848772b7a4.txt").read_text("utf-8"), "utf-8")
    result = _invoke(["ingest", str(tmp_path / "in"), "--db", f"sqlite:///file:{db}?mode=ro&uri=true"])
    assert result.exit_code == 3
    assert "the database is read-only" in _one_line(result)


def _mount_tmpfs(where: Path, options: str) -> bool:
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True)
    return done.returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    """A 160 KiB file system (tmpfs; mounting needs root, as in CI)."""
    where = tmp_path / "small"
    if not _mount_tmpfs(where, "size=160k"):
        pytest.skip("cannot mount a tmpfs here (needs root): the full-disk case is covered where it can")
    yield where
    subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_full_disk_is_exit_3(small_disk, tmp_path):
    archive = tmp_path / "in"
    archive.mkdir()
    for f in sorted((CORPUS / "text").glob("*.txt")):
        shutil.copy(f, archive / f.name)
    result = _invoke(["ingest", str(archive), "--db", f"sqlite:///{small_disk / 'bcx.sqlite'}", "--workers", "0"])
    assert result.exit_code == 3, result.output
    line = result.stderr.splitlines()[-1]
    assert "Traceback" not in result.output
    assert line.startswith("bcx: the database cannot be used: the disk is full") or "disk is full" in line, line


def test_a_database_on_read_only_media_is_exit_3(tmp_path):
    media = tmp_path / "media"
    if not _mount_tmpfs(media, "size=1m"):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        db = media / "bcx.sqlite"
        assert _invoke(["ingest", str(_text_file(tmp_path / "in")), "--db", f"sqlite:///{db}"]).exit_code == 0
        subprocess.run(["mount", "-o", "remount,ro", str(media)], check=True)
        (tmp_path / "in" / "b.txt").write_text((CORPUS / "text" / "000_4bb0c5848772b7a4.txt").read_text("utf-8"),
                                               "utf-8")
        result = _invoke(["ingest", str(tmp_path / "in"), "--db", f"sqlite:///{db}"])
        assert result.exit_code == 3
        line = _one_line(result)
        assert "read-only" in line, line
    finally:
        subprocess.run(["umount", "-l", str(media)], check=False)


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_never_create_a_database_or_a_folder(tmp_path, command, monkeypatch):
    missing = tmp_path / "no" / "such" / "bcx.sqlite"
    result = _invoke([*command, "--db", f"sqlite:///{missing}"])
    assert result.exit_code == 3
    assert f"no database at {missing}" in _one_line(result)
    assert not (tmp_path / "no").exists()
    # the default database (./data/db/bcx.sqlite) is not made either
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BCX_DB", raising=False)
    result = _invoke(command)
    assert result.exit_code == 3 and "no database at" in _one_line(result)
    assert not (tmp_path / "data").exists()


# ---------------------------------------------------------------- input: exit 2


def test_a_path_that_does_not_exist_is_exit_2_and_touches_nothing(tmp_path):
    db = tmp_path / "bcx.sqlite"
    result = _invoke(["ingest", str(tmp_path / "typo"), "--db", f"sqlite:///{db}"])
    assert result.exit_code == ExitCode.NO_INPUT == 2
    assert _one_line(result) == f"bcx: {tmp_path / 'typo'}: no such file or folder"
    assert not db.exists()


def test_a_missing_archive_root_removes_nothing(tmp_path):
    archive = tmp_path / "share"
    _text_file(archive)
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    assert _invoke(["ingest", str(archive), "--db", db]).exit_code == 0
    shutil.move(archive, tmp_path / "elsewhere")  # the share is unmounted
    assert _invoke(["ingest", str(archive), "--db", db]).exit_code == 2
    assert pipeline.counts(db)["files_ok"] == 1 and pipeline.counts(db)["files_removed"] == 0


@pytest.mark.parametrize(("option", "value", "says"), [
    ("--time-limit", "0", "--time-limit"),
    ("--time-limit", "-5", "--time-limit"),
    ("--memory-limit", "100", "--memory-limit"),
    ("--workers", "-1", "--workers"),
])
def test_limits_are_checked(tmp_path, option, value, says):
    result = _invoke(["ingest", str(_text_file(tmp_path / "in")), option, value,
                      "--db", f"sqlite:///{tmp_path / 'x.sqlite'}"])
    assert result.exit_code == 2
    line = _one_line(result)
    assert line.startswith("bcx ingest: ") and says in line and "(see bcx ingest --help)" in line
    assert not (tmp_path / "x.sqlite").exists()


def test_a_file_name_with_control_characters_is_one_escaped_line(tmp_path):
    archive = tmp_path / "in"
    archive.mkdir()
    (archive / "two\nlines\x1b[31m.pdf").write_bytes(b"%PDF-1.4 broken")
    raw_name = os.fsdecode(b"latin1-\xe6\xf8\xe5.pdf")  # not UTF-8: undecodable bytes in the name
    (archive / raw_name).write_bytes(b"%PDF-1.4 broken")
    result = _invoke(["ingest", str(archive), "--db", f"sqlite:///{tmp_path / 'x.sqlite'}"])
    assert result.exit_code == 1  # every file failed: a partial batch of nothing
    failures = [ln for ln in result.stderr.splitlines() if ln.startswith(str(archive))]
    assert len(failures) == 2, result.stderr
    assert any(ln.startswith(f"{archive}/two\\nlines\\x1b[31m.pdf: unreadable PDF") for ln in failures), failures
    assert any(ln.startswith(f"{archive}/latin1-\\xe6\\xf8\\xe5.pdf: ") for ln in failures), failures
    assert "\x1b" not in result.output


def test_printable_escapes_only_what_breaks_a_line():
    assert printable("Økonomiforvaltningen — BC04.txt") == "Økonomiforvaltningen — BC04.txt"
    assert printable("a\nb\rc\td\x00") == "a\\nb\\rc\\td\\x00"
    assert printable(os.fsdecode(b"\xff")) == "\\xff"


def test_an_unknown_run_is_exit_2(tmp_path):
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    _invoke(["ingest", str(_text_file(tmp_path / "in")), "--db", db])
    result = _invoke(["changes", "99", "--db", db])
    assert result.exit_code == 2 and _one_line(result) == "bcx: no run 99"


# ---------------------------------------------------------------- a bug: one line, or the traceback with --debug


def test_an_internal_error_is_one_line_and_debug_shows_the_traceback(tmp_path, monkeypatch):
    def broken(self):
        raise ValueError("something inside broke\nover two lines")

    monkeypatch.setattr(pipeline.Archive, "counts", broken)
    result = _invoke(["stats", "--db", f"sqlite:///{tmp_path / 'x.sqlite'}"])
    assert result.exit_code == ExitCode.INTERNAL == 70
    assert _one_line(result) == ("bcx: internal error: ValueError: something inside broke\\nover two lines "
                                 "(bcx --debug ... shows the traceback)")
    with pytest.raises(ValueError):
        _invoke(["--debug", "stats", "--db", f"sqlite:///{tmp_path / 'x.sqlite'}"])


def test_debug_shows_the_traceback_of_a_database_error(tmp_path):
    run = subprocess.run([sys.executable, "-m", "cli", "--debug", "stats", "--db", f"sqlite:///{tmp_path}/no.sqlite"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and "Traceback" in run.stderr and "DatabaseUnusable" in run.stderr
