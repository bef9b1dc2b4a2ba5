"""Reuters-21578 SGML: many ``<REUTERS>`` stories per file.

TITLE is the headline, DATE is parsed ("26-FEB-1987 15:01:01.79"), BODY is the text (wrapped lines
joined into paragraphs, the closing "Reuter" sign-off dropped). PLACES, TOPICS, PEOPLE, ORGS,
EXCHANGES and COMPANIES are kept in metadata as lists, with NEWID, OLDID, the splits and DATELINE.
Briefs (a title only) load with text ""; UNPROC stories (tables without a BODY) keep their raw
table in ``metadata["unprocessed_text"]`` and text "".
"""

from __future__ import annotations

import html
import re

from ._common import make_record, parse_date
from ._decode import clean_text

__all__ = ["parse_reuters", "looks_like_reuters", "reflow_body"]

_OPEN = re.compile(r"<REUTERS\b([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_LISTS = ("TOPICS", "PLACES", "PEOPLE", "ORGS", "EXCHANGES", "COMPANIES")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SIGNOFF = re.compile(r"\s*\bReuter\s*$")


def looks_like_reuters(text: str) -> bool:
    return bool(re.search(r"<REUTERS\b[^>]*>", text[:100_000]))


def _field(tag: str, chunk: str) -> str | None:
    m = re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}>", chunk, re.DOTALL)
    return m[1] if m else None


def _unescape(raw: str) -> str:
    return _CONTROL.sub("", html.unescape(raw))


def reflow_body(body: str) -> str:
    """Wire-service wrapped lines joined: a new paragraph starts at an indented line."""
    paragraphs: list[list[str]] = []
    for line in body.split("\n"):
        if not line.strip():
            if paragraphs and paragraphs[-1]:
                paragraphs.append([])
            continue
        if not paragraphs or line[:1].isspace():
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


def _story(attrs: str, chunk: str, source: str) -> dict:
    meta: dict = {k.lower(): v for k, v in _ATTR.findall(attrs)}
    for tag in _LISTS:
        inner = _field(tag, chunk)
        meta[tag.lower()] = [
            clean_text(_unescape(d)).strip() for d in re.findall(r"<D>(.*?)</D>", inner or "")
        ]
    text_tag = re.search(r"<TEXT\b([^>]*)>", chunk)
    text_type = dict(_ATTR.findall(text_tag[1])).get("TYPE") if text_tag else None
    if text_type:
        meta["text_type"] = text_type.lower()
    title = _field("TITLE", chunk)
    headline = " ".join(clean_text(_unescape(title)).split()).strip("* ") if title else None
    dateline = _field("DATELINE", chunk)
    if dateline:
        meta["dateline"] = " ".join(clean_text(_unescape(dateline)).split()).rstrip(" -")
    raw_date = _field("DATE", chunk)
    date = parse_date(_unescape(raw_date)) if raw_date else None
    if raw_date and not date:
        meta["date_raw"] = raw_date.strip()
    body = _field("BODY", chunk)
    text = ""
    if body is not None:
        text = _SIGNOFF.sub("", reflow_body(clean_text(_unescape(body))))
    elif text_type == "UNPROC":
        inner = _field("TEXT", chunk) or ""
        meta["unprocessed_text"] = clean_text(_unescape(inner)).strip()
    return make_record(
        source,
        "reuters-sgml",
        publication="Reuters",
        headline=headline or None,
        date=date,
        text=text,
        metadata=meta,
    )


def parse_reuters(text: str, source: str) -> list[dict]:
    """Every story of a Reuters-21578 SGML file, in file order (an unclosed story ends at the next one)."""
    starts = list(_OPEN.finditer(text))
    stories = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        chunk = text[m.end() : end]
        close = chunk.find("</REUTERS>")
        stories.append(_story(m[1], chunk if close < 0 else chunk[:close], source))
    return stories
