"""Plain-text articles: an optional headline line (and subheadline), an optional byline, then the body.

A first line is taken as the headline when it looks like one: short, followed by a blank line, and
either matching the file-name slug, without a closing full stop, very short, or in Title Case.
A long first paragraph (a lead sentence) stays in the body. Outlet and date come from file names
like ``outlet_YYYY-MM-DD_slug.txt``; the parent folder name goes to ``metadata["category"]``.
"""

from __future__ import annotations

import re
from pathlib import Path

from ._common import filename_meta, make_record, parse_date, proper_case_name, word_lists

__all__ = ["parse_plaintext", "is_headline", "is_word_list"]

_END = re.compile(r"[.!?][\"”’')]*$")
_BLANK = re.compile(r"\n[ \t]*\n")
# "Jane Doe, The Canadian Press": a byline line, not a headline.
_BYLINE = re.compile(
    r"^(?:By\s+)?(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}),\s+(?P<affiliation>[A-Z][^.!?;:]{2,60})$"
)
# "CALGARY — ..." / "KAPALUA, Hawaii – ...": a dateline opens a lead paragraph, never a headline.
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,}(?:,\s*[A-Z][\w. ]+)?\s*[—–-]{1,2}\s")


def _is_name(text: str) -> bool:
    """2-4 capitalised words, none of them a headline small word ("In Kentucky" is not a name)."""
    small = word_lists()["small"]
    return not any(w.lower() in small for w in text.split())


def _letters(s: str) -> str:
    return re.sub(r"[^a-z]", "", s.lower())


def _title_ratio(line: str) -> float:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) > 3][1:]
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0


def is_headline(line: str, *, slug: str | None = None) -> bool:
    """Whether a lone first line (followed by a blank line and more text) reads as a headline."""
    line = line.strip()
    words = line.split()
    if not words or len(words) > 30 or len(line) > 250:
        return False
    if slug and len(_letters(slug)) >= 8 and _letters(line).startswith(_letters(slug)):
        return True
    if _DATELINE.match(line):
        return False
    if not _END.search(line):
        return len(words) <= 20
    if re.search(r"[?!][\"”’')]*$", line):
        return len(words) <= 12
    # A closing full stop marks a sentence (a lead) unless the line is very short or in Title Case.
    return len(words) <= 6 or (len(words) <= 25 and _title_ratio(line) >= 0.6)


def is_word_list(text: str) -> bool:
    """A list of short lines (category codes, stop words): not an article."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    return len(lines) >= 10 and all(len(ln.split()) <= 3 for ln in lines)


def parse_plaintext(text: str, source: str, *, path: str | Path | None = None) -> list[dict]:
    """One article record from a plain-text file's cleaned text."""
    path = Path(path if path is not None else source)
    meta = filename_meta(path)
    metadata: dict = {"category": path.parent.name} if path.parent.name else {}
    if meta.get("slug"):
        metadata["slug"] = meta["slug"]
    body = text.strip("\n")
    headline = subheadline = None
    authors: list[str] = []
    date = meta.get("date")
    blocks = _BLANK.split(body, maxsplit=1)
    if len(blocks) == 2:
        first, rest = blocks
        lines = [ln.strip() for ln in first.split("\n")]
        if len(lines) == 1 and (dateline := parse_date(lines[0].rstrip(" ."))):
            date = date or dateline  # a dateline ("Friday, January 4, 2019") stays in the text
        elif len(lines) == 1 and (m := _BYLINE.match(lines[0])) and _is_name(m["name"]):
            authors = [proper_case_name(m["name"])]
            metadata["byline"] = lines[0]
            body = rest.lstrip("\n")
        elif len(lines) == 1 and is_headline(lines[0], slug=meta.get("slug")):
            headline = lines[0]
            body = rest.lstrip("\n")
        elif (
            len(lines) >= 2
            and len(lines[0].split()) <= 20
            and (
                lines[0].endswith(";")
                or (
                    len(lines) == 2
                    and lines[1][:1].isupper()
                    and is_headline(lines[0], slug=meta.get("slug"))
                )
            )
        ):
            # "Headline; " over a deck line (USA Today style); a long second line is the lead.
            headline = lines[0]
            if len(lines) == 2 and len(lines[1].split()) <= 40:
                subheadline = lines[1]
                body = rest.lstrip("\n")
            else:
                body = first.split("\n", 1)[1] + "\n\n" + rest.lstrip("\n")
    if headline is not None:
        headline = re.sub(r"\s*;$", "", headline)
    return [
        make_record(
            source,
            "text",
            publication=meta.get("outlet"),
            headline=headline,
            subheadline=subheadline,
            authors=authors,
            date=date,
            text=body.rstrip(),
            metadata=metadata,
        )
    ]
