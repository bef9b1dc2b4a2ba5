"""Tests for workbench.slicing: filter combinations, consistent frames, errors with suggestions."""

from __future__ import annotations

import copy

import pandas as pd
import pytest

from workbench.slicing import FilterValueError, describe_slice, describe_sources, filter_corpus


def ids(frame: pd.DataFrame) -> list[str]:
    return sorted(str(a) for a in pd.unique(frame["article_id"]))


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({}, ["a1", "a2", "a3", "a4", "a5"]),
        ({"country": "IRN"}, ["a1", "a2"]),
        ({"country": "iran"}, ["a1", "a2"]),
        ({"country": "Islamic Republic of Iran"}, ["a1", "a2"]),
        ({"country": ["IRN", "DEU"]}, ["a1", "a2", "a5"]),
        ({"theme": "energy"}, ["a3", "a4"]),
        ({"theme": "Arms transfers & military aid"}, ["a1", "a2"]),
        ({"publication": "the globe"}, ["a2", "a4"]),
        ({"publication": ["The Globe", "The Herald"]}, ["a2", "a4", "a5"]),
        ({"since": "2022-12-01"}, ["a3", "a4", "a5"]),
        ({"until": "2022-11-10"}, ["a1", "a2"]),  # inclusive: the whole of the last day
        ({"since": "2022-11-05", "until": "2022-12-05"}, ["a2", "a3"]),
        ({"text": "drone deal"}, ["a1"]),
        ({"text": "DRONE"}, ["a1"]),
        ({"text": "dron"}, []),  # whole words only
        ({"text": ["OPEC", "berlin"]}, ["a3", "a4", "a5"]),
        ({"text": "weapons"}, ["a2"]),
        ({"speaker": "Vladimir Putin"}, ["a1"]),
        ({"speaker": "biden"}, ["a3", "a4"]),  # an unambiguous surname
        ({"country": "RUS", "theme": "energy"}, ["a3", "a4"]),
        ({"country": "UKR", "in_quotes": True}, ["a5"]),  # a1 names Ukraine outside its quote
        ({"country": "IRN", "in_quotes": True}, ["a1"]),
        ({"speaker": "Joe Biden", "country": "RUS", "in_quotes": True}, ["a3", "a4"]),
        ({"speaker": "Vladimir Putin", "country": "USA"}, []),
        ({"theme": "armed_conflict", "publication": "Daily Planet"}, []),
    ],
)
def test_filter_keeps_the_matching_articles(corpus, criteria, expected):
    assert ids(filter_corpus(corpus, **criteria).articles) == expected


@pytest.mark.parametrize(
    "criteria",
    [
        {"country": "RUS"},
        {"speaker": "Joe Biden"},
        {"theme": "energy", "since": "2022-12-06"},
        {"country": "UKR", "in_quotes": True},
        {"text": "Ukraine"},
    ],
)
def test_every_frame_is_sliced_alike(corpus, criteria):
    sliced = corpus.filter(**criteria)
    kept = set(ids(sliced.articles))
    for frame in (sliced.quotes, sliced.mentions, sliced.sentences):
        assert set(ids(frame)) <= kept
    assert set(sliced.speakers["speaker"]) == set(sliced.quotes["speaker"].dropna())
    assert sliced.speakers["n_quotes"].sum() == sliced.quotes["speaker"].notna().sum()


def test_speaker_filter_keeps_only_their_quotes(corpus):
    sliced = corpus.filter(speaker="Joe Biden")
    assert set(sliced.quotes["speaker"]) == {"Joe Biden"}
    assert len(sliced.quotes) == 4
    row = sliced.speakers.iloc[0]
    assert (row["speaker"], row["n_quotes"], row["n_articles"]) == ("Joe Biden", 4, 2)
    assert len(sliced.mentions) == 10  # all mentions of a3 and a4


def test_in_quotes_keeps_only_mentions_inside_quotes(corpus):
    sliced = corpus.filter(in_quotes=True)
    assert len(sliced.articles) == 5
    assert sliced.mentions["quote_id"].notna().all()
    assert len(sliced.mentions) == 11


def test_in_quotes_with_speaker_keeps_mentions_inside_that_speakers_quotes(corpus):
    sliced = corpus.filter(speaker="Vladimir Putin", in_quotes=True)
    assert set(sliced.mentions["quote_id"]) == {"a1:q0"}
    assert sorted(sliced.mentions["surface"].astype(str)) == ["Iran", "Russia", "drones"]


def test_filters_record_what_was_applied_in_order(corpus):
    sliced = corpus.filter(theme="energy").filter(country="Russia", since="2022-12-01")
    assert sliced.filters == (("country", ("RUS",)), ("theme", ("energy",)), ("since", ("2022-12-01",)))
    assert corpus.filters == ()


def test_filter_does_not_mutate_the_callers_corpus(corpus):
    before = {
        name: copy.deepcopy(getattr(corpus, name)) for name in ("articles", "quotes", "mentions", "speakers")
    }
    corpus.filter(country="IRN", speaker="Vladimir Putin", in_quotes=True, text="drones")
    for name, frame in before.items():
        pd.testing.assert_frame_equal(getattr(corpus, name), frame)


def test_no_criteria_returns_the_same_corpus(corpus):
    assert corpus.filter() is corpus


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ({"country": "Irna"}, "'IRN'"),
        ({"country": "NZL"}, "New Zealand, NZL) is not mentioned"),
        ({"country": "Atlantis"}, "does not occur"),
        ({"speaker": "Pootin"}, "'Vladimir Putin'"),
        ({"theme": "energie"}, "'energy'"),
        ({"publication": "Globe"}, "'The Globe'"),
        ({"since": "not a date"}, "`since`='not a date' is not a date"),
    ],
)
def test_unknown_values_say_so_and_suggest(corpus, criteria, message):
    with pytest.raises(FilterValueError, match=None) as info:
        corpus.filter(**criteria)
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)


def test_ambiguous_surname_is_an_error(corpus):
    arts = corpus.quotes.assign(speaker=corpus.quotes["speaker"].astype(object))
    arts.loc[arts["speaker"] == "Olaf Scholz", "speaker"] = "Joe Scholz"
    arts.loc[arts["speaker"] == "Ali Khamenei", "speaker"] = "Anna Scholz"
    with pytest.raises(FilterValueError, match="ambiguous: Anna Scholz, Joe Scholz"):
        corpus.replace(quotes=arts).filter(speaker="scholz")


def test_describe_slice_states_filters_count_and_dates(corpus):
    text = describe_slice(corpus.filter(country="IRN", until="2022-11-10"))
    assert text == "Country: Iran \u00b7 To 10 Nov 2022 \u00b7 2 articles, 2 Nov 2022 \u2013 10 Nov 2022"


def test_describe_slice_counts_unique_stories(corpus):
    assert describe_slice(corpus).startswith(
        "All articles \u00b7 4 articles (1 duplicate left out), 2 Nov 2022"
    )
    assert "5 articles, " in describe_slice(corpus, unique=False)


def test_describe_sources_names_outlets_by_size(corpus):
    assert describe_sources(corpus) == "Source: Daily Planet, The Globe and The Herald"
    assert describe_sources(corpus, max_names=1) == "Source: Daily Planet and 2 other outlets"


def _fresh(corpus):
    """The same corpus with copied frames, so nothing remembered about the originals applies."""
    return corpus.replace(
        **{
            name: getattr(corpus, name).copy()
            for name in ("articles", "quotes", "mentions", "sentences", "speakers")
        }
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"country": "RUS"}, {"theme": "energy"}),
        ({"speaker": "Joe Biden"}, {"country": "RUS", "in_quotes": True}),
        ({"since": "2022-11-05"}, {"in_quotes": True}),
        ({"in_quotes": True}, {"country": "UKR"}),
        ({"publication": "The Globe"}, {"speaker": "Joe Biden"}),
    ],
)
def test_chained_filters_match_a_fresh_start(corpus, first, second):
    chained = corpus.filter(**first).filter(**second)
    restarted = _fresh(corpus.filter(**first)).filter(**second)
    for name in ("articles", "quotes", "mentions", "sentences", "speakers"):
        pd.testing.assert_frame_equal(
            getattr(chained, name).reset_index(drop=True), getattr(restarted, name).reset_index(drop=True)
        )
    assert chained.counts("country").equals(restarted.counts("country"))


def _naive_filter(corpus, country, theme, speaker, in_quotes, publication) -> list[str]:
    """The article ids a filter should keep, worked out one article at a time (the reference)."""
    kept = []
    for article_id, outlet in zip(corpus.articles["article_id"], corpus.articles["publication"], strict=True):
        if publication and outlet != publication:
            continue
        quotes = corpus.quotes[corpus.quotes["article_id"] == article_id]
        if speaker:
            quotes = quotes[quotes["speaker"] == speaker]
            if quotes.empty:
                continue
        mentions = corpus.mentions[corpus.mentions["article_id"] == article_id]
        if in_quotes:
            mentions = mentions[mentions["quote_id"].isin(list(quotes["quote_id"]))]
        wanted = [("country", country), ("theme", theme)]
        if all(
            not keys or mentions[(mentions["kind"] == kind) & mentions["key"].isin(keys)].shape[0]
            for kind, keys in wanted
        ):
            kept.append(str(article_id))
    return sorted(kept)


@pytest.mark.parametrize("country", [None, ["IRN"], ["RUS", "DEU"]])
@pytest.mark.parametrize("theme", [None, ["energy"], ["arms_transfers", "alliances_diplomacy"]])
@pytest.mark.parametrize("speaker", [None, "Joe Biden"])
@pytest.mark.parametrize("in_quotes", [False, True])
@pytest.mark.parametrize("publication", [None, "The Globe"])
def test_filter_agrees_with_an_article_by_article_reference(
    corpus, country, theme, speaker, in_quotes, publication
):
    sliced = corpus.filter(
        country=country, theme=theme, speaker=speaker, in_quotes=in_quotes, publication=publication
    )
    assert ids(sliced.articles) == _naive_filter(corpus, country, theme, speaker, in_quotes, publication)


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("drone", "a drone deal", True),
        ("drone", "drones", False),
        ("drone deal", "a drone\n deal", True),  # any whitespace between words
        ("U.S.", "the U.S. said", True),
        ("U.S.", "the USA said", False),
        ("Škoda", "a Škoda plant", True),
        ("iran", "IRAN-RUSSIA", True),
        ("iran", "Iranian", False),
    ],
)
def test_phrase_pattern(phrase, text, found):
    from workbench.slicing import phrase_pattern, text_contains

    assert bool(text_contains(pd.Series([text], dtype="str"), phrase_pattern(phrase))[0]) is found
    assert bool(text_contains(pd.Series([text], dtype=object), phrase_pattern(phrase))[0]) is found
