"""The dashboard without a browser: state transitions, the library calls they stand for, escaping.

Every expectation is the library's own result (`Corpus.filter`, `counts`, `crosstab`,
`cooccurrence`, `kwic`, `quotes_table`): the dashboard must show exactly what a notebook
cell would compute.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from workbench.corpus import Corpus
from workbench.dashboard_state import FILTER_FIELDS, DashboardState


def assert_same_corpus(got: Corpus, expected: Corpus) -> None:
    for name in ("articles", "quotes", "mentions", "sentences", "speakers"):
        pd.testing.assert_frame_equal(getattr(got, name), getattr(expected, name), obj=name)
    assert got.filters == expected.filters


# -- filters: state.apply(corpus) is corpus.filter(...) -------------------------------------------
@pytest.mark.parametrize(
    ("changes", "criteria"),
    [
        ({"speaker": ["Joe Biden"]}, {"speaker": ("Joe Biden",)}),
        ({"country": "IRN"}, {"country": ("IRN",)}),
        ({"country": ["IRN", "DEU"]}, {"country": ("IRN", "DEU")}),
        ({"theme": ["energy"]}, {"theme": ("energy",)}),
        ({"publication": ["The Globe"]}, {"publication": ("The Globe",)}),
        ({"since": dt.date(2022, 12, 1)}, {"since": "2022-12-01"}),
        ({"until": "2022-11-30"}, {"until": "2022-11-30"}),
        ({"since": dt.datetime(2022, 11, 5, 10, 0)}, {"since": "2022-11-05"}),
        ({"text": "  drone deal "}, {"text": "drone deal"}),
        ({"country": ["RUS"], "in_quotes": True}, {"country": ("RUS",), "in_quotes": True}),
        (
            {"country": ["RUS"], "theme": ["energy"], "publication": ["Daily Planet"]},
            {"country": ("RUS",), "theme": ("energy",), "publication": ("Daily Planet",)},
        ),
    ],
)
def test_filter_transitions_apply_the_library_filter(corpus, changes, criteria):
    state = DashboardState().with_(**changes)
    assert state.criteria() == criteria
    assert_same_corpus(state.apply(corpus), corpus.filter(**criteria))


def test_no_filter_is_the_whole_corpus(corpus):
    state = DashboardState()
    assert state.criteria() == {}
    assert_same_corpus(state.apply(corpus), corpus)


@pytest.mark.parametrize(
    ("changes", "empty"),
    [
        ({"speaker": []}, {}),
        ({"country": None}, {}),
        ({"text": "   "}, {}),
        ({"in_quotes": False}, {}),
        ({"since": ""}, {}),
        ({"country": ["IRN", "IRN"]}, {"country": ("IRN",)}),
    ],
)
def test_empty_values_are_no_filter_and_duplicates_collapse(changes, empty):
    assert DashboardState().with_(**changes).criteria() == empty


def test_filter_value_missing_from_the_corpus_raises_the_library_error(corpus):
    from workbench.slicing import FilterValueError

    with pytest.raises(FilterValueError, match="Atlantis"):
        DashboardState().with_(country=["Atlantis"]).apply(corpus)


def test_reset_clears_filters_and_keeps_the_view():
    state = DashboardState().with_(
        country=["IRN"],
        text="oil",
        in_quotes=True,
        since="2022-01-01",
        view="timeline",
        dimension="theme",
        top=5,
        selected="energy",
    )
    reset = state.reset()
    assert all(getattr(reset, name) == getattr(DashboardState(), name) for name in FILTER_FIELDS)
    assert (reset.view, reset.dimension, reset.top, reset.selected) == ("timeline", "theme", 5, None)


def test_state_is_immutable_and_transitions_return_new_states():
    state = DashboardState()
    changed = state.with_(country=["IRN"])
    assert state.country == () and changed.country == ("IRN",)
    with pytest.raises(AttributeError):
        state.country = ("RUS",)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"view": "pie"}, ValueError, "view must be one of"),
        ({"dimension": "weather"}, ValueError, "dimension must be one of"),
        ({"measure": "words"}, ValueError, "measure must be one of"),
        ({"period": "decade"}, ValueError, "period must be one of"),
        ({"top": 0}, ValueError, "top must be a positive integer"),
        ({"top": True}, ValueError, "top must be a positive integer"),
        ({"since": "last tuesday"}, ValueError, "since must be a date"),
        ({"since": "2023-01-02", "until": "2023-01-01"}, ValueError, "is after until"),
        ({"colour": "red"}, TypeError, "no field"),
    ],
)
def test_invalid_transitions_name_the_field_and_the_choices(changes, error, message):
    with pytest.raises(error, match=message):
        DashboardState().with_(**changes)


# -- views: state.view_data(corpus) is the library's table ---------------------------------------
SLICE = {"country": ("RUS",)}


@pytest.mark.parametrize("dimension", ["country", "speaker", "theme"])
@pytest.mark.parametrize("measure", [None, "mentions", "articles", "quotes"])
@pytest.mark.parametrize("unique", [True, False])
def test_ranking_view_is_counts(corpus, dimension, measure, unique):
    state = DashboardState().with_(view="ranking", dimension=dimension, measure=measure, unique=unique, top=3)
    expected = corpus.counts(dimension, measure=measure, unique=unique, top=3)
    pd.testing.assert_frame_equal(state.view_data(corpus), expected)


@pytest.mark.parametrize("dimension", ["country", "speaker", "theme"])
@pytest.mark.parametrize("period", ["week", "month"])
def test_timeline_view_is_counts_by_period(corpus, dimension, period):
    state = DashboardState().with_(view="timeline", dimension=dimension, period=period, top=4, **SLICE)
    expected = corpus.filter(**SLICE).counts(dimension, by=period, measure=None, unique=True, top=4)
    pd.testing.assert_frame_equal(state.view_data(corpus), expected)


@pytest.mark.parametrize(
    ("rows", "cols"),
    [("country", "theme"), ("speaker", "country"), ("theme", "publication"), ("country", "month")],
)
def test_crosstab_view_is_crosstab(corpus, rows, cols):
    state = DashboardState().with_(view="crosstab", dimension=rows, columns=cols, top=10)
    expected = corpus.crosstab(rows, cols, measure=None, unique=True, top=10)
    pd.testing.assert_frame_equal(state.view_data(corpus), expected)


def test_crosstab_of_a_dimension_with_itself_is_the_library_error(corpus):
    with pytest.raises(ValueError, match="cooccurrence"):
        DashboardState().with_(view="crosstab", dimension="theme", columns="theme").view_data(corpus)


@pytest.mark.parametrize("level", ["article", "sentence"])
@pytest.mark.parametrize("dimension", ["country", "theme"])
def test_cooccurrence_view_is_cooccurrence(corpus, level, dimension):
    state = DashboardState().with_(view="cooccurrence", dimension=dimension, level=level, top=5, unique=False)
    expected = corpus.cooccurrence(dimension, level=level, unique=False, top=5, wide=True)
    pd.testing.assert_frame_equal(state.view_data(corpus), expected)


@pytest.mark.parametrize("unique", [True, False])
def test_quotes_view_is_the_quotes_table(corpus, unique):
    state = DashboardState().with_(view="quotes", unique=unique, **SLICE)
    pd.testing.assert_frame_equal(state.view_data(corpus), corpus.filter(**SLICE).quotes_table(unique=unique))


# -- evidence: kwic for countries and themes, quotes for speakers ----------------------------------
@pytest.mark.parametrize(
    ("changes", "call"),
    [
        ({"dimension": "country", "selected": "IRN"}, lambda c: c.kwic("IRN", kind="country")),
        ({"dimension": "theme", "selected": "energy"}, lambda c: c.kwic("energy", kind="theme")),
        ({"dimension": "speaker", "selected": "Joe Biden"}, lambda c: c.quotes_table(speaker="Joe Biden")),
        (
            {"view": "quotes", "dimension": "country", "selected": "Joe Biden"},
            lambda c: c.quotes_table(speaker="Joe Biden"),
        ),
        ({"dimension": "country", "selected": None}, lambda c: c.quotes_table()),
        (
            {"dimension": "country", "selected": "IRN", "unique": False},
            lambda c: c.kwic("IRN", kind="country", unique=False),
        ),
    ],
)
def test_evidence_is_kwic_or_quotes(corpus, changes, call):
    state = DashboardState().with_(**changes)
    pd.testing.assert_frame_equal(state.evidence(corpus), call(corpus))


def test_evidence_follows_the_filters(corpus):
    state = DashboardState().with_(dimension="country", selected="RUS", publication=["The Globe"])
    evidence = state.evidence(corpus)
    assert set(evidence["publication"]) == {"The Globe"}
    pd.testing.assert_frame_equal(
        evidence, corpus.filter(publication="The Globe").kwic("RUS", kind="country")
    )


def test_ranking_items_are_counts_of_the_item_dimension(corpus):
    state = DashboardState().with_(view="quotes", dimension="country")
    assert state.item_dimension == "speaker"
    pd.testing.assert_frame_equal(state.ranking_of(corpus), corpus.counts("speaker", top=10))


# -- escaping: article text is text, never markup ---------------------------------------------------
NASTY = (
    "Iran said <script>alert('x')</script> and Tom &amp; Jerry paid $x$ for **bold** _claims_ "
    "# not a heading [link](http://example.com)."
)


def nasty_corpus(corpus: Corpus) -> Corpus:
    """The fixture corpus plus one article whose text, headline and quote are hostile to HTML/Markdown/TeX."""
    text = NASTY + ' "Iran wants <b>$5$</b> & more," said Ali Khamenei.'
    quote_words = "Iran wants <b>$5$</b> & more,"
    q_start = text.index(quote_words)
    article = {
        **corpus.articles.iloc[0].to_dict(),
        "article_id": "a6",
        "headline": "<i>Markets</i> & $money$",
        "publication": "The Globe",
        "text": text,
        "n_words": len(text.split()),
        "duplicate_of": None,
    }
    quote = {
        **corpus.quotes.iloc[0].to_dict(),
        "article_id": "a6",
        "quote_id": "a6:q0",
        "start": q_start,
        "end": q_start + len(quote_words),
        "text": quote_words,
        "speaker": "Ali Khamenei",
        "sentence": 1,
    }
    mentions = [
        {
            "article_id": "a6",
            "kind": "country",
            "key": "IRN",
            "label": "Iran",
            "surface": "Iran",
            "start": start,
            "end": start + 4,
            "sentence": 0 if start < len(NASTY) else 1,
            "quote_id": None if start < len(NASTY) else "a6:q0",
        }
        for start in (0, q_start)
    ]
    sentences = [
        {"article_id": "a6", "sentence": 0, "start": 0, "end": len(NASTY)},
        {"article_id": "a6", "sentence": 1, "start": len(NASTY) + 1, "end": len(text)},
    ]
    return corpus.replace(
        articles=pd.concat([corpus.articles, pd.DataFrame([article])], ignore_index=True),
        quotes=pd.concat([corpus.quotes, pd.DataFrame([quote])], ignore_index=True),
        mentions=pd.concat([corpus.mentions, pd.DataFrame(mentions)], ignore_index=True),
        sentences=pd.concat([corpus.sentences, pd.DataFrame(sentences)], ignore_index=True),
    )


def assert_escaped(markup: str) -> None:
    assert "<script" not in markup and "&lt;script&gt;" in markup
    assert "&amp;amp;" in markup  # the literal "&amp;" of the article, escaped once more
    assert "<b>" not in markup and "<i>" not in markup
    assert "$" not in markup and "&#36;x&#36;" in markup  # MathJax never sees a dollar sign
    assert "**bold**" in markup and "<strong>" not in markup and "<em>" not in markup
    assert "[link](http://example.com)" in markup and "<a " not in markup
    assert "mathjax_ignore" in markup


@pytest.mark.parametrize(
    "changes",
    [
        {"dimension": "country", "selected": "IRN"},
        {"dimension": "speaker", "selected": "Ali Khamenei"},
        {"view": "quotes", "selected": "Ali Khamenei"},
    ],
)
def test_evidence_html_escapes_article_text(corpus, changes):
    from workbench.dashboard import evidence_html

    evidence = DashboardState().with_(**changes).evidence(nasty_corpus(corpus))
    assert len(evidence) >= 1
    markup = evidence_html(evidence, title="<script>t</script>")
    assert "&lt;Markets" not in markup or "&lt;i&gt;Markets&lt;/i&gt;" in markup
    if changes.get("dimension") == "country":
        assert_escaped(markup)
    else:
        assert "&lt;b&gt;&#36;5&#36;&lt;/b&gt; &amp; more" in markup and "<b>" not in markup


def test_table_html_escapes_cells_and_labels():
    from workbench.dashboard import table_html

    frame = pd.DataFrame({"<th>": ["<script>x</script>", "$y$"]}, index=pd.Index(["a&b", "**c**"], name="k"))
    markup = table_html(frame)
    assert "<script" not in markup and "&lt;th&gt;" in markup and "a&amp;b" in markup and "$" not in markup


# -- the dashboard itself, driven through its widgets (no browser) ----------------------------------
@pytest.fixture
def dash(corpus, tmp_path):
    pytest.importorskip("ipywidgets")
    from workbench.dashboard import Dashboard

    return Dashboard(nasty_corpus(corpus), exports=tmp_path / "exports")


def test_dashboard_starts_on_the_default_state_and_the_library_ranking(dash):
    assert dash.state.with_(selected=None) == DashboardState()
    pd.testing.assert_frame_equal(dash.data, dash.corpus.counts("country", measure=None, unique=True, top=10))
    assert dash.chart.value[:4] == b"\x89PNG"
    top_key = dash.data["country"].iloc[0]
    assert dash.state.selected == top_key and dash.items.value == top_key
    assert "articles" in dash.summary.value and "quotes" in dash.summary.value


def test_country_tags_filter_the_dashboard(dash):
    label = dict((key, label) for label, key in dash._choices["country"])["IRN"]
    before = dash.chart.value
    dash.controls["country"].value = [label]
    assert dash.state.country == ("IRN",)
    assert_same_corpus(dash.sliced, dash.corpus.filter(country=("IRN",)))
    pd.testing.assert_frame_equal(
        dash.data, dash.corpus.filter(country=("IRN",)).counts("country", measure=None, unique=True, top=10)
    )
    assert dash.chart.value != before
    assert "Iran" in dash.summary.value


@pytest.mark.parametrize(
    ("control", "value", "field", "expected"),
    [
        ("view", "timeline", "view", "timeline"),
        ("dimension", "speaker", "dimension", "speaker"),
        ("top", 5, "top", 5),
        ("measure", "articles", "measure", "articles"),
        ("unique", False, "unique", False),
        ("in_quotes", True, "in_quotes", True),
        ("text", "drone", "text", "drone"),
        ("since", dt.date(2022, 12, 1), "since", dt.date(2022, 12, 1)),
        ("publication", ["The Globe"], "publication", ("The Globe",)),
    ],
)
def test_every_control_changes_the_state_and_the_view(dash, control, value, field, expected):
    dash.controls[control].value = value
    assert getattr(dash.state, field) == expected
    pd.testing.assert_frame_equal(dash.data, dash.state.view_data(dash.corpus))


@pytest.mark.parametrize("view", ["ranking", "timeline", "crosstab", "cooccurrence", "quotes"])
def test_every_view_renders(dash, view):
    dash.controls["view"].value = view
    assert dash.message.value == ""
    shown = dash.chart.value if dash.chart.layout.display != "none" else dash.table.value.encode()
    assert shown
    assert dash.evidence_view.value.startswith('<div class="wb-ev')


def test_selecting_an_item_shows_its_evidence(dash):
    dash.controls["dimension"].value = "speaker"
    dash.items.value = "Ali Khamenei"
    assert dash.state.selected == "Ali Khamenei"
    pd.testing.assert_frame_equal(dash.evidence, dash.corpus.quotes_table(speaker="Ali Khamenei"))
    assert "&lt;b&gt;&#36;5&#36;&lt;/b&gt;" in dash.evidence_view.value


def test_reset_button_clears_the_filters_and_the_widgets(dash):
    dash.controls["text"].value = "drone"
    dash.controls["view"].value = "timeline"
    dash.reset_button.click()
    assert dash.state.text == "" and dash.controls["text"].value == "" and dash.state.view == "timeline"
    assert_same_corpus(dash.sliced, dash.corpus)


def test_a_bad_filter_value_is_reported_not_raised(dash):
    dash.set_state(dash.state.with_(country=["Atlantis"]))
    assert "Atlantis" in dash.message.value


def test_export_writes_chart_and_evidence_files(dash, tmp_path):
    pytest.importorskip("workbench.export")
    written = dash.export()
    suffixes = sorted(p.suffix for p in written)
    assert suffixes == [".csv", ".pdf", ".png", ".svg", ".xlsx"]
    assert all(p.exists() and p.stat().st_size > 0 and p.parent == tmp_path / "exports" for p in written)
    dash.export_button.click()
    assert "Wrote" in dash.export_log.value and all(p.name in dash.export_log.value for p in written)


def test_quotes_view_shows_the_escaped_quotes_table(dash):
    dash.controls["view"].value = "quotes"
    pd.testing.assert_frame_equal(dash.data, dash.corpus.quotes_table())
    assert dash.table.layout.display is None and dash.chart.value[:4] == b"\x89PNG"
    assert "&lt;b&gt;&#36;5&#36;&lt;/b&gt;" in dash.table.value and "<b>" not in dash.table.value


def test_an_article_of_the_evidence_opens_escaped(dash):
    dash.set_state(dash.state.with_(dimension="country", selected="IRN"))
    picker = dash.article_picker
    assert dash.article_view.value == "" and picker.value == ""
    assert "a6" in [value for _, value in picker.options]
    picker.value = "a6"
    article = dash.article_view.value
    assert "&lt;script&gt;" in article and "<script" not in article and "<i>Markets" not in article
    assert "mathjax_ignore" in article
    picker.value = ""
    assert dash.article_view.value == ""
