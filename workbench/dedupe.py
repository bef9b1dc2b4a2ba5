"""Find syndicated copies: the same story (exact or near-identical text) in several outlets.

Near-duplicates are found with MinHash over word 5-grams and banded locality-sensitive
hashing, so the cost grows linearly with the corpus; candidate pairs are confirmed by
their estimated Jaccard similarity.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict

import numpy as np
import pandas as pd

__all__ = ["mark_duplicates", "minhash_signature"]

_WORD = re.compile(r"\w+")
_PRIME = np.uint64((1 << 61) - 1)
_N_HASHES, _BANDS = 64, 16
_rng = np.random.default_rng(20261124)
_A = _rng.integers(1, 1 << 61, _N_HASHES, dtype=np.uint64)
_B = _rng.integers(0, 1 << 61, _N_HASHES, dtype=np.uint64)


def minhash_signature(text: str, *, shingle: int = 5, max_words: int = 400) -> np.ndarray | None:
    """The MinHash signature of a text's word 5-grams (None for texts too short to compare)."""
    words = _WORD.findall(text.lower())[:max_words]
    if len(words) < shingle * 4:
        return None
    grams = {zlib.crc32(" ".join(words[i : i + shingle]).encode()) for i in range(len(words) - shingle + 1)}
    values = np.fromiter(grams, dtype=np.uint64)
    hashed = (values[:, None] * _A[None, :] + _B[None, :]) % _PRIME
    return hashed.min(axis=0)


def mark_duplicates(articles: pd.DataFrame, *, threshold: float = 0.8) -> pd.DataFrame:
    """A copy of `articles` with `duplicate_of` set to the id of the first copy of each story.

    The first copy is the earliest by date, then by order in the frame; it keeps
    `duplicate_of` empty. Texts too short to judge (headline-only briefs) are never marked.
    Does not mutate the original.
    """
    order = articles.assign(_pos=np.arange(len(articles))).sort_values(["date", "_pos"], na_position="last")
    ids = order["article_id"].tolist()
    signatures = [minhash_signature(t) if isinstance(t, str) else None for t in order["text"]]
    rows_per_band = _N_HASHES // _BANDS
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for i, sig in enumerate(signatures):
        if sig is None:
            continue
        for band in range(_BANDS):
            buckets[(band, sig[band * rows_per_band : (band + 1) * rows_per_band].tobytes())].append(i)
    original: dict[int, int] = {}
    for members in buckets.values():
        for j in members[1:]:
            if j in original:
                continue
            first = next(
                (i for i in members if i < j and i not in original
                 and np.mean(signatures[i] == signatures[j]) >= threshold),
                None,
            )
            if first is not None:
                original[j] = first
    def root(i: int) -> int:
        while i in original:
            i = original[i]
        return i

    duplicate_of = {ids[j]: ids[root(j)] for j in original}
    out = articles.copy()
    out["duplicate_of"] = out["article_id"].map(duplicate_of).astype("object")
    out.loc[out["duplicate_of"].isna(), "duplicate_of"] = None
    return out
