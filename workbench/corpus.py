"""The `Corpus`: the annotated frames held together, with the analyst's verbs.

A Corpus is immutable: every verb returns a new Corpus or a new DataFrame and never
mutates the frames it holds. The verbs delegate to plain functions in
`workbench.slicing`, `workbench.counting` and `workbench.evidence`, which take
and return DataFrames (and can be called directly).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

__all__ = ["Corpus", "ARTICLE_COLUMNS", "QUOTE_COLUMNS", "MENTION_COLUMNS", "SENTENCE_COLUMNS",
           "SPEAKER_COLUMNS", "REPORT_COLUMNS"]

#: One row per article. `article_id` is a stable hash of source, position and text.
ARTICLE_COLUMNS = (
    "article_id", "source", "format", "publication", "headline", "headline_title", "subheadline",
    "authors", "date", "language", "publication_country", "url", "text", "n_words", "duplicate_of",
    "metadata",
)
#: One row per quoted span; start/end index the words inside the quotation marks in `articles.text`.
QUOTE_COLUMNS = (
    "article_id", "quote_id", "start", "end", "text", "speaker", "role", "affiliation", "cue",
    "attribution", "sentence",
)
#: One row per hit in an article's text (country, person, theme), with its sentence and enclosing quote.
MENTION_COLUMNS = ("article_id", "kind", "key", "label", "surface", "start", "end", "sentence", "quote_id")
#: One row per sentence: offsets into `articles.text`.
SENTENCE_COLUMNS = ("article_id", "sentence", "start", "end")
#: One row per person (or organisation) quoted anywhere in the corpus.
SPEAKER_COLUMNS = ("speaker", "roles", "affiliation", "n_quotes", "n_articles")
#: One row per input file: what was loaded, skipped or failed, and why.
REPORT_COLUMNS = ("file", "format", "status", "reason", "n_articles", "n_rows", "n_skipped")


def _empty(columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})


@dataclass(frozen=True)
class Corpus:
    """Articles, quotes, mentions, sentences and speakers of a set of news files.

    `filters` records the slice this corpus is (e.g. ``(("country", ("IRN",)),)``) so
    charts can state it in their subtitle.
    """

    articles: pd.DataFrame = field(default_factory=lambda: _empty(ARTICLE_COLUMNS))
    quotes: pd.DataFrame = field(default_factory=lambda: _empty(QUOTE_COLUMNS))
    mentions: pd.DataFrame = field(default_factory=lambda: _empty(MENTION_COLUMNS))
    sentences: pd.DataFrame = field(default_factory=lambda: _empty(SENTENCE_COLUMNS))
    speakers: pd.DataFrame = field(default_factory=lambda: _empty(SPEAKER_COLUMNS))
    report: pd.DataFrame = field(default_factory=lambda: _empty(REPORT_COLUMNS))
    filters: tuple = ()

    def __repr__(self) -> str:
        return (f"<Corpus: {len(self.articles)} articles, {len(self.quotes)} quotes, "
                f"{len(self.mentions)} mentions, {len(self.report)} files>")

    def __len__(self) -> int:
        return len(self.articles)

    def replace(self, **frames) -> Corpus:
        """A copy with some frames (or `filters`) replaced."""
        return replace(self, **frames)

    # The analyst's verbs: thin delegates to the module functions.
    def filter(self, **criteria) -> Corpus:
        from .slicing import filter_corpus

        return filter_corpus(self, **criteria)

    def counts(self, dimension: str, **options) -> pd.DataFrame:
        from .counting import counts

        return counts(self, dimension, **options)

    def crosstab(self, rows: str, cols: str, **options) -> pd.DataFrame:
        from .counting import crosstab

        return crosstab(self, rows, cols, **options)

    def cooccurrence(self, dimension: str = "country", **options) -> pd.DataFrame:
        from .counting import cooccurrence

        return cooccurrence(self, dimension, **options)

    def kwic(self, term_or_key: str, **options) -> pd.DataFrame:
        from .evidence import kwic

        return kwic(self, term_or_key, **options)

    def quotes_table(self, **options) -> pd.DataFrame:
        from .evidence import quotes_table

        return quotes_table(self, **options)

    def article(self, article_id: str, **options):
        from .evidence import article_view

        return article_view(self, article_id, **options)
