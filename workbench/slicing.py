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

Mentions of the kept articles are all kept (so theme counts of Iran articles work); with a
speaker filter, a kept mention may still point (``quote_id``) at another speaker's quote.
The speakers frame keeps each speaker's roles and affiliation from the whole corpus and
recounts ``n_quotes`` and ``n_articles`` within the slice.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

from .corpus import Corpus

__all__ = [
    "filter_corpus", "FILTER_KEYS", "FilterValueError", "rows_in", "country_name", "resolve_countries",
    "unique_stories", "describe_slice", "describe_sources", "format_date",
]

#: The criteria `filter_corpus` accepts, in the order they are reported in `Corpus.filters`.
FILTER_KEYS = ("speaker", "country", "theme", "publication", "since", "until", "text", "in_quotes")


class FilterValueError(ValueError):
    """A filter value that does not occur in the corpus (the message suggests the nearest ones)."""


@lru_cache(maxsize=4096)
def country_name(iso3: str) -> str:
    """The everyday English name of a country code ("IRN" -> "Iran"); the code itself when unknown."""
    try:
        from .extract.countries import country_name as gazetteer_name
    except ImportError:
        gazetteer_name = None
    if gazetteer_name is not None:
        try:
            name = gazetteer_name(iso3)
        except (KeyError, ValueError, LookupError):
            name = None
        if name:
            return name
    import pycountry

    found = pycountry.countries.get(alpha_3=str(iso3).upper())
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
    """Boolean mask: which rows of `column` hold one of `values`. Fast on categorical columns."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        lookup = column.cat.categories.isin(values)
        codes = column.cat.codes.to_numpy()
        return np.where(codes >= 0, lookup[codes], False)
    return column.isin(values).to_numpy(dtype=bool, copy=True)


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
            close = difflib.get_close_matches(key.split()[-1] if key else key, list(surnames), n=5, cutoff=0.6)
            if close:
                names = ", ".join(repr(surnames[c]) for c in close)
                raise FilterValueError(f"`speaker`={value!r} is not quoted in this corpus; did you mean {names}?")
            raise _unknown("speaker", value, distinct)
    return tuple(dict.fromkeys(resolved))


def resolve_countries(values, mentions: pd.DataFrame) -> tuple[str, ...]:
    """ISO3 codes for `values` given as codes or names ("IRN", "iran", "Islamic Republic of Iran")."""
    countries = mentions[mentions["kind"] == "country"]
    keys = pd.unique(countries["key"].dropna())
    by_code = {str(k).upper(): k for k in keys}
    by_name = {}
    for key, label in countries[["key", "label"]].drop_duplicates("key").itertuples(index=False):
        by_name[str(label).lower()] = key
        by_name[country_name(str(key)).lower()] = key
    resolved = []
    for value in _as_tuple(values):
        text = str(value).strip()
        key = by_code.get(text.upper()) or by_name.get(text.lower())
        if key is None:
            key = _pycountry_code(text)
            if key is not None and key not in by_code.values():
                common = countries.groupby("key", observed=True).size().sort_values(ascending=False).index[:8]
                present = ", ".join(f"{country_name(str(k))} ({k})" for k in common)
                raise FilterValueError(
                    f"`country`={value!r} ({country_name(key)}, {key}) is not mentioned in this corpus"
                    + (f"; the most mentioned are {present}" if present else "")
                )
        if key is None:
            raise _unknown("country", value, [country_name(str(k)) for k in keys] + list(by_code),
                           " (give an ISO3 code like 'IRN' or a name like 'Iran')")
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
    themes = mentions[mentions["kind"] == "theme"]
    pairs = themes[["key", "label"]].drop_duplicates("key")
    by_lower = {str(k).lower(): k for k in pairs["key"]}
    by_lower.update({str(label).lower(): k for k, label in pairs.itertuples(index=False)})
    resolved = []
    for value in values:
        key = by_lower.get(str(value).strip().lower())
        if key is None:
            raise _unknown("theme", value, list(pairs["key"]) + list(pairs["label"].astype(str)))
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


def _text_mask(articles: pd.DataFrame, phrases: tuple[str, ...]) -> np.ndarray:
    """Articles whose headline or body contains any phrase as whole words, ignoring case."""
    import re

    words = [r"\s+".join(re.escape(w) for w in str(p).split()) for p in phrases if str(p).strip()]
    if not words:
        return np.ones(len(articles), dtype=bool)
    pattern = r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)"
    mask = np.zeros(len(articles), dtype=bool)
    for column in ("headline", "text"):
        if column in articles:
            mask |= articles[column].astype("string").str.contains(pattern, case=False, regex=True, na=False)\
                .to_numpy(dtype=bool)
    return mask


def _slice_speakers(speakers: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """The speakers quoted in `quotes`, with n_quotes and n_articles recounted there."""
    quoted = quotes.dropna(subset=["speaker"])
    n_quotes = quoted.groupby("speaker", observed=True, sort=False).size()
    n_articles = quoted.drop_duplicates(["speaker", "article_id"]).groupby("speaker", observed=True, sort=False).size()
    n_quotes.index = n_quotes.index.astype(str)
    n_articles.index = n_articles.index.astype(str)
    kept = speakers[rows_in(speakers["speaker"], n_quotes.index)]
    kept = kept.assign(
        n_quotes=kept["speaker"].map(n_quotes).astype("int64"),
        n_articles=kept["speaker"].map(n_articles).astype("int64"),
    )
    missing = n_quotes.index.difference(pd.Index(kept["speaker"]))
    if len(missing):  # quoted but absent from the speakers frame: add bare rows
        extra = pd.DataFrame({"speaker": missing, "roles": [[] for _ in missing], "affiliation": None,
                              "n_quotes": n_quotes[missing].to_numpy(), "n_articles": n_articles[missing].to_numpy()})
        kept = pd.concat([kept, extra[kept.columns]], ignore_index=True)
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
        keep &= ((dates < end + pd.Timedelta(days=1)) if is_day else (dates <= end)).fillna(False)\
            .to_numpy(dtype=bool)
        applied.append(("until", (end.date().isoformat(),)))
    phrases = tuple(str(p) for p in _as_tuple(text))
    if phrases:
        keep &= _text_mask(articles, phrases)
        applied.append(("text", phrases))

    speakers = _as_tuple(speaker)
    quote_mask = None
    if speakers:
        speakers = _resolve_speakers(speakers, quotes["speaker"])
        quote_mask = rows_in(quotes["speaker"], speakers)
        keep &= rows_in(articles["article_id"], pd.unique(quotes["article_id"][quote_mask]))
        applied.append(("speaker", speakers))

    mention_mask = None
    if in_quotes:
        quote_ids = quotes["quote_id"] if quote_mask is None else quotes["quote_id"][quote_mask]
        mention_mask = rows_in(mentions["quote_id"], pd.unique(quote_ids.dropna()))

    for param, values, resolve in (("country", country, resolve_countries), ("theme", theme, _resolve_themes)):
        values = _as_tuple(values)
        if not values:
            continue
        values = resolve(values, mentions)
        hits = (mentions["kind"] == param).to_numpy(dtype=bool) & rows_in(mentions["key"], values)
        if mention_mask is not None:
            hits &= mention_mask
        keep &= rows_in(articles["article_id"], pd.unique(mentions["article_id"][hits]))
        applied.append((param, values))
    if in_quotes:
        applied.append(("in_quotes", (True,)))

    if not applied:
        return corpus
    kept_articles = articles[keep]
    ids = kept_articles["article_id"]
    q_keep = rows_in(quotes["article_id"], ids)
    if quote_mask is not None:
        q_keep &= quote_mask
    m_keep = rows_in(mentions["article_id"], ids)
    if mention_mask is not None:
        m_keep &= mention_mask
    new_quotes = quotes[q_keep]
    order = {k: i for i, k in enumerate(FILTER_KEYS)}
    filters = tuple(sorted(tuple(corpus.filters) + tuple(applied), key=lambda f: order.get(f[0], len(order))))
    return corpus.replace(
        articles=kept_articles,
        quotes=new_quotes,
        mentions=mentions[m_keep],
        sentences=corpus.sentences[rows_in(corpus.sentences["article_id"], ids)],
        speakers=_slice_speakers(corpus.speakers, new_quotes),
        filters=filters,
    )


def unique_stories(corpus: Corpus) -> Corpus:
    """The corpus without duplicate articles (non-null ``duplicate_of``) and their quotes and mentions."""
    articles = corpus.articles
    if "duplicate_of" not in articles or not articles["duplicate_of"].notna().any():
        return corpus
    is_dup = articles["duplicate_of"].notna().to_numpy(dtype=bool)
    dup_ids = articles["article_id"][is_dup]
    return corpus.replace(
        articles=articles[~is_dup],
        quotes=corpus.quotes[~rows_in(corpus.quotes["article_id"], dup_ids)],
        mentions=corpus.mentions[~rows_in(corpus.mentions["article_id"], dup_ids)],
        sentences=corpus.sentences[~rows_in(corpus.sentences["article_id"], dup_ids)],
    )


def format_date(stamp) -> str:
    """'2 Nov 2022' (no leading zero), or '' for a missing date."""
    if stamp is None or pd.isna(stamp):
        return ""
    stamp = pd.Timestamp(stamp)
    return f"{stamp.day} {stamp.strftime('%b %Y')}"


def _theme_labels(corpus: Corpus) -> dict:
    themes = corpus.mentions[corpus.mentions["kind"] == "theme"]
    return dict(themes[["key", "label"]].drop_duplicates("key").itertuples(index=False))


def _describe_filter(name: str, values: tuple, corpus: Corpus) -> str:
    if name == "country":
        shown = [country_name(str(v)) for v in values]
    elif name == "theme":
        labels = _theme_labels(corpus)
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
    base = unique_stories(corpus) if unique else corpus
    n = len(base.articles)
    dropped = len(corpus.articles) - n
    count = f"{n:,} article{'s' if n != 1 else ''}" + (f" ({dropped:,} duplicate{'s' if dropped != 1 else ''} left out)" if dropped else "")
    dates = base.articles["date"].dropna() if n else pd.Series([], dtype="datetime64[ns]")
    if len(dates):
        first, last = format_date(dates.min()), format_date(dates.max())
        count += f", {first}" if first == last else f", {first} \u2013 {last}"
    return " \u00b7 ".join(parts or ["All articles"]) + " \u00b7 " + count


def describe_sources(corpus: Corpus, *, max_names: int = 4) -> str:
    """The source line: the outlets of the slice, most articles first ("Source: A, B and 3 other outlets")."""
    outlets = corpus.articles["publication"].dropna().astype(str)
    names = outlets[outlets.str.strip() != ""].value_counts().index.tolist()
    if not names:
        return "Source: news articles (outlet unknown)"
    if len(names) <= max_names:
        shown = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    else:
        rest = len(names) - max_names
        shown = ", ".join(names[:max_names]) + f" and {rest} other outlet{'s' if rest > 1 else ''}"
    return f"Source: {shown}"
