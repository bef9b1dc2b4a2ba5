"""The dashboard's state: the analyst's filter and view choices, as a small immutable value.

`DashboardState` knows nothing about widgets. It turns its choices into calls of the
library's own verbs (`Corpus.filter`, `Corpus.counts`, `Corpus.crosstab`,
`Corpus.cooccurrence`, `Corpus.kwic`, `Corpus.quotes_table`), so everything the
dashboard shows is what a notebook cell would get, and every transition can be tested
without a browser::

    state = DashboardState().with_(country=("IRN",), view="timeline")
    state.apply(corpus)        # == corpus.filter(country=("IRN",))
    state.view_data(corpus)    # == corpus.filter(country=("IRN",)).counts("country", by="week", ...)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace

import numpy as np
import pandas as pd

__all__ = [
    "DashboardState",
    "first_hits",
    "VIEWS",
    "DIMENSIONS",
    "MEASURES",
    "PERIODS",
    "COLUMNS",
    "LEVELS",
    "FILTER_FIELDS",
    "VIEW_FIELDS",
]

#: What the centre of the dashboard can show.
VIEWS = ("ranking", "timeline", "crosstab", "cooccurrence", "quotes")
#: What can be ranked, charted over time and cross-tabulated.
DIMENSIONS = ("country", "speaker", "theme")
#: What a count counts: hits in the text, articles with at least one hit, or quotes; None lets
#: the library choose (mentions for countries and themes, quotes for speakers).
MEASURES = (None, "mentions", "articles", "quotes")
#: What the crosstab's columns can be: another dimension, the outlet or a time bucket.
COLUMNS = ("theme", "country", "speaker", "publication", "week", "month")
#: Time buckets of the timeline.
PERIODS = ("week", "month")
#: Co-occurrence: countries named in the same sentence or in the same article.
LEVELS = ("article", "sentence")


def first_hits(corpus, kind: str, key, limit: int, *, unique: bool = True):
    """The part of `corpus` that holds the first `limit` rows of ``kwic(corpus, key, kind=kind)``.

    kwic orders its rows by date (missing dates last), then article and position, so those rows
    are all in the articles with a hit dated up to the `limit`-th hit's date: `kwic` of that
    subset, cut to `limit` rows, is the same table, without reading every hit's article text.
    """
    from .slicing import article_column, key_articles, subset

    dates = article_column(corpus, "date")
    if dates is None or not np.issubdtype(dates.dtype, np.datetime64):
        return corpus
    dates = dates.to_numpy()
    article = key_articles(corpus, kind, key)
    article = article[article >= 0]  # a mention of no article of the corpus: no date, kwic puts it last
    if unique:
        duplicate_of = article_column(corpus, "duplicate_of")
        if duplicate_of is not None:  # kwic leaves duplicate stories out: so does the count to `limit`
            article = article[duplicate_of.isna().to_numpy(dtype=bool)[article]]
    hit_dates = dates[article]
    dated = hit_dates[~np.isnat(hit_dates)]
    if len(dated) < limit:  # the undated hits come into the first rows: keep everything
        return corpus
    last = np.partition(dated, limit - 1)[limit - 1]
    keep = np.zeros(len(dates), dtype=bool)
    keep[article[hit_dates <= last]] = True
    return subset(corpus, keep)


#: The fields that slice the corpus; their names are `Corpus.filter`'s keyword arguments.
FILTER_FIELDS = ("speaker", "country", "theme", "publication", "since", "until", "text", "in_quotes")
#: The fields that choose what to show of the slice.
VIEW_FIELDS = ("unique", "view", "dimension", "columns", "measure", "period", "level", "top", "selected")

_CHOICES = {
    "view": VIEWS,
    "dimension": DIMENSIONS,
    "columns": COLUMNS,
    "measure": MEASURES,
    "period": PERIODS,
    "level": LEVELS,
}
_MULTI = ("speaker", "country", "theme", "publication")


def _as_date(value, name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"DashboardState.{name} must be a date or 'YYYY-MM-DD', not {value!r}") from None


def _as_keys(value, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value else ()
    try:
        return tuple(dict.fromkeys(str(v) for v in value))  # ordered, no duplicates
    except TypeError:
        raise ValueError(f"DashboardState.{name} must be a key or a list of keys, not {value!r}") from None


@dataclass(frozen=True)
class DashboardState:
    """The filter and view choices of one dashboard.

    Filters (`FILTER_FIELDS`) are passed as they are to `Corpus.filter`; the empty value
    (``()``, ``None``, ``""``, ``False``) means "no filter". `dimension` is what the ranking,
    timeline and crosstab rows count, `columns` the crosstab's columns, `selected` the key
    whose evidence is shown (a country ISO3, a speaker name or a theme id).
    """

    speaker: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    theme: tuple[str, ...] = ()
    publication: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    text: str = ""
    in_quotes: bool = False
    unique: bool = True
    view: str = "ranking"
    dimension: str = "country"
    columns: str = "theme"
    measure: str | None = None
    period: str = "week"
    level: str = "article"
    top: int = 10
    selected: str | None = None

    def __post_init__(self) -> None:
        # Normalise at the boundary: widgets hand over lists, datetimes and None.
        for name in _MULTI:
            object.__setattr__(self, name, _as_keys(getattr(self, name), name))
        for name in ("since", "until"):
            object.__setattr__(self, name, _as_date(getattr(self, name), name))
        object.__setattr__(self, "text", (self.text or "").strip())
        for name, choices in _CHOICES.items():
            value = getattr(self, name)
            if value not in choices:
                raise ValueError(f"DashboardState.{name} must be one of {choices}, not {value!r}")
        if not isinstance(self.top, int) or isinstance(self.top, bool) or self.top < 1:
            raise ValueError(f"DashboardState.top must be a positive integer, not {self.top!r}")
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"DashboardState.since ({self.since}) is after until ({self.until})")
        if self.selected == "":
            object.__setattr__(self, "selected", None)

    # -- transitions -------------------------------------------------------------------------
    def with_(self, **changes) -> DashboardState:
        """A new state with some choices changed (validated); the selection is kept."""
        unknown = set(changes) - {f.name for f in fields(self)}
        if unknown:
            raise TypeError(
                f"DashboardState has no field(s) {sorted(unknown)}; valid: {[f.name for f in fields(self)]}"
            )
        return replace(self, **changes)

    def reset(self) -> DashboardState:
        """All filters cleared; the view choices (view, dimension, top...) are kept."""
        defaults = DashboardState()
        return replace(self, **{name: getattr(defaults, name) for name in FILTER_FIELDS}, selected=None)

    # -- what the state asks of the library ----------------------------------------------------
    def criteria(self) -> dict:
        """The keyword arguments for `Corpus.filter`: only the filters that are set."""
        criteria = {}
        for name in FILTER_FIELDS:
            value = getattr(self, name)
            if value in ((), None, "", False):
                continue
            criteria[name] = value.isoformat() if isinstance(value, dt.date) else value
        return criteria

    def apply(self, corpus):
        """The slice of `corpus` these filters select: exactly ``corpus.filter(**self.criteria())``."""
        return corpus.filter(**self.criteria())

    def stories(self, sliced):
        """The slice without duplicate articles when `unique` (`workbench.slicing.unique_stories`).

        The library's verbs drop duplicates themselves when ``unique=True``; doing it once here
        spares the dashboard's several calls per update that work (on a corpus without
        duplicates it costs nothing), with the same results.
        """
        from .slicing import unique_stories

        return unique_stories(sliced) if self.unique else sliced

    def data_of(self, sliced) -> pd.DataFrame:
        """The current view's table for an already filtered corpus (see `view_data`)."""
        if self.view == "ranking":
            return sliced.counts(self.dimension, measure=self.measure, unique=self.unique, top=self.top)
        if self.view == "timeline":
            return sliced.counts(
                self.dimension, by=self.period, measure=self.measure, unique=self.unique, top=self.top
            )
        if self.view == "crosstab":
            return sliced.crosstab(
                self.dimension, self.columns, measure=self.measure, unique=self.unique, top=self.top
            )
        if self.view == "cooccurrence":
            return sliced.cooccurrence(
                self.dimension, level=self.level, unique=self.unique, top=self.top, wide=True
            )
        return sliced.quotes_table(unique=self.unique)

    def view_data(self, corpus) -> pd.DataFrame:
        """The table behind the current view: the library's counts of the filtered corpus."""
        return self.data_of(self.stories(self.apply(corpus)))

    def ranking_of(self, sliced) -> pd.DataFrame:
        """The items the analyst can pick evidence for: the ranking of `dimension` in the slice.

        In the quotes view the items are the speakers (their quotes are the evidence).
        """
        measure = None if self.view == "quotes" else self.measure
        return sliced.counts(self.item_dimension, measure=measure, unique=self.unique, top=self.top)

    def evidence_of(self, sliced, *, limit: int | None = None) -> pd.DataFrame:
        """The sentences or quotes behind the selected item, in an already filtered corpus.

        A speaker's evidence is their quotes (`quotes_table`); a country's or theme's is its
        keyword-in-context sentences (`kwic`). Nothing selected: all quotes of the slice.
        `limit` keeps the first rows only (what a screen shows; exports take all of them).
        """
        if self.selected is None:
            table = sliced.quotes_table(unique=self.unique)
        elif self.item_dimension == "speaker":
            table = sliced.quotes_table(speaker=self.selected, unique=self.unique)
        else:
            kind = self.item_dimension
            if limit is not None:
                sliced = first_hits(sliced, kind, self.selected, limit, unique=self.unique)
            return sliced.kwic(self.selected, kind=kind, unique=self.unique, limit=limit)
        return table if limit is None else table.head(limit)

    @property
    def item_dimension(self) -> str:
        """What the ranked items (and `selected`) are: the speakers in the quotes view, else `dimension`."""
        return "speaker" if self.view == "quotes" else self.dimension

    def evidence(self, corpus, *, limit: int | None = None) -> pd.DataFrame:
        """The evidence for the selected item in the filtered corpus (see `evidence_of`)."""
        return self.evidence_of(self.stories(self.apply(corpus)), limit=limit)
