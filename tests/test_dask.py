"""The Dask engine gives the same corpus as the in-process one (two-worker LocalCluster on loopback)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import workbench as wb
from tests.shared import assert_same_corpus

distributed = pytest.importorskip("distributed")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
POLNEAR = SHARED / "corpora" / "polnear-train"

TEXTS = {
    "wire_2026-03-02_sanctions.txt": (
        "Ministers agree new sanctions on Iran\n\n"
        "European Union ministers agreed new sanctions on Iran on Monday over drone exports to Russia.\n\n"
        "\u201cThe sanctions will stay until the transfers stop,\u201d Foreign Minister Anna Berg said.\n"
    ),
    "herald_2026-03-03_grain.txt": (
        "Grain talks resume in Ankara\n\n"
        "Turkey and Ukraine resumed talks on the grain corridor, officials said.\n\n"
        "\u201cWe are close to a deal,\u201d Deputy Minister Selim Aydin told reporters in Ankara.\n"
    ),
    "post_2026-03-04_energy.txt": "Gas prices fall\n\nGas prices fell in Germany, the regulator said.\n",
    "empty.txt": "",
}


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address=None) as local:
        yield local


@pytest.fixture
def folder(tmp_path) -> Path:
    news = tmp_path / "news"
    news.mkdir()
    for name, text in TEXTS.items():
        (news / name).write_text(text, encoding="utf-8")
    return news


def test_dask_equals_local_on_a_tiny_folder_and_keeps_its_dataset(folder, cluster, tmp_path):
    local = wb.load(folder, cache=False)
    work = tmp_path / "work"
    dask = wb.load(folder, cache=False, engine="dask", scheduler=cluster.scheduler_address, workdir=work)
    assert_same_corpus(dask, local)
    assert len(local.articles) == 3 and (local.report["status"] != "ok").sum() == 1
    (run,) = work.iterdir()
    for frame in ("articles", "quotes", "mentions", "sentences"):
        assert sorted(p.name for p in (run / frame).iterdir())[0] == "part-00000.parquet"


def test_dask_results_go_to_the_cache(folder, cluster, tmp_path, monkeypatch):
    import workbench.engines

    store = tmp_path / "cache"
    first = wb.load(folder, cache=store, engine="dask", scheduler=cluster.scheduler_address)
    monkeypatch.setattr(workbench.engines, "process_file", lambda *a, **k: pytest.fail("not cached"))
    assert_same_corpus(wb.load(folder, cache=store), first)


def test_dask_on_a_client_and_on_the_default_local_cluster(folder):
    local = wb.load(folder, cache=False)
    options = {"n_workers": 1, "threads_per_worker": 1, "processes": False, "dashboard_address": None}
    with distributed.Client(**options) as client:
        assert_same_corpus(wb.load(folder, cache=False, engine="dask", scheduler=client), local)
    assert_same_corpus(wb.load(folder, cache=False, engine="dask"), local)


def test_an_unknown_engine_is_refused_with_the_valid_ones(folder):
    with pytest.raises(ValueError, match="'local', 'dask'"):
        wb.load(folder, cache=False, engine="spark")


def test_dask_equals_local_on_polnear_train(cluster):
    if not POLNEAR.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{POLNEAR} is required when CI=true")
        pytest.skip(f"{POLNEAR} not found: the real corpora live in ../shared beside the repository")
    local = wb.load(POLNEAR, cache=False)
    dask = wb.load(POLNEAR, cache=False, engine="dask", scheduler=cluster.scheduler_address)
    assert len(local.articles) > 800
    assert_same_corpus(dask, local)
