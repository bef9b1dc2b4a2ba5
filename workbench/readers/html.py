"""Saved HTML pages: the main article text and metadata via trafilatura.

Title, author(s), date, site name, URL and main text come from ``trafilatura.bare_extraction``.
Menus (<nav>, <menu>) and <noscript> banners are pruned before extraction, and the text must hold some
prose (a paragraph of a few words that reads as a sentence): a page with no article text (only scripts,
navigation, an "enable JavaScript" banner) fails with "no article text found".
"""

from __future__ import annotations

import re

from ._common import make_record, parse_date, split_authors
from ._decode import clean_text

__all__ = ["parse_html", "looks_like_html", "has_prose", "NoArticle"]

# Never article text: navigation menus and what a browser shows only without JavaScript.
_PRUNE = ["//nav", "//menu", "//noscript"]
_PROSE_WORDS = 5
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*$")


class NoArticle(ValueError):
    """The page holds no article text."""


def looks_like_html(text: str) -> bool:
    head = text[:4096].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html")) or bool(
        re.search(r"<(?:html|body|head)\b", head[:1024])
    )


def _authors(value: str | None) -> list[str]:
    if not value:
        return []
    return [a for part in re.split(r"\s*;\s*", value) for a in split_authors(part)]


def has_prose(text: str) -> bool:
    """Whether extracted page text holds a paragraph of prose, not just menu items or labels.

    Prose: a paragraph of at least _PROSE_WORDS words that ends a sentence or has a lower-case word
    (menus are short Title Case items).
    """
    for paragraph in text.split("\n"):
        words = paragraph.split()
        if len(words) >= _PROSE_WORDS and (
            _SENTENCE_END.search(paragraph.strip()) or any(w[:1].islower() for w in words)
        ):
            return True
    return False


def parse_html(text: str, source: str) -> list[dict]:
    """One article record from an HTML page; NoArticle when trafilatura finds no main text."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=False, prune_xpath=_PRUNE
    )
    if doc is not None and not isinstance(doc, dict):
        doc = doc.as_dict()
    body = (doc or {}).get("text") or ""
    if not has_prose(body):
        raise NoArticle("no article text found (only scripts, navigation or markup)")
    # trafilatura separates paragraphs with one newline; the records use blank lines.
    text = "\n\n".join(p.strip() for p in clean_text(body).split("\n") if p.strip())
    metadata = {
        k: doc[k]
        for k in ("description", "categories", "tags", "hostname", "sitename", "pagetype")
        if doc.get(k)
    }
    return [
        make_record(
            source,
            "html",
            publication=doc.get("sitename") or doc.get("hostname"),
            headline=clean_text(doc["title"]).strip() if doc.get("title") else None,
            authors=_authors(doc.get("author")),
            date=parse_date(doc.get("date")),
            language=doc.get("language"),
            url=doc.get("url"),
            text=text,
            metadata=metadata,
        )
    ]
