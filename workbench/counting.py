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
from .slicing import country_name, describe_slice, describe_sources, unique_stories

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
    distinct = pd.unique(keys.dropna())
    if dimension == "country":
        mapping = {k: country_name(str(k)) for k in distinct}
    elif dimension == "theme" and corpus is not None:
        themes = corpus.mentions[corpus.mentions["kind"] == "theme"]
        mapping = dict(themes[["key", "label"]].drop_duplicates("key").itertuples(index=False))
    else:
        mapping = {}
    return keys.map(lambda k: mapping.get(k, k)).astype(object)


def _select(frame: pd.DataFrame, **columns: str) -> pd.DataFrame:
    """Some columns of `frame` under new names (dtypes kept, index reset): ``_select(m, value="key")``."""
    return frame[list(columns.values())].set_axis(list(columns), axis=1).reset_index(drop=True)


def _article_attribute(corpus: Corpus, dimension: str) -> pd.DataFrame:
    """(article_id, value) for a per-article attribute: the publication, or the period of `dimension`."""
    articles = corpus.articles
    if dimension == "publication":
        value = articles["publication"]
    else:
        dates = pd.to_datetime(articles["date"])
        if getattr(dates.dtype, "tz", None) is not None:
            dates = dates.dt.tz_localize(None)
        value = dates.dt.to_period(FREQUENCIES[dimension]).dt.start_time
    frame = pd.DataFrame({"article_id": articles["article_id"], "value": value}).reset_index(drop=True)
    return frame.dropna(subset=["value"])


def _mentions_of(corpus: Corpus, kind: str) -> pd.DataFrame:
    m = corpus.mentions
    m = m[(m["kind"] == kind).to_numpy(dtype=bool)]
    return _select(m, article_id="article_id", value="key", quote_id="quote_id")


def _long(corpus: Corpus, dimension: str, measure: str) -> tuple[pd.DataFrame, str | None]:
    """Rows to count for one dimension and measure: (article_id, value[, unit]) and the unit column.

    The unit column names what makes a row distinct (``article_id`` or ``quote_id``); None
    means every row counts (mentions).
    """
    if dimension in ("country", "theme") or (dimension == "speaker" and measure == "mentions"):
        frame = _mentions_of(corpus, "person" if dimension == "speaker" else dimension)
        if measure == "quotes":
            return frame.dropna(subset=["quote_id"]), "quote_id"
        return frame, ("article_id" if measure == "articles" else None)
    if dimension == "speaker":
        q = corpus.quotes.dropna(subset=["speaker"])
        frame = _select(q, article_id="article_id", value="speaker", quote_id="quote_id")
        return frame, ("article_id" if measure == "articles" else "quote_id")
    attribute = _article_attribute(corpus, dimension)
    if measure == "articles":
        return attribute, "article_id"
    rows = corpus.quotes if measure == "quotes" else corpus.mentions
    value = rows["article_id"].map(attribute.set_index("article_id")["value"])
    frame = pd.DataFrame({"article_id": rows["article_id"], "value": value}).reset_index(drop=True)
    if measure == "quotes":
        frame["quote_id"] = rows["quote_id"].to_numpy()
    return frame.dropna(subset=["value"]), ("quote_id" if measure == "quotes" else None)


def _tally(frame: pd.DataFrame, unit: str | None, keys: list[str]) -> pd.Series:
    """Count rows (or distinct units) per combination of `keys`."""
    if unit is not None:
        frame = frame.drop_duplicates([*keys, unit])
    return frame.groupby(keys, sort=False, observed=True).size()


def _total(corpus: Corpus, dimension: str, measure: str, frame: pd.DataFrame) -> int:
    if measure == "articles":
        return len(corpus.articles)
    if measure == "quotes":
        return len(corpus.quotes)
    return len(frame)


def _quote_level(dimension: str, by: str) -> bool:
    """Speaker with country or theme: joined by quote (what the speaker names inside their quotes)."""
    return "speaker" in (dimension, by) and ({dimension, by} - {"speaker"}) <= {"country", "theme"} \
        and dimension != by


def _pairs(corpus: Corpus, dimension: str, by: str, measure: str) -> tuple[pd.Series, pd.Series]:
    """Counts per (by value, dimension value) and the total of each by value (for shares)."""
    if _quote_level(dimension, by):
        other = dimension if dimension != "speaker" else by
        mentions = _mentions_of(corpus, other).dropna(subset=["quote_id"])
        q = corpus.quotes.dropna(subset=["speaker"])
        pairs = mentions.merge(
            _select(q, quote_id="quote_id", speaker="speaker"),
            on="quote_id",
        ).rename(columns={"value": other})
        unit = {"articles": "article_id", "quotes": "quote_id", "mentions": None}[measure]
        counted = _tally(pairs, unit, [by, dimension])
        if by == "speaker" and measure != "mentions":
            own, own_unit = _long(corpus, "speaker", measure)
            totals = _tally(own, own_unit, ["value"])
        elif measure == "mentions":
            totals = counted.groupby(level=0, sort=False, observed=True).sum()
        else:
            totals = _tally(pairs, unit, [by])
        return counted, totals
    left, unit = _long(corpus, dimension, measure)
    right, right_unit = _long(corpus, by, "articles")
    right = right.drop_duplicates(["article_id", "value"]).rename(columns={"value": "by"})
    if unit is None:  # mentions: weigh each article's pair by its number of rows
        weights = left.groupby(["article_id", "value"], sort=False, observed=True).size().rename("n").reset_index()
        joined = weights.merge(right[["article_id", "by"]], on="article_id")
        counted = joined.groupby(["by", "value"], sort=False, observed=True)["n"].sum()
        totals = counted.groupby(level=0, sort=False, observed=True).sum()
    else:
        left = left.drop_duplicates(["value", unit])
        cols = ["article_id", "value"] + ([unit] if unit != "article_id" else [])
        joined = left[cols].merge(right[["article_id", "by"]], on="article_id")
        counted = joined.groupby(["by", "value"], sort=False, observed=True).size()
        if measure == "articles":
            totals = right.groupby("by", sort=False, observed=True).size()
        else:
            all_quotes = _select(corpus.quotes, article_id="article_id", quote_id="quote_id")
            totals = all_quotes.merge(right[["article_id", "by"]], on="article_id").groupby(
                "by", sort=False, observed=True).size()
    return counted.rename_axis([by, dimension]), totals


def _time_grid(result: pd.DataFrame, by: str, dimension: str, corpus: Corpus) -> pd.DataFrame:
    """Complete a time series: every period from the first to the last article, zeros where nothing."""
    periods = _article_attribute(corpus, by)["value"]
    if periods.empty or result.empty:
        return result
    freq = FREQUENCIES[by]
    span = pd.period_range(periods.min(), periods.max(), freq=freq).start_time
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
    base = unique_stories(corpus) if unique else corpus
    value_col = f"n_{measure}"
    if by is None:
        frame, unit = _long(base, dimension, measure)
        counted = _tally(frame, unit, ["value"]).rename_axis(dimension)
        result = counted.rename(value_col).reset_index()
        total = _total(base, dimension, measure, frame)
        result["share"] = result[value_col] / total if total else np.nan
        ranked = result.sort_values([value_col, dimension], ascending=[False, True], ignore_index=True)
        if top is not None:
            ranked = ranked.head(top)
    else:
        counted, totals = _pairs(base, dimension, by, measure)
        result = counted.rename(value_col).reset_index()
        if top is not None:
            best = result.groupby(dimension, observed=True)[value_col].sum()
            best = best.reset_index().sort_values([value_col, dimension], ascending=[False, True]).head(top)
            result = result[result[dimension].isin(best[dimension])]
        if by in FREQUENCIES:
            result = _time_grid(result, by, dimension, base)
            result[value_col] = result[value_col].fillna(0).astype("int64")
        group_total = result[by].map(totals).astype(float)
        result["share"] = (result[value_col] / group_total.where(group_total > 0)).fillna(0.0)
        if by in FREQUENCIES:
            ranked = result.sort_values([by, value_col, dimension], ascending=[True, False, True])
        else:
            order = result.groupby(by, observed=True)[value_col].sum().rename("_total")
            ranked = result.join(order, on=by).sort_values(
                ["_total", by, value_col, dimension], ascending=[False, True, False, True]).drop(columns="_total")
        ranked = ranked.reset_index(drop=True)
        if by in ("country", "theme"):
            ranked.insert(1, f"{by}_label", labels_for(ranked[by], by, base))
    if dimension in ("country", "theme"):
        ranked.insert(list(ranked.columns).index(dimension) + 1, "label", labels_for(ranked[dimension], dimension, base))
    ranked[value_col] = ranked[value_col].astype("int64")
    ranked.attrs = {
        "dimension": dimension, "by": by, "measure": measure, "value": value_col, "unique": unique,
        "subtitle": describe_slice(corpus, unique=unique), "source": describe_sources(corpus),
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
    wide = long.pivot_table(index=rows, columns=cols, values=value_col, aggfunc="sum", fill_value=0,
                            observed=True)
    row_order = wide.sum(axis=1).sort_values(ascending=False, kind="stable")
    col_order = wide.sum(axis=0).sort_values(ascending=False, kind="stable")
    if top is not None:
        row_order, col_order = row_order.head(top), col_order.head(top)
    columns = sorted(col_order.index) if cols in FREQUENCIES else list(col_order.index)
    wide = wide.loc[list(row_order.index), columns].astype("int64")
    attrs = {**long.attrs, "rows": rows, "cols": cols, "by": None}
    if tidy:
        out = wide.stack().rename(value_col).reset_index()
        for dim in (rows, cols):
            if dim in ("country", "theme"):
                out.insert(list(out.columns).index(dim) + 1, f"{dim}_label", labels_for(out[dim], dim, corpus))
        out.attrs = attrs
        return out
    wide.attrs = attrs
    return wide


def _units(corpus: Corpus, dimension: str, level: str) -> pd.DataFrame:
    """Distinct (unit, value) pairs, the unit being an article or a sentence of an article."""
    if dimension == "speaker":
        q = corpus.quotes.dropna(subset=["speaker"])
        frame = _select(q, article_id="article_id", value="speaker", sentence="sentence")
    else:
        m = corpus.mentions[(corpus.mentions["kind"] == dimension).to_numpy(dtype=bool)]
        frame = _select(m, article_id="article_id", value="key", sentence="sentence")
    keys = ["article_id"] if level == "article" else ["article_id", "sentence"]
    frame = frame.drop_duplicates([*keys, "value"])
    frame["unit"] = frame.groupby(keys, sort=False, observed=True).ngroup()
    return frame[["unit", "value"]]


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
    matrix of `value` (n, lift, pmi or npmi) over the `top` most frequent values.
    """
    _check("dimension", dimension, ("country", "theme", "speaker", "person"))
    _check("level", level, ("article", "sentence"))
    base = unique_stories(corpus) if unique else corpus
    units = _units(base, dimension, level)
    if level == "article":
        n_units = len(base.articles)
    else:
        n_units = len(base.sentences) or int(units["unit"].nunique())
    per_value = units.groupby("value", sort=False, observed=True).size()
    if top is not None:
        keep = per_value.sort_values(ascending=False, kind="stable").head(top).index
        units = units[units["value"].isin(keep)]
    pairs = units.merge(units, on="unit", suffixes=("_a", "_b"))
    pairs = pairs[pairs["value_a"].astype(str) < pairs["value_b"].astype(str)]
    table = pairs.groupby(["value_a", "value_b"], sort=False, observed=True).size().rename("n").reset_index()
    table = table.rename(columns={"value_a": "a", "value_b": "b"})
    table = table[table["n"] >= min_count]
    table["n_a"] = table["a"].map(per_value).astype("int64")
    table["n_b"] = table["b"].map(per_value).astype("int64")
    n_units = max(n_units, 1)
    table["lift"] = table["n"] * n_units / (table["n_a"] * table["n_b"])
    table["pmi"] = np.log2(table["lift"])
    p_ab = table["n"] / n_units
    with np.errstate(divide="ignore", invalid="ignore"):
        table["npmi"] = np.where(p_ab < 1, table["pmi"] / -np.log2(p_ab), 1.0)
    if dimension in ("country", "theme"):
        table.insert(2, "label_a", labels_for(table["a"], dimension, base))
        table.insert(3, "label_b", labels_for(table["b"], dimension, base))
    table = table.sort_values(["n", "lift", "a", "b"], ascending=[False, False, True, True], ignore_index=True)
    attrs = {"dimension": dimension, "level": level, "measure": level + "s", "value": value, "unique": unique,
             "subtitle": describe_slice(corpus, unique=unique), "source": describe_sources(corpus),
             "n_units": n_units}
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
    matrix.attrs = {**attrs, "rows": dimension, "cols": dimension}
    return matrix
