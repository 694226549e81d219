"""Auditor tools: bcx trace, bcx check --strict, xlsx and Parquet exports, the auditor views."""
from __future__ import annotations

import json

import pandas as pd
from click.testing import CliRunner
from sqlalchemy import text

from cli import main
from models import database_url, make_engine
from tests.conftest import CORPUS


def _ingest(tmp_path, *sources):
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    result = CliRunner().invoke(main, ["ingest", *map(str, sources), "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    return db


def test_trace_text_figure_names_file_line_and_context(tmp_path):
    src = CORPUS / "text" / "003_8a03cb9497d78e97_a.txt"
    db = _ingest(tmp_path, src)
    args = ["trace", "BC04", "--table", "1", "--row", "Effektiviseringsgevinst", "--year", "2022", "--db", db]
    out = CliRunner().invoke(main, [*args, "--format", "json"])
    assert out.exit_code == 0, out.output
    (hit,) = json.loads(out.output)
    assert hit["value"] == -942 and hit["text_as_written"] == "-942"
    assert hit["path"] == str(src.resolve()) and len(hit["sha256"]) == 64
    # line 41 of the dump reads "Effektiviseringsgevinst Service 0 -942 -942 -942 -942 -942" (checked by hand)
    assert hit["line_start"] == 41 and hit["page"] is None
    assert [41, "Effektiviseringsgevinst Service 0 -942 -942 -942 -942 -942"] in hit["context"]
    plain = CliRunner().invoke(main, args)
    assert "line 41" in plain.output and "-942" in plain.output


def test_trace_pdf_figure_has_page_and_box(tmp_path):
    db = _ingest(tmp_path, CORPUS / "pdf" / "003_8a03cb9497d78e97_a.pdf")
    out = CliRunner().invoke(
        main, ["trace", "BC04", "--table", "1", "--row", "Effektiviseringsgevinst", "--year", "2022", "--db", db,
               "--format", "json"]
    )
    (hit,) = json.loads(out.output)
    assert hit["page"] == 1 and hit["x0"] < hit["x1"] and hit["top"] < hit["bottom"]
    assert hit["inferred_by"] is None


def test_trace_unknown_figure_fails(tmp_path):
    db = _ingest(tmp_path, CORPUS / "text" / "000_4bb0c5848772b7a4.txt")
    assert CliRunner().invoke(main, ["trace", "NOPE", "--db", db]).exit_code == 1


def test_check_strict_and_exports(tmp_path):
    db = _ingest(tmp_path, CORPUS / "text" / "003_8a03cb9497d78e97_a.txt")
    result = CliRunner().invoke(main, ["check", "--db", db, "--strict"])
    assert result.exit_code == 1
    assert "BC10: Tabel 3 'Investeringer totalt, service' 2021: printed 265, components sum to 260" in result.output
    clean = _ingest(tmp_path / "clean", CORPUS / "text" / "000_4bb0c5848772b7a4.txt")
    assert CliRunner().invoke(main, ["check", "--db", clean, "--strict"]).exit_code == 0

    xlsx = tmp_path / "out.xlsx"
    assert CliRunner().invoke(main, ["export", "--format", "xlsx", "-o", str(xlsx), "--db", db]).exit_code == 0
    sheets = pd.read_excel(xlsx, sheet_name=None)
    assert set(sheets) == {"figures", "findings", "sources"}
    assert len(sheets["sources"]) == 1 and len(sheets["findings"]) >= 1
    parquet = tmp_path / "out.parquet"
    assert CliRunner().invoke(main, ["export", "--format", "parquet", "-o", str(parquet), "--db", db]).exit_code == 0
    assert len(pd.read_parquet(parquet)) == len(sheets["figures"])

    engine = make_engine(database_url(db))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM v_figures")).scalar() == len(sheets["figures"])
        assert conn.execute(text("SELECT count(*) FROM v_findings")).scalar() == len(sheets["findings"])
    engine.dispose()
