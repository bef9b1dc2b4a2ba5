"""Turn reader records into the normalised `articles` frame.

Loading normalises once, here, at the boundary: ids, dates, authors, word counts and
headline forms. Everything after it can trust the frame.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import PurePath

import pandas as pd

from .corpus import ARTICLE_COLUMNS

__all__ = ["articles_frame", "article_id", "title_case", "without_surrogates"]

_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or over per the to up via vs with".split()
)
_KEEP_UPPER = re.compile(r"^(?:[A-Z]\.){2,}$|^(?:[A-Z]{2,5}\+?)$")  # U.S., U.K., NATO, UN, OPEC+
_ACRONYMS = frozenset(
    "UN US UK EU NATO OPEC OPEC+ IMF WHO UAE USA USSR CIA FBI NSA BBC CNN AP AFP G7 G20 ICC IAEA "
    "NGO MP MPS PM CEO GOP".split()
)


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(value):
    """A string with lone surrogates (from undecodable file names or JSON escapes) as U+FFFD.

    One code unit for one, so offsets into the text are unchanged; other values pass through.
    """
    return _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value


def article_id(source: str, index: int, headline: str | None, text: str | None) -> str:
    """A stable id: the same file (by name) and content always give the same id."""
    key = "\x00".join([PurePath(source).name, str(index), headline or "", text or ""])
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def title_case(headline: str | None) -> str | None:
    """'U.S. WARNS OF IRAN, RUSSIA ALLIANCE' -> 'U.S. Warns of Iran, Russia Alliance'.

    Only ALL-CAPS headlines are changed; acronyms and initialisms stay upper-case.
    """
    if not headline or headline != headline.upper() or not any(c.isalpha() for c in headline):
        return headline
    words = headline.split(" ")
    out = []
    for i, word in enumerate(words):
        bare = word.strip("\"'‘’“”`(),:;!?")
        if _KEEP_UPPER.match(bare) and (bare in _ACRONYMS or "." in bare):
            out.append(word)
        elif i > 0 and bare.lower() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in word.split("-")))
    return " ".join(out)


def _authors(value) -> list[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    return [str(a) for a in value if str(a).strip()]


def articles_frame(records: Iterable[dict], *, start_index: int = 0) -> pd.DataFrame:
    """Build the articles frame from reader records (dicts with `records.ARTICLE_FIELDS` keys).

    `start_index` numbers the records within their file so ids stay stable.
    """
    rows = []
    for i, raw in enumerate(records, start=start_index):
        rec = {key: without_surrogates(value) for key, value in raw.items()}
        text = rec.get("text") or ""
        headline = rec.get("headline") or None
        rows.append(
            {
                "article_id": article_id(rec.get("source") or "", i, headline, text),
                "source": rec.get("source"),
                "format": rec.get("format"),
                "publication": rec.get("publication") or None,
                "headline": headline,
                "headline_title": title_case(headline),
                "subheadline": rec.get("subheadline") or None,
                "authors": [without_surrogates(a) for a in _authors(rec.get("authors"))],
                "date": rec.get("date"),
                "language": rec.get("language") or None,
                "publication_country": rec.get("publication_country") or None,
                "url": rec.get("url") or None,
                "text": text,
                "n_words": len(text.split()),
                "duplicate_of": None,
                "metadata": without_surrogates(
                    json.dumps(rec.get("metadata") or {}, ensure_ascii=False, default=str)
                ),
            }
        )
    frame = pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS))
    frame["date"] = pd.to_datetime(frame["date"], errors="coerce", utc=True).dt.tz_localize(None)
    frame["n_words"] = frame["n_words"].astype("int64")
    return frame
