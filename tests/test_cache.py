"""The Parquet cache: hits, misses, invalidation, interrupted writes and corrupt entries.

Every test loads a small hand-written folder with ``cache=<tmp folder>`` and counts the
files `process_file` actually annotates; a cached load must equal an uncached one, dtypes
included.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

import workbench as wb
import workbench.annotate
import workbench.cache as cache_module
import workbench.engines
from tests.shared import assert_same_corpus
from workbench.cache import CACHE_ENV, LAYOUT, cache_dir, cache_info, clear_cache, open_cache
from workbench.load import batch_of
from workbench.paths import data_path

ARTICLES = {
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
    "post_2026-03-04_energy.txt": (
        "Gas prices fall\n\n"
        "Gas prices fell in Germany as storage filled before the winter, the energy regulator said.\n"
    ),
}


@pytest.fixture
def folder(tmp_path) -> Path:
    news = tmp_path / "news"
    news.mkdir()
    for name, text in ARTICLES.items():
        (news / name).write_text(text, encoding="utf-8")
    return news


@pytest.fixture
def store(tmp_path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def annotated(monkeypatch) -> list[str]:
    """The files `process_file` is called on, in order (the engines call it through this name)."""
    calls: list[str] = []
    real = workbench.engines.process_file

    def counting(path, *args, **kwargs):
        calls.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(workbench.engines, "process_file", counting)
    return calls


def test_second_load_is_a_hit_equal_to_an_uncached_load(folder, store, annotated):
    fresh = wb.load(folder, cache=False)
    assert len(annotated) == 3
    first = wb.load(folder, cache=store)
    assert len(annotated) == 6
    again = wb.load(folder, cache=store)
    assert len(annotated) == 6  # nothing annotated again
    assert_same_corpus(first, fresh)
    assert_same_corpus(again, fresh)
    assert again.articles["date"].dtype == "datetime64[us]"
    assert isinstance(again.articles["authors"].iloc[0], list)


def test_file_entries_are_used_when_the_corpus_entry_is_gone(folder, store, annotated):
    fresh = wb.load(folder, cache=store)
    shutil.rmtree(store / LAYOUT / "corpora")
    again = wb.load(folder, cache=store)
    assert len(annotated) == 3
    assert_same_corpus(again, fresh)


def test_a_changed_file_is_the_only_one_annotated_again(folder, store, annotated):
    wb.load(folder, cache=store)
    changed = folder / "post_2026-03-04_energy.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Germany", "France"), encoding="utf-8")
    (folder / "new_2026-03-05_more.txt").write_text("More talks\n\nTalks went on in Paris.\n", "utf-8")
    annotated.clear()
    got = wb.load(folder, cache=store)
    assert sorted(annotated) == ["new_2026-03-05_more.txt", "post_2026-03-04_energy.txt"]
    assert_same_corpus(got, wb.load(folder, cache=False))


def _lexicon_copy(tmp_path: Path, *, lower_threshold: bool) -> Path:
    raw = data_path("themes.yaml").read_bytes()
    if lower_threshold:
        lexicon = yaml.safe_load(raw)
        lexicon["decision"]["threshold"] = 0.5
        raw = yaml.safe_dump(lexicon, allow_unicode=True, sort_keys=False).encode("utf-8")
    path = tmp_path / ("themes-changed.yaml" if lower_threshold else "themes-copy.yaml")
    path.write_bytes(raw)
    return path


def test_a_changed_lexicon_annotates_again_an_identical_one_does_not(folder, store, tmp_path, annotated):
    wb.load(folder, cache=store)
    annotated.clear()
    wb.load(folder, cache=store, lexicon=_lexicon_copy(tmp_path, lower_threshold=False))
    assert annotated == []
    changed = _lexicon_copy(tmp_path, lower_threshold=True)
    got = wb.load(folder, cache=store, lexicon=changed)
    assert len(annotated) == 3
    assert_same_corpus(got, wb.load(folder, cache=False, lexicon=changed))


@pytest.mark.parametrize(
    "option, value",
    [("PIPELINE_VERSION", "another-version"), ("columns", {"text": "body"}), ("annotate", False)],
)
def test_entries_of_another_pipeline_or_options_are_ignored(
    folder, store, annotated, monkeypatch, option, value
):
    wb.load(folder, cache=store)
    annotated.clear()
    if option == "PIPELINE_VERSION":
        monkeypatch.setattr(workbench.annotate, "PIPELINE_VERSION", value)
        wb.load(folder, cache=store)
    else:
        wb.load(folder, cache=store, **{option: value})
    assert len(annotated) == 3


def test_an_interrupted_write_leaves_no_entry_and_the_next_load_is_correct(
    folder, store, annotated, monkeypatch
):
    written = []
    real = cache_module._write_parquet

    def failing(frame, path):
        if len(written) == 2:
            raise OSError("No space left on device (simulated)")
        written.append(path)
        return real(frame, path)

    monkeypatch.setattr(cache_module, "_write_parquet", failing)
    with pytest.warns(UserWarning, match="cache"):
        first = wb.load(folder, cache=store)
    assert len(first.articles) == 3  # the load itself still succeeds
    leftovers = [p for p in (store / LAYOUT).glob("*/*") if p.parent.name in {"files", "corpora"}]
    assert leftovers == []
    monkeypatch.setattr(cache_module, "_write_parquet", real)
    annotated.clear()
    assert_same_corpus(wb.load(folder, cache=store), wb.load(folder, cache=False))
    assert len(annotated) == 3 + 3  # the cached load had nothing to reuse, then the uncached one


def test_a_partial_temporary_entry_left_by_a_crash_is_ignored(folder, store, annotated):
    for level in ("files", "corpora"):
        tmp = store / LAYOUT / level / ".tmp-0123456789abcdef-deadbeef"
        tmp.mkdir(parents=True)
        (tmp / "articles.parquet").write_bytes(b"PAR1 half a file")
    got = wb.load(folder, cache=store)
    assert len(annotated) == 3
    assert_same_corpus(got, wb.load(folder, cache=False))


def _entries(store: Path, level: str) -> list[Path]:
    return [p for p in (store / LAYOUT / level).iterdir() if not p.name.startswith(".")]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda entry: (entry / "mentions.parquet").write_bytes(b"not parquet"), id="garbage"),
        pytest.param(lambda entry: (entry / "articles.parquet").write_bytes(
            (entry / "articles.parquet").read_bytes()[:-40]), id="truncated"),
        pytest.param(lambda entry: (entry / "quotes.parquet").unlink(), id="missing"),
        pytest.param(lambda entry: (entry / "manifest.json").write_text("{", "utf-8"), id="manifest"),
        pytest.param(lambda entry: _flip_one_byte(entry / "sentences.parquet"), id="one-byte"),
    ],
)
@pytest.mark.parametrize("level", ["corpora", "files"])
def test_a_corrupt_entry_is_ignored_and_recomputed(folder, store, annotated, level, damage):
    fresh = wb.load(folder, cache=store)
    if level == "files":
        shutil.rmtree(store / LAYOUT / "corpora")
    (entry,) = _entries(store, level)
    damage(entry)
    annotated.clear()
    got = wb.load(folder, cache=store)
    assert_same_corpus(got, fresh)
    if level == "files":
        assert len(annotated) == 3  # the damaged segment held every file
    annotated.clear()
    assert_same_corpus(wb.load(folder, cache=store), fresh)
    assert annotated == []  # and the rewritten entries are good


def _flip_one_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def test_cached_file_frames_round_trip_exactly(folder, store):
    resources = workbench.annotate.load_resources()
    paths = sorted(str(p) for p in folder.iterdir())
    fresh = batch_of((i, workbench.engines.run_file(p, resources)) for i, p in enumerate(paths))
    cache = open_cache(store, resources.fingerprint)
    cache.put_files(paths, fresh)
    (batch,), missing = cache.get_files(paths)
    assert missing == []
    assert batch.reports == fresh.reports
    for name in ("articles", "quotes", "mentions", "sentences"):
        order = lambda f: f.sort_values("_file", kind="stable", ignore_index=True)  # noqa: E731
        pd.testing.assert_frame_equal(order(getattr(batch, name)), order(getattr(fresh, name)), obj=name)


def test_the_cache_folder_follows_the_environment_and_clears(folder, tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "env-cache"))
    assert cache_dir(True) == tmp_path / "env-cache"
    assert cache_dir(False) is None
    assert cache_dir(tmp_path / "other") == tmp_path / "other"
    wb.load(folder)
    info = cache_info()
    assert info["segments"] == 1 and info["corpora"] == 1 and info["bytes"] > 0
    (tmp_path / "env-cache" / "notes.txt").write_text("not ours", encoding="utf-8")
    assert clear_cache() > 0
    assert cache_info()["segments"] == 0
    assert (tmp_path / "env-cache" / "notes.txt").exists()  # clear_cache removes only its own folders


def test_cli_cache_clear_and_info(folder, tmp_path):
    store = tmp_path / "cli-cache"
    wb.load(folder, cache=store)
    run = [sys.executable, "-m", "workbench.cli_cache", "--dir", str(store)]
    info = subprocess.run([*run, "info", "--json"], capture_output=True, text=True, check=True)
    assert json.loads(info.stdout)["corpora"] == 1
    cleared = subprocess.run([*run, "clear"], capture_output=True, text=True, check=True)
    assert "removed" in cleared.stdout
    assert cache_info(store)["segments"] == 0


def test_text_arrow_cannot_hold_is_repaired_and_round_trips(tmp_path):
    from workbench.dtypes import storage_frame
    from workbench.load import FileFrames

    broken = pd.DataFrame({"article_id": ["a1"], "source": ["caf\udce9.txt"], "text": ["lone \ud800 half"]},
                          dtype=object)  # pandas' own str inference would refuse these strings
    frame = storage_frame("articles", broken)
    assert frame["source"].tolist() == ["caf\ufffd.txt"] and frame["text"].tolist() == ["lone \ufffd half"]
    empty = pd.DataFrame()
    results = [(0, FileFrames({"file": "caf\udce9.txt", "status": "ok"}, broken, empty, empty, empty))]
    cache = open_cache(tmp_path / "cache", "fingerprint")
    paths = [str(tmp_path / "caf\udce9.txt")]
    Path(paths[0]).write_bytes(b"text")
    cache.put_files(paths, batch_of(results))
    (batch,), missing = cache.get_files(paths)
    assert missing == [] and batch.reports[0]["file"] == "caf\udce9.txt"
    assert batch.articles["text"].tolist() == ["lone \ufffd half"]
