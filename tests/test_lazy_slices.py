"""Lazy slices and the fast paths of filtering, counting and evidence give the plain answers.

A slice reads its parent's frames through the kept rows (`workbench.slicing.source`) and the
filters look mentions up by kind and key; every test compares that with the same work done on
frames cut whole (a pickled slice is a plain Corpus with every frame cut), on the hand-built
corpus in both its plain and its compact dtypes (the `corpus` fixture).
"""

from __future__ import annotations

import io
import pickle

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from workbench import charts
from workbench.dashboard_state import DashboardState, first_hits
from workbench.slicing import (
    LAZY_FRAMES,
    article_positions,
    articles_with,
    frame_length,
    key_rows,
    keys_of,
    kind_rows,
    subset,
    unique_stories,
)

FRAMES = ("articles", "quotes", "mentions", "sentences", "speakers")
CRITERIA = [
    {"country": "RUS"},
    {"country": ["IRN", "DEU"], "since": "2022-11-05"},
    {"theme": "energy"},
    {"speaker": "Joe Biden"},
    {"speaker": "Vladimir Putin", "in_quotes": True},
    {"country": "RUS", "in_quotes": True},
    {"publication": "The Globe", "until": "2022-12-31"},
]
COUNTS = [
    ("country", {}),
    ("theme", {}),
    ("speaker", {}),
    ("publication", {}),
    ("country", {"measure": "articles"}),
    ("country", {"measure": "quotes"}),
    ("theme", {"measure": "quotes"}),
    ("country", {"unique": False}),
    ("country", {"by": "month"}),
    ("country", {"by": "theme"}),
    ("speaker", {"by": "country"}),
]


def cut(sliced):
    """The same slice with every frame cut (what pickling a slice gives)."""
    return pickle.loads(pickle.dumps(sliced))


def two_speakers(corpus):
    """The corpus with Biden's second quote in a3 and a4 given to Putin (an article quoting two
    people, the second quote naming Russia)."""
    quotes = corpus.quotes.copy()
    quotes.loc[quotes["quote_id"].astype(str).isin(["a3:q1", "a4:q1"]), "speaker"] = "Vladimir Putin"
    return corpus.replace(quotes=quotes)


def cut_frames(sliced) -> list[str]:
    return [name for name in LAZY_FRAMES if name in sliced.__dict__]


@pytest.mark.parametrize("kind", ["country", "theme", "person", "nothing"])
def test_kind_and_key_rows_match_masks(corpus, kind):
    mentions = corpus.mentions
    is_kind = (mentions["kind"] == kind).to_numpy(dtype=bool)
    assert kind_rows(mentions, kind).tolist() == np.flatnonzero(is_kind).tolist()
    assert sorted(map(str, keys_of(mentions, kind))) == sorted(set(mentions.loc[is_kind, "key"].astype(str)))
    for keys in (["RUS"], ["IRN", "DEU"], ["energy"], ["nowhere"], []):
        wanted = is_kind & mentions["key"].isin(keys).to_numpy(dtype=bool)
        assert key_rows(mentions, kind, keys).tolist() == np.flatnonzero(wanted).tolist()
        articles = np.unique(article_positions(corpus, "mentions")[wanted])
        assert articles_with(corpus, kind, keys).tolist() == articles.tolist()


@pytest.mark.parametrize("criteria", CRITERIA)
def test_a_slice_cuts_nothing_to_filter_count_and_describe(corpus, criteria):
    sliced = corpus.filter(**criteria)
    table = sliced.counts("country")
    charts.describe_slice(sliced)
    charts.describe_sources(sliced)
    assert cut_frames(sliced) == []
    plain = cut(sliced)
    assert len(sliced) == len(plain.articles) and repr(sliced) == repr(plain)
    for name in ("articles", "quotes", "mentions", "sentences"):
        assert frame_length(sliced, name) == len(getattr(plain, name))
    assert table.equals(plain.counts("country"))


@pytest.mark.parametrize("criteria", CRITERIA)
@pytest.mark.parametrize(("dimension", "options"), COUNTS)
def test_counts_through_a_lazy_slice_equal_counts_of_cut_frames(corpus, criteria, dimension, options):
    sliced = corpus.filter(**criteria)
    lazy = sliced.counts(dimension, **options)
    whole = cut(sliced).counts(dimension, **options)
    pd.testing.assert_frame_equal(lazy, whole)
    assert lazy.attrs == whole.attrs


@pytest.mark.parametrize("criteria", CRITERIA)
@pytest.mark.parametrize("first", [None, "theme", "quotes", "mentions"])
def test_counts_do_not_depend_on_which_frames_were_read_first(corpus, criteria, first):
    """A speaker filter keeps only their quotes: a mention in another speaker's quote is outside any
    kept quote whether or not the quotes or mentions were cut before counting."""
    corpus = two_speakers(corpus)
    sliced, reference = corpus.filter(**criteria), cut(corpus.filter(**criteria))
    if first == "theme":
        sliced.counts("theme")
    elif first is not None:
        getattr(sliced, first)
    for dimension, options in (("country", {"measure": "quotes"}), ("speaker", {"by": "country"})):
        pd.testing.assert_frame_equal(
            sliced.counts(dimension, **options), reference.counts(dimension, **options)
        )


def test_a_speakers_slice_counts_only_their_quotes(corpus):
    sliced = two_speakers(corpus).filter(speaker="Joe Biden")
    table = sliced.counts("country", measure="quotes", unique=False)
    assert dict(zip(table["country"].astype(str), table["n_quotes"], strict=True)) == {"RUS": 2}


@pytest.mark.parametrize("criteria", CRITERIA)
def test_frames_of_a_lazy_slice_equal_the_cut_frames(corpus, criteria):
    sliced = corpus.filter(**criteria)
    reference = cut(corpus.filter(**criteria))
    for name in reversed(FRAMES):  # mentions and quotes before articles: positions handed on late
        pd.testing.assert_frame_equal(getattr(sliced, name), getattr(reference, name))
    assert cut_frames(sliced) == list(LAZY_FRAMES)
    assert sliced.counts("country", measure="quotes").equals(reference.counts("country", measure="quotes"))


@pytest.mark.parametrize("criteria", [{}, *CRITERIA])
def test_unique_stories_of_a_lazy_slice_equal_those_of_the_cut_slice(corpus, criteria):
    sliced = corpus.filter(**criteria)
    lazy = unique_stories(sliced)
    if criteria:  # cut from the first slice's parent: nothing of the first slice is cut
        assert cut_frames(sliced) == []
    reference = unique_stories(cut(sliced))
    for name in FRAMES:
        pd.testing.assert_frame_equal(getattr(lazy, name), getattr(reference, name))
    assert lazy.filters == reference.filters


@pytest.mark.parametrize("criteria", [{}, *CRITERIA])
def test_subset_of_a_slice_is_the_subset_of_its_cut_frames(corpus, criteria):
    sliced = corpus.filter(**criteria)
    keep = np.arange(frame_length(sliced, "articles")) % 2 == 0
    lazy, reference = subset(sliced, keep), subset(cut(sliced), keep)
    pd.testing.assert_frame_equal(lazy.counts("country"), reference.counts("country"))
    for name in FRAMES:
        pd.testing.assert_frame_equal(getattr(lazy, name), getattr(reference, name))


@pytest.mark.parametrize("criteria", [{}, {"since": "2022-11-05"}, {"speaker": "Joe Biden"}])
@pytest.mark.parametrize("unique", [True, False])
@pytest.mark.parametrize("limit", [1, 2, 3, 5, 100])
def test_first_hits_keep_the_first_rows_of_kwic(corpus, criteria, unique, limit):
    sliced = corpus.filter(**criteria)
    for kind in ("country", "theme"):
        for key in keys_of(sliced.mentions, kind):
            expected = sliced.kwic(str(key), kind=kind, unique=unique, limit=limit)
            fewer = first_hits(sliced, kind, str(key), limit, unique=unique)
            found = fewer.kwic(str(key), kind=kind, unique=unique, limit=limit)
            pd.testing.assert_frame_equal(found, expected)
            state = DashboardState(dimension=kind, unique=unique, selected=str(key))
            pd.testing.assert_frame_equal(state.evidence_of(sliced, limit=limit), expected)


def test_first_hits_takes_only_the_articles_it_needs(corpus):
    # IRN: a1 (2 Nov) twice, a2 (10 Nov) twice; the first two rows are both in a1
    fewer = first_hits(corpus, "country", "IRN", 2)
    assert fewer.articles["article_id"].astype(str).tolist() == ["a1"]
    assert first_hits(corpus, "country", "IRN", 3).articles["article_id"].astype(str).tolist() == ["a1", "a2"]


def test_screen_png_is_at_screen_resolution(corpus):
    ax = charts.bar(corpus.counts("country"), corpus=corpus)
    png = charts.screen_png(ax.figure)
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        assert image.info["dpi"][0] == pytest.approx(charts.SCREEN_DPI, abs=1)
