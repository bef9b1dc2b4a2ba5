"""Extraction speed: the annotation pipeline against a bare Aho-Corasick pass over the same texts.

The texts are read first (readers and normalisation are not timed); only annotation is.
`one_core` pins the process to one CPU so "articles per second on one core" means that.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import time
from collections.abc import Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import ahocorasick
import pandas as pd
import yaml

from workbench.annotate import Resources, annotate
from workbench.load import process_file

__all__ = ["read_articles", "one_core", "time_annotation", "baseline_terms", "time_baseline",
           "extractor_breakdown", "profile_annotation"]


def read_articles(files: Sequence[str], resources: Resources) -> pd.DataFrame:
    """The articles frame of these files, read and normalised but not annotated."""
    frames = [process_file(f, resources, annotate_text=False).articles for f in files]
    return pd.concat([f for f in frames if len(f)], ignore_index=True)


@contextmanager
def one_core():
    """Run the block pinned to a single CPU (where the platform allows it)."""
    if not hasattr(os, "sched_getaffinity"):
        yield None
        return
    before = os.sched_getaffinity(0)
    cpu = min(before)
    os.sched_setaffinity(0, {cpu})
    try:
        yield cpu
    finally:
        os.sched_setaffinity(0, before)


def time_annotation(articles: pd.DataFrame, resources: Resources) -> float:
    """Seconds `annotate` takes over the whole articles frame (sentences, quotes, countries, themes)."""
    start = time.perf_counter()
    annotate(articles, resources)
    return time.perf_counter() - start


def _theme_terms(lexicon_path: str) -> set[str]:
    data = yaml.safe_load(Path(lexicon_path).read_text(encoding="utf-8")) or {}
    terms = set()
    for theme in (data.get("themes") or {}).values():
        for list_name in ("strong", "terms", "weak"):
            for item in theme.get(list_name) or []:
                term = next(iter(item)) if isinstance(item, dict) else str(item)
                terms.add(term.strip("=*").lower())
    return terms


def baseline_terms(resources: Resources) -> set[str]:
    """The surface terms the pipeline looks for: gazetteer keys and theme lexicon terms, lower-cased."""
    gazetteer = {str(k).lower() for k in resources.gazetteer.automaton.keys()}  # noqa: SIM118 (an Automaton)
    return gazetteer | _theme_terms(resources.lexicon.path)


def time_baseline(texts: Sequence[str], terms: set[str]) -> tuple[float, int]:
    """Seconds for one pyahocorasick pass over every (lower-cased) text, and the number of hits."""
    automaton = ahocorasick.Automaton()
    for term in terms:
        if term:
            automaton.add_word(term, term)
    automaton.make_automaton()
    start = time.perf_counter()
    hits = 0
    for text in texts:
        for _ in automaton.iter(text.lower()):
            hits += 1
    return time.perf_counter() - start, hits


def extractor_breakdown(texts: Sequence[str], resources: Resources) -> dict[str, float]:
    """Seconds spent in each extractor over all texts (the steps `annotate_text` runs, timed apart)."""
    from workbench.extract.countries import country_of, demonym_of, find_countries
    from workbench.extract.quotes import extract_quotes, person_mentions
    from workbench.extract.sentences import sentence_spans
    from workbench.extract.themes import decide_themes, find_theme_hits

    spent = dict.fromkeys(("sentences", "quotes", "countries", "persons", "themes"), 0.0)
    affiliation_of = partial(country_of, gazetteer=resources.gazetteer)
    demonym = partial(demonym_of, gazetteer=resources.gazetteer)
    clock = time.perf_counter
    for text in texts:
        t0 = clock()
        sentences = sentence_spans(text)
        t1 = clock()
        quotes = extract_quotes(text, affiliation_of=affiliation_of, demonym_of=demonym, sentences=sentences)
        t2 = clock()
        find_countries(text, resources.gazetteer)
        t3 = clock()
        person_mentions(text, quotes)
        t4 = clock()
        hits = find_theme_hits(text, resources.lexicon)
        decide_themes(hits, resources.lexicon, n_words=len(text.split()))
        t5 = clock()
        for name, seconds in zip(spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            spent[name] += seconds
    return spent


def profile_annotation(articles: pd.DataFrame, resources: Resources, *, top: int = 15) -> str:
    """cProfile of `annotate` over the articles: the functions with the most own time."""
    profiler = cProfile.Profile()
    profiler.enable()
    annotate(articles, resources)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    root = str(Path(__file__).resolve().parents[1]) + os.sep
    lines = [line.replace(root, "") for line in out.getvalue().splitlines()]
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    return "\n".join(line for line in lines[start:] if line.strip())
