"""Speakers against PolNeAR's own annotations: a large check that is not the dev gold.

`../shared/corpora/polnear-train/attributions/` gives, for each of 840 articles, brat spans of
every attribution's source, cue and content. For each quotation we find (four words or more)
inside a content span whose source starts with a capitalised word that is not a pronoun or an
article ("Sen. Chuck Schumer (D-N.Y.)", "Rubio spokesman Alex Conant"), our speaker must be that
source: the same person by surname, as `score.py` compares, the source cut to its name
(parentheses, appositive, "of ..." and possessive removed). Quotes left without a speaker count
as wrong. When this test was written, 0.923 of 4,090 such quotes agreed; two rounds of attribution
rules later, 0.943 (the floor was raised from 0.90 to 0.92).
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

import pytest

from tests.shared import CORPORA, require_shared
from workbench.evaluate import same_speaker
from workbench.extract.countries import country_of, demonym_of, load_gazetteer
from workbench.extract.quotes import extract_quotes

POLNEAR_TRAIN = CORPORA / "polnear-train"
_NOT_A_NAME = {"he", "she", "i", "we", "they", "it", "the", "a", "an", "his", "her", "their", "its"}


def _sources(ann: Path) -> list[tuple[list[tuple[int, int]], str]]:
    """(content spans, source text) of every attribution in a brat .ann file."""
    spans: dict[str, tuple[list[tuple[int, int]], str]] = {}
    events = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            ranges = parts[1].split(" ", 1)[1]
            spans[parts[0]] = ([tuple(map(int, r.split())) for r in ranges.split(";")], parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    return [(spans[e["Content"]][0], spans[e["Source"]][1])
            for e in events if e.get("Content") in spans and e.get("Source") in spans]


def _name_of(source: str) -> str:
    """'Sen. Jim Jordan (R-Ohio), an oversight panel member,' -> 'Sen. Jim Jordan'."""
    core = re.sub(r"\s*\([^)]*\)", "", source).split(",")[0].split(" — ")[0].split(" of ")[0]
    return re.sub(r"['\u2019]s?$", "", core.strip())


def _named(source: str) -> bool:
    return source[:1].isupper() and source.split()[0].lower() not in _NOT_A_NAME


@pytest.fixture(scope="module")
def judged() -> list[bool]:
    require_shared(POLNEAR_TRAIN)
    gazetteer = load_gazetteer()
    affiliation_of = partial(country_of, gazetteer=gazetteer)
    demonym = partial(demonym_of, gazetteer=gazetteer)
    results = []
    for ann in sorted((POLNEAR_TRAIN / "attributions").glob("*.ann")):
        text = (POLNEAR_TRAIN / f"{ann.stem}.txt").read_text(encoding="utf-8")
        sources = _sources(ann)
        for quote in extract_quotes(text, affiliation_of=affiliation_of, demonym_of=demonym):
            if len(quote.text.split()) < 4:
                continue
            inside = [src for spans, src in sources
                      if any(a <= quote.start and quote.end <= b + 2 for a, b in spans)]
            if inside and _named(inside[0]):
                source = inside[0]
                results.append(bool(quote.speaker) and (same_speaker(quote.speaker, source)
                                                        or same_speaker(quote.speaker, _name_of(source))))
    return results


def test_enough_quotes_are_judged(judged: list[bool]) -> None:
    assert len(judged) > 4000


def test_speakers_agree_with_polnear_sources(judged: list[bool]) -> None:
    share = sum(judged) / len(judged)
    assert share >= 0.92, f"{share:.3f} of {len(judged)} quotes agree"
