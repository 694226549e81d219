"""Views for auditors: one row per figure (v_figures) and one per finding (v_findings).

The view bodies are SQLAlchemy selects compiled for the connected dialect, so the same definition serves SQLite
(and Datasette) and PostgreSQL.
"""
from __future__ import annotations

from sqlalchemy import Engine, text

from models.export import figures_select
from models.findings import findings_select

VIEWS = {"v_figures": figures_select, "v_findings": findings_select}


def create_views(engine: Engine) -> None:
    with engine.begin() as conn:
        for name, make in VIEWS.items():
            body = make().compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True})
            conn.execute(text(f"DROP VIEW IF EXISTS {name}"))  # names are constants above, never user input
            conn.execute(text(f"CREATE VIEW {name} AS {body}"))
