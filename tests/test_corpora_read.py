"""Every file of the real corpora in ../shared/corpora reads: no failures, the right article counts.

The geoparsing XML files are gold toponym corpora, not article files: discover() skips them with a
reason ("XML data ..."), so they count as skipped, not failed. Reuters' companion files (category
lists) are skipped as word lists; its README by name.
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections import Counter

import pytest

from tests.shared import CORPORA, GOLD_DEV, SHARED, require_shared
from workbench.readers import discover, read_file

pytestmark = pytest.mark.corpora


@pytest.fixture(scope="module")
def reads() -> dict[str, object]:
    """{path: FileRead or skip reason} for everything discover() finds under the corpora."""
    require_shared(CORPORA)
    out: dict[str, object] = {}
    for path, why in discover(CORPORA):
        out[path] = why if why is not None else read_file(path)
    return out


def _records(reads: dict, corpus: str, fmt: str | None = None) -> list[dict]:
    prefix = str(CORPORA / corpus) + os.sep
    return [
        record
        for path, read in reads.items()
        if path.startswith(prefix) and not isinstance(read, str)
        for record in read.records
        if fmt is None or record["format"] == fmt
    ]


def test_no_corpus_file_fails(reads):
    failed = {p: r.reason for p, r in reads.items() if not isinstance(r, str) and r.status == "failed"}
    assert failed == {}


def test_geoparsing_xml_is_skipped_with_a_reason(reads):
    xml = {p: r for p, r in reads.items() if p.endswith(".xml")}
    assert xml and all(isinstance(r, str) and "XML" in r for r in xml.values())


@pytest.mark.parametrize(
    "corpus, fmt, n_articles",
    [
        ("ggt-dev", "text", 49),
        ("polnear-dev", "text", 84),
        ("polnear-train", "text", 840),
        ("trnews-dev", "json", 59),
        ("wikinews-dev", "json", 127),
        ("bbc", "text", 2225),
        ("reuters21578", "reuters-sgml", 5000),
    ],
)
def test_article_counts_per_corpus(reads, corpus, fmt, n_articles):
    records = _records(reads, corpus, fmt)
    assert len(records) == n_articles
    assert all(r["text"] for r in records) or corpus == "reuters21578"


def test_reuters_bodies_dates_and_places(reads):
    stories = _records(reads, "reuters21578", "reuters-sgml")
    assert sum(bool(r["text"]) for r in stories) == 4584
    assert all(r["date"] and r["date"].startswith("1987-") for r in stories)
    assert sum(bool(r["metadata"]["places"]) for r in stories) == 4591
    assert len({r["metadata"]["newid"] for r in stories}) == 5000
    assert not any("&lt;" in (r["headline"] or "") or "\x03" in r["text"] for r in stories)


def test_bbc_categories_from_folders(reads):
    counts = Counter(r["metadata"]["category"] for r in _records(reads, "bbc", "text"))
    assert counts == {"business": 510, "entertainment": 386, "politics": 417, "sport": 511, "tech": 401}
    assert all(r["headline"] for r in _records(reads, "bbc", "text"))


def test_ggt_bodies_keep_their_first_paragraph(reads):
    records = _records(reads, "ggt-dev", "text")
    assert sum(r["headline"] is None for r in records) >= 45


def _norm_text():
    score = SHARED / "eval" / "score.py"
    require_shared(score)
    spec = importlib.util.spec_from_file_location("shared_score", score)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.norm_text


@pytest.mark.parametrize("prefix", ["polnear", "trnews", "wikinews", "seed"])
def test_headlines_and_dates_match_gold_metadata(prefix):
    gold_dir = require_shared(GOLD_DEV)
    norm = _norm_text()
    checked = agreed = 0
    for gold_file in sorted(gold_dir.glob(f"{prefix}-*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        meta = gold.get("metadata") or {}
        read = read_file(SHARED / gold["file"])
        assert read.status == "ok", (gold["file"], read.reason)
        record = read.records[0]
        for key in ("headline", "publication", "date"):
            if key in meta:
                checked += 1
                ok = norm(record[key]) == norm(meta[key]) if key != "date" else record[key] == meta[key]
                agreed += ok
    assert checked and agreed / checked >= 0.98, f"{agreed}/{checked}"
