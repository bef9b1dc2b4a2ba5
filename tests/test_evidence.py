"""Tests for workbench.evidence: keyword in context, quote tables, the article view's escaped HTML."""

from __future__ import annotations

import re

import pytest

from workbench.evidence import article_view, kwic, quotes_table, top_quotes


@pytest.mark.parametrize(
    ("term", "matches"),
    [
        ("IRN", ["Iran", "Iran", "Tehran", "Iran"]),  # a country code: every surface form
        ("irn", ["Iran", "Iran", "Tehran", "Iran"]),
        ("arms_transfers", ["drone deal", "drones", "weapons"]),  # a theme id
        (
            "Joe Biden",
            ["Russia must pay for energy,", "Putin is isolated in Russia,"],
        ),  # a speaker: their quotes
        ("drones", ["drones"]),  # a free word
        ("DRONE DEAL", ["drone deal"]),  # a phrase, any case, as written
        ("Russia", ["Russia", "Russia", "Russia", "Russia"]),  # a word, not the country key: no "Moscow"
        ("dron", []),  # whole words only
        ("Vienna", ["Vienna"]),  # duplicates left out
    ],
)
def test_kwic_matches(corpus, term, matches):
    assert list(kwic(corpus, term)["match"]) == matches


def test_kwic_row_has_context_sentence_and_article(corpus):
    row = kwic(corpus, "drones", width=20).iloc[0]
    assert (row["article_id"], row["headline"], row["publication"]) == ("a1", "Drone deal", "Daily Planet")
    assert row["left"] == 'l. "Iran will send more '[-20:]
    assert row["right"] == ' to Russia," said Vl'
    assert row["sentence"] == 'Iran will send more drones to Russia," said Vladimir Putin.'
    assert str(row["date"].date()) == "2022-11-02"


def test_kwic_context_is_the_text_around_the_offsets(corpus):
    texts = dict(zip(corpus.articles["article_id"], corpus.articles["text"], strict=True))
    table = kwic(corpus, "RUS", width=15)
    for row in table.itertuples(index=False):
        text = texts[row.article_id]
        assert text[row.start : row.end] == row.match
        assert text[max(0, row.start - 15) : row.start] == row.left
        assert len(row.left) <= 15 and len(row.right) <= 15
        assert row.match in row.sentence


def test_kwic_columns_and_limit(corpus):
    table = kwic(corpus, "IRN", limit=2)
    assert list(table.columns)[:8] == [
        "article_id",
        "headline",
        "publication",
        "date",
        "left",
        "match",
        "right",
        "sentence",
    ]
    assert len(table) == 2
    assert len(kwic(corpus, "Vienna", unique=False)) == 2
    assert kwic(corpus, "absentword").empty


def test_kwic_kind_forces_the_reading(corpus):
    assert list(kwic(corpus, "energy", kind="theme")["match"]) == ["Oil", "energy"]
    assert list(kwic(corpus, "energy", kind="text")["match"]) == ["energy"]


def test_quotes_table(corpus):
    table = quotes_table(corpus)
    assert list(table.columns) == [
        "speaker",
        "role",
        "affiliation",
        "quote",
        "headline",
        "publication",
        "date",
        "article_id",
        "quote_id",
    ]
    assert list(table["quote_id"]) == ["a5:q0", "a3:q0", "a3:q1", "a2:q0", "a1:q0"]  # newest first
    first = table.iloc[0]
    assert (first["speaker"], first["role"], first["affiliation"]) == ("Olaf Scholz", "Chancellor", "Germany")
    assert len(quotes_table(corpus, unique=False)) == 7
    assert list(quotes_table(corpus, speaker="Joe Biden")["quote_id"]) == ["a3:q0", "a3:q1"]


def test_top_quotes_picks_most_quoted_speakers_first(corpus):
    picked = top_quotes(corpus, 3, min_words=4)
    assert list(picked["speaker"]) == ["Joe Biden", "Ali Khamenei", "Olaf Scholz"]
    assert list(top_quotes(corpus, 10, min_words=6)["quote_id"]) == ["a1:q0"]  # the only 7-word quote


def test_article_view_spans_and_repr(corpus):
    view = article_view(corpus, "a1")
    assert view.headline == "Drone deal"
    kinds = view.spans["kind"].value_counts().to_dict()
    assert kinds == {"country": 5, "theme": 2, "quote": 1}
    for start, end in zip(view.spans["start"], view.spans["end"], strict=True):
        assert 0 <= start < end <= len(view.text)
    assert "a1" in repr(view)


def test_article_view_html_escapes_text_and_nests_marks(corpus):
    page = article_view(corpus, "a2")._repr_html_()
    assert "<b>" not in page and "&lt;b&gt;weapons&lt;/b&gt;" in page  # the headline is data, not markup
    assert "&quot;" in page
    body = re.sub(r"<[^>]+>", "", page.split("white-space:pre-wrap", 1)[1].split(">", 1)[1])
    assert body.replace("&quot;", '"').startswith("Tehran denied supplying weapons to Moscow.")
    assert page.count("<mark") == page.count("</mark>")
    quote = article_view(corpus, "a1").to_html()
    # the quote encloses the mentions inside it in one <mark>
    assert re.search(
        r'<mark class="wb-quote"[^>]*><mark class="wb-country"[^>]*>Iran</mark> will send', quote
    )


def test_article_view_escapes_markup_in_the_text(corpus):
    articles = corpus.articles.copy()
    articles["text"] = articles["text"].astype(object)
    articles.loc[articles["article_id"] == "a5", "text"] = '<script>alert("x")</script> & more'
    bare = corpus.replace(
        articles=articles,
        quotes=corpus.quotes[corpus.quotes["article_id"] != "a5"],
        mentions=corpus.mentions[corpus.mentions["article_id"] != "a5"],
    )
    page = article_view(bare, "a5").to_html()
    assert "<script>" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in page


def test_article_view_unknown_id_suggests(corpus):
    with pytest.raises(KeyError, match="did you mean 'a1'"):
        article_view(corpus, "a1x")
