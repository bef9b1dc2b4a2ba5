"""Property-based tests: arbitrary bytes and text never raise past the load report, and every
offset in the quotes and mentions frames indexes the article text exactly."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.annotate import annotate_text, load_resources
from workbench.extract.countries import find_countries, load_gazetteer
from workbench.extract.quotes import extract_quotes
from workbench.extract.sentences import sentence_spans
from workbench.extract.themes import find_theme_hits, load_lexicon
from workbench.readers import read_file

QUOTE_MARKS = "\"'“”‘’`«»„"
TRICKY = ["\u200b", "\u200e", "\u202e", "\ufeff", "\ud800", "\udfff", "\n\n", "•", "U.S.", "Iran-russia"]
WORDS = ["Russia", "Iran", "said", "he said", "Kirby", "John Kirby", "the Kremlin", "drones", "sanctions",
         "New Mexico", "Georgia", "Jordan", "turkey", "Niger", "Nigeria", ",", ".", ":", " "]

news_like = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(list(QUOTE_MARKS)), st.sampled_from(TRICKY),
              st.text(max_size=12)),
    max_size=80,
).map(" ".join)
any_text = st.one_of(st.text(max_size=400), news_like)
FILE_NAMES = ["a.txt", "a.json", "a.jsonl", "a.csv", "a.html", "a.sgm", "a.xyz", "pub_2026-01-01_slug.txt"]

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def resources():
    return load_resources()


@SETTINGS
@given(data=st.one_of(st.binary(max_size=2000), any_text.map(lambda t: t.encode("utf-8", "surrogatepass"))),
       name=st.sampled_from(FILE_NAMES))
def test_read_file_never_raises(tmp_path_factory, data, name):
    path = tmp_path_factory.mktemp("prop") / name
    path.write_bytes(data)
    result = read_file(path)
    assert result.status in {"ok", "partial", "failed", "skipped"}
    assert result.status == "ok" or result.reason
    for record in result.records:
        assert isinstance(record.get("text") or "", str)


@SETTINGS
@given(text=any_text)
def test_extractors_offsets_index_the_text(text):
    for s, e in sentence_spans(text):
        assert 0 <= s <= e <= len(text)
    for q in extract_quotes(text):
        assert text[q.start : q.end] == q.text
    for m in find_countries(text, load_gazetteer()):
        assert text[m.start : m.end] == m.surface
    for m in find_theme_hits(text, load_lexicon()):
        assert text[m.start : m.end] == m.surface


@SETTINGS
@given(text=any_text)
def test_annotate_text_offsets_and_quote_links(resources, text):
    found = annotate_text(text, resources)
    spans = {q[0]: (q[1], q[2]) for q in found["quotes"]}
    for _, start, end, quoted, *_ in found["quotes"]:
        assert text[start:end] == quoted
    for kind, key, label, surface, start, end, sentence, quote in found["mentions"]:
        assert text[start:end] == surface
        if quote is not None:
            assert spans[quote][0] <= start and end <= spans[quote][1]


@settings(max_examples=5, deadline=None)
@given(repeat=st.integers(min_value=1, max_value=3))
def test_huge_paragraph_is_annotated(resources, repeat):
    text = ("“Russia and Iran are deepening ties,” Kirby said of the drones. " * 8000 * repeat)[: 1_000_000]
    found = annotate_text(text, resources)
    assert found["quotes"] and found["mentions"]
