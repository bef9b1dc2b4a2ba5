"""Tests for workbench.charts, checked on the artists (bar widths, tick labels, texts), not on pixels."""

from __future__ import annotations

import warnings

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from workbench import charts
from workbench.charts import bar, briefing_style, chart_texts, heatmap, quote_share, small_multiples, timeline
from workbench.counting import cooccurrence, counts, crosstab


def tick_texts(ax: Axes, axis: str = "y") -> list[str]:
    ticks = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [t.get_text() for t in ticks]


def bar_widths(ax: Axes) -> list[float]:
    return [p.get_width() for p in ax.patches if p.get_gid() in ("bars", None)]


def test_importing_charts_changes_no_rcparams():
    import importlib

    before = dict(mpl.rcParams)
    importlib.reload(charts)
    assert dict(mpl.rcParams) == before


def test_briefing_style_is_scoped():
    default = mpl.rcParams["font.size"]
    with briefing_style():
        assert mpl.rcParams["font.size"] == charts.BRIEFING_RC["font.size"]
        assert mpl.rcParams["axes.prop_cycle"].by_key()["color"][0] == "#0072B2"
        assert set(mpl.rcParams["axes.prop_cycle"].by_key()["color"]) == set(charts.OKABE_ITO)
    assert mpl.rcParams["font.size"] == default


def test_bar_widths_are_the_counts_and_ticks_are_country_names(corpus):
    data = counts(corpus, "country")
    ax = bar(data)
    assert isinstance(ax, Axes)
    assert bar_widths(ax) == [5, 4, 2, 2, 1, 1, 1]
    assert tick_texts(ax) == ["Russia", "Iran", "Germany", "Ukraine", "Austria", "France", "United States"]
    labels = [t.get_text() for t in ax.texts if t.get_gid() not in ("title", "subtitle", "source")]
    assert labels == ["5", "4", "2", "2", "1", "1", "1"]  # numbers on the bars


def test_bar_title_subtitle_source(corpus):
    ax = bar(counts(corpus.filter(country="IRN"), "theme", measure="articles"))
    texts = chart_texts(ax)
    assert texts["title"] == "Themes by number of articles"
    assert texts["subtitle"] == "Country: Iran \u00b7 2 articles, 2 Nov 2022 \u2013 10 Nov 2022"
    assert texts["source"] == "Source: Daily Planet and The Globe"


def test_bar_explicit_texts_and_corpus(corpus):
    sliced = corpus.filter(publication="The Herald")
    ax = bar(counts(sliced, "country"), title="Herald countries", subtitle=False, source=None, corpus=sliced)
    texts = chart_texts(ax)
    assert texts["title"] == "Herald countries"
    assert "subtitle" not in texts
    assert texts["source"] == "Source: The Herald"


def test_bar_top_highlight_and_given_axes(corpus):
    fig, given = plt.subplots()
    ax = bar(counts(corpus, "country"), top=3, highlight=["IRN"], ax=given)
    assert ax is given
    assert len(bar_widths(ax)) == 3
    colours = [mpl.colors.to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours == [charts.BAR_COLOUR.lower(), charts.HIGHLIGHT_COLOUR.lower(), charts.BAR_COLOUR.lower()]


def test_bar_percent_uses_shares(corpus):
    ax = bar(counts(corpus, "country", measure="articles"), percent=True)
    assert bar_widths(ax)[0] == pytest.approx(0.75)
    assert [t.get_text() for t in ax.texts if t.get_gid() is None][0] == "75%"


def test_bar_refuses_grouped_tables(corpus):
    with pytest.raises(ValueError, match="several rows per 'country'"):
        bar(counts(corpus, "country", by="month"))


def test_timeline_lines_and_labels(corpus):
    data = counts(corpus, "country", by="month")
    ax = timeline(data, top=3)
    lines = [line for line in ax.get_lines() if line.get_gid() == "series"]
    assert [line.get_label() for line in lines] == ["Russia", "Iran", "Germany"]
    assert list(lines[1].get_ydata()) == [4, 0, 0]  # Iran: Nov, Dec, Jan
    ends = [t.get_text() for t in ax.texts if t.get_gid() == "line-label"]
    assert ends == ["Russia", "Iran", "Germany"]
    assert chart_texts(ax)["title"] == "Countries over time"
    assert ax.get_ylabel() == "Mentions per month"


def test_timeline_share(corpus):
    ax = timeline(counts(corpus, "speaker", by="month"), percent=True, top=1)
    line = next(line for line in ax.get_lines() if line.get_gid() == "series")
    assert line.get_label() == "Joe Biden"
    assert list(line.get_ydata()) == [0.0, 1.0, 0.0]


def test_small_multiples_is_figure_level(corpus):
    fig = small_multiples(counts(corpus, "country", by="month"), top=4, col_wrap=2)
    assert isinstance(fig, Figure)
    titles = [ax.get_title(loc="left") for ax in fig.axes if ax.get_visible()]
    assert titles == ["Russia", "Iran", "Germany", "Ukraine"]
    texts = chart_texts(fig.axes[0])
    assert texts["title"] == "Countries over time" and texts["source"].startswith("Source: ")


def test_heatmap_crosstab_cells_and_names(corpus):
    table = crosstab(corpus, "speaker", "country")
    ax = heatmap(table)
    image = ax.get_images()[0]
    assert np.array_equal(np.asarray(image.get_array()), table.to_numpy())
    assert tick_texts(ax, "x") == ["Russia", "Iran", "Ukraine"]
    assert tick_texts(ax, "y") == ["Joe Biden", "Vladimir Putin", "Olaf Scholz"]
    cells = sorted(t.get_text() for t in ax.texts if t.get_gid() == "cell-label")
    assert cells == ["1", "1", "1", "2"]
    assert chart_texts(ax)["title"] == "Countries named in each speaker's quotes"
    assert chart_texts(heatmap(crosstab(corpus, "country", "theme")))["title"] == "Countries \u00d7 themes"


def test_heatmap_cooccurrence_blanks_diagonal_and_names_themes(corpus):
    ax = heatmap(cooccurrence(corpus, "country", wide=True))
    values = np.ma.filled(ax.get_images()[0].get_array().astype(float), np.nan)
    assert np.isnan(np.diag(values)).all()
    assert tick_texts(ax, "x")[:2] == ["Russia", "Iran"]
    ax = heatmap(crosstab(corpus, "country", "theme"))
    assert "Arms transfers & military aid" in tick_texts(ax, "x")


def test_heatmap_pmi_is_diverging_around_zero(corpus):
    ax = heatmap(cooccurrence(corpus, "country", wide=True, value="pmi"))
    norm = ax.get_images()[0].norm
    assert norm.vcenter == 0.0


def test_heatmap_from_tidy_data(corpus):
    tidy = crosstab(corpus, "country", "theme", tidy=True)
    ax = heatmap(tidy, x="theme", y="country", value="n_articles")
    assert len(tick_texts(ax, "y")) == tidy["country"].nunique()


def test_quote_share_bars(corpus):
    ax = quote_share(counts(corpus, "speaker"))
    assert bar_widths(ax) == pytest.approx([0.4, 0.2, 0.2, 0.2])
    assert tick_texts(ax)[0] == "Joe Biden"
    labels = [t.get_text() for t in ax.texts if t.get_gid() is None]
    assert labels[0] == "40% \u00b7 2 quotes"


def test_quote_share_by_outlet_stacks_to_one(corpus):
    ax = quote_share(counts(corpus, "speaker", by="publication"), top=2)
    segments = [p for p in ax.patches if p.get_gid() == "segments"]
    per_row: dict[float, float] = {}
    for p in segments:
        per_row[round(p.get_y(), 3)] = per_row.get(round(p.get_y(), 3), 0) + p.get_width()
    assert all(total == pytest.approx(1.0) for total in per_row.values())
    assert ax.get_legend() is not None
    assert tick_texts(ax)[0] == "Daily Planet (3 quotes)"


@pytest.mark.parametrize("kind", charts.CHART_KINDS)
def test_render_every_kind(corpus, kind):
    fig = charts.render(corpus, kind, top=5, by="month")
    assert isinstance(fig, Figure)
    assert any(t.get_gid() == "title" for ax in fig.axes for t in [*ax.texts, *fig.texts])


def test_render_unknown_kind(corpus):
    with pytest.raises(ValueError, match="`kind` must be one of countries"):
        charts.render(corpus, "pie")


@pytest.mark.parametrize("kind", charts.CHART_KINDS)
def test_charts_on_an_empty_slice_draw_without_warnings(corpus, kind):
    empty = corpus.filter(speaker="Vladimir Putin", country="USA")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = charts.render(empty, kind)
        fig.canvas.draw()
    assert chart_texts(fig.axes[0])["subtitle"].endswith("0 articles")


def test_bar_of_nothing_has_no_bars(corpus):
    ax = bar(counts(corpus.filter(speaker="Vladimir Putin", country="USA"), "country"))
    assert bar_widths(ax) == []


def test_chart_inputs_are_not_mutated(corpus):
    data = counts(corpus, "country", by="month")
    before = data.copy()
    timeline(data)
    pd.testing.assert_frame_equal(data, before)


def test_heatmap_keeps_the_first_rows_and_columns(corpus):
    ax = heatmap(crosstab(corpus, "country", "theme"), top=2)
    assert tick_texts(ax, "y") == ["Russia", "Iran"]
    assert len(tick_texts(ax, "x")) == 2
