"""Security: no SQL is assembled from strings, and a database password never reaches the output."""
from __future__ import annotations

import ast
import subprocess
import sys

from tests.conftest import ROOT

SQL_CALLS = {"text", "execute", "exec_driver_sql"}
# The only SQL built by formatting, each reviewed: DDL for the views, whose names are constants in models/views.py
# and whose bodies are SQLAlchemy selects compiled by SQLAlchemy, and a lock timeout that is a module constant.
REVIEWED = {
    ("models/views.py", "create_views"): 2,
    ("models/db.py", "_lock_schema"): 1,
    ("models/db.py", "_create_view"): 3,
    ("models/migrations/versions/0001_initial_schema.py", "upgrade"): 2,
    ("models/migrations/versions/0001_initial_schema.py", "downgrade"): 1,
    # the full-text index (models/search.py): its table, columns and weights are module constants, and so is the
    # backend's dialect of each statement; the words searched for and the indexed text are bound parameters
    ("models/search.py", "create_index"): 3,
    ("models/search.py", "drop_index"): 1,
    ("models/search.py", "index_documents"): 5,
    ("models/search.py", "_full_text"): 2,
}


def _built_string(node: ast.expr) -> bool:
    """An f-string, or a string made with +, % or .format()."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return any(isinstance(side, ast.JoinedStr) or isinstance(side, ast.Constant) and isinstance(side.value, str)
                   or _built_string(side) for side in (node.left, node.right))
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"


def _formatted_sql_calls(path) -> list[str]:
    """Functions that pass an f-string, a concatenation, % or .format() to text()/execute()/exec_driver_sql()."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(func):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if name in SQL_CALLS and _built_string(node.args[0]):
                found.append(func.name)
    return found


def test_no_sql_is_assembled_from_strings_beyond_the_reviewed_ddl():
    sources = [p for folder in ("extract", "parsers", "models", "cli") for p in (ROOT / folder).rglob("*.py")]
    sources += [ROOT / "pipeline.py"]
    seen: dict[tuple[str, str], int] = {}
    for path in sources:
        for function in _formatted_sql_calls(path):
            key = (path.relative_to(ROOT).as_posix(), function)
            seen[key] = seen.get(key, 0) + 1
    assert seen == REVIEWED


def test_cli_never_prints_the_database_password(tmp_path):
    secret = "Pw-must-never-show-91ab"
    (tmp_path / "a.txt").write_text("BUSINESS CASE\nForslagets titel: Prøve\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", "import cli; cli.main()", "ingest", str(tmp_path),
         "--db", f"postgresql+psycopg://bcx:{secret}@127.0.0.1:1/bcx"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode != 0  # nothing listens on port 1
    assert "127.0.0.1" in run.stdout + run.stderr  # the error names the server...
    assert secret not in run.stdout + run.stderr  # ...but not the password
