"""Counting: tidy tables of how often countries, themes, speakers and outlets occur.

Three functions, all Corpus in, new DataFrame out:

- `counts(corpus, "country", by=None, measure=None)`: one row per value (and per period or
  per value of another dimension with `by=`), with ``n_<measure>`` and ``share`` columns.
- `crosstab(corpus, "speaker", "country")`: the same pairs as a wide table (``tidy=True`` for long).
- `cooccurrence(corpus, "country", level="article")`: pairs of values found together, with
  their count, lift and PMI.

Measures: ``mentions`` (hits in the text), ``articles`` (distinct articles) and ``quotes``
(distinct quotations). By default only unique stories are counted: articles with a non-null
``duplicate_of`` and their quotes and mentions are left out (``unique=False`` keeps them).

Pairs are joined by article, except speaker with country or theme: those are joined by quote,
so ``crosstab(c, "speaker", "country")`` counts the countries a speaker names INSIDE their
own quotes. Results carry ``attrs`` (dimension, measure, value column, subtitle, source) that
the chart functions use for their defaults.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .corpus import Corpus
from .slicing import (
    Source,
    article_column,
    corpus_key_labels,
    country_name,
    describe_slice,
    describe_sources,
    frame_length,
    kind_rows,
    source,
    source_quotes_of_mentions,
)

__all__ = ["counts", "crosstab", "cooccurrence", "DIMENSIONS", "MEASURES", "FREQUENCIES", "labels_for"]

#: Dimensions that can be counted; country and theme come from `mentions`, speaker from `quotes`.
DIMENSIONS = ("country", "theme", "speaker", "publication")
MEASURES = ("mentions", "articles", "quotes")
#: Time frequencies accepted by `by=`: the name becomes the column holding the period's first day.
FREQUENCIES = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}
_MENTION_KINDS = ("country", "theme", "person")
_DEFAULT_MEASURE = {"speaker": "quotes", "publication": "articles"}


def _check(param: str, value, choices) -> None:
    if value not in choices:
        shown = ", ".join(repr(c) for c in choices)
        raise ValueError(f"`{param}` must be one of {shown}, not {value!r}")


def labels_for(keys: pd.Series, dimension: str, corpus: Corpus | None = None) -> pd.Series:
    """Human-readable labels for keys: country names for ISO3 codes, theme labels for theme ids."""
    distinct = [k for k in pd.unique(keys.dropna())]
    if dimension == "country":
        mapping = {k: country_name(str(k)) for k in distinct}
    elif dimension == "theme" and corpus is not None:
        mapping = corpus_key_labels(corpus, "theme", distinct)
    else:
        mapping = {}
    return pd.Series([mapping.get(k, k) for k in keys], index=keys.index, dtype=object)


class _View:
    """The corpus frames as counted: duplicate stories masked out, columns taken only when needed.

    Frames are read through `workbench.slicing.source`: a filtered corpus's parent frame and
    its kept rows when the frame has not been cut yet. Masks are computed once per frame and
    reused; no frame is copied whole. Row masks, row numbers and ``quote_id`` numbers refer to
    the source frames. A `where` given as row numbers (`kind`: the mentions of one kind) is
    checked against the slice and the duplicates at those rows only.
    """

    def __init__(self, corpus: Corpus, unique: bool):
        self.corpus = corpus
        duplicate = None
        duplicate_of = article_column(corpus, "duplicate_of") if unique else None
        if duplicate_of is not None:
            duplicate = duplicate_of.notna().to_numpy(dtype=bool)
        self._duplicate = duplicate if duplicate is not None and duplicate.any() else None
        self._masks: dict[str, np.ndarray | None] = {}
        self._sources: dict[str, Source] = {}
        self._quote_of_mention: np.ndarray | None = None

    def source(self, name: str) -> Source:
        if name not in self._sources:
            self._sources[name] = source(self.corpus, name)
        return self._sources[name]

    def frame(self, name: str) -> pd.DataFrame:
        """The frame `name` as read (a filtered corpus's parent frame when not cut yet)."""
        return self.source(name).frame

    def quote_of_mention(self) -> np.ndarray:
        """For each mention row read, the row of its quote in the quotes read (-1: none)."""
        if self._quote_of_mention is None:
            self._quote_of_mention = source_quotes_of_mentions(self.corpus)
        return self._quote_of_mention

    def rows(self, name: str) -> np.ndarray | None:
        """The rows of frame `name` that count (None: all of them)."""
        if name not in self._masks:
            found = self.source(name)
            mask = found.rows
            if self._duplicate is not None:
                unique = np.append(~self._duplicate, False)[found.article]
                mask = unique if mask is None else mask & unique
            self._masks[name] = mask
        return self._masks[name]

    def select(self, name: str, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Those of the source rows `at` of frame `name` that count (in the slice, not a duplicate),
        and their article rows."""
        found = self.source(name)
        article = found.article_at(at, self._duplicate)  # duplicates read -1, like dropped articles
        kept = found.kept_at(at, article)
        if self._duplicate is not None:
            kept &= article >= 0
        return at[kept], article[kept]

    def count(self, name: str) -> int:
        mask = self.rows(name)
        return len(self.frame(name)) if mask is None else int(mask.sum())

    def take(self, name: str, where: np.ndarray | None = None, **columns: str) -> pd.DataFrame:
        """Columns of frame `name` (renamed: ``value="key"``) on the rows that count and match `where`
        (a mask over the source frame, or ascending row numbers of it).

        ``article_id`` and ``quote_id`` come as integer row numbers of the article and the quote
        (-1: none), which join and de-duplicate much faster than id strings.
        """
        found = self.source(name)
        frame = found.frame
        article = None
        if where is None:
            mask = self.rows(name)
            at = None if mask is None else np.flatnonzero(mask)
        else:
            at, article = self.select(name, np.flatnonzero(where) if where.dtype == bool else where)
        data = {}
        for new, old in columns.items():
            if old == "article_id":
                if at is None:
                    data[new] = found.article
                else:
                    data[new] = found.article_at(at) if article is None else article
            elif old == "quote_id":
                if name == "mentions":
                    data[new] = self.quote_of_mention() if at is None else self.quote_of_mention()[at]
                else:
                    data[new] = np.arange(len(frame)) if at is None else at
            else:
                values = frame[old]
                data[new] = values if at is None else values.take(at)
        out = pd.DataFrame(
            {k: (v.reset_index(drop=True) if isinstance(v, pd.Series) else v) for k, v in data.items()}
        )
        return out

    def kind(self, kind: str) -> np.ndarray:
        """The source rows of the mentions of one kind (ascending row numbers)."""
        return kind_rows(self.frame("mentions"), kind)

    def quoted(self, at: np.ndarray) -> np.ndarray:
        """Those of the mention rows `at` that are inside a quote of the corpus."""
        return at[self.quote_of_mention()[at] >= 0]

    def has_speaker(self) -> np.ndarray:
        return self.frame("quotes")["speaker"].notna().to_numpy(dtype=bool)


def _article_attribute(view: _View, dimension: str) -> pd.DataFrame:
    """(article_id, value) for a per-article attribute: the publication, or the period of `dimension`."""
    if dimension == "publication":
        return view.take("articles", article_id="article_id", value="publication").dropna(subset=["value"])
    frame = view.take("articles", article_id="article_id", value="date")
    dates = pd.to_datetime(frame["value"])
    if getattr(dates.dtype, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    frame["value"] = dates.dt.to_period(FREQUENCIES[dimension]).dt.start_time
    return frame.dropna(subset=["value"])


def _long(
    view: _View, dimension: str, measure: str, *, article: bool = False
) -> tuple[pd.DataFrame, str | None]:
    """Rows to count for one dimension and measure: a frame with ``value`` (and the unit column).

    The unit column names what makes a row distinct (``article_id`` or ``quote_id``); None
    means every row counts (mentions). `article` adds ``article_id`` when it is not the unit.
    """
    unit = {"articles": "article_id", "quotes": "quote_id", "mentions": None}[measure]
    extra = {"article_id": "article_id"} if article or unit == "article_id" else {}
    if unit == "quote_id":
        extra["quote_id"] = "quote_id"
    if dimension in ("country", "theme") or (dimension == "speaker" and measure == "mentions"):
        where = view.kind("person" if dimension == "speaker" else dimension)
        if unit == "quote_id":
            where = view.quoted(where)
        return view.take("mentions", where, value="key", **extra), unit
    if dimension == "speaker":
        where = view.has_speaker()
        return view.take("quotes", where, value="speaker", **extra), unit
    attribute = _article_attribute(view, dimension)
    if measure == "articles":
        return attribute, unit
    rows = view.take("quotes" if measure == "quotes" else "mentions", article_id="article_id", **extra)
    rows = rows.loc[:, ~rows.columns.duplicated()]
    joined = rows.merge(attribute, on="article_id", how="inner")
    return joined, unit


def _tally(frame: pd.DataFrame, unit: str | None, keys: list[str]) -> pd.Series:
    """Count rows (or distinct units) per combination of `keys`."""
    if unit is not None:
        frame = frame.drop_duplicates([*keys, unit])
    if len(keys) == 1 and isinstance(frame[keys[0]].dtype, pd.CategoricalDtype):
        return _tally_codes(frame[keys[0]])
    return frame.groupby(keys, sort=False, observed=True).size()


def _tally_codes(values: pd.Series) -> pd.Series:
    """``groupby(values, observed=True).size()`` of a categorical column, counted on its codes
    (the values seen, in category order; missing values not counted)."""
    codes = values.cat.codes.to_numpy()
    sizes = np.bincount(codes[codes >= 0], minlength=len(values.cat.categories))
    seen = np.flatnonzero(sizes)
    index = pd.CategoricalIndex(pd.Categorical.from_codes(seen, dtype=values.dtype), name=values.name)
    return pd.Series(sizes[seen].astype(np.int64), index=index)


def _quote_level(dimension: str, by: str) -> bool:
    """Speaker with country or theme: joined by quote (what the speaker names inside their quotes)."""
    pair = {dimension, by}
    return dimension != by and "speaker" in pair and (pair - {"speaker"}) <= {"country", "theme"}


def _pairs_by_attribute(view: _View, dimension: str, by: str, measure: str) -> tuple[pd.Series, pd.Series]:
    """`_pairs` when `by` is one value per article (period, outlet): array lookups, no join."""
    left, unit = _long(view, dimension, measure, article=True)
    attribute = _article_attribute(view, by)
    by_codes, by_names = pd.factorize(attribute["value"])
    n_articles = frame_length(view.corpus, "articles")
    code_of_article = np.full(n_articles + 1, -1, dtype=np.int64)  # last slot: article -1
    code_of_article[attribute["article_id"].to_numpy()] = by_codes
    row_by = code_of_article[left["article_id"].to_numpy()]
    row_value, value_names = _codes(left["value"])
    keep = (row_by >= 0) & (row_value >= 0)
    n_values = len(value_names) + 1
    key = row_by[keep] * n_values + row_value[keep]
    if unit is not None:
        units = left[unit].to_numpy().astype(np.int64)[keep]
        key = pd.unique(key * (int(units.max(initial=0)) + 2) + units + 1) // (int(units.max(initial=0)) + 2)
    pair, n = np.unique(key, return_counts=True)
    index = pd.MultiIndex.from_arrays(
        [by_names.take(pair // n_values), value_names.take(pair % n_values)], names=[by, dimension]
    )
    counted = pd.Series(n, index=index)
    if measure == "mentions":
        totals = counted.groupby(level=0, sort=False, observed=True).sum()
    elif measure == "articles":
        totals = pd.Series(np.bincount(by_codes[by_codes >= 0], minlength=len(by_names)), index=by_names)
    else:
        quotes = view.take("quotes", article_id="article_id")
        quote_by = code_of_article[quotes["article_id"].to_numpy()]
        totals = pd.Series(np.bincount(quote_by[quote_by >= 0], minlength=len(by_names)), index=by_names)
    return counted, totals


def _pairs(view: _View, dimension: str, by: str, measure: str) -> tuple[pd.Series, pd.Series]:
    """Counts per (by value, dimension value) and the total of each by value (for shares)."""
    unit = {"articles": "article_id", "quotes": "quote_id", "mentions": None}[measure]
    if _quote_level(dimension, by):
        other = dimension if dimension != "speaker" else by
        where = view.quoted(view.kind(other))
        mentions = view.take(
            "mentions", where, article_id="article_id", quote_id="quote_id", **{other: "key"}
        )
        has_speaker = view.has_speaker()
        speakers = view.take("quotes", has_speaker, quote_id="quote_id", speaker="speaker")
        pairs = mentions.merge(speakers, on="quote_id")
        counted = _tally(pairs, unit, [by, dimension])
        if by == "speaker" and measure != "mentions":
            own, own_unit = _long(view, "speaker", measure)
            totals = _tally(own, own_unit, ["value"])
        elif measure == "mentions":
            totals = counted.groupby(level=0, sort=False, observed=True).sum()
        else:
            totals = _tally(pairs, unit, [by])
        return counted, totals
    if by in FREQUENCIES or by == "publication":
        return _pairs_by_attribute(view, dimension, by, measure)
    left, unit = _long(view, dimension, measure, article=True)
    right, _ = _long(view, by, "articles")
    all_quotes = (
        view.take("quotes", article_id="article_id", quote_id="quote_id") if measure == "quotes" else None
    )
    right = right.drop_duplicates(["article_id", "value"]).rename(columns={"value": "by"})
    if unit is None:  # mentions: weigh each article's pair by its number of rows
        weights = left.groupby(["article_id", "value"], sort=False, observed=True).size().rename("n")
        joined = weights.reset_index().merge(right, on="article_id")
        counted = joined.groupby(["by", "value"], sort=False, observed=True)["n"].sum()
        totals = counted.groupby(level=0, sort=False, observed=True).sum()
    else:
        left = left.drop_duplicates(["value", unit])
        joined = left.merge(right, on="article_id")
        counted = joined.groupby(["by", "value"], sort=False, observed=True).size()
        if measure == "articles":
            totals = right.groupby("by", sort=False, observed=True).size()
        else:
            totals = all_quotes.merge(right, on="article_id").groupby("by", sort=False, observed=True).size()
    return counted.rename_axis([by, dimension]), totals


def _time_grid(result: pd.DataFrame, by: str, dimension: str, view: _View) -> pd.DataFrame:
    """Complete a time series: every period from the first to the last article, zeros where nothing."""
    periods = _article_attribute(view, by)["value"]
    if periods.empty or result.empty:
        return result
    span = pd.period_range(periods.min(), periods.max(), freq=FREQUENCIES[by]).start_time
    index = pd.MultiIndex.from_product([span, pd.unique(result[dimension])], names=[by, dimension])
    return result.set_index([by, dimension]).reindex(index).reset_index()


def counts(
    corpus: Corpus,
    dimension: str,
    by: str | None = None,
    *,
    measure: str | None = None,
    unique: bool = True,
    top: int | None = None,
) -> pd.DataFrame:
    """How often each value of `dimension` occurs, as a tidy DataFrame (does not mutate the corpus).

    `dimension`: country, theme, speaker or publication. `by`: a time frequency (day, week,
    month, quarter, year) or another dimension; shares are then within each group. `measure`:
    mentions (the default for country and theme), quotes (for speaker) or articles (for
    publication). ``share`` is the count over all articles / quotes / mentions of this kind in
    the slice (or in the group), so for articles it reads "share of articles that mention X".
    Country and theme rows carry a ``label``. `top` keeps the N values with the highest totals.
    Time series list every period from the first to the last article, with zeros.
    """
    _check("dimension", dimension, DIMENSIONS)
    measure = measure or _DEFAULT_MEASURE.get(dimension, "mentions")
    _check("measure", measure, MEASURES)
    if by is not None:
        _check("by", by, (*FREQUENCIES, *[d for d in DIMENSIONS if d != dimension]))
    view = _View(corpus, unique)
    value_col = f"n_{measure}"
    if by is None:
        frame, unit = _long(view, dimension, measure)
        counted = _tally(frame, unit, ["value"]).rename_axis(dimension)
        result = counted.rename(value_col).reset_index()
        total = view.count(measure) if measure in ("articles", "quotes") else len(frame)
        result["share"] = result[value_col] / total if total else np.nan
        ranked = result.sort_values([value_col, dimension], ascending=[False, True], ignore_index=True)
        if top is not None:
            ranked = ranked.head(top)
    else:
        counted, totals = _pairs(view, dimension, by, measure)
        result = counted.rename(value_col).reset_index()
        if top is not None:
            best = result.groupby(dimension, observed=True)[value_col].sum()
            best = best.reset_index().sort_values([value_col, dimension], ascending=[False, True]).head(top)
            result = result[result[dimension].isin(best[dimension])]
        if by in FREQUENCIES:
            result = _time_grid(result, by, dimension, view)
            result[value_col] = result[value_col].fillna(0).astype("int64")
        group_total = result[by].map(totals).astype(float)
        result["share"] = (result[value_col] / group_total.where(group_total > 0)).fillna(0.0)
        if by in FREQUENCIES:
            ranked = result.sort_values([by, value_col, dimension], ascending=[True, False, True])
        else:
            order = result.groupby(by, observed=True)[value_col].sum().rename("_total")
            ranked = (
                result.join(order, on=by)
                .sort_values(["_total", by, value_col, dimension], ascending=[False, True, False, True])
                .drop(columns="_total")
            )
        ranked = ranked.reset_index(drop=True)
        if by in ("country", "theme"):
            ranked.insert(1, f"{by}_label", labels_for(ranked[by], by, corpus))
    if dimension in ("country", "theme"):
        ranked.insert(
            list(ranked.columns).index(dimension) + 1,
            "label",
            labels_for(ranked[dimension], dimension, corpus),
        )
    ranked[value_col] = ranked[value_col].astype("int64")
    ranked.attrs = {
        "dimension": dimension,
        "by": by,
        "measure": measure,
        "value": value_col,
        "unique": unique,
        "subtitle": describe_slice(corpus, unique=unique),
        "source": describe_sources(corpus),
    }
    return ranked


def crosstab(
    corpus: Corpus,
    rows: str,
    cols: str,
    *,
    measure: str | None = None,
    unique: bool = True,
    top: int | None = None,
    tidy: bool = False,
) -> pd.DataFrame:
    """A rows × cols table of counts (wide, zeros filled; ``tidy=True`` gives the long form).

    speaker × country (or theme) counts mentions INSIDE the speaker's own quotes; other pairs
    count articles that have both. The default measure is quotes when a speaker is involved,
    articles otherwise. `top` keeps the N largest rows and the N largest columns.
    Index and columns hold keys (ISO3, theme ids); `labels_for` or the charts turn them into names.
    """
    _check("rows", rows, DIMENSIONS)
    _check("cols", cols, (*DIMENSIONS, *FREQUENCIES))
    if rows == cols:
        raise ValueError(f"`rows` and `cols` are both {rows!r}: use cooccurrence(corpus, {rows!r}) for pairs")
    measure = measure or ("quotes" if "speaker" in (rows, cols) else "articles")
    long = counts(corpus, rows, by=cols, measure=measure, unique=unique)
    value_col = f"n_{measure}"
    wide = long.pivot_table(
        index=rows, columns=cols, values=value_col, aggfunc="sum", fill_value=0, observed=True
    )
    col_order = wide.sum(axis=0).sort_values(ascending=False, kind="stable")
    if top is not None:
        col_order = col_order.head(top)
    # rows ranked on the columns shown, so that no row of a cut table is all zeros
    row_order = wide[list(col_order.index)].sum(axis=1).sort_values(ascending=False, kind="stable")
    if top is not None:
        row_order = row_order[row_order > 0].head(top)
    columns = sorted(col_order.index) if cols in FREQUENCIES else list(col_order.index)
    wide = wide.loc[list(row_order.index), columns].astype("int64")
    attrs = {
        **long.attrs,
        "rows": rows,
        "cols": cols,
        "by": None,
        "labels": _label_maps(wide, rows, cols, corpus),
    }
    if tidy:
        out = wide.stack().rename(value_col).reset_index()
        for dim in (rows, cols):
            if dim in ("country", "theme"):
                out.insert(
                    list(out.columns).index(dim) + 1, f"{dim}_label", labels_for(out[dim], dim, corpus)
                )
        out.attrs = attrs
        return out
    wide.attrs = attrs
    return wide


def _label_maps(wide: pd.DataFrame, rows: str, cols: str, corpus: Corpus) -> dict[str, dict]:
    """{dimension: {key: label}} for the country and theme keys on the axes of a wide table."""
    maps = {}
    for dim, keys in ((rows, wide.index), (cols, wide.columns)):
        if dim in ("country", "theme"):
            series = pd.Series(list(keys), dtype=object)
            maps[dim] = dict(zip(series, labels_for(series, dim, corpus), strict=True))
    return maps


def _codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes and the distinct values they index (categories are reused, not rehashed)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy().astype(np.int64), values.cat.categories
    codes, uniques = pd.factorize(values)
    return codes.astype(np.int64), pd.Index(uniques)


def _units(view: _View, dimension: str, level: str) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    """Distinct (unit, value) pairs as integer codes: the unit is an article or a sentence of one."""
    if dimension == "speaker":
        where = view.has_speaker()
        frame = view.take("quotes", where, article_id="article_id", value="speaker", sentence="sentence")
    else:
        frame = view.take(
            "mentions", view.kind(dimension), article_id="article_id", value="key", sentence="sentence"
        )
    unit, _ = _codes(frame["article_id"])
    if level == "sentence":
        sentence = frame["sentence"].to_numpy(dtype=np.int64)
        unit = unit * (int(sentence.max(initial=0)) + 1) + sentence
    value, names = _codes(frame["value"])
    keep = value >= 0
    size = len(names) + 1
    pair = pd.unique(unit[keep] * size + value[keep])
    return pair // size, pair % size, names


def _pairs_within(units: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of distinct values that share a unit, once per unit: two aligned code arrays.

    Vectorised: after sorting by unit, element i pairs with the elements after it in its unit,
    so the pairs are a ragged range per element built with repeat and cumsum.
    """
    order = np.lexsort((values, units))
    u, v = units[order], values[order]
    if not len(u):
        return v[:0], v[:0]
    starts = np.flatnonzero(np.r_[True, u[1:] != u[:-1]])
    ends = np.r_[starts[1:], len(u)]
    after = np.repeat(ends, ends - starts) - np.arange(len(u)) - 1  # later elements in the same unit
    left = np.repeat(np.arange(len(u)), after)
    right = left + 1 + np.arange(len(left)) - np.repeat(np.cumsum(after) - after, after)
    return v[left], v[right]


def cooccurrence(
    corpus: Corpus,
    dimension: str = "country",
    *,
    level: str = "article",
    unique: bool = True,
    min_count: int = 1,
    top: int | None = None,
    wide: bool = False,
    value: str = "n",
) -> pd.DataFrame:
    """Pairs of values that occur in the same article (or sentence), with count, lift and PMI.

    One row per pair (``a`` < ``b``): ``n`` units with both, ``n_a`` and ``n_b`` units with each,
    ``lift`` = n·N / (n_a·n_b) where N is the number of articles (sentences) in the slice, and
    ``pmi`` = log2(lift), ``npmi`` in [-1, 1]. Sorted by n, then lift. PMI favours rare pairs:
    use `min_count` to keep pairs seen at least that often. ``wide=True`` returns the symmetric
    matrix of `value` (n, lift, pmi or npmi) over the `top` most frequent values, with each
    value's own count on the diagonal for n.
    """
    _check("dimension", dimension, ("country", "theme", "speaker", "person"))
    _check("level", level, ("article", "sentence"))
    view = _View(corpus, unique)
    units, values, names = _units(view, dimension, level)
    if level == "article":
        n_units = view.count("articles")
    else:
        n_units = view.count("sentences") or len(pd.unique(units))
    n_units = max(n_units, 1)
    counts_of = np.bincount(values, minlength=len(names))
    if top is not None:
        chosen = np.zeros(len(names), dtype=bool)
        chosen[np.argsort(-counts_of, kind="stable")[:top]] = True
        units, values = units[chosen[values]], values[chosen[values]]
    a, b = _pairs_within(units, values)
    rank = np.argsort(np.argsort(np.asarray(names.astype(str)), kind="stable"), kind="stable")
    first = rank[a] < rank[b]  # each unordered pair once, named a before b alphabetically
    a, b = np.where(first, a, b), np.where(first, b, a)
    size = len(names) + 1
    pair_codes, n = np.unique(a * size + b, return_counts=True)
    keep = n >= min_count
    a, b, n = pair_codes[keep] // size, pair_codes[keep] % size, n[keep]
    name_array = np.asarray(names, dtype=object)
    table = pd.DataFrame(
        {"a": name_array[a], "b": name_array[b], "n": n, "n_a": counts_of[a], "n_b": counts_of[b]}
    )
    table["lift"] = table["n"] * n_units / (table["n_a"] * table["n_b"])
    table["pmi"] = np.log2(table["lift"])
    p_ab = table["n"] / n_units
    with np.errstate(divide="ignore", invalid="ignore"):
        table["npmi"] = np.where(p_ab < 1, table["pmi"] / -np.log2(p_ab), 1.0)
    if dimension in ("country", "theme"):
        table.insert(2, "label_a", labels_for(table["a"], dimension, corpus))
        table.insert(3, "label_b", labels_for(table["b"], dimension, corpus))
    table = table.sort_values(
        ["n", "lift", "a", "b"], ascending=[False, False, True, True], ignore_index=True
    )
    per_value = pd.Series(counts_of, index=name_array)
    per_value = per_value[per_value > 0]
    attrs = {
        "dimension": dimension,
        "level": level,
        "measure": level + "s",
        "value": value,
        "unique": unique,
        "subtitle": describe_slice(corpus, unique=unique),
        "source": describe_sources(corpus),
        "n_units": n_units,
    }
    if not wide:
        table.attrs = attrs
        return table
    _check("value", value, ("n", "lift", "pmi", "npmi"))
    names = per_value.sort_values(ascending=False, kind="stable")
    names = list(names.head(top).index if top is not None else names.index)
    both = pd.concat([table[["a", "b", value]], table[["b", "a", value]].set_axis(["a", "b", value], axis=1)])
    matrix = both.pivot_table(index="a", columns="b", values=value, aggfunc="first", observed=True)
    matrix = matrix.reindex(index=names, columns=names)
    if value == "n":
        matrix = matrix.fillna(0).astype("int64")
        for name in names:
            matrix.loc[name, name] = int(per_value[name])
    matrix = matrix.rename_axis(index=dimension, columns=dimension)
    matrix.attrs = {
        **attrs,
        "rows": dimension,
        "cols": dimension,
        "labels": _label_maps(matrix, dimension, dimension, corpus),
    }
    return matrix
