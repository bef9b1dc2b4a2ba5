"""Slicing a Corpus: `filter_corpus` keeps the articles that match and slices every frame alike.

Criteria combine with AND across parameters and OR within one parameter's list of values:
``filter_corpus(c, country=["IRN", "RUS"], theme="energy")`` keeps articles that mention Iran
or Russia and have the energy theme. All work is boolean masks over whole columns (no loops
over rows), so a slice of a 100,000-article corpus takes milliseconds.

What each criterion keeps:

- ``speaker``: articles where the speaker is quoted, and only that speaker's quotes.
- ``country`` / ``theme``: articles with at least one such mention (of the retained mentions).
- ``publication``, ``since``, ``until``, ``text``: articles by their metadata or body.
- ``in_quotes=True``: only the mentions inside the retained quotations (with ``speaker``:
  inside that speaker's quotes), so ``country=`` then means "talked about inside quotes".

Every frame of a slice is cut when first read (a filter of 100,000 articles then copies no
mention row and no article text: counts and chart subtitles read the whole corpus's frames
through the kept rows, see `source`, `article_column` and `frame_length`). Until every frame
is cut, a slice holds on to the corpus it was cut from. Country and theme filters look the
mentions up by kind and key (`kind_rows`, `key_rows`, `articles_with`: worked out once per
frame and remembered while it lives), not by comparing every mention's strings.

Mentions of the kept articles are all kept (so theme counts of Iran articles work); with a
speaker filter, a kept mention may still point (``quote_id``) at another speaker's quote.
The speakers frame keeps each speaker's roles and affiliation from the whole corpus and
recounts ``n_quotes`` and ``n_articles`` within the slice.
"""

from __future__ import annotations

import dataclasses
import difflib
import weakref
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

from .corpus import Corpus

__all__ = [
    "filter_corpus",
    "FILTER_KEYS",
    "FilterValueError",
    "rows_in",
    "country_name",
    "resolve_countries",
    "unique_stories",
    "describe_slice",
    "describe_sources",
    "format_date",
    "key_labels",
    "corpus_key_labels",
    "keys_of",
    "phrase_pattern",
    "text_contains",
    "positions",
    "article_positions",
    "quote_positions",
    "kind_rows",
    "key_rows",
    "articles_with",
    "article_column",
    "frame_length",
    "subset",
    "key_articles",
    "Source",
    "source",
    "source_quotes_of_mentions",
]

#: The criteria `filter_corpus` accepts, in the order they are reported in `Corpus.filters`.
FILTER_KEYS = ("speaker", "country", "theme", "publication", "since", "until", "text", "in_quotes")


class FilterValueError(ValueError):
    """A filter value that does not occur in the corpus (the message suggests the nearest ones)."""


@lru_cache(maxsize=4096)
def country_name(iso3: str) -> str:
    """The everyday English name of a country code ("IRN" -> "Iran"); the code itself when unknown.

    Names come from the gazetteer (`workbench.extract.countries.country_name`, so an analyst's own
    gazetteer names them too); codes it lacks fall back to pycountry's common name.
    """
    from .extract.countries import country_name as gazetteer_name

    code = str(iso3).upper()
    name = gazetteer_name(code)
    if name and name != code:
        return name
    import pycountry

    found = pycountry.countries.get(alpha_3=code)
    if found is None:
        return str(iso3)
    name = getattr(found, "common_name", None) or found.name
    return name.split(",")[0]  # "Korea, Republic of" style names: the part before the comma


def _as_tuple(value) -> tuple:
    if value is None:
        return ()
    if isinstance(value, str | bool | pd.Timestamp) or not isinstance(value, Iterable):
        return (value,)
    return tuple(value)


def rows_in(column: pd.Series, values) -> np.ndarray:
    """Boolean mask (a new, writable array): which rows of `column` hold one of `values`.

    Categorical columns are tested on their categories and looked up by code; Arrow-backed
    strings with pyarrow's `is_in` (pandas' own `isin` loops over them in Python).
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        lookup = np.append(column.cat.categories.isin(list(values)), False)  # code -1 (NA) -> False
        return lookup[column.cat.codes.to_numpy()]
    array = column.array
    if hasattr(array, "__arrow_array__") and getattr(column.dtype, "storage", None) == "pyarrow":
        import pyarrow as pa
        import pyarrow.compute as pc

        data = pa.chunked_array(array.__arrow_array__()) if len(array) else None
        if data is not None:
            try:
                wanted = pa.array(values, from_pandas=True).cast(data.type)
            except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, TypeError):
                wanted = pa.array([str(v) for v in values if isinstance(v, str)], type=data.type)
            found = pc.is_in(data, value_set=wanted)
            return found.fill_null(False).to_numpy(zero_copy_only=False).astype(bool, copy=True)
    return column.isin(values).to_numpy(dtype=bool, copy=True)


# Row positions (which article row each mention belongs to, which quote row encloses it) are
# computed once per pair of frames and remembered while both frames live: a Corpus never changes
# its frames, and `filter_corpus` hands the positions of the new frames on without recomputing.
_POSITIONS: dict[tuple[int, int, str], tuple[weakref.ref, weakref.ref, np.ndarray]] = {}


def _recall(anchor: pd.DataFrame, frame: pd.DataFrame, column: str) -> np.ndarray | None:
    hit = _POSITIONS.get((id(anchor), id(frame), column))
    if hit is not None and hit[0]() is anchor and hit[1]() is frame:
        return hit[2]
    return None


def _remember(anchor: pd.DataFrame, frame: pd.DataFrame, column: str, found: np.ndarray) -> np.ndarray:
    key = (id(anchor), id(frame), column)
    _POSITIONS[key] = (weakref.ref(anchor), weakref.ref(frame), found)
    for owner in (anchor, frame):
        weakref.finalize(owner, _POSITIONS.pop, key, None)
    return found


# Facts about one frame (the rows of each mention kind, the keys of each kind) computed once and
# remembered while the frame lives, like the positions above.
_FACTS: dict[tuple[int, tuple], tuple[weakref.ref, object]] = {}


def _fact(frame: pd.DataFrame, key: tuple, compute):
    hit = _FACTS.get((id(frame), key))
    if hit is not None and hit[0]() is frame:
        return hit[1]
    value = compute()
    _FACTS[(id(frame), key)] = (weakref.ref(frame), value)
    weakref.finalize(frame, _FACTS.pop, (id(frame), key), None)
    return value


def kind_rows(mentions: pd.DataFrame, kind: str) -> np.ndarray:
    """The row numbers (ascending) of the mentions of one kind, worked out once per frame.

    Filters and counts of countries or themes then touch those rows only, not every mention.
    """

    def compute() -> np.ndarray:
        kinds = mentions["kind"]
        if isinstance(kinds.dtype, pd.CategoricalDtype):
            code = kinds.cat.categories.get_indexer([kind])[0]
            rows = np.flatnonzero(kinds.cat.codes.to_numpy() == code) if code >= 0 else np.zeros(0, np.int64)
        else:
            rows = np.flatnonzero((kinds == kind).to_numpy(dtype=bool))
        rows = rows.copy()  # an array of its own, read-only: remembered, see `_rows_at`
        rows.flags.writeable = False
        return rows

    return _fact(mentions, ("kind", kind), compute)


def _rows_at(table: np.ndarray, at: np.ndarray) -> np.ndarray:
    """``table[at]``, remembered (as int32) while both arrays live when `at` is a read-only array of
    its own (the rows `kind_rows` remembers): counts of one kind then skip a pass over the frame."""
    if at.flags.writeable or at.base is not None or len(table) >= 2**31:
        return table[at]
    hit = _FACTS.get((id(at), ("at", id(table))))
    if hit is not None and hit[0]() is at and hit[1][0]() is table:
        return hit[1][1]
    found = table[at].astype(np.int32)
    _FACTS[(id(at), ("at", id(table)))] = (weakref.ref(at), (weakref.ref(table), found))
    for owner in (at, table):
        weakref.finalize(owner, _FACTS.pop, (id(at), ("at", id(table))), None)
    return found


def _postings(mentions: pd.DataFrame, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """The rows of one kind of mention grouped by key code (ascending within a key), and where each
    key code's rows start (code c: ``rows[starts[c + 1]:starts[c + 2]]``; code -1, no key, first)."""

    def compute() -> tuple[np.ndarray, np.ndarray]:
        rows = kind_rows(mentions, kind)
        column = mentions["key"]
        codes = column.cat.codes.to_numpy()[rows]
        order = np.argsort(codes, kind="stable")
        starts = np.searchsorted(codes[order], np.arange(-1, len(column.cat.categories) + 1))
        grouped = rows[order]
        grouped.flags.writeable = False  # handed out in pieces (`key_rows`): nobody may change it
        return grouped, starts

    return _fact(mentions, ("postings", kind), compute)


def key_rows(mentions: pd.DataFrame, kind: str, keys) -> np.ndarray:
    """The row numbers (ascending) of the mentions of `kind` whose key is one of `keys`.

    With categorical keys the rows of each key are looked up (grouped once per frame), so a filter
    on one country reads that country's rows only.
    """
    column = mentions["key"]
    if isinstance(column.dtype, pd.CategoricalDtype):
        wanted = np.flatnonzero(column.cat.categories.isin(list(keys)))
        rows, starts = _postings(mentions, kind)
        found = [rows[starts[c + 1] : starts[c + 2]] for c in wanted]
        if len(found) == 1:
            return found[0]
        return np.sort(np.concatenate(found)) if found else rows[:0]
    rows = kind_rows(mentions, kind)
    return rows[rows_in(column.take(rows), keys)]


def articles_with(corpus: Corpus, kind: str, keys) -> np.ndarray:
    """The article rows (ascending, distinct) with a mention of `kind` whose key is one of `keys`.

    Worked out once per key while the articles and mentions frames live (a dashboard filters on
    the same countries again and again).
    """
    articles, mentions = corpus.articles, corpus.mentions
    found = []
    for key in dict.fromkeys(keys):
        column = f"article_id|{kind}|{key}"
        rows = _recall(articles, mentions, column)
        if rows is None:
            rows = np.unique(article_positions(corpus, "mentions")[key_rows(mentions, kind, [key])])
            rows = _remember(articles, mentions, column, rows[rows >= 0])
        found.append(rows)
    if len(found) == 1:
        return found[0]
    return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)


def _keys(column: pd.Series) -> tuple[pd.Index, np.ndarray]:
    """The distinct values of `column` and, for each row, the number of its value (-1: missing).

    A categorical column already is this (its categories and codes): no string is hashed.
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.categories, column.cat.codes.to_numpy()
    codes, uniques = pd.factorize(column)
    return pd.Index(uniques), codes


def positions(anchor: pd.DataFrame, frame: pd.DataFrame, column: str) -> np.ndarray:
    """For each row of `frame`, the row number in `anchor` with the same `column` value (-1: none).

    ``positions(articles, mentions, "article_id")`` links every mention to its article row
    by integer, so later masks and joins are array lookups instead of string hashing. Only
    the distinct values are matched (the categories, for categorical ids).
    """
    found = _recall(anchor, frame, column)
    if found is not None:
        return found
    anchor_keys, anchor_codes = _keys(anchor[column])
    first_row = np.full(len(anchor_keys), -1, dtype=np.int64)
    valid = np.flatnonzero(anchor_codes >= 0)
    first_row[anchor_codes[valid[::-1]]] = valid[::-1]  # the first row wins for repeated values
    frame_keys, frame_codes = _keys(frame[column])
    if anchor_keys.dtype != frame_keys.dtype:
        anchor_keys, frame_keys = anchor_keys.astype(object), frame_keys.astype(object)
    where = anchor_keys.get_indexer(frame_keys)  # both sides distinct: a plain hash lookup
    row_of_key = np.append(np.append(first_row, -1)[where], -1)  # -1 (absent, NA) reads -1
    return _remember(anchor, frame, column, row_of_key[frame_codes])


def article_positions(corpus: Corpus, name: str) -> np.ndarray:
    """The article row (in ``corpus.articles``) of every row of frame `name` (-1: not there)."""
    if name == "articles":
        return np.arange(frame_length(corpus, "articles"), dtype=np.int64)
    return positions(corpus.articles, getattr(corpus, name), "article_id")


def quote_positions(corpus: Corpus) -> np.ndarray:
    """The quote row (in ``corpus.quotes``) enclosing every mention (-1: outside any kept quote)."""
    return positions(corpus.quotes, corpus.mentions, "quote_id")


def _lookup(mask: np.ndarray, where: np.ndarray) -> np.ndarray:
    """mask[where] with -1 (no such row) reading False."""
    return np.append(mask, False)[where]


def _renumber(kept: np.ndarray) -> np.ndarray:
    """Old row number -> new row number after keeping `kept` (-1 for dropped; index -1 gives -1)."""
    table = np.full(len(kept) + 1, -1, dtype=np.int64)
    table[np.flatnonzero(kept)] = np.arange(int(kept.sum()), dtype=np.int64)
    return table


def _unknown(param: str, value, choices: Iterable[str], extra: str = "") -> FilterValueError:
    choices = sorted({str(c) for c in choices if isinstance(c, str) and c})
    lowered = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(str(value).lower(), list(lowered), n=5, cutoff=0.5)
    hint = f"; did you mean {', '.join(repr(lowered[c]) for c in close)}?" if close else ""
    if not close and choices:
        hint = f"; values present include {', '.join(repr(c) for c in choices[:8])}"
    if not choices:
        hint = "; this corpus has none"
    return FilterValueError(f"`{param}`={value!r} does not occur in this corpus{extra}{hint}")


def _resolve_exact(param: str, values: tuple, present: pd.Series) -> tuple[str, ...]:
    """Match values case-insensitively against the distinct values of a column."""
    distinct = pd.unique(present.dropna())
    by_lower = {str(v).lower(): v for v in distinct}
    resolved = []
    for value in values:
        hit = by_lower.get(str(value).strip().lower())
        if hit is None:
            raise _unknown(param, value, distinct)
        resolved.append(hit)
    return tuple(dict.fromkeys(resolved))


def _resolve_speakers(values: tuple, quotes: pd.Series) -> tuple[str, ...]:
    """Full names case-insensitively, or a surname that names exactly one quoted speaker."""
    distinct = [s for s in pd.unique(quotes.dropna()) if isinstance(s, str)]
    by_lower = {s.lower(): s for s in distinct}
    resolved = []
    for value in values:
        key = str(value).strip().lower()
        if key in by_lower:
            resolved.append(by_lower[key])
            continue
        by_surname = [s for s in distinct if s.lower().split()[-1] == key]
        if len(by_surname) == 1:
            resolved.append(by_surname[0])
        elif by_surname:
            raise FilterValueError(f"`speaker`={value!r} is ambiguous: {', '.join(sorted(by_surname))}")
        else:
            surnames = {s.split()[-1].lower(): s for s in distinct}
            close = difflib.get_close_matches(
                key.split()[-1] if key else key, list(surnames), n=5, cutoff=0.6
            )
            if close:
                names = ", ".join(repr(surnames[c]) for c in close)
                raise FilterValueError(
                    f"`speaker`={value!r} is not quoted in this corpus; did you mean {names}?"
                )
            raise _unknown("speaker", value, distinct)
    return tuple(dict.fromkeys(resolved))


def keys_of(mentions: pd.DataFrame, kind: str) -> list:
    """The distinct keys of the mentions of one kind (worked out once per frame)."""

    def compute() -> list:
        rows = kind_rows(mentions, kind)
        keys = mentions["key"]
        if isinstance(keys.dtype, pd.CategoricalDtype):  # count codes instead of hashing values
            codes = keys.cat.codes.to_numpy()[rows]
            used = np.bincount(codes[codes >= 0], minlength=len(keys.cat.categories)) > 0
            return list(keys.cat.categories[used])
        return [k for k in pd.unique(keys.take(rows).dropna())]

    return list(_fact(mentions, ("keys", kind), compute))


def resolve_countries(values, mentions: pd.DataFrame) -> tuple[str, ...]:
    """ISO3 codes for `values` given as codes or names ("IRN", "iran", "Islamic Republic of Iran")."""
    keys = keys_of(mentions, "country")
    by_code = {str(k).upper(): k for k in keys}
    by_name: dict[str, str] | None = None
    resolved = []
    for value in _as_tuple(values):
        text = str(value).strip()
        key = by_code.get(text.upper())
        if key is None:
            if by_name is None:  # names only when a value is not a code: labels cost a pass over mentions
                by_name = {
                    str(label).lower(): k for k, label in key_labels(mentions, "country", keys).items()
                }
                by_name.update({country_name(str(k)).lower(): k for k in keys})
            key = by_name.get(text.lower())
        if key is None:
            key = _pycountry_code(text)
            if key is not None and key not in by_code.values():
                is_country = (mentions["kind"] == "country").to_numpy(dtype=bool)
                sizes = mentions["key"][is_country].value_counts()
                common = sizes[sizes > 0].index[:8]
                present = ", ".join(f"{country_name(str(k))} ({k})" for k in common)
                raise FilterValueError(
                    f"`country`={value!r} ({country_name(key)}, {key}) is not mentioned in this corpus"
                    + (f"; the most mentioned are {present}" if present else "")
                )
        if key is None:
            raise _unknown(
                "country",
                value,
                [country_name(str(k)) for k in keys] + list(by_code),
                " (give an ISO3 code like 'IRN' or a name like 'Iran')",
            )
        resolved.append(key)
    return tuple(dict.fromkeys(resolved))


def _pycountry_code(text: str) -> str | None:
    import pycountry

    try:
        if len(text) in (2, 3) and text.isalpha():
            found = pycountry.countries.get(**{f"alpha_{len(text)}": text.upper()})
            if found is not None:
                return found.alpha_3
        return pycountry.countries.lookup(text).alpha_3
    except LookupError:
        return None


def _resolve_themes(values: tuple, mentions: pd.DataFrame) -> tuple[str, ...]:
    """Theme ids for `values` given as ids or labels, ignoring case."""
    keys = keys_of(mentions, "theme")
    by_lower = {str(k).lower(): k for k in keys}
    labels: dict | None = None
    resolved = []
    for value in values:
        wanted = str(value).strip().lower()
        if wanted not in by_lower and labels is None:
            labels = key_labels(mentions, "theme", keys)
            by_lower.update({str(label).lower(): k for k, label in labels.items()})
        key = by_lower.get(wanted)
        if key is None:
            raise _unknown("theme", value, [str(k) for k in keys] + [str(v) for v in (labels or {}).values()])
        resolved.append(key)
    return tuple(dict.fromkeys(resolved))


def _timestamp(param: str, value, like: pd.Series) -> pd.Timestamp:
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise FilterValueError(f"`{param}`={value!r} is not a date (use e.g. '2022-11-01')") from exc
    if pd.isna(stamp):
        raise FilterValueError(f"`{param}`={value!r} is not a date (use e.g. '2022-11-01')")
    tz = getattr(like.dtype, "tz", None)
    if tz is not None and stamp.tzinfo is None:
        stamp = stamp.tz_localize(tz)
    elif tz is None and stamp.tzinfo is not None:
        stamp = stamp.tz_convert(None)
    return stamp


def phrase_pattern(phrases) -> str:
    """A regex matching any of `phrases` as whole words, any whitespace between words.

    Word boundaries are ``\\b`` (not look-arounds) so that pyarrow's RE2 engine can run it; they
    are put only on a side that ends in an ASCII word character, where RE2 and Python agree.
    """
    import re

    parts = []
    for phrase in _as_tuple(phrases):
        words = str(phrase).split()
        if not words:
            continue
        body = r"\s+".join(re.escape(w) for w in words)
        head = r"\b" if re.match(r"[A-Za-z0-9_]", words[0]) else ""
        tail = r"\b" if re.search(r"[A-Za-z0-9_]$", words[-1]) else ""
        parts.append(head + body + tail)
    return "|".join(parts)


def text_contains(values: pd.Series, pattern: str) -> np.ndarray:
    """Which rows of a text column match `pattern`, ignoring case (missing text: False).

    A categorical column is searched once per distinct text, then looked up by code.
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        found = text_contains(pd.Series(values.cat.categories), pattern)
        return np.append(found, False)[values.cat.codes.to_numpy()]
    return values.str.contains(pattern, case=False, regex=True, na=False).to_numpy(dtype=bool)


def _text_mask(articles: pd.DataFrame, phrases: tuple[str, ...]) -> np.ndarray:
    """Articles whose headline or body contains any phrase as whole words, ignoring case."""
    pattern = phrase_pattern(phrases)
    if not pattern:
        return np.ones(len(articles), dtype=bool)
    mask = np.zeros(len(articles), dtype=bool)
    for column in ("headline", "text"):
        if column in articles:
            mask |= text_contains(articles[column], pattern)
    return mask


def _slice_speakers(speakers: pd.DataFrame, speaker: pd.Series, article_of_quote: np.ndarray) -> pd.DataFrame:
    """The speakers of the kept quotes (`speaker`: their speaker column), with n_quotes and n_articles
    recounted there."""
    names, codes = _keys(speaker)
    quoted = codes >= 0
    n_quotes = np.bincount(codes[quoted], minlength=len(names))
    pairs = pd.unique(codes[quoted].astype(np.int64) * (len(article_of_quote) + 1) + article_of_quote[quoted])
    n_articles = np.bincount(pairs // (len(article_of_quote) + 1), minlength=len(names))
    counted = pd.DataFrame(
        {"speaker": np.asarray(names, dtype=object), "n_quotes": n_quotes, "n_articles": n_articles}
    )
    counted = counted[counted["n_quotes"] > 0]
    info = speakers.drop(columns=["n_quotes", "n_articles"], errors="ignore")
    info = info[rows_in(info["speaker"], counted["speaker"])].astype({"speaker": object})
    kept = counted.merge(info, on="speaker", how="left")
    kept["roles"] = [
        r if isinstance(r, list) else [] for r in kept.get("roles", pd.Series([None] * len(kept)))
    ]
    columns = [c for c in speakers.columns if c in kept.columns] or list(kept.columns)
    kept = kept[columns].astype({"n_quotes": "int64", "n_articles": "int64"})
    return kept.sort_values(["n_quotes", "speaker"], ascending=[False, True], ignore_index=True)


def filter_corpus(
    corpus: Corpus,
    *,
    speaker=None,
    country=None,
    theme=None,
    publication=None,
    since=None,
    until=None,
    text=None,
    in_quotes: bool = False,
) -> Corpus:
    """A new Corpus holding only what matches; the given corpus is not changed.

    Each criterion takes one value or a list (any of them matches). `since`/`until` are
    inclusive dates (``until="2022-11-30"`` keeps the whole of that day); articles without a
    date are dropped when either is given. `text` matches whole words or phrases in headline
    or body, ignoring case. Country accepts ISO3 codes or names ("IRN", "Iran"); theme accepts
    ids or labels; speaker accepts a full name or an unambiguous surname. A value that does not
    occur raises `FilterValueError` naming the nearest values that do.
    """
    articles, quotes, mentions = corpus.articles, corpus.quotes, corpus.mentions
    applied: list[tuple[str, tuple]] = []
    keep = np.ones(len(articles), dtype=bool)

    publications = _as_tuple(publication)
    if publications:
        publications = _resolve_exact("publication", publications, articles["publication"])
        keep &= rows_in(articles["publication"], publications)
        applied.append(("publication", publications))
    dates = articles["date"]
    if since is not None:
        start = _timestamp("since", since, dates)
        keep &= (dates >= start).fillna(False).to_numpy(dtype=bool)
        applied.append(("since", (start.date().isoformat(),)))
    if until is not None:
        end = _timestamp("until", until, dates)
        is_day = end == end.normalize()
        keep &= (
            ((dates < end + pd.Timedelta(days=1)) if is_day else (dates <= end))
            .fillna(False)
            .to_numpy(dtype=bool)
        )
        applied.append(("until", (end.date().isoformat(),)))
    phrases = tuple(str(p) for p in _as_tuple(text))
    if phrases:
        keep &= _text_mask(articles, phrases)
        applied.append(("text", phrases))

    speakers = _as_tuple(speaker)
    article_of_quote = article_positions(corpus, "quotes")
    article_of_mention = article_positions(corpus, "mentions")
    quote_mask = None
    if speakers:
        speakers = _resolve_speakers(speakers, quotes["speaker"])
        quote_mask = rows_in(quotes["speaker"], speakers)
        keep &= _has_any(len(articles), article_of_quote[quote_mask])
        applied.append(("speaker", speakers))

    mention_mask = None
    quote_of_mention = None
    if in_quotes:
        quote_of_mention = quote_positions(corpus)
        kept_quotes = np.ones(len(quotes), dtype=bool) if quote_mask is None else quote_mask
        mention_mask = _lookup(kept_quotes, quote_of_mention)

    for param, values, resolve in (
        ("country", country, resolve_countries),
        ("theme", theme, _resolve_themes),
    ):
        values = _as_tuple(values)
        if not values:
            continue
        values = resolve(values, mentions)
        if mention_mask is None:
            keep &= _has_any(len(articles), articles_with(corpus, param, values))
        else:
            hits = key_rows(mentions, param, values)
            keep &= _has_any(len(articles), article_of_mention[hits[mention_mask[hits]]])
        applied.append((param, values))
    if in_quotes:
        applied.append(("in_quotes", (True,)))

    if not applied:
        return corpus
    order = {k: i for i, k in enumerate(FILTER_KEYS)}
    filters = tuple(sorted(tuple(corpus.filters) + tuple(applied), key=lambda f: order.get(f[0], len(order))))
    return _slice(corpus, keep, quote_mask, mention_mask, filters)


def _has_any(n: int, rows: np.ndarray) -> np.ndarray:
    """A mask of `n` rows, True at the given row numbers (negative ones ignored)."""
    mask = np.zeros(n, dtype=bool)
    mask[rows[rows >= 0]] = True
    return mask


#: The frames a slice cuts only when they are first read.
LAZY_FRAMES = ("articles", "quotes", "mentions", "sentences", "speakers")


class _Slice(Corpus):
    """A Corpus cut from another: every frame cut when first read.

    Reading ``slice.mentions`` cuts the parent's mentions to the kept rows then (and keeps
    the result), so to every reader the frames are ordinary DataFrames and the slice is as
    immutable as any Corpus. Until then `source`, `article_column` and `frame_length` let the
    counting, the chart subtitles and the dashboard read the parent's frames through the kept
    rows, so a filter followed by counts and a chart copies no mention row and no article text.
    Pickling or copying gives a plain Corpus with every frame cut.
    """

    def __getattr__(self, name: str):
        pending = self.__dict__.get("_pending")
        if pending is None or name not in LAZY_FRAMES:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return _cut(self, name, pending)

    def __len__(self) -> int:
        return frame_length(self, "articles")

    def __repr__(self) -> str:
        sizes = {name: frame_length(self, name) for name in ("articles", "quotes", "mentions")}
        return (f"<Corpus: {sizes['articles']} articles, {sizes['quotes']} quotes, "
                f"{sizes['mentions']} mentions, {len(self.report)} files>")

    def __reduce__(self):
        return Corpus, tuple(getattr(self, f.name) for f in dataclasses.fields(Corpus))


def _cut(sliced: _Slice, name: str, pending: dict) -> pd.DataFrame:
    """Cut frame `name` of a slice from its parent, keep it, and hand on its row positions."""
    parent = pending["parent"]
    done = sliced.__dict__
    if name == "speakers":
        q_keep = _kept_rows(pending, "quotes")
        frame = _slice_speakers(
            parent.speakers, parent.quotes["speaker"][q_keep], _parent_articles(pending, "quotes")[q_keep]
        )
    else:
        kept = _kept_rows(pending, name)
        frame = getattr(parent, name)[kept]
        if name != "articles":
            # each row's article: remembered against the slice's articles once those are cut
            pending["linked"].append((frame, _parent_articles(pending, name)[kept]))
    object.__setattr__(sliced, name, frame)
    if "articles" in done:
        for linked, rows in pending["linked"]:
            _remember(done["articles"], linked, "article_id", rows)
        pending["linked"] = []
    if name in ("quotes", "mentions") and "quotes" in done and "mentions" in done:
        quote_rows = quote_positions(parent)[_kept_rows(pending, "mentions")]
        kept = _renumber(_kept_rows(pending, "quotes"))[quote_rows]
        _remember(done["quotes"], done["mentions"], "quote_id", kept)
    if all(frame_name in done for frame_name in LAZY_FRAMES):
        object.__setattr__(sliced, "_pending", None)  # every frame cut: let the parent go
    return frame


def _parent_articles(pending: dict, name: str) -> np.ndarray:
    """For each row of the parent's frame `name`, the row of its article in the slice (-1: dropped)."""
    found = pending["article"].get(name)
    if found is None:
        found = pending["article"][name] = pending["renumber"][article_positions(pending["parent"], name)]
    return found


def _kept_rows(pending: dict, name: str) -> np.ndarray:
    """Which rows of the parent's frame `name` the slice keeps (worked out when first asked)."""
    rows = pending["rows"]
    if name not in rows:
        if name == "articles":
            rows[name] = pending["keep"]
        else:
            kept = _lookup(pending["keep"], article_positions(pending["parent"], name))
            extra = pending["extra"].get(name)
            rows[name] = kept if extra is None else kept & extra
    return rows[name]


def _kept_at(pending: dict, name: str, at: np.ndarray) -> np.ndarray:
    """`_kept_rows` at the parent rows `at` only (no pass over the whole frame)."""
    if name in pending["rows"]:
        return pending["rows"][name][at]
    kept = np.append(pending["keep"], False)[article_positions(pending["parent"], name)[at]]
    extra = pending["extra"].get(name)
    return kept if extra is None else kept & extra[at]


def _pending_frame(corpus: Corpus, name: str) -> dict | None:
    pending = corpus.__dict__.get("_pending")
    return pending if pending is not None and name not in corpus.__dict__ else None


def frame_length(corpus: Corpus, name: str) -> int:
    """The number of rows of frame `name` of `corpus`, without cutting a slice's frame to count them."""
    pending = _pending_frame(corpus, name)
    if pending is None or name == "speakers":
        return len(getattr(corpus, name))
    return int(np.count_nonzero(_kept_rows(pending, name)))


def article_column(corpus: Corpus, column: str) -> pd.Series | None:
    """Column `column` of ``corpus.articles`` (None when there is no such column), read without
    cutting a slice's articles (their text above all) when they are not cut yet."""
    pending = _pending_frame(corpus, "articles")
    articles = corpus.articles if pending is None else pending["parent"].articles
    if column not in articles:
        return None
    if pending is None:
        return articles[column]
    if column not in pending["columns"]:  # counts and the chart's subtitle read the same few columns
        pending["columns"][column] = articles[column][pending["keep"]]
    return pending["columns"][column]


class Source:
    """A frame as counting reads it: `frame` (its own, or its parent's when not cut yet), the rows
    of it that belong to the corpus (`rows`; None: all) and each row's article row in
    ``corpus.articles`` (`article`, -1: none). `kept_at` and `article_at` answer the same for
    some rows only (a kind of mention, say) without a pass over the whole frame."""

    __slots__ = ("frame", "_name", "_pending", "_article")

    def __init__(self, frame: pd.DataFrame, name: str, pending: dict | None, article: np.ndarray | None):
        self.frame, self._name, self._pending, self._article = frame, name, pending, article

    @property
    def rows(self) -> np.ndarray | None:
        return None if self._pending is None else _kept_rows(self._pending, self._name)

    @property
    def article(self) -> np.ndarray:
        if self._article is None:
            self._article = _parent_articles(self._pending, self._name)
        return self._article

    def kept_at(self, at: np.ndarray, article: np.ndarray | None = None) -> np.ndarray:
        """Which of the frame rows `at` belong to the corpus (`article`: their `article_at`, if known)."""
        if self._pending is None:
            return np.ones(len(at), dtype=bool)
        if article is None:
            return _kept_at(self._pending, self._name, at)
        kept = article >= 0  # a row of a dropped article reads -1
        extra = self._pending["extra"].get(self._name)
        return kept if extra is None else kept & extra[at]

    def article_at(self, at: np.ndarray, dropped: np.ndarray | None = None) -> np.ndarray:
        """The article row (in ``corpus.articles``) of the frame rows `at` (-1: none, or an article
        marked in `dropped`, a mask over ``corpus.articles``)."""
        if self._pending is None:
            base, table = _rows_at(self.article, at), None
        else:
            base = _rows_at(article_positions(self._pending["parent"], self._name), at)
            table = self._pending["renumber"]
        if dropped is not None:
            if table is None:  # own frame: its article rows are already the corpus's
                table = np.append(np.arange(len(dropped), dtype=np.int32), -1)
            table = np.where(np.append(dropped, True)[table], -1, table)
        return base if table is None else table[base]


def source(corpus: Corpus, name: str) -> Source:
    """Frame `name` of `corpus` for reading without cutting it (see `_Slice`)."""
    pending = _pending_frame(corpus, name)
    if pending is None:
        return Source(getattr(corpus, name), name, None, article_positions(corpus, name))
    # the article numbers of the parent's rows: dropped articles read -1, dropped rows are not in `rows`
    return Source(getattr(pending["parent"], name), name, pending, pending["article"].get(name))


def source_quotes_of_mentions(corpus: Corpus) -> np.ndarray:
    """For each row of ``source(corpus, "mentions").frame``, its quote's row number in
    ``source(corpus, "quotes").frame`` (-1: outside any quote of the corpus)."""
    mentions_pending = _pending_frame(corpus, "mentions")
    quotes_pending = _pending_frame(corpus, "quotes")
    if mentions_pending is not None:
        found = quote_positions(mentions_pending["parent"])
        kept = _kept_rows(mentions_pending, "quotes")
        if quotes_pending is None:  # quotes already cut: renumber to their rows
            return _renumber(kept)[found]
        return np.where(_lookup(kept, found), found, -1)  # a quote the slice dropped (speaker=) is none
    found = quote_positions(corpus)
    if quotes_pending is not None:  # quotes not cut yet: the parent's quote rows
        found = np.append(np.flatnonzero(_kept_rows(quotes_pending, "quotes")), -1)[found]
    return found


def _slice(corpus: Corpus, keep: np.ndarray, quote_mask, mention_mask, filters: tuple) -> Corpus:
    """A slice keeping the articles `keep` (and only the quotes and mentions of the masks, when
    given); every frame is cut when first read. A slice of a slice whose frames are not all cut
    yet is cut from the first one's parent (nothing is cut to take it)."""
    if keep.all() and quote_mask is None and mention_mask is None:  # nothing dropped: share the frames
        return corpus.replace(filters=filters)
    pending = corpus.__dict__.get("_pending")
    if pending is not None and quote_mask is None and mention_mask is None:
        parent = pending["parent"]
        inner = np.zeros(len(pending["keep"]), dtype=bool)
        inner[np.flatnonzero(pending["keep"])[keep]] = True
        return _new_slice(parent, inner, pending["extra"], corpus.report, filters)
    return _new_slice(corpus, keep, {"quotes": quote_mask, "mentions": mention_mask}, corpus.report, filters)


def _new_slice(parent: Corpus, keep: np.ndarray, extra: dict, report: pd.DataFrame, filters: tuple) -> _Slice:
    sliced = object.__new__(_Slice)
    for name, value in (("report", report), ("filters", filters)):
        object.__setattr__(sliced, name, value)
    object.__setattr__(sliced, "_pending", {
        "parent": parent, "keep": keep, "extra": extra, "rows": {}, "linked": [], "columns": {},
        "renumber": _renumber(keep).astype(np.int32), "article": {},
    })
    return sliced


def subset(corpus: Corpus, keep: np.ndarray) -> Corpus:
    """The corpus cut to the articles `keep` (a mask over ``corpus.articles``), filters unchanged.

    Like every slice, its frames are cut when first read (see `_Slice`).
    """
    return _slice(corpus, np.asarray(keep, dtype=bool), None, None, corpus.filters)


def key_articles(corpus: Corpus, kind: str, key) -> np.ndarray:
    """The article row (in ``corpus.articles``) of every mention of `kind` with `key`, read without
    cutting a slice's mentions (one entry per mention, in the mentions' order)."""
    found = source(corpus, "mentions")
    rows = key_rows(found.frame, kind, [key])
    article = found.article_at(rows)
    return article[found.kept_at(rows, article)]


def unique_stories(corpus: Corpus) -> Corpus:
    """The corpus without duplicate articles (non-null ``duplicate_of``) and their quotes and mentions."""
    duplicate_of = article_column(corpus, "duplicate_of")
    if duplicate_of is None or not duplicate_of.notna().any():
        return corpus
    keep = duplicate_of.isna().to_numpy(dtype=bool)
    return _slice(corpus, keep, None, None, corpus.filters)


def format_date(stamp) -> str:
    """'2 Nov 2022' (no leading zero), or '' for a missing date."""
    if stamp is None or pd.isna(stamp):
        return ""
    stamp = pd.Timestamp(stamp)
    return f"{stamp.day} {stamp.strftime('%b %Y')}"


def key_labels(mentions: pd.DataFrame, kind: str, keys) -> dict:
    """The label the annotator gave each of `keys` (of mentions of `kind`): {key: label}."""
    return _first_labels(mentions, key_rows(mentions, kind, list(keys)))


def corpus_key_labels(corpus: Corpus, kind: str, keys) -> dict:
    """`key_labels` of the corpus's mentions, read without cutting a slice's mentions."""
    found = source(corpus, "mentions")
    rows = key_rows(found.frame, kind, list(keys))
    return _first_labels(found.frame, rows[found.kept_at(rows)])


def _first_labels(mentions: pd.DataFrame, rows: np.ndarray) -> dict:
    first = mentions[["key", "label"]].take(rows).drop_duplicates("key")
    return dict(zip(first["key"].astype(object), first["label"].astype(object), strict=True))


def _describe_filter(name: str, values: tuple, corpus: Corpus) -> str:
    if name == "country":
        shown = [country_name(str(v)) for v in values]
    elif name == "theme":
        labels = corpus_key_labels(corpus, "theme", values)
        shown = [str(labels.get(v, v)) for v in values]
    elif name in ("since", "until"):
        return f"{'From' if name == 'since' else 'To'} {format_date(values[0])}"
    elif name == "text":
        shown = [f"\u201c{v}\u201d" for v in values]
    elif name == "in_quotes":
        return "Mentions inside quotes"
    else:
        shown = [str(v) for v in values]
    return f"{name.capitalize()}: {' or '.join(shown)}"


def describe_slice(corpus: Corpus, *, unique: bool = True) -> str:
    """One line for a chart subtitle: the filters, the article count and the date span.

    ``"Country: Iran · Theme: Energy · 42 articles, 2 Nov 2022 – 16 Jan 2023"``; duplicates
    are not counted when `unique` (the default of the counting functions).
    """
    parts = [_describe_filter(name, tuple(values), corpus) for name, values in corpus.filters]
    dates = article_column(corpus, "date")  # only the columns read: no frame copy, no slice cut
    duplicate_of = article_column(corpus, "duplicate_of") if unique else None
    n_articles = len(dates)
    if duplicate_of is not None:
        dates = dates[duplicate_of.isna().to_numpy(dtype=bool)]
    n = len(dates)
    dropped = n_articles - n
    count = f"{n:,} article{'s' if n != 1 else ''}"
    if dropped:
        count += f" ({dropped:,} duplicate{'s' if dropped != 1 else ''} left out)"
    dates = dates.dropna()
    if len(dates):
        first, last = format_date(dates.min()), format_date(dates.max())
        count += f", {first}" if first == last else f", {first} \u2013 {last}"
    return " \u00b7 ".join(parts or ["All articles"]) + " \u00b7 " + count


def describe_sources(corpus: Corpus, *, max_names: int = 4) -> str:
    """The source line: the outlets of the slice, most articles first ("Source: A, B and 3 other outlets")."""
    outlets = article_column(corpus, "publication")
    sizes = outlets.groupby(outlets, observed=True, sort=False).size()  # per distinct outlet, NA left out
    sizes = {str(k).strip(): int(v) for k, v in sizes.items() if v > 0 and str(k).strip()}
    names = sorted(sizes, key=lambda name: (-sizes[name], name))
    if not names:
        return "Source: news articles (outlet unknown)"
    if len(names) <= max_names:
        shown = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    else:
        rest = len(names) - max_names
        shown = ", ".join(names[:max_names]) + f" and {rest} other outlet{'s' if rest > 1 else ''}"
    return f"Source: {shown}"
