"""Sentence spans: Punkt with known abbreviations; line breaks always end a sentence."""

from __future__ import annotations

import json
import re

import pytest
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from tests.shared import CORPORA, require_shared
from workbench.extract.sentences import load_abbreviations, sentence_spans, split_sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The U.S. Army said so. Then it left.", ["The U.S. Army said so.", "Then it left."]),
        ("Sen. Smith met Gen. Jones on Jan. 5 in Washington.",
         ["Sen. Smith met Gen. Jones on Jan. 5 in Washington."]),
        ("Mr. Jones moved to the U.K. in 2019. He stayed.",
         ["Mr. Jones moved to the U.K. in 2019.", "He stayed."]),
        ("Dr. Lee agreed! Did Mrs. Park?", ["Dr. Lee agreed!", "Did Mrs. Park?"]),
        ("It cost $5.5 million. Prices rose.", ["It cost $5.5 million.", "Prices rose."]),
        ("J. R. Smith spoke first.", ["J. R. Smith spoke first."]),
        ("A headline without a period\nThe body starts here. It goes on.",
         ["A headline without a period", "The body starts here.", "It goes on."]),
        ("“We are ready.” He said it twice.", ["“We are ready.”", "He said it twice."]),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_spans_index_the_text() -> None:
    text = "First one. Second one!\n\nThird, after a blank line."
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one!", "Third, after a blank line."]
    assert all(s < e for s, e in spans) and spans == sorted(spans)


def test_abbreviations_file_loads_lowercase_without_period() -> None:
    abbrevs = load_abbreviations()
    assert {"u.s", "u.k", "gen", "sen", "jan", "mr", "dr"} <= abbrevs


def test_bad_abbreviations_file_names_the_file(tmp_path) -> None:
    bad = tmp_path / "abbrevs.yaml"
    bad.write_text("abbreviations: [Mr, No]\n", encoding="utf-8")  # No reads as a boolean
    with pytest.raises(ValueError, match="abbrevs.yaml"):
        load_abbreviations(bad)


def _plain_punkt_spans(text: str) -> list[tuple[int, int]]:
    params = PunktParameters()
    params.abbrev_types = set(load_abbreviations())
    tok = PunktSentenceTokenizer(params)
    out = []
    for line in re.finditer(r"[^\n]+", text):
        if line.group().strip():
            out += [(line.start() + s, line.start() + e) for s, e in tok.span_tokenize(line.group())]
    return out


def test_fast_paths_agree_with_plain_punkt_on_real_news() -> None:
    """The shortcuts (plain words, lines with no inner sentence end) must not change one Punkt span."""
    require_shared(CORPORA)
    texts = [p.read_text(encoding="utf-8") for p in sorted((CORPORA / "ggt-dev").glob("*.txt"))[:40]]
    texts += [p.read_text(encoding="utf-8") for p in sorted((CORPORA / "polnear-dev").glob("*.txt"))[:40]]
    texts += [json.loads(p.read_text(encoding="utf-8"))["text"]
              for p in sorted((CORPORA / "wikinews-dev").glob("*.json"))[:40]]
    assert len(texts) > 100
    for text in texts:
        assert sentence_spans(text) == _plain_punkt_spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "He left.\tThen she came. (It rained.) They went home.",
        "Mr. Smith left.\x1cThen he came back. Later, he spoke.",
        "The U.S.\rArmy said so. It left.\x0bAgain.\x0cAnd again.",
        "  Leading spaces. Next one! \"Quoted.\" Done.",
        "He said: \"Stop.\" Then went. (See above.) Fine.\n\nNew line. Last.",
        "A\u00a0nbsp. Then\u00a0another. End.",
        "Ends with closers.\u201d\u2019 Then more. 'Quoted?' Yes!",
    ],
)
def test_whitespace_and_closers_agree_with_plain_punkt(text: str) -> None:
    """Lines holding tabs, odd control spaces or closing quotes take the careful path: same spans as Punkt."""
    assert sentence_spans(text) == _plain_punkt_spans(text)
