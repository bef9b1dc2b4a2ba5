"""The dashboard path: filter, count and chart, as one click in the dashboard does it.

The chart is rendered for the screen exactly as the dashboard renders it (`charts.screen_png`:
PNG at `charts.SCREEN_DPI` dpi); exported files are >= 200 dpi.
"""

from __future__ import annotations

import statistics
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from workbench.charts import SCREEN_DPI  # noqa: E402
from workbench.corpus import Corpus  # noqa: E402

__all__ = ["typical_filter", "dashboard_path", "time_path", "time_dashboard_refresh", "RENDERING"]


def typical_filter(corpus: Corpus) -> dict:
    """A filter an analyst would click: the most mentioned country, from the median date on."""
    countries = corpus.mentions.loc[corpus.mentions["kind"] == "country", "key"]
    top = countries.value_counts().index[0]
    return {"country": str(top), "since": corpus.articles["date"].median().date().isoformat()}


#: How the path's chart is rendered, for the report.
RENDERING = f"a PNG for the screen at {SCREEN_DPI} dpi, as the dashboard shows it (screen_png)"


def dashboard_path(corpus: Corpus, criteria: dict) -> int:
    """Filter, count the countries mentioned, draw a bar chart and render it for the screen as the
    dashboard does (`charts.screen_png`); returns the PNG's size in bytes."""
    from workbench import charts

    sliced = corpus.filter(**criteria)
    table = sliced.counts("country", top=15)
    ax = charts.bar(table, title="Countries mentioned", corpus=sliced)
    png = charts.screen_png(ax.figure)
    plt.close(ax.figure)
    return len(png)


def _timed(fn, repeat: int) -> dict:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return {"first_ms": times[0], "median_ms": statistics.median(times[1:] or times), "runs": repeat}


def time_path(corpus: Corpus, criteria: dict, repeat: int = 6) -> dict:
    """Milliseconds for the dashboard path: the first run, and the median of the runs after it."""
    return _timed(lambda: dashboard_path(corpus, criteria), repeat)


def time_dashboard_refresh(corpus: Corpus, criteria: dict, repeat: int = 3) -> dict | None:
    """Milliseconds of the Dashboard (when it exists): building it, and `set_state` to the filtered
    slice and back to the whole corpus (each recomputes slice, view, chart, items and evidence)."""
    try:
        from workbench.dashboard import Dashboard
    except ImportError:
        return None
    start = time.perf_counter()
    dash = Dashboard(corpus)
    build_ms = (time.perf_counter() - start) * 1000
    whole = dash.state
    sliced = whole.with_(country=(criteria["country"],), since=pd.Timestamp(criteria["since"]).date())
    to_slice, to_whole = [], []
    for _ in range(repeat):
        for state, times in ((sliced, to_slice), (whole, to_whole)):
            start = time.perf_counter()
            dash.set_state(state)
            times.append((time.perf_counter() - start) * 1000)
    plt.close("all")
    return {"build_ms": build_ms, "filtered_median_ms": statistics.median(to_slice),
            "whole_corpus_median_ms": statistics.median(to_whole), "runs": repeat}
