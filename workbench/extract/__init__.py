"""Extractors: one module per kind of thing found in an article's text.

`quotes` (quotations and their speakers), `sentences` (sentence spans), `countries` (country
mentions) and `themes` (theme passages); each is a small function from text to plain records.
"""

from __future__ import annotations

from .countries import country_name, country_of, find_countries, load_gazetteer
from .quotes import extract_quotes, person_mentions, quote_spans
from .sentences import sentence_spans, split_sentences
from .themes import decide_themes, find_theme_hits, load_lexicon

__all__ = [
    "extract_quotes",
    "person_mentions",
    "quote_spans",
    "sentence_spans",
    "split_sentences",
    "find_countries",
    "country_of",
    "country_name",
    "load_gazetteer",
    "find_theme_hits",
    "decide_themes",
    "load_lexicon",
]
