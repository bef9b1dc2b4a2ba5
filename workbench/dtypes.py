"""The dtype policy of the corpus frames: one table (`SCHEMA`) and the functions that apply it.

Compact dtypes are what let 100,000 articles with all their quotes, mentions and
sentences fit in a couple of gigabytes: categoricals for the short, repetitive codes
(kinds, keys, labels, speakers, outlets, formats, languages, cues, attributions) and for
the ids that link quotes, mentions and sentences to their article and quote (one string
per article instead of one per row; slicing and joining them is integer work on the codes);
Arrow-backed `str` for free text (not categorical: pandas hashes categories as Python strings,
which for article bodies would cost more memory than it saves), int32 for offsets and counts,
datetime64 for dates.

`storage_frame` applies the same policy without categoricals: it is the dtype contract
of one file's frames (what `process_file` yields after normalising, and what the cache
and the Dask engine write and read back), so concatenating files never mixes dtypes.
`compact` turns a whole assembled corpus into its final dtypes; categories are sorted,
so the same rows always give the same frames, whichever engine or cache produced them.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa

from .corpus import Corpus

__all__ = ["SCHEMA", "compact", "compact_frame", "storage_frame", "CORPUS_FRAMES"]

#: The frames a Corpus holds, in order.
CORPUS_FRAMES = ("articles", "quotes", "mentions", "sentences", "speakers", "report")

#: frame -> column -> kind. Kinds: str (Arrow text), category, int32, int64, datetime, list (of str).
#: Columns not listed keep whatever dtype they have.
SCHEMA: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "str", "source": "str", "format": "category", "publication": "category",
        "headline": "str", "headline_title": "str", "subheadline": "str", "authors": "list",
        "date": "datetime", "language": "category", "publication_country": "category", "url": "str",
        "text": "str", "n_words": "int32", "duplicate_of": "str", "metadata": "str",
    },
    "quotes": {
        "article_id": "category", "quote_id": "category", "start": "int32", "end": "int32", "text": "str",
        "speaker": "category", "role": "category", "affiliation": "category", "cue": "category",
        "attribution": "category", "sentence": "int32",
    },
    "mentions": {
        "article_id": "category", "kind": "category", "key": "category", "label": "category",
        "surface": "category", "start": "int32", "end": "int32", "sentence": "int32", "quote_id": "category",
    },
    "sentences": {"article_id": "category", "sentence": "int32", "start": "int32", "end": "int32"},
    "speakers": {
        "speaker": "str", "roles": "list", "affiliation": "category", "n_quotes": "int32",
        "n_articles": "int32",
    },
    "report": {
        "file": "str", "format": "category", "status": "category", "reason": "str", "n_articles": "int64",
        "n_rows": "int64", "n_skipped": "int64",
    },
}

#: The resolution of every date column (pandas 3's default for parsed dates).
DATE_DTYPE = "datetime64[us]"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_text(value):
    """A string Arrow can hold: lone surrogates (e.g. bytes kept by `surrogateescape`) become U+FFFD."""
    return _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value


def _one_chunk(values: pd.Series) -> pd.Series:
    """Arrow-backed text in one contiguous chunk: pyarrow's `take` (every filter's row selection)
    first concatenates a many-chunk column whole, e.g. one stacked from per-file frames."""
    data = values.array.__arrow_array__() if hasattr(values.array, "__arrow_array__") else None
    if not isinstance(data, pa.ChunkedArray) or data.num_chunks <= 1:
        return values
    joined = pd.array(data.combine_chunks(), dtype=values.dtype)
    return pd.Series(joined, index=values.index, name=values.name)


def _as_str(values: pd.Series) -> pd.Series:
    if values.dtype == "str":
        return _one_chunk(values)
    # astype("str") turns None into NaN and other objects into their str(): both wanted here.
    try:
        return values.astype("str")
    except UnicodeEncodeError:
        return values.map(_valid_text).astype("str")


def _as_list(value) -> list[str]:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _as_int(values: pd.Series, dtype: str) -> pd.Series:
    if values.dtype == dtype:
        return values
    if values.isna().any():  # never expected; keep the rows rather than fail, with a nullable dtype
        return values.astype(dtype.capitalize())
    return values.astype(dtype)


def _as_datetime(values: pd.Series) -> pd.Series:
    if values.dtype == DATE_DTYPE:
        return values
    parsed = pd.to_datetime(values, errors="coerce", utc=isinstance(values.dtype, pd.DatetimeTZDtype))
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_convert("UTC").dt.tz_localize(None)
    return parsed.astype(DATE_DTYPE)


def _convert(values: pd.Series, kind: str, *, categorical: bool) -> pd.Series:
    if kind == "str" or (kind == "category" and not categorical):
        return _as_str(values)
    if kind == "category":
        if isinstance(values.dtype, pd.CategoricalDtype) and values.cat.categories.dtype == "str":
            # re-sorting keeps the result independent of the order the rows arrived in
            categories = values.cat.categories
            if categories.is_monotonic_increasing:
                return values.cat.remove_unused_categories()
            return values.cat.reorder_categories(categories.sort_values()).cat.remove_unused_categories()
        return _as_str(values).astype("category")
    if kind in ("int32", "int64"):
        return _as_int(values, kind)
    if kind == "datetime":
        return _as_datetime(values)
    if kind == "list":
        return pd.Series([_as_list(v) for v in values], index=values.index, dtype="object")
    raise ValueError(f"workbench/dtypes.py SCHEMA: unknown kind {kind!r}; valid: str, category, int32, "
                     "int64, datetime, list")


def _apply(name: str, frame: pd.DataFrame, *, categorical: bool) -> pd.DataFrame:
    policy = SCHEMA.get(name, {})
    converted = {
        column: _convert(frame[column], policy[column], categorical=categorical)
        for column in frame.columns
        if column in policy
    }
    if not converted:
        return frame
    return frame.assign(**converted).reset_index(drop=True)


def storage_frame(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (the corpus frame called `name`) in the storage dtypes: the policy minus categoricals."""
    return _apply(name, frame, categorical=False)


def compact_frame(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its final compact dtypes (categoricals with sorted categories included)."""
    return _apply(name, frame, categorical=True)


def compact(corpus: Corpus) -> Corpus:
    """The corpus with every frame in its compact dtypes (see `SCHEMA`). Does not mutate `corpus`."""
    return corpus.replace(**{name: compact_frame(name, getattr(corpus, name)) for name in CORPUS_FRAMES})
