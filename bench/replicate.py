"""Scale a real corpus up for benchmarks: copies with new ids and shifted dates.

Copy ``j`` of every article gets the id ``<id>~r<j>`` (its quotes, mentions and sentences
follow) and its date moved ``j`` weeks later, so filters and time series see a longer,
larger corpus with the real texts' annotation density.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from workbench.corpus import Corpus
from workbench.dtypes import compact
from workbench.load import speakers_frame

__all__ = ["replicate"]


def _suffixed(values: pd.Series, copy: np.ndarray, k: int) -> pd.Series:
    """`values` + "~r<copy>" (nothing for copy 0), missing values kept missing (Arrow kernels: fast)."""
    suffixes = pa.array(["", *(f"~r{j}" for j in range(1, k))], type=pa.large_string()).take(pa.array(copy))
    text = pa.array(values.astype("str")).cast(pa.large_string())
    joined = pc.binary_join_element_wise(text, suffixes, pa.scalar("", pa.large_string()))
    return pd.Series(joined.to_pandas(), index=values.index, dtype="str")


def _copies(frame: pd.DataFrame, k: int, id_columns: tuple[str, ...]) -> tuple[pd.DataFrame, np.ndarray]:
    """`k` stacked copies of `frame` and each row's copy number; `id_columns` of copy j get "~r<j>"."""
    stacked = pd.concat([frame] * k, ignore_index=True)
    copy = np.repeat(np.arange(k, dtype=np.int32), len(frame))
    return stacked.assign(**{c: _suffixed(stacked[c], copy, k) for c in id_columns if c in stacked}), copy


def replicate(corpus: Corpus, n_articles: int) -> Corpus:
    """A corpus of exactly `n_articles` articles made of copies of `corpus` (compact dtypes)."""
    base = corpus.articles
    k = math.ceil(n_articles / len(base))
    last = n_articles - (k - 1) * len(base)  # articles taken from the last, partial copy
    articles, copy = _copies(base, k, ("article_id", "duplicate_of"))
    articles["date"] = articles["date"] + pd.to_timedelta(copy * 7, unit="D")
    articles = articles.iloc[:n_articles].reset_index(drop=True)
    position = pd.Index(base["article_id"])
    frames = {}
    for name, ids in (("quotes", ("article_id", "quote_id")), ("mentions", ("article_id", "quote_id")),
                      ("sentences", ("article_id",))):
        original = getattr(corpus, name)
        frame, copy = _copies(original, k, ids)
        in_first = np.tile(position.get_indexer(original["article_id"]) < last, k)
        frames[name] = frame[(copy < k - 1) | in_first].reset_index(drop=True)
    return compact(Corpus(articles=articles, speakers=speakers_frame(frames["quotes"]), report=corpus.report,
                          **frames))
