"""Sentence boundaries for news text: NLTK Punkt with a list of known abbreviations.

Punkt is used untrained (no data download, no training per article): its parameters are seeded
once with the abbreviations in ``data/abbreviations.yaml`` so that "U.S." or "Sen." in mid-sentence
does not end a sentence. Line breaks always end a sentence, because headlines, bylines and paragraphs
rarely end with a period. Two shortcuts skip Punkt's costly token annotation where its answer is
known (a line with no sentence end before its last character; a plain word before a period), so the
spans are exactly Punkt's (tests/test_sentences.py checks this on real news) at about twice the speed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from .speakers import read_yaml

__all__ = ["sentence_spans", "split_sentences", "load_abbreviations", "DEFAULT_ABBREVIATIONS"]

DEFAULT_ABBREVIATIONS = Path(__file__).resolve().parents[2] / "data" / "abbreviations.yaml"

_LINE = re.compile(r"[^\n]+")
_INNER_END = re.compile(r"[.?!]")


@lru_cache(maxsize=4)
def load_abbreviations(path: str | Path = DEFAULT_ABBREVIATIONS) -> frozenset[str]:
    """Read the abbreviation list: lowercase, without the final period, as Punkt stores them."""
    data = read_yaml(path)
    items = data.get("abbreviations") if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
        raise ValueError(f"{path}: expected a mapping with key 'abbreviations': a list of strings like 'U.S'")
    return frozenset(x.strip().rstrip(".").lower() for x in items if x.strip())


# A plain word of letters ending with a period, ? or !: Punkt breaks there whatever follows unless the word
# is a known abbreviation (it reclassifies only abbreviations, initials and numbers), so the costly
# token annotation can be skipped for it.
_PLAIN_BREAK = re.compile(r"([A-Za-z]{2,})[.?!](?:\s+\S+|[^\w\s])")


class _FastPunkt(PunktSentenceTokenizer):
    """Punkt with a shortcut for the obvious case; decisions are identical to plain Punkt."""

    def text_contains_sentbreak(self, text: str) -> bool:
        m = _PLAIN_BREAK.fullmatch(text)
        if m and m.group(1).lower() not in self._params.abbrev_types:
            return True
        return super().text_contains_sentbreak(text)


@lru_cache(maxsize=4)
def _tokenizer(path: str = str(DEFAULT_ABBREVIATIONS)) -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(load_abbreviations(path))
    return _FastPunkt(params)


def sentence_spans(text: str, *, abbreviations: str | Path | None = None) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of `text`, in order, whitespace trimmed."""
    tok = _tokenizer(str(abbreviations or DEFAULT_ABBREVIATIONS))
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        chunk = line.group()
        body = chunk.rstrip()
        if not body.strip():
            continue
        base = line.start()
        if not _INNER_END.search(body, 0, len(body) - 1):
            # no sentence end before the last character: Punkt would return the line as one sentence
            spans.append((base, base + len(body)))
        else:
            spans.extend((base + s, base + e) for s, e in tok.span_tokenize(chunk))
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of `text` as strings (a convenience over `sentence_spans`)."""
    return [text[s:e] for s, e in sentence_spans(text)]
