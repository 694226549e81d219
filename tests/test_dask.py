"""The same per-file work on a Dask distributed cluster (here a LocalCluster) gives the same database."""
from __future__ import annotations

import shutil

import pytest

import pipeline
from synth import generate_archive


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def test_dask_executor_matches_local_ingest(cluster, tmp_path):
    raw = tmp_path / "raw"
    generate_archive(raw, 8, seed=9, pdf_share=0.25)
    shutil.rmtree(raw / "truth")
    local, dask_db = f"sqlite:///{tmp_path / 'local.sqlite'}", f"sqlite:///{tmp_path / 'dask.sqlite'}"
    pipeline.ingest([raw], db=local, workers=1)
    report = pipeline.ingest([raw], db=dask_db, executor="dask", scheduler=cluster.scheduler_address)
    assert report.failed == 0 and report.ok == report.files
    assert pipeline.export_documents(dask_db) == pipeline.export_documents(local)
