"""Runs as the nightly job and its reader see them: interrupted runs closed, counts that equal the changes listed,
findings new and resolved, the --report file, one ingest at a time; and the command line's conventions."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

import pipeline
from cli import main
from models import make_engine, session_scope
from models.runs import FILE_CHANGES, start_run
from tests.conftest import CORPUS, ROOT

FILES = ("000_4bb0c5848772b7a4.txt", "002_d3eaa0bd1f5474db.txt", "003_8a03cb9497d78e97_a.txt")


def _invoke(args: list[str]):
    return CliRunner().invoke(main, args, catch_exceptions=False)


def _archive(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in FILES:
        shutil.copy(CORPUS / "text" / name, raw / name)
    return raw


def test_a_run_left_running_by_a_kill_is_closed_as_interrupted(tmp_path, db_url):
    raw = _archive(tmp_path)
    db = db_url
    assert _invoke(["ingest", str(raw), "--db", db]).exit_code == 0
    engine = make_engine(db)
    with session_scope(engine) as session:  # what a SIGKILLed ingest leaves: a run that never finished
        killed = start_run(session, pipeline.EXTRACTOR_VERSION).id
    engine.dispose()
    result = _invoke(["ingest", str(raw), "--db", db])
    assert result.exit_code == 0 and f"(run {killed} had been interrupted; closed as such)" in result.output
    statuses = {r["id"]: r["status"] for r in pipeline.runs(db)}
    assert statuses == {1: "done", killed: "interrupted", killed + 1: "done"}
    assert re.search(rf"^run {killed} .* interrupted ", _invoke(["runs", "--db", db]).output, re.M)


def test_a_sigkilled_ingest_is_interrupted_and_its_counts_are_what_it_recorded(tmp_path, db_url):
    raw = _archive(tmp_path)
    for i in range(6):  # enough files that the kill lands mid-run
        shutil.copy(CORPUS / "text" / FILES[2], raw / f"copy{i}.txt")
    db = db_url
    proc = subprocess.Popen([sys.executable, "-m", "cli", "ingest", str(raw), "--db", db, "--workers", "1"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout.readline()  # the first file is stored
    proc.kill()
    proc.wait()
    assert _invoke(["ingest", str(raw), "--db", db]).exit_code == 0
    first, second = pipeline.runs(db)
    assert first["status"] == "interrupted" and second["status"] == "done"
    for run in (first, second):
        report = pipeline.run_report(run["id"], db)
        for kind in FILE_CHANGES:
            assert run[f"files_{kind}"] == len(report["files"][kind]), (run, kind)
    assert first["files_new"] + second["files_new"] == len(FILES) + 6


def test_counts_equal_the_changes_listed_and_findings_come_and_go(tmp_path, db_url):
    raw = _archive(tmp_path)
    (raw / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    db = db_url
    first = _invoke(["ingest", str(raw), "--db", db])
    assert first.exit_code == 1
    found = pipeline.findings(db)
    assert found  # the corpus has documents whose arithmetic does not add up (gold notes)
    assert f"findings    {len(found)} new, 0 resolved" in first.output
    # a file with findings goes away: its findings are resolved; another is changed
    with_findings = {f["source"] for f in found}
    gone = sorted(with_findings)[0]
    (raw / gone).unlink()
    kept = next(n for n in FILES if n != gone)
    (raw / kept).write_text((raw / kept).read_text("utf-8") + "\n", encoding="utf-8")
    second = _invoke(["ingest", str(raw), "--db", db, "--report", str(tmp_path / "report.json")])
    resolved = sum(1 for f in found if f["source"] == gone)
    assert f"findings    0 new, {resolved} resolved" in second.output
    assert len(pipeline.findings(db)) == len(found) - resolved
    for run in pipeline.runs(db):
        report = pipeline.run_report(run["id"], db)
        for kind in FILE_CHANGES:
            assert run[f"files_{kind}"] == len(report["files"][kind]), (run, kind)
    runs = pipeline.runs(db)
    assert (runs[1]["files_removed"], runs[1]["files_changed"], runs[1]["files_failed"]) == (1, 1, 1)
    assert (runs[1]["findings_new"], runs[1]["findings_resolved"]) == (0, resolved)
    # the --report file: what `bcx changes 2 --format json` says, with the exit status
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert report["exit_code"] == 1 and report["run"]["id"] == 2
    listed = json.loads(_invoke(["changes", "2", "--format", "json", "--db", db]).output)
    assert {k: v for k, v in report.items() if k not in ("exit_code", "database")} == listed
    assert report["files"]["removed"] == [str((raw / gone).resolve())]
    assert report["files"]["changed"] == [str((raw / kept).resolve())]
    assert report["files"]["failed"] == [{"path": str((raw / "broken.pdf").resolve()),
                                          "reason": report["files"]["failed"][0]["reason"]}]
    assert report["files"]["failed"][0]["reason"].startswith("unreadable PDF")
    assert len(report["findings"]["resolved"]) == resolved and report["findings"]["new"] == []
    assert all(f["path"] == str((raw / gone).resolve()) for f in report["findings"]["resolved"])


def test_changes_without_a_number_shows_the_newest_run(tmp_path):
    raw = _archive(tmp_path)
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    _invoke(["ingest", str(raw), "--db", db])
    (raw / FILES[0]).unlink()
    _invoke(["ingest", str(raw), "--db", db])
    out = _invoke(["changes", "--db", db]).output
    assert out.startswith("run 2 (done, ")
    assert f"removed     {(raw / FILES[0]).resolve()}" in out
    assert json.loads(_invoke(["changes", "--format", "json", "--db", db]).output)["run"]["id"] == 2


def test_an_ingest_waits_for_another_or_exits_4_with_no_wait(tmp_path, db_url):
    raw = _archive(tmp_path)
    db = db_url
    assert _invoke(["ingest", str(raw / FILES[0]), "--db", db]).exit_code == 0
    # another process holds the database's ingest lock (POSIX locks are per process: not this test's own)
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from models import make_engine; "
                               "from models.lock import IngestLock; lock = IngestLock(make_engine(sys.argv[1])); "
                               "print(lock.acquire(wait=False), flush=True); time.sleep(600)", db],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "True"
    try:
        busy = _invoke(["ingest", str(raw), "--db", db, "--no-wait"])
        assert busy.exit_code == 4
        assert busy.stderr.splitlines() == [busy.stderr.strip()] and "another ingest is running on" in busy.stderr
        assert "--no-wait" in busy.stderr
        waiting = subprocess.Popen([sys.executable, "-m", "cli", "ingest", str(raw), "--db", db], cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = waiting.stderr.readline()
        assert "another ingest is running on" in line and "waiting for it" in line
        time.sleep(1.5)
        assert waiting.poll() is None  # still waiting
    finally:
        holder.kill()
        holder.wait()
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert "loaded      2 (new 2" in out


def test_two_ingests_at_once_take_turns(tmp_path, db_url):
    raw = _archive(tmp_path)
    db = db_url
    procs = [subprocess.Popen([sys.executable, "-m", "cli", "ingest", str(raw), "--db", db], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    runs = pipeline.runs(db)
    assert sorted((r["files_new"], r["files_unchanged"]) for r in runs) == [(0, len(FILES)), (len(FILES), 0)]


# ---------------------------------------------------------------- conventions


def test_version_and_help_name_the_database_variable():
    version = _invoke(["--version"])
    assert version.exit_code == 0
    assert re.fullmatch(rf"bcx \d+\.\d+\.\d+ \(extractor {re.escape(pipeline.EXTRACTOR_VERSION)}\)\n", version.output)
    assert "BCX_DB" in _invoke(["--help"]).output
    for name in main.commands:
        if any(p.name == "db" for p in main.commands[name].params):
            assert "BCX_DB" in _invoke([name, "--help"]).output, name


def test_every_option_has_help_and_read_commands_take_format_and_db_in_the_same_place():
    import click

    for name, command in main.commands.items():
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"bcx {name} {param.opts[0]} has no help"
    for name in ("stats", "runs", "changes", "check", "trace"):
        params = [p.name for p in main.commands[name].params if isinstance(p, click.Option)]
        fmt = next(p for p in main.commands[name].params if p.name == "fmt")
        assert fmt.type.choices == ("text", "json"), name
        assert params[params.index("fmt") + 1] == "db", (name, params)
    assert "json" in next(p for p in main.commands["export"].params if p.name == "fmt").type.choices


def test_read_commands_speak_json(tmp_path):
    raw = _archive(tmp_path)
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    _invoke(["ingest", str(raw), "--db", db])
    assert json.loads(_invoke(["stats", "--format", "json", "--db", db]).output)["documents"] == 7
    assert json.loads(_invoke(["runs", "--format", "json", "--db", db]).output)[0]["files_new"] == 3
    assert isinstance(json.loads(_invoke(["check", "--format", "json", "--db", db]).output), list)


def test_trace_names_the_proposal_and_says_when_several_match(tmp_path):
    raw = _archive(tmp_path)
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    _invoke(["ingest", str(raw), "--db", db])
    one = _invoke(["trace", "BC04", "--table", "1", "--row", "Effektiviseringsgevinst", "--year", "2022",
                   "--db", db]).output
    assert one.splitlines()[0] == "BC04 Ny portal til Serviceplatformen — 003_8a03cb9497d78e97_a.txt#1"
    assert "proposals match" not in one
    shutil.copy(raw / FILES[2], raw / "copy.txt")  # the same proposal in a second file
    _invoke(["ingest", str(raw), "--db", db])
    two = _invoke(["trace", "BC04", "--table", "1", "--row", "Effektiviseringsgevinst", "--year", "2022",
                   "--db", db]).output
    assert two.splitlines()[0] == ("2 proposals match BC04: 003_8a03cb9497d78e97_a.txt#1, copy.txt#1 "
                                   "(SOURCE#ORDINAL picks one)")
    assert "BC04 Ny portal til Serviceplatformen — copy.txt#1" in two


def test_files_of_unknown_type_are_listed_once_with_their_count(tmp_path):
    raw = _archive(tmp_path)
    for name in ("a.docx", "b.docx", "c.xls", "README"):
        (raw / name).write_bytes(b"x")
    result = _invoke(["ingest", str(raw), "--db", f"sqlite:///{tmp_path / 'bcx.sqlite'}"])
    assert result.exit_code == 0
    assert result.output.count("skipped") == 1
    assert "skipped     4 files of unknown type (1 (none), 2 .docx, 1 .xls)" in result.output


def test_readme_usage_matches_the_commands():
    """The usage block of README.md lists every command with exactly the options `bcx CMD --help` has."""
    import click

    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("## Use", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    listed: dict[str, set[str]] = {}
    current = None
    for line in block.splitlines():
        text = line.split("#", 1)[0]
        if text.startswith("bcx "):
            current = text.split()[1]
            if current.startswith("-"):
                current = None
                continue
            listed.setdefault(current, set())
        if current:
            listed[current] |= set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", text))
    assert set(listed) == set(main.commands)
    for name, command in main.commands.items():
        options = [p for p in command.params if isinstance(p, click.Option)]
        assert listed[name] <= {o for p in options for o in p.opts}, name  # nothing listed that does not exist
        assert all(listed[name] & set(p.opts) for p in options), name  # every option listed, by one of its names
    assert "bcx --version" in block and "bcx --debug" in block


def test_readme_shows_a_nightly_job():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert re.search(r"^\d+ \d+ \* \* \* .*bcx ingest .*--report", readme, re.M)  # a cron line
    assert "OnCalendar=" in readme and "[Timer]" in readme  # a systemd timer
