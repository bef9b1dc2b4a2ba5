"""Tests for workbench.counting: counts by measure, unique stories, time series, crosstabs, co-occurrence."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from workbench.counting import cooccurrence, counts, crosstab


def as_dict(table: pd.DataFrame, key: str, value: str) -> dict:
    return {str(k): int(v) for k, v in zip(table[key], table[value], strict=True)}


@pytest.mark.parametrize(
    ("dimension", "options", "expected"),
    [
        ("country", {}, {"RUS": 5, "IRN": 4, "DEU": 2, "UKR": 2, "AUT": 1, "FRA": 1, "USA": 1}),
        (
            "country",
            {"unique": False},
            {"RUS": 7, "IRN": 4, "DEU": 2, "UKR": 2, "AUT": 2, "FRA": 1, "USA": 1},
        ),
        (
            "country",
            {"measure": "articles"},
            {"RUS": 3, "IRN": 2, "UKR": 2, "AUT": 1, "DEU": 1, "FRA": 1, "USA": 1},
        ),
        ("country", {"measure": "quotes"}, {"RUS": 3, "IRN": 1, "UKR": 1}),
        ("country", {"measure": "quotes", "unique": False}, {"RUS": 5, "IRN": 1, "UKR": 1}),
        (
            "theme",
            {},
            {
                "arms_transfers": 3,
                "energy": 2,
                "alliances_diplomacy": 1,
                "armed_conflict": 1,
                "sanctions_isolation": 1,
            },
        ),
        (
            "theme",
            {"measure": "articles"},
            {
                "arms_transfers": 2,
                "alliances_diplomacy": 1,
                "armed_conflict": 1,
                "energy": 1,
                "sanctions_isolation": 1,
            },
        ),
        ("speaker", {}, {"Joe Biden": 2, "Ali Khamenei": 1, "Olaf Scholz": 1, "Vladimir Putin": 1}),
        (
            "speaker",
            {"unique": False},
            {"Joe Biden": 4, "Ali Khamenei": 1, "Olaf Scholz": 1, "Vladimir Putin": 1},
        ),
        (
            "speaker",
            {"measure": "articles"},
            {"Ali Khamenei": 1, "Joe Biden": 1, "Olaf Scholz": 1, "Vladimir Putin": 1},
        ),
        ("publication", {}, {"Daily Planet": 2, "The Globe": 1, "The Herald": 1}),
        ("publication", {"unique": False}, {"Daily Planet": 2, "The Globe": 2, "The Herald": 1}),
        ("publication", {"measure": "quotes"}, {"Daily Planet": 3, "The Globe": 1, "The Herald": 1}),
        ("publication", {"measure": "mentions"}, {"Daily Planet": 12, "The Globe": 7, "The Herald": 5}),
        ("country", {"top": 2}, {"RUS": 5, "IRN": 4}),
    ],
)
def test_counts(corpus, dimension, options, expected):
    table = counts(corpus, dimension, **options)
    measure = options.get("measure") or {"speaker": "quotes", "publication": "articles"}.get(
        dimension, "mentions"
    )
    assert as_dict(table, dimension, f"n_{measure}") == expected
    assert list(table[f"n_{measure}"]) == sorted(expected.values(), reverse=True)  # ranked


@pytest.mark.parametrize(
    ("measure", "key", "share"),
    [
        ("mentions", "RUS", 5 / 16),
        ("articles", "RUS", 3 / 4),
        ("quotes", "RUS", 3 / 5),
        ("articles", "FRA", 1 / 4),
    ],
)
def test_share_is_over_all_units_of_the_slice(corpus, measure, key, share):
    table = counts(corpus, "country", measure=measure).set_index("country")
    assert math.isclose(table.loc[key, "share"], share)


def test_country_rows_carry_names(corpus):
    table = counts(corpus, "country")
    assert list(table.columns) == ["country", "label", "n_mentions", "share"]
    assert dict(zip(table["country"].astype(str), table["label"], strict=True))["IRN"] == "Iran"


def test_counts_carry_attrs_for_charts(corpus):
    table = counts(corpus.filter(country="IRN"), "theme", measure="articles")
    assert table.attrs["value"] == "n_articles"
    assert table.attrs["subtitle"].startswith("Country: Iran \u00b7 2 articles")
    assert table.attrs["source"] == "Source: Daily Planet and The Globe"


def test_time_series_has_every_period_with_zeros(corpus):
    table = counts(corpus, "country", by="month")
    assert list(table.columns) == ["month", "country", "label", "n_mentions", "share"]
    assert len(table) == 3 * 7
    rows = {
        (m.strftime("%Y-%m"), str(c)): n
        for m, c, n in zip(table["month"], table["country"], table["n_mentions"], strict=True)
    }
    assert rows[("2022-11", "IRN")] == 4
    assert rows[("2022-12", "IRN")] == 0
    assert rows[("2023-01", "DEU")] == 2
    november = table[table["month"] == pd.Timestamp("2022-11-01")]
    assert math.isclose(november["share"].sum(), 1.0)


def test_weeks_start_on_monday(corpus):
    table = counts(corpus, "speaker", by="week")
    assert set(table["week"].dt.day_of_week) == {0}
    assert table["week"].min() == pd.Timestamp("2022-10-31")


def test_counts_by_another_dimension(corpus):
    table = counts(corpus, "theme", by="publication", measure="articles")
    rows = {
        (str(p), str(t)): (n, s)
        for p, t, n, s in zip(
            table["publication"], table["theme"], table["n_articles"], table["share"], strict=True
        )
    }
    assert rows[("Daily Planet", "energy")] == (1, 0.5)
    assert rows[("The Globe", "sanctions_isolation")] == (1, 1.0)
    assert ("The Herald", "energy") not in rows


def test_counts_of_countries_by_speaker_are_inside_their_quotes(corpus):
    table = counts(corpus, "country", by="speaker")
    pairs = {
        (str(s), str(c)): n
        for s, c, n in zip(table["speaker"], table["country"], table["n_mentions"], strict=True)
    }
    assert pairs == {
        ("Joe Biden", "RUS"): 2,
        ("Vladimir Putin", "IRN"): 1,
        ("Vladimir Putin", "RUS"): 1,
        ("Olaf Scholz", "UKR"): 1,
    }


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            {"dimension": "city"},
            "`dimension` must be one of 'country', 'theme', 'speaker', 'publication', not 'city'",
        ),
        ({"dimension": "country", "measure": "words"}, "`measure` must be one of"),
        ({"dimension": "country", "by": "fortnight"}, "`by` must be one of 'day', 'week'"),
        ({"dimension": "country", "by": "country"}, "`by` must be one of"),
    ],
)
def test_bad_arguments_name_the_parameter_and_choices(corpus, arguments, message):
    with pytest.raises(ValueError, match="`") as info:
        counts(corpus, **arguments)
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("row", "col", "value"),
    [
        ("Joe Biden", "RUS", 2),
        ("Vladimir Putin", "IRN", 1),
        ("Vladimir Putin", "RUS", 1),
        ("Olaf Scholz", "UKR", 1),
        ("Vladimir Putin", "UKR", 0),
        ("Joe Biden", "IRN", 0),
    ],
)
def test_crosstab_speaker_country_counts_inside_own_quotes(corpus, row, col, value):
    table = crosstab(corpus, "speaker", "country")
    assert "Ali Khamenei" not in table.index  # names no country inside his quote
    assert table.loc[row, col] == value


@pytest.mark.parametrize(
    ("row", "col", "value"),
    [
        ("RUS", "energy", 1),
        ("IRN", "arms_transfers", 2),
        ("DEU", "alliances_diplomacy", 1),
        ("AUT", "arms_transfers", 0),
        ("USA", "sanctions_isolation", 1),
    ],
)
def test_crosstab_country_theme_counts_articles(corpus, row, col, value):
    table = crosstab(corpus, "country", "theme")
    assert table.loc[row, col] == value
    assert table.index.name == "country" and table.columns.name == "theme"


def test_crosstab_speaker_theme_and_tidy_form(corpus):
    wide = crosstab(corpus, "speaker", "theme")
    assert wide.loc["Vladimir Putin", "arms_transfers"] == 1
    assert wide.loc["Ali Khamenei", "armed_conflict"] == 1
    assert wide.loc["Joe Biden", "energy"] == 1
    tidy = crosstab(corpus, "speaker", "theme", tidy=True)
    assert list(tidy.columns) == ["speaker", "theme", "theme_label", "n_quotes"]
    assert tidy["n_quotes"].sum() == wide.to_numpy().sum() == 3


def test_crosstab_top_and_same_dimension(corpus):
    table = crosstab(corpus, "country", "theme", top=2)
    assert table.shape == (2, 2)
    assert list(table.index) == ["IRN", "RUS"]  # ranked on the 2 columns shown; ties (UKR too) alphabetical
    assert list(table.columns) == ["arms_transfers", "alliances_diplomacy"]
    with pytest.raises(ValueError, match="cooccurrence"):
        crosstab(corpus, "country", "country")


def test_cooccurrence_by_article(corpus):
    table = cooccurrence(corpus, "country")
    first = table.iloc[0]
    assert (first["a"], first["b"], first["n"], first["n_a"], first["n_b"]) == ("IRN", "RUS", 2, 2, 3)
    assert math.isclose(first["lift"], 2 * 4 / (2 * 3))
    assert math.isclose(first["pmi"], math.log2(4 / 3))
    pairs = {(a, b): lift for a, b, lift in zip(table["a"], table["b"], table["lift"], strict=True)}
    assert math.isclose(pairs[("DEU", "FRA")], 4.0)
    assert ("AUT", "IRN") not in pairs  # never together
    assert table.loc[0, "label_a"] == "Iran"


def test_cooccurrence_by_sentence(corpus):
    table = cooccurrence(corpus, "country", level="sentence")
    row = table.iloc[0]
    assert (row["a"], row["b"], row["n"], row["n_a"], row["n_b"]) == ("IRN", "RUS", 3, 4, 5)
    assert math.isclose(row["lift"], 3 * 11 / (4 * 5))  # 11 sentences in the unique stories
    assert len(table) == 3


def test_cooccurrence_wide_is_symmetric_with_counts_on_the_diagonal(corpus):
    matrix = cooccurrence(corpus, "country", wide=True)
    assert (matrix.to_numpy() == matrix.to_numpy().T).all()
    assert matrix.loc["RUS", "RUS"] == 3 and matrix.loc["IRN", "RUS"] == 2 and matrix.loc["AUT", "DEU"] == 0
    lift = cooccurrence(corpus, "country", wide=True, value="lift", top=3)
    assert list(lift.index) == ["RUS", "IRN", "UKR"]
    assert math.isclose(lift.loc["RUS", "IRN"], 4 / 3)


def test_cooccurrence_min_count(corpus):
    assert list(cooccurrence(corpus, "country", min_count=2)["n"]) == [2]
