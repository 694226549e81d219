"""A database on read-only media (a CD, a read-only share) is served by `bcx serve`: opened immutable and read-only,
so SQLite makes no -wal/-shm files beside it (it could not)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import pipeline
from tests.conftest import CORPUS
from web.app import create_app


def _mount_tmpfs(where: Path) -> bool:
    where.mkdir()
    return subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(where)],
                          capture_output=True).returncode == 0


@pytest.fixture
def read_only_media(tmp_path):
    """A folder holding a bcx database (in WAL mode, as every bcx database is), then mounted read-only."""
    media = tmp_path / "media"
    if not _mount_tmpfs(media):
        pytest.skip("cannot mount a tmpfs here (needs root, as in CI)")
    try:
        (tmp_path / "in").mkdir()
        shutil.copy(CORPUS / "text" / "000_4bb0c5848772b7a4.txt", tmp_path / "in" / "000.txt")
        assert pipeline.ingest([tmp_path / "in"], db=f"sqlite:///{media / 'bcx.sqlite'}").failed == 0
        subprocess.run(["mount", "-o", "remount,ro", str(media)], check=True)
        yield media
    finally:
        subprocess.run(["umount", "-l", str(media)], check=False)


def test_a_database_on_read_only_media_is_served(read_only_media):
    db = read_only_media / "bcx.sqlite"
    before = sorted(p.name for p in read_only_media.iterdir())
    assert not [name for name in before if name.endswith(("-wal", "-shm"))]  # the ingest left none
    url = pipeline.read_only_sqlite_url(db)
    assert "mode=ro" in url and "immutable=1" in url
    app = create_app(f"sqlite:///{db}")
    app.testing = True
    web = app.test_client()
    page = web.get("/")
    assert page.status_code == 200
    assert "Virksomhedssamarbejde om mobile digitale løsninger til borgerne" in page.get_data(as_text=True)
    proposal = web.get("/proposal/1")
    assert proposal.status_code == 200 and "Tabel 1" in proposal.get_data(as_text=True)
    assert web.get("/findings").status_code == 200
    assert web.get("/figures").status_code == 200
    assert web.get("/", query_string={"q": "Servicelovsydelser"}).status_code == 200
    assert sorted(p.name for p in read_only_media.iterdir()) == before  # no -wal, no -shm


def test_a_writable_database_is_read_without_immutable(tmp_path):
    """Where an ingest may write while the view reads, the view must see its locks: immutable only on read-only
    media."""
    db = tmp_path / "bcx.sqlite"
    db.write_bytes(b"")
    url = pipeline.read_only_sqlite_url(db)
    assert "mode=ro" in url and "immutable" not in url
