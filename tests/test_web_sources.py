"""The web view checks a figure's source before it shows it, answers in Danish, and holds under many readers."""
from __future__ import annotations

import hashlib
import io
import re
import shutil
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from PIL import Image
from sqlalchemy import select
from werkzeug.serving import make_server

import pipeline
from models import browse
from models.schema import SourceFile
from tests.conftest import CORPUS
from web.app import create_app

TEXT = CORPUS / "text" / "003_8a03cb9497d78e97_a.txt"
PDF = CORPUS / "pdf" / "000_4bb0c5848772b7a4.pdf"


def _app(tmp_path):
    (tmp_path / "in").mkdir()
    for f in (TEXT, PDF):
        shutil.copy(f, tmp_path / "in" / f.name)
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    assert pipeline.ingest([tmp_path / "in"], db=db).failed == 0
    app = create_app(db)
    app.testing = True
    return app, db


def _value_id(db: str, source: str, label: str = "Effektiviseringsgevinst", key: str = "2022") -> int:
    hits = [h for h in pipeline.trace("BC04" if source.endswith(".txt") else source + "#1", row=label, year=key,
                                      db=db, context=False) if h["source"] == source]
    return hits[0]["value_id"]


def test_a_text_figure_shows_its_lines_the_table_header_and_a_link_to_the_original(tmp_path):
    app, db = _app(tmp_path)
    web = app.test_client()
    page = web.get(f"/figure/{_value_id(db, TEXT.name)}").get_data(as_text=True)
    assert 'data-testid="source-lines"' in page and "-942" in page
    header = re.search(r'data-testid="table-header">(.*?)</pre>', page, re.S).group(1)
    assert "2021" in header and "2022" in header  # the year columns the figure stands under
    link = re.search(r'href="(/source/\d+)"', page).group(1)
    original = web.get(link)
    assert original.status_code == 200 and original.get_data() == TEXT.read_bytes()


def test_a_changed_or_vanished_source_is_said_plainly_and_not_shown(tmp_path):
    app, db = _app(tmp_path)
    web = app.test_client()
    text_id, pdf_id = _value_id(db, TEXT.name), None
    copy = tmp_path / "in" / TEXT.name
    copy.write_text(copy.read_text("utf-8").replace("-942", "-943"), "utf-8")
    page = web.get(f"/figure/{text_id}").get_data(as_text=True)
    assert "Kilden er ikke den samme" in page and "er ændret" in page
    assert 'data-testid="source-lines"' not in page  # never another file's lines as this figure's source
    file_id = pipeline.read(db, lambda s: s.scalar(select(SourceFile.id).where(SourceFile.name == TEXT.name)))
    refused = web.get(f"/source/{file_id}")
    assert refused.status_code == 410 and "er ændret" in refused.get_data(as_text=True)
    (tmp_path / "in" / PDF.name).unlink()
    hits = pipeline.trace(PDF.name + "#1", table=1, db=db, context=False)
    pdf_id = hits[0]["value_id"]
    gone = web.get(f"/figure/{pdf_id}").get_data(as_text=True)
    assert "findes ikke længere" in gone and 'data-testid="page"' not in gone
    assert web.get(f"/figure/{pdf_id}/page.png").status_code == 404


def test_the_page_image_is_at_150_dpi(tmp_path):
    app, db = _app(tmp_path)
    hits = pipeline.trace(PDF.name + "#1", table=1, db=db, context=False)
    response = app.test_client().get(f"/figure/{hits[0]['value_id']}/page.png")
    image = Image.open(io.BytesIO(response.get_data()))
    assert abs(image.width - 595 * 150 / 72) < 3  # an A4 page


def test_ids_out_of_range_are_404_in_danish_and_there_is_a_favicon(tmp_path):
    app, _ = _app(tmp_path)
    web = app.test_client()
    for url in ("/proposal/99999999999999999999999", "/figure/18446744073709551616", "/proposal/123456",
                "/source/99999"):
        response = web.get(url)
        assert response.status_code == 404, url
        assert "Ikke fundet" in response.get_data(as_text=True)
    assert web.get("/favicon.ico").status_code == 200


@pytest.fixture
def server(tmp_path):
    app, db = _app(tmp_path)
    app.testing = False
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", db
    httpd.shutdown()


def test_two_thousand_requests_from_two_hundred_threads_get_no_500(server):
    base, db = server
    docs = [d["id"] for d in pipeline.read(db, lambda s: browse.list_documents(s))]
    urls = ["/", "/?q=Effektiviseringsgevinst", "/findings", "/figures?year=2022", "/runs",
            *(f"/proposal/{i}" for i in docs), "/proposal/999999"]

    def fetch(i: int) -> int:
        try:
            with urllib.request.urlopen(base + urls[i % len(urls)], timeout=120) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code

    with ThreadPoolExecutor(max_workers=200) as pool:
        statuses = list(pool.map(fetch, range(2000)))
    assert len(statuses) == 2000
    assert not [s for s in statuses if s >= 500]
    assert statuses.count(404) == 2000 // len(urls) + (2000 % len(urls) > len(urls) - 1)


def test_the_page_and_the_stored_hash_agree_when_nothing_changed(tmp_path):
    _, db = _app(tmp_path)
    hits = pipeline.trace("BC04", db=db, context=False)
    assert hits and hits[0]["sha256"] == hashlib.sha256(TEXT.read_bytes()).hexdigest()
    assert pipeline.source_state(hits[0]["path"], hits[0]["sha256"]) == "same"
