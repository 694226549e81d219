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


def test_dask_tasks_keep_the_per_file_limits(tmp_path):
    """Each Dask worker reads files in its own pool of processes under the limits (workers must not be daemons, which
    may not start processes), so a decompression bomb costs one file there too."""
    import dask

    distributed = pytest.importorskip("dask.distributed")
    from tests.test_limits import SOURCE, decompression_bomb

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SOURCE, raw / "good.txt")
    decompression_bomb(raw / "bomb.pdf", 2500)
    db = f"sqlite:///{tmp_path / 'bcx.sqlite'}"
    with dask.config.set({"distributed.worker.daemon": False}), distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        report = pipeline.ingest([raw], db=db, executor="dask", scheduler=cluster.scheduler_address,
                                 memory_limit_mb=1500)
    assert report.failures == [(str(raw / "bomb.pdf"), "over the memory limit of 1500 MiB (the worker was replaced)")]
    assert [d["source"] for d in pipeline.export_documents(db)] == ["good.txt"]
