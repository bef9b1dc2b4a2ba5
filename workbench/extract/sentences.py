"""Sentence boundaries for news text: NLTK Punkt with a list of known abbreviations.

Punkt is used untrained (no data download, no training per article): its parameters are seeded
once with the abbreviations in ``data/abbreviations.yaml`` so that "U.S." or "Sen." in mid-sentence
does not end a sentence. Line breaks always end a sentence, because headlines, bylines and paragraphs
rarely end with a period. Punkt's outer loop (candidate ends, their contexts, realigning closing
quotes) is re-done here with the standard ``re`` engine and plain string searches (one ``rfind``
for the word before a candidate end when the text holds no tab or other odd space), and its costly
per-context decision is skipped where the answer is known (a line with no sentence end before its
last character; a plain word before a period) or remembered (the same context seen before), so the
spans are exactly Punkt's (tests/test_sentences.py checks this on real news) at several times the speed.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from itertools import pairwise
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


# Characters NLTK's `regex` engine does not count as whitespace (\s) while `re` does: a line holding one
# goes to Punkt itself.
_SPACE_MISMATCH = re.compile("[\x1c-\x1f]")
#: Whitespace other than the space and the line break, for Punkt or for `re`.
_ODD_SPACES = "\t\r\x0b\x0c\x1c\x1d\x1e\x1f"
_DECISIONS_MAX = 1 << 16


class _FastPunkt(PunktSentenceTokenizer):
    """Punkt with shortcuts; the spans are identical to plain Punkt's `span_tokenize`."""

    def __init__(self, params: PunktParameters):
        super().__init__(params)
        lang = self._lang_vars
        # Punkt's own patterns, compiled with `re` instead of NLTK's time-guarded `regex` wrapper
        self._end_context = re.compile(lang.period_context_re().pattern, re.UNICODE | re.VERBOSE)
        self._realignment = re.compile(lang.re_boundary_realignment.pattern, re.MULTILINE)
        self._decisions: dict[str, bool] = {}

    def text_contains_sentbreak(self, text: str) -> bool:
        """Punkt's decision for one candidate context, with a shortcut and remembered per context."""
        found = self._decisions.get(text)
        if found is None:
            m = _PLAIN_BREAK.fullmatch(text)
            if m and m.group(1).lower() not in self._params.abbrev_types:
                found = True
            else:
                found = super().text_contains_sentbreak(text)
            if len(self._decisions) >= _DECISIONS_MAX:
                self._decisions.clear()
            self._decisions[text] = found
        return found

    def line_spans(self, text: str, plain: bool = False) -> list[tuple[int, int]]:
        """`span_tokenize(text)` as a list: Punkt's slicing and realignment steps, done in one place.

        `plain`: the text is known to hold no line break and none of `_ODD_SPACES`.
        """
        if not plain and _SPACE_MISMATCH.search(text):
            return list(self.span_tokenize(text))
        slices = []
        last_break = 0
        for match, context in self._end_contexts(text, plain):
            if self.text_contains_sentbreak(context):
                slices.append((last_break, match.end()))
                last_break = match.start("next_tok") if match.group("next_tok") else match.end()
        slices.append((last_break, len(text.rstrip())))
        # closing punctuation after a sentence end belongs to that sentence ("(Sent1.) Sent2.")
        spans = []
        start = 0  # where the current sentence starts, after realignment
        for (_, stop), (following, following_stop) in pairwise(slices):
            m = self._realignment.match(text, following, following_stop)
            if m:
                spans.append((start, following + len(m.group(0).rstrip())))
                start = m.end()
                continue
            if start < stop:
                spans.append((start, stop))
            start = following
        if start < slices[-1][1]:
            spans.append((start, slices[-1][1]))
        return spans

    def _end_contexts(self, text: str, plain: bool) -> list[tuple[re.Match[str], str]]:
        """Punkt's `_match_potential_end_contexts`: each candidate end with the word before it and
        what follows (the end is one character, what follows its lookahead); a candidate whose word
        overlaps the previous one replaces it. `plain`: " " is the only `string.whitespace` in the text."""
        out = []
        prev_match = None
        prev_start = prev_stop = 0
        for match in self._end_context.finditer(text):
            end = match.start()
            if plain:
                space = text.rfind(" ", prev_stop, end)
            else:
                space = max(text.rfind(c, prev_stop, end) for c in string.whitespace)
            # as Punkt: no space after the previous end (or one at offset 0) keeps the previous word's start
            word_start = space + 1 if space > prev_stop else prev_start
            if prev_match is not None and prev_stop <= word_start:
                out.append((prev_match, text[prev_start : prev_match.end("after_tok")]))
            prev_match, prev_start, prev_stop = match, word_start, end
        if prev_match is not None:
            out.append((prev_match, text[prev_start : prev_match.end("after_tok")]))
        return out


@lru_cache(maxsize=4)
def _tokenizer(path: str = str(DEFAULT_ABBREVIATIONS)) -> _FastPunkt:
    params = PunktParameters()
    params.abbrev_types = set(load_abbreviations(path))
    return _FastPunkt(params)


def sentence_spans(text: str, *, abbreviations: str | Path | None = None) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences of `text`, in order, whitespace trimmed."""
    tok = _tokenizer(str(abbreviations or DEFAULT_ABBREVIATIONS))
    plain = not any(ch in text for ch in _ODD_SPACES)
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        chunk = line.group()
        body = chunk.rstrip()
        if not body:
            continue
        base = line.start()
        if not _INNER_END.search(body, 0, len(body) - 1):
            # no sentence end before the last character: Punkt would return the line as one sentence
            spans.append((base, base + len(body)))
        else:
            spans.extend((base + s, base + e) for s, e in tok.line_spans(chunk, plain))
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of `text` as strings (a convenience over `sentence_spans`)."""
    return [text[s:e] for s, e in sentence_spans(text)]
