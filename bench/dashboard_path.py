"""The dashboard path: filter, count and chart, as one click in the dashboard does it."""

from __future__ import annotations

import io
import statistics
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from workbench.corpus import Corpus  # noqa: E402

__all__ = ["typical_filter", "dashboard_path", "time_path", "time_dashboard_refresh"]


def typical_filter(corpus: Corpus) -> dict:
    """A filter an analyst would click: the most mentioned country, from the median date on."""
    countries = corpus.mentions.loc[corpus.mentions["kind"] == "country", "key"]
    top = countries.value_counts().index[0]
    return {"country": str(top), "since": corpus.articles["date"].median().date().isoformat()}


def dashboard_path(corpus: Corpus, criteria: dict) -> int:
    """Filter, count the countries mentioned, draw a bar chart to a PNG buffer; returns its size."""
    from workbench import charts

    sliced = corpus.filter(**criteria)
    table = sliced.counts("country", top=15)
    ax = charts.bar(table, title="Countries mentioned", corpus=sliced)
    buffer = io.BytesIO()
    ax.figure.savefig(buffer, format="png")
    plt.close(ax.figure)
    return buffer.tell()


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


def time_dashboard_refresh(corpus: Corpus, criteria: dict, repeat: int = 4) -> dict | None:
    """Milliseconds for `Dashboard.set_state(...)` (slice, view, chart, items, evidence), when it exists."""
    try:
        from workbench.dashboard import Dashboard
    except ImportError:
        return None
    dash = Dashboard(corpus)
    state = dash.state.with_(country=(criteria["country"],), since=pd.Timestamp(criteria["since"]).date())
    other = dash.state.with_(country=(), since=None)

    def click():
        dash.set_state(state)
        dash.set_state(other)  # and back: the next run recomputes rather than hits a memo

    result = _timed(click, repeat)
    result = {k: v / 2 if k.endswith("_ms") else v for k, v in result.items()}  # per refresh
    plt.close("all")
    return result
