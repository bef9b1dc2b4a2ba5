"""PressReader text exports: publication, ALL-CAPS headline, subheadline, byline, bullet lead, footer.

Layout (blocks separated by blank lines)::

    Calgary Herald                      <- publication
    SOME HEADLINE IN CAPS               <- headline (kept as written)
    A subheadline                       <- optional
    - FIRST AUTHOR AND SECOND AUTHOR    <- optional byline
    • The lead paragraph ...            <- lead (first paragraph of the text, bullet dropped)
    More paragraphs ...
    Newspapers in English               <- footer: language
    Newspapers from Canada              <- footer: publication country (ISO3 via pycountry)

An export may hold several articles: each starts with its publication line, footers end one; when a
footer is missing, a publication line followed by an ALL-CAPS headline and a byline or bullet lead
starts the next article.
"""

from __future__ import annotations

import re

from ._common import country_code, make_record, split_authors

__all__ = ["looks_like_pressreader", "parse_pressreader", "FOOTER"]

FOOTER = re.compile(r"^\s*Newspapers (?P<kind>in|from) (?P<value>\S.*?)\s*$")
_BULLET = re.compile(r"^\s*[•●▪■]\s*")
_BYLINE = re.compile(r"^\s*(?:[-–—]\s*\S|By\s+[A-Z])")
_SENTENCE_END = re.compile(r"[.!?;:,\"”’']$")


def _blocks(text: str) -> list[str]:
    """Blank-line separated blocks; every footer line is a block of its own."""
    blocks: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        if FOOTER.match(line) or not line.strip():
            if current:
                blocks.append("\n".join(current))
                current = []
            if line.strip():
                blocks.append(line.strip())
            continue
        current.append(line.rstrip())
    if current:
        blocks.append("\n".join(current))
    return blocks


def _is_caps(block: str) -> bool:
    letters = [c for c in block if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _is_publication(block: str) -> bool:
    return (
        "\n" not in block
        and 0 < len(block.split()) <= 8
        and not _SENTENCE_END.search(block)
        and not _BULLET.match(block)
        and not _BYLINE.match(block)
        and not FOOTER.match(block)
    )


def _starts_article(blocks: list[str], i: int) -> bool:
    """A publication line, an ALL-CAPS headline, then a byline or bullet lead within three blocks."""
    if i + 2 >= len(blocks) or not _is_publication(blocks[i]) or _is_caps(blocks[i]):
        return False
    if not _is_caps(blocks[i + 1]) or len(blocks[i + 1].split()) > 30:
        return False
    return any(_BULLET.match(b) or _BYLINE.match(b) for b in blocks[i + 2 : i + 5])


def looks_like_pressreader(text: str) -> bool:
    """True when the text carries a PressReader footer or starts like a PressReader article."""
    head = text[:200_000]
    if re.search(r"(?m)^Newspapers in [A-Z][a-z]+\s*$", head) and re.search(
        r"(?m)^Newspapers (?:from|in) ", head
    ):
        return True
    return _starts_article(_blocks(text[:20_000].lstrip("\ufeff")), 0)


def _split_articles(blocks: list[str]) -> list[list[str]]:
    articles: list[list[str]] = []
    current: list[str] = []
    in_footer = False
    for i, block in enumerate(blocks):
        footer = bool(FOOTER.match(block))
        if current and not footer and (in_footer or (len(current) > 2 and _starts_article(blocks, i))):
            articles.append(current)
            current = []
        current.append(block)
        in_footer = footer
    if current:
        articles.append(current)
    return articles


def _parse_article(blocks: list[str], source: str, date: str | None) -> dict:
    body = [b for b in blocks if not FOOTER.match(b)]
    language = country = None
    metadata: dict = {}
    for b in blocks:
        if m := FOOTER.match(b):
            if m["kind"] == "in":
                language = m["value"]
            else:
                metadata["country_name"] = m["value"]
                country = country_code(m["value"])
    publication = " ".join(body[0].split()) if body else None
    headline = " ".join(body[1].split()) if len(body) > 1 else None
    rest = body[2:]
    lead = next((i for i, b in enumerate(rest) if _BULLET.match(b)), None)
    if lead is None:
        byline_at = next((i for i, b in enumerate(rest[:3]) if _BYLINE.match(b)), None)
        if byline_at is not None:
            lead = byline_at + 1
        elif rest and len(rest) > 1 and len(rest[0].split()) <= 25 and not _SENTENCE_END.search(rest[0]):
            lead = 1
        else:
            lead = 0
    header, paragraphs = rest[:lead], rest[lead:]
    authors: list[str] = []
    subheadline = None
    extra = []
    for b in header:
        if _BYLINE.match(b) and not authors:
            authors = split_authors(b)
            metadata["byline"] = " ".join(b.split())
        elif subheadline is None:
            subheadline = " ".join(b.split())
        else:
            extra.append(b)
    if extra:
        metadata["header_extra"] = extra
    if paragraphs:
        paragraphs = [_BULLET.sub("", paragraphs[0], count=1)] + paragraphs[1:]
    return make_record(
        source,
        "pressreader",
        publication=publication,
        headline=headline,
        subheadline=subheadline,
        authors=authors,
        date=date,
        language=language,
        publication_country=country,
        text="\n\n".join(paragraphs),
        metadata=metadata,
    )


def parse_pressreader(text: str, source: str, *, date: str | None = None) -> list[dict]:
    """Article records of a PressReader export (one or several articles)."""
    return [_parse_article(a, source, date) for a in _split_articles(_blocks(text)) if a]
