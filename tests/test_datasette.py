"""The SQLite database opens in Datasette as it is: every table and view is listed and reads with its rows."""
from __future__ import annotations

import asyncio
import shutil

from sqlalchemy import create_engine, inspect, text

import pipeline
from tests.conftest import CORPUS


def test_the_database_opens_cleanly_in_datasette(tmp_path):
    from datasette.app import Datasette

    (tmp_path / "in").mkdir()
    for name in ("000_4bb0c5848772b7a4.pdf", "001_9096374421a980e5.txt"):
        kind = "pdf" if name.endswith(".pdf") else "text"
        shutil.copy(CORPUS / kind / name, tmp_path / "in" / name)
    path = tmp_path / "bcx.sqlite"
    pipeline.ingest([tmp_path / "in"], db=f"sqlite:///{path}")
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        tables, views = inspect(conn).get_table_names(), inspect(conn).get_view_names()
        # names come from the database's own catalogue, quoted as identifiers
        counts = {n: conn.execute(text(f'SELECT count(*) FROM "{n}"')).scalar() for n in tables + views}
    engine.dispose()
    assert {"documents", "fin_values", "findings", "v_figures", "v_findings"} <= set(counts)
    assert counts["v_figures"] == counts["fin_values"] > 0

    async def browse() -> None:
        datasette = Datasette([str(path)])
        listing = (await datasette.client.get("/bcx.json")).json()
        assert {t["name"] for t in listing["tables"]} >= set(tables)
        assert {v["name"] for v in listing["views"]} == set(views)
        for name, count in counts.items():
            response = await datasette.client.get(f"/bcx/{name}.json", params={"_shape": "objects", "_size": "max"})
            assert response.status_code == 200, (name, response.text[:200])
            assert len(response.json()["rows"]) == min(count, 1000), name

    asyncio.run(browse())

