"""Shared fixtures: a tiny hand-built corpus with known answers, and figure hygiene.

The corpus is built directly as DataFrames (no readers, no extractors), so tests of
slicing, counting, evidence, charts and export do not depend on annotation quality.
Offsets are computed from the texts, so `text[start:end] == surface` always holds.

Known answers (unique stories: a4 duplicates a3):
  a1 Daily Planet 2022-11-02  RUS x2, IRN x2, UKR; arms_transfers x2; Putin quoted once
  a2 The Globe    2022-11-10  IRN x2, RUS, USA; arms_transfers, sanctions_isolation, armed_conflict; Khamenei
  a3 Daily Planet 2022-12-05  AUT, RUS x2; energy x2; Biden quoted twice
  a4 The Globe    2022-12-06  duplicate of a3 (same text and annotations)
  a5 The Herald   2023-01-16  DEU x2, FRA, UKR; alliances_diplomacy; Scholz
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from workbench.corpus import (  # noqa: E402
    ARTICLE_COLUMNS,
    MENTION_COLUMNS,
    QUOTE_COLUMNS,
    SENTENCE_COLUMNS,
    SPEAKER_COLUMNS,
    Corpus,
)

LABELS = {
    "RUS": "Russia",
    "IRN": "Iran",
    "UKR": "Ukraine",
    "USA": "United States",
    "AUT": "Austria",
    "DEU": "Germany",
    "FRA": "France",
    "arms_transfers": "Arms transfers & military aid",
    "sanctions_isolation": "Sanctions & isolation",
    "armed_conflict": "Armed conflict",
    "energy": "Energy",
    "alliances_diplomacy": "Alliances & diplomacy",
}

# (article_id, publication, date, headline, text, quotes, mentions, duplicate_of)
# quotes: (quoted words, speaker, role, affiliation); mentions: (kind, key, surface, nth occurrence)
ARTICLES = [
    (
        "a1",
        "Daily Planet",
        "2022-11-02",
        "Drone deal",
        'Russia and Iran signed a drone deal. "Iran will send more drones to Russia," said Vladimir Putin. '
        "Ukraine protested.",
        [("Iran will send more drones to Russia,", "Vladimir Putin", "President", "RUS")],
        [
            ("country", "RUS", "Russia", 0),
            ("country", "IRN", "Iran", 0),
            ("country", "IRN", "Iran", 1),
            ("country", "RUS", "Russia", 1),
            ("country", "UKR", "Ukraine", 0),
            ("theme", "arms_transfers", "drone deal", 0),
            ("theme", "arms_transfers", "drones", 0),
        ],
        None,
    ),
    (
        "a2",
        "The Globe",
        "2022-11-10",
        "Tehran denies <b>weapons</b> claim",
        'Tehran denied supplying weapons to Moscow. "We are not at war," said Ali Khamenei. '
        "Iran faces new sanctions from the United States.",
        [("We are not at war,", "Ali Khamenei", "Supreme Leader", "IRN")],
        [
            ("country", "IRN", "Tehran", 0),
            ("country", "RUS", "Moscow", 0),
            ("country", "IRN", "Iran", 0),
            ("country", "USA", "United States", 0),
            ("theme", "arms_transfers", "weapons", 0),
            ("theme", "armed_conflict", "war", 0),
            ("theme", "sanctions_isolation", "sanctions", 0),
        ],
        None,
    ),
    (
        "a3",
        "Daily Planet",
        "2022-12-05",
        "Oil prices rise",
        'Oil prices rose as OPEC met in Vienna. "Russia must pay for energy," said Joe Biden. '
        '"Putin is isolated in Russia," Biden added.',
        [
            ("Russia must pay for energy,", "Joe Biden", "President", "USA"),
            ("Putin is isolated in Russia,", "Joe Biden", "President", "USA"),
        ],
        [
            ("country", "AUT", "Vienna", 0),
            ("country", "RUS", "Russia", 0),
            ("country", "RUS", "Russia", 1),
            ("theme", "energy", "Oil", 0),
            ("theme", "energy", "energy", 0),
        ],
        None,
    ),
    (
        "a4",
        "The Globe",
        "2022-12-06",
        "Oil prices rise",
        'Oil prices rose as OPEC met in Vienna. "Russia must pay for energy," said Joe Biden. '
        '"Putin is isolated in Russia," Biden added.',
        [
            ("Russia must pay for energy,", "Joe Biden", "President", "USA"),
            ("Putin is isolated in Russia,", "Joe Biden", "President", "USA"),
        ],
        [
            ("country", "AUT", "Vienna", 0),
            ("country", "RUS", "Russia", 0),
            ("country", "RUS", "Russia", 1),
            ("theme", "energy", "Oil", 0),
            ("theme", "energy", "energy", 0),
        ],
        "a3",
    ),
    (
        "a5",
        "The Herald",
        "2023-01-16",
        "Allies meet",
        'Germany and France met in Berlin. "Europe stands with Ukraine," said Olaf Scholz.',
        [("Europe stands with Ukraine,", "Olaf Scholz", "Chancellor", "DEU")],
        [
            ("country", "DEU", "Germany", 0),
            ("country", "FRA", "France", 0),
            ("country", "DEU", "Berlin", 0),
            ("country", "UKR", "Ukraine", 0),
            ("theme", "alliances_diplomacy", "met", 0),
        ],
        None,
    ),
]

_SENTENCE = re.compile(r"[^.]+(?:\.|$)")


def _nth(text: str, surface: str, n: int) -> int:
    starts = [m.start() for m in re.finditer(re.escape(surface), text)]
    return starts[n]


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _SENTENCE.finditer(text):
        s, e = m.span()
        while s < e and text[s] in ' "':
            s += 1
        if s < e:
            spans.append((s, e + (1 if text[e : e + 1] == '"' else 0)))
    return spans


def build_corpus() -> Corpus:
    """The tiny corpus described in the module docstring (a new Corpus each call)."""
    arts, quotes, mentions, sentences = [], [], [], []
    for aid, pub, date, headline, text, qs, ms, dup in ARTICLES:
        spans = _sentence_spans(text)

        def sentence_of(offset: int, spans=spans) -> int:
            return max(i for i, (s, _) in enumerate(spans) if s <= offset)

        arts.append(
            {
                "article_id": aid,
                "source": f"{aid}.txt",
                "format": "text",
                "publication": pub,
                "headline": headline,
                "headline_title": headline,
                "subheadline": None,
                "authors": [],
                "date": pd.Timestamp(date),
                "language": "en",
                "publication_country": "CAN",
                "url": None,
                "text": text,
                "n_words": len(text.split()),
                "duplicate_of": dup,
                "metadata": {},
            }
        )
        quote_spans = []
        for i, (words, speaker, role, affiliation) in enumerate(qs):
            start = text.index(words)
            qid = f"{aid}:q{i}"
            quote_spans.append((start, start + len(words), qid))
            quotes.append(
                {
                    "article_id": aid,
                    "quote_id": qid,
                    "start": start,
                    "end": start + len(words),
                    "text": words,
                    "speaker": speaker,
                    "role": role,
                    "affiliation": affiliation,
                    "cue": "say",
                    "attribution": "explicit",
                    "sentence": sentence_of(start),
                }
            )
        for kind, key, surface, n in ms:
            start = _nth(text, surface, n)
            end = start + len(surface)
            inside = [qid for s, e, qid in quote_spans if s <= start and end <= e]
            mentions.append(
                {
                    "article_id": aid,
                    "kind": kind,
                    "key": key,
                    "label": LABELS[key],
                    "surface": surface,
                    "start": start,
                    "end": end,
                    "sentence": sentence_of(start),
                    "quote_id": inside[0] if inside else None,
                }
            )
        sentences.extend(
            {"article_id": aid, "sentence": i, "start": s, "end": e} for i, (s, e) in enumerate(spans)
        )
    quotes_df = pd.DataFrame(quotes, columns=list(QUOTE_COLUMNS))
    speakers = (
        quotes_df.groupby("speaker")
        .agg(
            roles=("role", lambda r: sorted(set(r))),
            affiliation=("affiliation", "first"),
            n_quotes=("quote_id", "size"),
            n_articles=("article_id", "nunique"),
        )
        .reset_index()
    )
    return Corpus(
        articles=pd.DataFrame(arts, columns=list(ARTICLE_COLUMNS)),
        quotes=quotes_df,
        mentions=pd.DataFrame(mentions, columns=list(MENTION_COLUMNS)),
        sentences=pd.DataFrame(sentences, columns=list(SENTENCE_COLUMNS)),
        speakers=speakers[list(SPEAKER_COLUMNS)],
    )


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """Tests never read or write the user's annotation cache: one fresh cache per test session."""
    previous = os.environ.get("WORKBENCH_CACHE_DIR")
    os.environ["WORKBENCH_CACHE_DIR"] = str(tmp_path_factory.mktemp("workbench-cache"))
    yield
    if previous is None:
        os.environ.pop("WORKBENCH_CACHE_DIR", None)
    else:
        os.environ["WORKBENCH_CACHE_DIR"] = previous


@pytest.fixture(params=["plain", "compact"])
def corpus(request) -> Corpus:
    """The tiny hand-built corpus, fresh for every test: with plain object columns, and with the
    compact dtypes `workbench.load` produces (categoricals, Arrow strings, int32)."""
    built = build_corpus()
    if request.param == "compact":
        from workbench.dtypes import compact

        built = compact(built)
    return built


@pytest.fixture
def shared_dir() -> Path:
    """/work/shared (read-only reference material); skipped when absent, unless CI=true."""
    from tests.shared import require_shared

    return require_shared()


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every matplotlib figure a test opened."""
    yield
    plt.close("all")
