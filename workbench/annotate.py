"""Annotate articles: sentences, quotes, speakers, countries and themes, as tidy frames.

The extractors in `workbench.extract` return plain records for one text; this is the
one place that turns them into the `quotes`, `mentions` and `sentences` frames, with
sentence indices and the enclosing quote of every mention.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path

import pandas as pd

from .corpus import MENTION_COLUMNS, QUOTE_COLUMNS, SENTENCE_COLUMNS
from .extract.countries import Gazetteer, country_of, demonym_of, find_countries, load_gazetteer
from .extract.quotes import extract_quotes, person_mentions
from .extract.sentences import sentence_spans
from .extract.themes import Lexicon, decide_themes, find_theme_hits, load_lexicon

__all__ = ["Resources", "load_resources", "annotate_text", "annotate", "PIPELINE_VERSION"]

#: Bump when the annotation code changes what it produces: caches keyed on it are invalidated.
PIPELINE_VERSION = "1"


@dataclass(frozen=True)
class Resources:
    """The knowledge the annotators use: the country gazetteer and the theme lexicon."""

    gazetteer: Gazetteer
    lexicon: Lexicon

    @cached_property
    def fingerprint(self) -> str:
        """Identifies the pipeline: code version plus the hashes of the data files in use."""
        parts = (PIPELINE_VERSION, self.gazetteer.fingerprint, self.lexicon.fingerprint)
        return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]


def load_resources(gazetteer: str | Path | None = None, lexicon: str | Path | None = None) -> Resources:
    """Load the gazetteer and lexicon (the defaults in `data/` when not given)."""
    return Resources(load_gazetteer(gazetteer), load_lexicon(lexicon))


def annotate_text(text: str, resources: Resources) -> dict[str, list[tuple]]:
    """Annotate one article body: rows for the quotes, mentions and sentences frames (without article_id).

    Quote rows carry their index as `quote_id`; mention rows carry the index of the quote
    that encloses them, or None.
    """
    sentences = sentence_spans(text)
    starts = [s for s, _ in sentences]

    def sentence_of(offset: int) -> int:
        return max(bisect_right(starts, offset) - 1, 0)

    quotes = extract_quotes(
        text, affiliation_of=partial(country_of, gazetteer=resources.gazetteer),
        demonym_of=partial(demonym_of, gazetteer=resources.gazetteer), sentences=sentences
    )
    quote_starts = [q.start for q in quotes]  # quotes are disjoint and in text order

    def quote_of(start: int, end: int) -> int | None:
        i = bisect_right(quote_starts, start) - 1
        return i if i >= 0 and end <= quotes[i].end else None

    hits = find_theme_hits(text, resources.lexicon)
    kept_themes = decide_themes(hits, resources.lexicon, n_words=len(text.split()))
    mentions = [
        *find_countries(text, resources.gazetteer),
        *person_mentions(text, quotes),
        *(h for h in hits if h.key in kept_themes),
    ]
    return {
        "quotes": [
            (i, q.start, q.end, q.text, q.speaker, q.role, q.affiliation, q.cue, q.attribution,
             sentence_of(q.start))
            for i, q in enumerate(quotes)
        ],
        "mentions": [
            (m.kind, m.key, m.label, m.surface, m.start, m.end, sentence_of(m.start),
             quote_of(m.start, m.end))
            for m in mentions
        ],
        "sentences": [(i, s, e) for i, (s, e) in enumerate(sentences)],
    }


def annotate(articles: pd.DataFrame, resources: Resources) -> dict[str, pd.DataFrame]:
    """Annotate every article of a frame: {"quotes", "mentions", "sentences"} frames keyed by article_id."""
    rows: dict[str, list[tuple]] = {"quotes": [], "mentions": [], "sentences": []}
    for article_id, text in zip(articles["article_id"], articles["text"], strict=True):
        found = annotate_text(text if isinstance(text, str) else "", resources)
        rows["quotes"].extend(
            (article_id, f"{article_id}:q{q[0]}", *q[1:]) for q in found["quotes"]
        )
        rows["mentions"].extend(
            (article_id, *m[:-1], None if m[-1] is None else f"{article_id}:q{m[-1]}")
            for m in found["mentions"]
        )
        rows["sentences"].extend((article_id, *s) for s in found["sentences"])
    return {
        "quotes": pd.DataFrame(rows["quotes"], columns=list(QUOTE_COLUMNS)),
        "mentions": pd.DataFrame(rows["mentions"], columns=list(MENTION_COLUMNS)),
        "sentences": pd.DataFrame(rows["sentences"], columns=list(SENTENCE_COLUMNS)),
    }
