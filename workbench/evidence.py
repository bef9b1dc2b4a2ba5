"""Evidence: the sentences, quotes and articles behind every count.

- `kwic(corpus, "drones")`: keyword in context for a word or phrase, a country code ("IRN"), a
  theme id or a speaker's name, one row per hit showing the matched surface form.
- `quotes_table(corpus)`: one row per quotation with its speaker and article.
- `top_quotes(corpus, n)`: a short, varied selection of quotes for a briefing.
- `article_view(corpus, article_id)`: the article with its annotations, shown in Jupyter as
  escaped text with highlighted mentions and quotes.

Article text is data, never markup: every piece of it is passed through `html.escape`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .corpus import Corpus
from .slicing import (
    country_name,
    format_date,
    keys_of,
    phrase_pattern,
    rows_in,
    text_contains,
)

__all__ = [
    "kwic",
    "quotes_table",
    "top_quotes",
    "article_view",
    "ArticleView",
    "KWIC_COLUMNS",
    "QUOTES_TABLE_COLUMNS",
    "HIGHLIGHT_COLOURS",
]

KWIC_COLUMNS = (
    "article_id",
    "headline",
    "publication",
    "date",
    "left",
    "match",
    "right",
    "sentence",
    "start",
    "end",
)
QUOTES_TABLE_COLUMNS = (
    "speaker",
    "role",
    "affiliation",
    "quote",
    "headline",
    "publication",
    "date",
    "article_id",
    "quote_id",
)
#: Background colours of highlighted spans (light tints of the Okabe-Ito palette).
HIGHLIGHT_COLOURS = {"quote": "#FBEFC9", "country": "#CFE8F8", "theme": "#C9EEDF", "person": "#F3D9E8"}
_OTHER_COLOUR = "#E6E6E6"
_SPACE = re.compile(r"\s+")


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text)


def _resolve(corpus: Corpus, term: str, kind: str | None) -> tuple[str, object]:
    """What `term` names: ("country"|"theme"|..., key), ("speaker", name) or ("text", phrase)."""
    if kind is not None:
        return kind, term
    for candidate in ("country", "theme", "person"):
        wanted = term.upper() if candidate == "country" else term
        if wanted in set(keys_of(corpus.mentions, candidate)):
            return candidate, wanted
    speakers = {str(s).lower(): s for s in pd.unique(corpus.quotes["speaker"].dropna())}
    if term.strip().lower() in speakers:
        return "speaker", speakers[term.strip().lower()]
    return "text", term


def _duplicate_ids(corpus: Corpus) -> pd.Series | None:
    """The ids of duplicate stories (non-null ``duplicate_of``), or None when there are none."""
    articles = corpus.articles
    if "duplicate_of" not in articles:
        return None
    is_duplicate = articles["duplicate_of"].notna().to_numpy(dtype=bool)
    return articles["article_id"][is_duplicate] if is_duplicate.any() else None


def _phrase_hits(articles: pd.DataFrame, phrase: str) -> pd.DataFrame:
    """(article_id, start, end) of every whole-word, case-insensitive occurrence of `phrase`."""
    source = phrase_pattern(phrase)
    if not source:
        raise ValueError("`term_or_key` is empty: give a word, a phrase, a country code, theme id or speaker")
    pattern = re.compile(source, re.IGNORECASE)
    candidates = articles[text_contains(articles["text"], source)]
    rows = [
        (article_id, m.start(), m.end())
        for article_id, text in zip(candidates["article_id"], candidates["text"], strict=True)
        for m in pattern.finditer(text)
    ]
    return pd.DataFrame(rows, columns=["article_id", "start", "end"])


def _sentence_bounds(hits: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Add s_start/s_end: the sentence (from the sentences frame) that contains each hit's start."""
    if hits.empty or sentences.empty:
        return hits.assign(s_start=np.nan, s_end=np.nan)
    ordered = hits.reset_index().sort_values("start")
    sent = sentences.loc[
        rows_in(sentences["article_id"], pd.unique(hits["article_id"])), ["article_id", "start", "end"]
    ]
    sent = sent.rename(columns={"start": "s_start", "end": "s_end"}).sort_values("s_start")
    # one plain dtype for the `by` key on both sides (merge_asof refuses str against category)
    sent = sent.astype({"s_start": "int64", "s_end": "int64", "article_id": object})
    merged = pd.merge_asof(
        ordered.astype({"start": "int64", "article_id": object}),
        sent,
        left_on="start",
        right_on="s_start",
        by="article_id",
        direction="backward",
    )
    return merged.set_index("index").sort_index().rename_axis(None)


def _fallback_sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(stops) + 1 if stops else len(text)
    return text[left:right]


def kwic(
    corpus: Corpus,
    term_or_key: str,
    width: int = 60,
    *,
    kind: str | None = None,
    unique: bool = True,
    limit: int | None = None,
) -> pd.DataFrame:
    """Keyword in context: one row per hit, with `width` characters of text on either side.

    `term_or_key` is a country code ("IRN": every mention of Iran, "Tehran" and "Iranian"
    included), a theme id, a speaker's name (their quotes) or else a free word or phrase
    (whole words, any case). `kind` forces the reading ("country", "theme", "person",
    "speaker", "text"). ``match`` is the text as written; ``sentence`` the whole sentence.
    Duplicate articles are left out unless ``unique=False``, as in the counts.
    """
    base = corpus
    duplicates = _duplicate_ids(corpus) if unique else None
    what, key = _resolve(base, str(term_or_key), kind)
    if what == "text":
        articles = base.articles
        if duplicates is not None:
            articles = articles[~rows_in(articles["article_id"], duplicates)]
        hits = _phrase_hits(articles, str(key))
    elif what == "speaker":
        q = base.quotes[rows_in(base.quotes["speaker"], [key])]
        hits = q[["article_id", "start", "end"]].reset_index(drop=True)
    else:
        m = base.mentions
        m = m[(m["kind"] == what).to_numpy(dtype=bool) & rows_in(m["key"], [key])]
        hits = m[["article_id", "start", "end"]].reset_index(drop=True)
    if duplicates is not None and len(hits):
        hits = hits[~rows_in(hits["article_id"], duplicates)].reset_index(drop=True)
    if hits.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in KWIC_COLUMNS})
    meta = base.articles.set_index("article_id")
    hits = hits.join(meta[["headline", "publication", "date"]], on="article_id")
    hits = hits.sort_values(["date", "article_id", "start"], na_position="last", ignore_index=True)
    if limit is not None:
        hits = hits.head(limit)
    hits = hits.join(meta["text"], on="article_id")  # the texts of the rows kept only
    hits = _sentence_bounds(hits, base.sentences)
    left, match, right, sentence = [], [], [], []
    for text, start, end, s_start, s_end in zip(
        hits["text"], hits["start"], hits["end"], hits["s_start"], hits["s_end"], strict=True
    ):
        start, end = int(start), int(end)
        left.append(_flat(text[max(0, start - width) : start]))
        match.append(text[start:end])
        right.append(_flat(text[end : end + width]))
        inside = pd.notna(s_start) and s_start <= start <= s_end
        sentence.append(
            _flat(text[int(s_start) : int(s_end)] if inside else _fallback_sentence(text, start, end))
        )
    out = pd.DataFrame(
        {
            "article_id": hits["article_id"],
            "headline": hits["headline"],
            "publication": hits["publication"],
            "date": hits["date"],
            "left": left,
            "match": match,
            "right": right,
            "sentence": sentence,
            "start": hits["start"].astype("int64"),
            "end": hits["end"].astype("int64"),
        }
    )
    out.attrs = {"term": str(term_or_key), "kind": what, "key": key}
    return out


def quotes_table(corpus: Corpus, *, speaker: str | None = None, unique: bool = True) -> pd.DataFrame:
    """One row per quotation: who said it (role, affiliation), the words, and where (newest first).

    Affiliations given as ISO3 codes are shown as country names. Duplicate articles are left
    out unless ``unique=False``.
    """
    base = corpus
    q = base.quotes
    duplicates = _duplicate_ids(corpus) if unique else None
    if duplicates is not None:
        q = q[~rows_in(q["article_id"], duplicates)]
    if speaker is not None:
        q = q[rows_in(q["speaker"], [speaker])]
    meta = base.articles.set_index("article_id")[["headline", "publication", "date"]]
    table = q.join(meta, on="article_id")
    affiliation = table["affiliation"].map(
        lambda a: country_name(a) if isinstance(a, str) and len(a) == 3 and a.isupper() else a
    )
    out = pd.DataFrame(
        {
            "speaker": table["speaker"],
            "role": table["role"],
            "affiliation": affiliation,
            "quote": table["text"],
            "headline": table["headline"],
            "publication": table["publication"],
            "date": table["date"],
            "article_id": table["article_id"],
            "quote_id": table["quote_id"],
            "_start": table["start"],
        }
    )
    out = out.sort_values(["date", "article_id", "_start"], ascending=[False, True, True], na_position="last")
    return out.drop(columns="_start").reset_index(drop=True)


def top_quotes(corpus: Corpus, n: int = 10, *, min_words: int = 6, per_speaker: int = 2) -> pd.DataFrame:
    """A briefing's selection: the most-quoted speakers first, each with their longest quotes.

    Takes up to `per_speaker` quotes of at least `min_words` words from each speaker, in order
    of how often they are quoted, until `n` quotes are chosen. Unattributed quotes are skipped.
    """
    table = quotes_table(corpus)
    table = table[table["speaker"].notna()]
    words = table["quote"].astype(str).str.split().str.len()
    table = table[words >= min_words].assign(_words=words)
    if table.empty:
        return table.drop(columns="_words")
    rank = table["speaker"].map(table.groupby("speaker", observed=True).size())
    table = table.assign(_rank=rank).sort_values(
        ["_rank", "speaker", "_words"], ascending=[False, True, False]
    )
    table = table.groupby("speaker", sort=False, observed=True).head(per_speaker)
    table = table.assign(_turn=table.groupby("speaker", sort=False, observed=True).cumcount())
    table = table.sort_values(["_turn", "_rank", "speaker"], ascending=[True, False, True], kind="stable")
    return table.head(n).drop(columns=["_words", "_rank", "_turn"]).reset_index(drop=True)


@dataclass(frozen=True)
class ArticleView:
    """One article with its annotation spans; renders as highlighted, escaped HTML in Jupyter."""

    article_id: str
    headline: str | None
    publication: str | None
    date: pd.Timestamp | None
    text: str
    spans: pd.DataFrame  # start, end, kind ("quote", "country", "theme", ...), key, label

    def __repr__(self) -> str:
        counts = self.spans["kind"].value_counts().to_dict() if len(self.spans) else {}
        return (
            f"<ArticleView {self.article_id}: {self.headline!r} ({self.publication}, "
            f"{format_date(self.date) or 'no date'}), {counts}>"
        )

    def to_html(self) -> str:
        """The article as an HTML fragment: escaped text, <mark> per quote and mention."""
        publication = self.publication if isinstance(self.publication, str) else ""
        head = " \u00b7 ".join(x for x in (publication, format_date(self.date)) if x)
        headline = self.headline if isinstance(self.headline, str) else ""
        legend = " ".join(
            f'<mark style="background:{colour};padding:0 .2em">{html.escape(kind)}</mark>'
            for kind, colour in HIGHLIGHT_COLOURS.items()
            if kind in set(self.spans["kind"])
        )
        article_id = html.escape(str(self.article_id), quote=True)
        body = _highlight(self.text, self.spans)
        return (
            f'<div class="workbench-article" data-article-id="{article_id}">'
            f"<h3>{html.escape(headline)}</h3>"
            f'<p style="color:#555">{html.escape(head)} {legend}</p>'
            f'<div style="white-space:pre-wrap;line-height:1.5;max-width:50em">{body}</div>'
            "</div>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()


def _highlight(text: str, spans: pd.DataFrame) -> str:
    """Escaped text with nested <mark> elements (a span crossing another is closed and reopened)."""
    items = sorted(
        (
            (int(s), int(e), str(k), str(title))
            for s, e, k, title in zip(
                spans["start"], spans["end"], spans["kind"], spans["title"], strict=True
            )
            if 0 <= int(s) < int(e) <= len(text)
        ),
        key=lambda x: (x[0], -x[1]),  # at one start, the longer span opens first (quotes enclose mentions)
    )
    cuts = sorted({0, len(text), *(s for s, _, _, _ in items), *(e for _, e, _, _ in items)})

    def opening(item) -> str:
        _, _, kind, title = item
        colour = HIGHLIGHT_COLOURS.get(kind, _OTHER_COLOUR)
        return (
            f'<mark class="wb-{html.escape(kind, quote=True)}" title="{html.escape(title, quote=True)}" '
            f'style="background:{colour}">'
        )

    out: list[str] = []
    stack: list[tuple] = []
    position, next_item = 0, 0
    for cut in cuts:
        out.append(html.escape(text[position:cut]))
        position = cut
        reopen = []
        while any(item[1] <= cut for item in stack):
            item = stack.pop()
            out.append("</mark>")
            if item[1] > cut:
                reopen.append(item)
        for item in reversed(reopen):
            out.append(opening(item))
            stack.append(item)
        while next_item < len(items) and items[next_item][0] == cut:
            out.append(opening(items[next_item]))
            stack.append(items[next_item])
            next_item += 1
    out.extend("</mark>" for _ in stack)
    return "".join(out)


def article_view(corpus: Corpus, article_id: str) -> ArticleView:
    """The article `article_id` with its quotes and mentions as spans (for display or inspection)."""
    articles = corpus.articles
    found = articles[rows_in(articles["article_id"], [article_id])]
    if found.empty:
        import difflib

        close = difflib.get_close_matches(str(article_id), [str(a) for a in articles["article_id"]], n=3)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise KeyError(f"article_id {article_id!r} is not in this corpus ({len(articles)} articles){hint}")
    row = found.iloc[0]
    q = corpus.quotes[rows_in(corpus.quotes["article_id"], [article_id])]
    m = corpus.mentions[rows_in(corpus.mentions["article_id"], [article_id])]
    quote_title = [
        f"quote: {speaker if isinstance(speaker, str) else 'unattributed'}"
        + (f" ({role})" if isinstance(role, str) and role else "")
        for speaker, role in zip(q["speaker"], q["role"], strict=True)
    ]
    quote_spans = pd.DataFrame(
        {
            "start": q["start"],
            "end": q["end"],
            "kind": "quote",
            "key": q["quote_id"],
            "label": q["speaker"],
            "title": quote_title,
        }
    )
    mention_spans = pd.DataFrame(
        {
            "start": m["start"],
            "end": m["end"],
            "kind": m["kind"],
            "key": m["key"],
            "label": m["label"],
            "title": m["kind"].astype(str) + ": " + m["label"].astype(str),
        }
    )
    spans = pd.concat([quote_spans, mention_spans], ignore_index=True).sort_values(
        ["start", "end"], ignore_index=True
    )
    text = row["text"] if isinstance(row["text"], str) else ""
    return ArticleView(
        article_id=row["article_id"],
        headline=row["headline"],
        publication=row["publication"],
        date=row["date"] if pd.notna(row["date"]) else None,
        text=text,
        spans=spans,
    )
