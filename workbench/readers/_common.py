"""Helpers shared by the readers: the record shape, dates, file-name metadata, casing of names.

All pure functions over plain data. Word lists come from ``data/readers.yaml``.
"""

from __future__ import annotations

import functools
import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import yaml

from ..records import ARTICLE_FIELDS

__all__ = [
    "make_record",
    "parse_date",
    "filename_meta",
    "proper_case_name",
    "split_authors",
    "title_case_headline",
    "word_lists",
    "country_code",
    "DATA_DIR",
]

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


@functools.lru_cache(maxsize=1)
def word_lists() -> dict[str, frozenset[str]]:
    """The reader word lists from data/readers.yaml (acronyms upper-cased, others lower-cased)."""
    raw = yaml.safe_load((DATA_DIR / "readers.yaml").read_text(encoding="utf-8")) or {}
    return {
        "small": frozenset(str(w).lower() for w in raw.get("headline_small_words", [])),
        "acronyms": frozenset(str(w).upper() for w in raw.get("headline_acronyms", [])),
        "abbreviations": frozenset(str(w).lower() for w in raw.get("headline_abbreviations", [])),
        "particles": frozenset(str(w).lower() for w in raw.get("name_particles", [])),
    }


def make_record(source: str, fmt: str, **fields) -> dict:
    """An article record with every ARTICLE_FIELDS key (authors a list, metadata a dict)."""
    record = {key: None for key in ARTICLE_FIELDS}
    record.update(source=source, format=fmt, authors=[], metadata={})
    unknown = set(fields) - set(ARTICLE_FIELDS)
    if unknown:
        raise KeyError(f"not article fields: {sorted(unknown)}; valid: {ARTICLE_FIELDS}")
    record.update({k: v for k, v in fields.items() if v is not None})
    return record


# ---------------------------------------------------------------- dates

_ISO = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?\s*$"
)
_SLASH_YMD = re.compile(r"^\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})\s*$")
_REUTERS = re.compile(r"^\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})")
_YEAR = re.compile(r"\d{4}")
_WORDY_FORMATS = (
    "%A, %B %d, %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%A %d %B %Y",
    "%A, %d %B %Y",
    "%b. %d, %Y",
    "%Y%m%d",
)


def _iso(dt: datetime, with_time: bool) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S") if with_time else dt.strftime("%Y-%m-%d")


def parse_date(value) -> str | None:
    """ISO "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS" from the date spellings news files use, else None.

    A time zone is dropped (the local time as written is kept): the calendar day the outlet printed
    is what an analyst counts by.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return _iso(value, bool(value.hour or value.minute or value.second))
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value  # epoch milliseconds or seconds
        try:
            return _iso(datetime.utcfromtimestamp(seconds), True) if 0 < seconds < 4e9 else None
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text:
        return None
    try:
        if m := _ISO.match(text):
            y, mo, d, h, mi, s = m.groups()
            dt = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
            return _iso(dt, h is not None)
        if m := _SLASH_YMD.match(text):
            return _iso(datetime(*map(int, m.groups())), False)
        if m := _REUTERS.match(text):
            d, mon, y, h, mi, s = m.groups()
            dt = datetime.strptime(f"{d} {mon.title()} {y} {h}:{mi}:{s}", "%d %b %Y %H:%M:%S")
            return _iso(dt, True)
    except ValueError:
        return None
    if re.match(r"^[A-Za-z]{3},? \d{1,2} [A-Za-z]{3} \d{4}", text):  # RFC 822 (RSS pubDate)
        try:
            return _iso(parsedate_to_datetime(text).replace(tzinfo=None), True)
        except (TypeError, ValueError):
            pass
    if len(text) > 40 or not _YEAR.search(text):  # every wordy format has a 4-digit year
        return None
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.rstrip(" ."))
    for fmt in _WORDY_FORMATS:
        try:
            return _iso(datetime.strptime(cleaned, fmt), False)
        except ValueError:
            continue
    return None


# ---------------------------------------------------------------- file names

_OUTLET_DATE_SLUG = re.compile(
    r"^(?P<outlet>[A-Za-z][\w.-]*?)_(?P<date>\d{4}-\d{2}-\d{2})(?:_(?P<slug>.*))?$"
)
_ANY_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")


def outlet_name(slug: str) -> str:
    """'capital-observer' -> 'Capital Observer', so a file-name outlet matches the name in its other files.

    One-word slugs ('breitbart', 'nytimes') are kept as written: their spelling cannot be guessed.
    """
    if "-" in slug and slug == slug.lower():
        return " ".join(word.capitalize() for word in slug.split("-") if word)
    return slug


def filename_meta(path: str | Path) -> dict:
    """Outlet, date and slug from names like ``outlet_YYYY-MM-DD_slug.txt``; a bare date anywhere too."""
    stem = Path(path).stem
    if m := _OUTLET_DATE_SLUG.match(stem):
        date = parse_date(m["date"])
        if date:
            return {"outlet": outlet_name(m["outlet"]), "date": date, "slug": m["slug"]}
    if m := _ANY_DATE.search(stem):
        date = parse_date(m[1])
        if date:
            return {"date": date}
    return {}


# ---------------------------------------------------------------- names and headlines

_ROMAN = re.compile(r"^(?:[IVX]+|[IVX]+\.)$")
_VOWEL = re.compile(r"[AEIOUYaeiouy]")


def _case_word(word: str) -> str:
    """One ALL-CAPS name part proper-cased: McDonald, MacLeod, O'Brien, Smith-Jones."""
    if "-" in word:
        return "-".join(_case_word(p) for p in word.split("-"))
    m = re.match(r"^([A-Za-z])['’]([A-Za-z].*)$", word)  # O'Brien, D'Arcy
    if m:
        return m[1].upper() + word[1] + _case_word(m[2])
    low = word.lower()
    if low.startswith("mc") and len(low) > 3:
        return "Mc" + low[2:].capitalize()
    # Mac + consonant (not h/k, which give Machado, Mackey) + at least 4 letters: MacLeod, MacNeil.
    if low.startswith("mac") and len(low) >= 7 and low[3] not in "aeiouhky" and low[3:].isalpha():
        return "Mac" + low[3:].capitalize()
    return low[:1].upper() + low[1:]


def proper_case_name(name: str) -> str:
    """A personal name re-cased when written ALL CAPS (or all lower); mixed case is kept as written."""
    name = " ".join(name.split())
    if not name or (name != name.upper() and name != name.lower()):
        return name
    particles = word_lists()["particles"]
    words = name.split(" ")
    out = []
    for i, word in enumerate(words):
        bare = word.strip(".,").lower()
        if _ROMAN.match(word.upper()) and i > 0:
            out.append(word.upper())
        elif bare in ("jr", "sr"):
            out.append(word.capitalize())
        elif 0 < i < len(words) - 1 and bare in particles:
            out.append(word.lower())
        else:
            out.append(_case_word(word))
    return " ".join(out)


_BYLINE_PREFIX = re.compile(r"^\s*(?:[-–—•]\s*)?(?:by\s+)?", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bAND\b|\bAnd\b)\s*")


def split_authors(byline: str) -> list[str]:
    """Names from a byline like ``- AAMER MADHANI AND ZEKE MILLER`` or ``By A, B and C``, proper-cased."""
    body = _BYLINE_PREFIX.sub("", byline.strip())
    names = [proper_case_name(n.strip(" -–—")) for n in _AUTHOR_SPLIT.split(body)]
    return [n for n in names if n and any(c.isalpha() for c in n)]


def title_case_headline(headline: str) -> str:
    """An ALL-CAPS headline in title case, keeping acronyms: "U.S. Warns of Iran, Russia Alliance".

    Mixed-case headlines are returned unchanged.
    """
    if not headline or headline != headline.upper():
        return headline
    lists = word_lists()
    tokens = re.split(r"(\s+)", headline.strip())
    words = [i for i, t in enumerate(tokens) if t and not t.isspace()]
    out = list(tokens)
    after_colon = True
    for n, i in enumerate(words):
        token = tokens[i]
        m = re.match(r"^([^\w]*)(.*?)([^\w]*)$", token)
        lead, core, trail = m.groups() if m else ("", token, "")
        possessive = ""
        if re.search(r"['’]S$", core):
            core, possessive = core[:-2], core[-2] + "s"
        first_or_last = n == 0 or n == len(words) - 1 or after_colon
        if not core or "." in core or any(c.isdigit() for c in core) or core.upper() in lists["acronyms"]:
            cased = core
        elif core.lower() in lists["abbreviations"]:
            cased = core.capitalize()
        elif not _VOWEL.search(core):
            cased = core
        elif core.lower() in lists["small"] and not first_or_last:
            cased = core.lower()
        else:
            cased = "-".join(_case_word(p) if p else p for p in core.split("-"))
        out[i] = lead + cased + possessive + trail
        after_colon = trail.endswith((":", "—", "–"))
    return "".join(out)


# ---------------------------------------------------------------- countries


@functools.lru_cache(maxsize=1)
def _country_aliases() -> dict[str, str]:
    raw = yaml.safe_load((DATA_DIR / "readers.yaml").read_text(encoding="utf-8")) or {}
    return {str(k).casefold(): str(v).upper() for k, v in (raw.get("country_aliases") or {}).items()}


@functools.lru_cache(maxsize=512)
def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-3 code of a country name ("United Kingdom" -> GBR), else None.

    The aliases in data/readers.yaml first, then pycountry's exact lookup (names and codes), then its
    fuzzy search, accepted only when every word of the name is in the country's own names (so a
    region never stands for its country by accident).
    """
    import pycountry

    name = " ".join(name.split()).strip(".")
    if not name:
        return None
    if alias := _country_aliases().get(name.casefold()):
        return alias
    try:
        return pycountry.countries.lookup(name).alpha_3
    except LookupError:
        pass
    if len(name) <= 3:
        return None
    try:
        hits = pycountry.countries.search_fuzzy(name)
    except LookupError:
        return None
    words = set(re.findall(r"\w+", name.casefold()))
    for country in hits[:1]:
        names = " ".join(
            getattr(country, attr, "") or "" for attr in ("name", "official_name", "common_name")
        ).casefold()
        if words <= set(re.findall(r"\w+", names)):
            return country.alpha_3
    return None
