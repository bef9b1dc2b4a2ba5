"""`workbench.load` end to end on small hand-written folders: frames, report, speakers, CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

import workbench as wb
from workbench.load import merge_speaker_names, speakers_frame

PRESSREADER = """The Harbour Courier

MINISTERS CLASH OVER GRAIN CORRIDOR

Talks in Ankara end without a deal

- LENA MARSH AND TOMAS OKAFOR

• Foreign ministers from Turkey and Ukraine failed to agree on Tuesday on reopening the grain corridor.

“We came to talk, and we will keep talking,” Turkish Foreign Minister Selim Aydin said.

Aydin added that Russia had not replied. “There is no answer from Moscow yet,” he said.

Newspapers in English

Newspapers from Canada"""

PLAIN = """Drone strikes hit Kharkiv

Russian drones struck Kharkiv overnight, Ukrainian officials said.

“The city is under attack again,” Mayor Ihor Terekhov said on Telegram.
"""


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "courier_2026-06-02_grain.txt").write_text(PRESSREADER, encoding="utf-8")
    (tmp_path / "wire_2026-06-03_kharkiv.txt").write_text(PLAIN, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 10)
    return tmp_path


def test_load_builds_every_frame_and_reports_every_file(folder):
    corpus = wb.load(folder)
    assert len(corpus.articles) == 2
    assert set(corpus.report["file"].map(lambda f: f.rsplit("/", 1)[-1])) == {
        "courier_2026-06-02_grain.txt",
        "wire_2026-06-03_kharkiv.txt",
        "empty.txt",
        "junk.bin",
    }
    bad = corpus.report.set_index(corpus.report["file"].map(lambda f: f.rsplit("/", 1)[-1]))
    assert bad.loc["empty.txt", "status"] == "failed" and "empty" in bad.loc["empty.txt", "reason"]
    assert bad.loc["junk.bin", "status"] in {"failed", "skipped"} and bad.loc["junk.bin", "reason"]

    courier = corpus.articles[corpus.articles["publication"] == "The Harbour Courier"].iloc[0]
    assert courier["authors"] == ["Lena Marsh", "Tomas Okafor"]
    assert courier["language"] == "English" and courier["publication_country"] == "CAN"
    assert "Newspapers" not in courier["text"]

    quotes = corpus.quotes.merge(corpus.articles[["article_id", "text"]], on="article_id")
    assert (quotes.apply(lambda r: r["text_y"][r["start"] : r["end"]] == r["text_x"], axis=1)).all()
    assert set(quotes["speaker"]) >= {"Selim Aydin", "Ihor Terekhov"}
    assert "Lena Marsh" not in set(quotes["speaker"])  # bylines are never speakers

    m = corpus.mentions.merge(corpus.articles[["article_id", "text"]], on="article_id")
    assert (m.apply(lambda r: r["text"][r["start"] : r["end"]] == r["surface"], axis=1)).all()
    countries = set(m.loc[m["kind"] == "country", "key"])
    assert {"TUR", "UKR", "RUS"} <= countries
    assert "CAN" not in countries  # the PressReader footer is metadata, not a mention
    inside = m[(m["kind"] == "country") & (m["surface"] == "Moscow")]
    assert inside["quote_id"].notna().all()  # "Moscow" is said inside Aydin's quote


def test_merge_speaker_names_across_articles():
    quotes = pd.DataFrame(
        {
            "speaker": [
                "John Kirby",
                "Kirby",
                "Smith",
                "Ann Smith",
                "Bob Smith",
                "Wen Qiaolin",
                "Wen",
                "Li",
                "Keith Rowley",
                "Keith",  # a given name alone, in another story: not Keith Rowley
                None,
            ]
        }
    )
    assert merge_speaker_names(quotes) == {"Kirby": "John Kirby", "Wen": "Wen Qiaolin"}


def test_speakers_frame_counts_quotes_and_articles():
    quotes = pd.DataFrame(
        {
            "article_id": ["a", "a", "b", "b"],
            "speaker": ["John Kirby", "John Kirby", "John Kirby", None],
            "role": ["spokesman", None, "White House spokesman", None],
            "affiliation": ["USA", "USA", None, None],
        }
    )
    [row] = speakers_frame(quotes).to_dict("records")
    assert row["speaker"] == "John Kirby" and row["n_quotes"] == 3 and row["n_articles"] == 2
    assert row["affiliation"] == "USA" and set(row["roles"]) == {"spokesman", "White House spokesman"}


def test_extract_cli_prints_one_json_object_per_article(folder):
    out = subprocess.run(
        [sys.executable, "-m", "workbench", "extract", str(folder), "--jsonl"],
        capture_output=True,
        text=True,
        check=True,
    )
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(records) == 2
    for record in records:
        assert {
            "source",
            "publication",
            "headline",
            "authors",
            "date",
            "language",
            "publication_country",
            "quotes",
            "countries",
            "themes",
        } <= set(record)
    assert "2 ok" in out.stderr and "failed" in out.stderr  # the load report goes to stderr
