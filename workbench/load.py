"""`workbench.load`: files in, an annotated `Corpus` out, with a report on every file.

The unit of work is one file (`process_file`): read, normalise, annotate. It is a
pure function of the file's bytes and the pipeline's resources, which is what makes
the per-file cache and the Dask engine possible. `assemble` then does what needs
the whole corpus: duplicate detection and speaker names merged across articles.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .annotate import Resources, annotate, load_resources
from .articles import articles_frame
from .corpus import (
    ARTICLE_COLUMNS,
    MENTION_COLUMNS,
    QUOTE_COLUMNS,
    REPORT_COLUMNS,
    SENTENCE_COLUMNS,
    SPEAKER_COLUMNS,
    Corpus,
)
from .dedupe import mark_duplicates
from .readers import discover, read_file

__all__ = ["load", "process_file", "assemble", "FileFrames", "speakers_frame", "merge_speaker_names"]

FRAMES = ("articles", "quotes", "mentions", "sentences")
_COLUMNS = {
    "articles": ARTICLE_COLUMNS,
    "quotes": QUOTE_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "sentences": SENTENCE_COLUMNS,
}


@dataclass(frozen=True)
class FileFrames:
    """What one input file yields: its report row and its rows of each frame."""

    report: dict
    articles: pd.DataFrame
    quotes: pd.DataFrame
    mentions: pd.DataFrame
    sentences: pd.DataFrame


def _empty_frame(name: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in _COLUMNS[name]})


def process_file(
    path: str, resources: Resources, *, columns: Mapping[str, str] | None = None, annotate_text: bool = True
) -> FileFrames:
    """Read, normalise and annotate one file. Never raises: failures land in the report row."""
    read = read_file(path, columns=columns)
    report = {
        "file": read.file, "format": read.format, "status": read.status, "reason": read.reason,
        "n_articles": len(read.records), "n_rows": read.n_rows, "n_skipped": read.n_skipped,
    }
    articles = articles_frame(read.records)
    if annotate_text and len(articles):
        try:
            frames = annotate(articles, resources)
        except Exception as exc:  # an extractor bug must not lose the file's articles
            frames = {name: _empty_frame(name) for name in ("quotes", "mentions", "sentences")}
            report["status"] = "partial"
            report["reason"] = f"annotation failed: {type(exc).__name__}: {exc}"
    else:
        frames = {name: _empty_frame(name) for name in ("quotes", "mentions", "sentences")}
    return FileFrames(report, articles, frames["quotes"], frames["mentions"], frames["sentences"])


def _surname(name: str) -> str:
    return name.split()[-1] if name else name


def merge_speaker_names(quotes: pd.DataFrame) -> dict[str, str]:
    """Map each short speaker name to the one fuller name it stands for across the corpus.

    "Kirby" becomes "John Kirby" when "John Kirby" is the only quoted full name with that
    surname; ambiguous surnames ("Smith" with two Smiths) are left alone.
    """
    names = quotes["speaker"].dropna().unique().tolist()
    full_by_surname: dict[str, set[str]] = {}
    for name in names:
        if len(name.split()) > 1:
            full_by_surname.setdefault(_surname(name), set()).add(name)
    mapping = {}
    for name in names:
        candidates = full_by_surname.get(name, set()) if len(name.split()) == 1 else set()
        if len(candidates) == 1:
            mapping[name] = next(iter(candidates))
    return mapping


def speakers_frame(quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per speaker: the roles they were given, their usual affiliation and how often they speak."""
    quoted = quotes.dropna(subset=["speaker"])
    if quoted.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in SPEAKER_COLUMNS})
    rows = []
    for speaker, group in quoted.groupby("speaker", sort=True, observed=True):
        roles = [r for r, _ in Counter(group["role"].dropna()).most_common()]
        affiliations = Counter(group["affiliation"].dropna()).most_common(1)
        rows.append(
            {
                "speaker": speaker,
                "roles": roles,
                "affiliation": affiliations[0][0] if affiliations else None,
                "n_quotes": len(group),
                "n_articles": group["article_id"].nunique(),
            }
        )
    return pd.DataFrame(rows, columns=list(SPEAKER_COLUMNS)).sort_values(
        ["n_quotes", "speaker"], ascending=[False, True], ignore_index=True
    )


def _concat(frames: list[pd.DataFrame], name: str) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return _empty_frame(name)
    return pd.concat(frames, ignore_index=True)


def assemble(results: Iterable[FileFrames], skipped: Iterable[tuple[str, str]] = ()) -> Corpus:
    """Put per-file results together: duplicates marked, speaker names merged, speakers counted."""
    results = list(results)
    frames = {name: _concat([getattr(r, name) for r in results], name) for name in FRAMES}
    articles = mark_duplicates(frames["articles"]) if len(frames["articles"]) else frames["articles"]
    quotes, mentions = frames["quotes"], frames["mentions"]
    renames = merge_speaker_names(quotes)
    if renames:
        quotes = quotes.assign(speaker=quotes["speaker"].replace(renames))
        is_person = mentions["kind"] == "person"
        mentions = mentions.copy()
        mentions.loc[is_person, "key"] = mentions.loc[is_person, "key"].replace(renames)
        mentions.loc[is_person, "label"] = mentions.loc[is_person, "key"]
    report_rows = [r.report for r in results] + [
        {"file": f, "format": None, "status": "skipped", "reason": why, "n_articles": 0, "n_rows": 0,
         "n_skipped": 0}
        for f, why in skipped
    ]
    report = pd.DataFrame(report_rows, columns=list(REPORT_COLUMNS)).sort_values("file", ignore_index=True)
    return Corpus(
        articles=articles,
        quotes=quotes,
        mentions=mentions,
        sentences=frames["sentences"],
        speakers=speakers_frame(quotes),
        report=report,
    )


def _progress(items: list, enabled: bool | None, desc: str):
    if enabled is None:
        enabled = sys.stderr.isatty() and len(items) > 50
    if not enabled:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, desc=desc, unit="file")


def load(
    target: str | Path | Iterable[str | Path],
    *,
    columns: Mapping[str, str] | None = None,
    gazetteer: str | Path | None = None,
    lexicon: str | Path | None = None,
    annotate: bool = True,
    progress: bool | None = None,
) -> Corpus:
    """Load news files into an annotated `Corpus`.

    `target` is a folder (read recursively), a glob, a file, or a list of these.
    `columns` maps frame fields to your CSV/JSON field names when guessing is not enough
    (``columns={"text": "story_body"}``). `gazetteer` and `lexicon` replace the default
    country gazetteer and theme lexicon. Every input file gets a row in `corpus.report`;
    files that cannot be read are reported there, never silently dropped.
    """
    resources = load_resources(gazetteer, lexicon)
    found = discover(target)
    readable = [path for path, why in found if why is None]
    skipped = [(path, why) for path, why in found if why is not None]
    results = [
        process_file(path, resources, columns=columns, annotate_text=annotate)
        for path in _progress(readable, progress, "reading")
    ]
    return assemble(results, skipped)
