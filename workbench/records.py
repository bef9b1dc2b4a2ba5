"""Plain record types passed between the readers, the extractors and the frames.

Extractors and readers return these (or plain dicts with the same fields); one
place, `workbench.annotate`, turns them into DataFrames.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Mention", "Quote", "ARTICLE_FIELDS"]

#: Fields a reader may fill for each article record (a plain dict). Missing ones become NA.
#: ``metadata`` is a dict of format-specific extras (Reuters PLACES, BBC category, url, ...).
ARTICLE_FIELDS = (
    "source",  # the file path as given
    "format",  # pressreader, text, json, jsonl, csv, html, reuters-sgml
    "publication",
    "headline",
    "subheadline",
    "authors",  # list[str], proper-cased
    "date",  # ISO string, datetime or None
    "language",
    "publication_country",  # ISO3 or None
    "url",
    "text",  # the body only: lead and paragraphs separated by blank lines
    "metadata",
)


class Mention(NamedTuple):
    """One hit in an article's text: `text[start:end] == surface`."""

    kind: str  # "country", "person", "theme", ...
    key: str  # ISO3, canonical person name, theme id
    label: str  # human-readable name of the key
    surface: str  # the text as written
    start: int
    end: int


class Quote(NamedTuple):
    """One quoted span; `start`/`end` index the words inside the quotation marks."""

    start: int
    end: int
    text: str
    speaker: str | None  # canonical (fullest) name in the article, or organisation
    role: str | None  # the title as written ("NATO Secretary-general")
    affiliation: str | None  # ISO3 or organisation
    cue: str | None  # the cue verb as lemma ("say", "tell", "call", "according to")
    attribution: str  # explicit, pronoun, continuation, none
    speaker_start: int | None = None  # offsets of the speaker's name as written, when found
    speaker_end: int | None = None
