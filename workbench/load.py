"""`workbench.load`: files in, an annotated `Corpus` out, with a report on every file.

The unit of work is one file (`process_file`): read, normalise, annotate. It is a
pure function of the file's bytes and the pipeline's resources, which is what makes
the per-file cache and the Dask engine possible. `assemble` then does what needs
the whole corpus: duplicate detection and speaker names merged across articles.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .annotate import Resources, annotate, load_resources
from .articles import articles_frame, without_surrogates
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
from .dtypes import compact, storage_frame
from .extract.speakers import load_lexicon
from .readers import discover, read_file

__all__ = [
    "load",
    "process_file",
    "assemble",
    "FileFrames",
    "Batch",
    "batch_of",
    "speakers_frame",
    "merge_speaker_names",
    "pipeline_code_hash",
    "IMPORTED_CODE",
]

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


@dataclass(frozen=True)
class Batch:
    """Many files' results as one set of frames: what the cache and the Dask engine store and read.

    `reports` has one row per file. Every report and every frame row carries `_file`, the
    position of its file in the load's file list, so `assemble` can put rows from the
    cache, the local loop and Dask partitions back in one order. Frames are in the
    storage dtypes of `workbench.dtypes`.
    """

    reports: list[dict]
    articles: pd.DataFrame
    quotes: pd.DataFrame
    mentions: pd.DataFrame
    sentences: pd.DataFrame


def batch_of(results: Iterable[tuple[int, FileFrames]]) -> Batch:
    """One Batch from (position, FileFrames) pairs (one concatenation and dtype pass per frame)."""
    results = list(results)
    positions = np.array([position for position, _ in results], dtype=np.int32)
    frames = {}
    for name in FRAMES:
        parts = [getattr(r, name) for _, r in results]
        filled = [f for f in parts if len(f)]
        stacked = (
            pd.concat(filled, ignore_index=True)
            if len(filled) > 1
            else filled[0].reset_index(drop=True)
            if filled
            else _empty_frame(name)
        )
        frames[name] = storage_frame(name, stacked).assign(
            _file=np.repeat(positions, [len(f) for f in parts]) if filled else np.array([], dtype=np.int32)
        )
    return Batch(reports=[{**r.report, "_file": position} for position, r in results], **frames)


def _empty_frame(name: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in _COLUMNS[name]})


def process_file(
    path: str, resources: Resources, *, columns: Mapping[str, str] | None = None, annotate_text: bool = True
) -> FileFrames:
    """Read, normalise and annotate one file. Never raises: failures land in the report row."""
    read = read_file(path, columns=columns)
    report = {
        "file": without_surrogates(read.file),
        "format": read.format,
        "status": read.status,
        "reason": without_surrogates(read.reason),
        "n_articles": len(read.records),
        "n_rows": read.n_rows,
        "n_skipped": read.n_skipped,
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


def merge_speaker_names(quotes: pd.DataFrame) -> dict[str, str]:
    """Map each one-word speaker name to the one fuller name it stands for across the corpus.

    "Kirby" becomes "John Kirby" when "John Kirby" is the only quoted full name ending in
    "Kirby"; failing that, a family name written first ("Wen" for "Wen Qiaolin") is used, never
    a given name ("Keith" quoted in one story is not Keith Rowley of another). Ambiguous names
    ("Smith" with two Smiths) are left alone.
    """
    given = load_lexicon().first_names
    names = [n for n in quotes["speaker"].dropna().unique().tolist() if n]
    by_last: dict[str, set[str]] = defaultdict(set)
    by_first: dict[str, set[str]] = defaultdict(set)
    for name in names:
        words = name.split()
        if len(words) > 1:
            by_last[words[-1]].add(name)
            by_first[words[0]].add(name)
    mapping = {}
    for name in names:
        if len(name.split()) != 1:
            continue
        candidates = by_last.get(name) or (by_first.get(name) if name.lower() not in given else None)
        if candidates and len(candidates) == 1:
            mapping[name] = next(iter(candidates))
    return mapping


def _ranked(quoted: pd.DataFrame, column: str) -> pd.DataFrame:
    """(speaker, value) pairs by speaker, then most frequent first, ties by first appearance."""
    present = quoted[quoted[column].notna()]
    pairs = present.groupby(["speaker", column], sort=False, observed=True).agg(
        n=("_pos", "size"), first=("_pos", "min")
    )
    return pairs.reset_index().sort_values(["speaker", "n", "first"], ascending=[True, False, True])


def speakers_frame(quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per speaker: the roles they were given, their usual affiliation and how often they speak.

    Roles are listed most frequent first; the affiliation is the most frequent one (ties go to
    the first seen). Vectorised: a groupby per column, not a loop per speaker.
    """
    quoted = quotes[quotes["speaker"].notna()]
    if quoted.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in SPEAKER_COLUMNS})
    quoted = pd.DataFrame(
        {
            "speaker": quoted["speaker"].astype("str").to_numpy(),
            "role": quoted["role"].astype("str").to_numpy(),
            "affiliation": quoted["affiliation"].astype("str").to_numpy(),
            "article_id": quoted["article_id"].to_numpy(),
            "_pos": np.arange(len(quoted)),
        }
    )
    roles = _ranked(quoted, "role").groupby("speaker", sort=False)["role"].agg(list)
    usual = _ranked(quoted, "affiliation").drop_duplicates("speaker")
    affiliation = usual.set_index("speaker")["affiliation"]
    out = (
        quoted.groupby("speaker", sort=True)
        .agg(n_quotes=("_pos", "size"), n_articles=("article_id", "nunique"))
        .reset_index()
    )
    out["roles"] = [roles.get(s, []) for s in out["speaker"]]
    out["affiliation"] = out["speaker"].map(affiliation).astype("str")
    return out[list(SPEAKER_COLUMNS)].sort_values(
        ["n_quotes", "speaker"], ascending=[False, True], ignore_index=True
    )


def _concat(frames: list[pd.DataFrame], name: str) -> pd.DataFrame:
    """Frames stacked (the empty ones only when all are empty, so their object dtypes do not spread)."""
    filled = [f for f in frames if len(f)]
    if not filled:
        return storage_frame(name, frames[0] if frames else _empty_frame(name)).assign(
            _file=pd.Series([], dtype="int32")
        )
    return filled[0].reset_index(drop=True) if len(filled) == 1 else pd.concat(filled, ignore_index=True)


def _in_file_order(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows sorted by their file's position (stable: rows of one file keep their order), `_file` dropped."""
    if "_file" not in frame.columns:
        return frame
    if not frame["_file"].is_monotonic_increasing:
        frame = frame.sort_values("_file", kind="stable", ignore_index=True)
    return frame.drop(columns=["_file"])


def _as_batches(results: Iterable[FileFrames | Batch]) -> list[Batch]:
    results = list(results)
    loose = [(i, r) for i, r in enumerate(results) if isinstance(r, FileFrames)]
    batches = [r for r in results if isinstance(r, Batch)]
    return [*batches, batch_of(loose)] if loose else batches


def assemble(results: Iterable[FileFrames | Batch], skipped: Iterable[tuple[str, str]] = ()) -> Corpus:
    """Put per-file results together: duplicates marked, speaker names merged, speakers counted.

    `results` are FileFrames (in file order) or Batches (rows tagged with their file's
    position); the corpus comes out in its compact dtypes (`workbench.dtypes.compact`).
    """
    batches = _as_batches(results)
    frames = {name: _in_file_order(_concat([getattr(b, name) for b in batches], name)) for name in FRAMES}
    articles = mark_duplicates(frames["articles"]) if len(frames["articles"]) else frames["articles"]
    quotes, mentions = frames["quotes"], frames["mentions"]
    renames = merge_speaker_names(quotes)
    if renames:
        quotes = quotes.assign(speaker=quotes["speaker"].replace(renames))
        is_person = mentions["kind"] == "person"
        mentions = mentions.copy()
        mentions.loc[is_person, "key"] = mentions.loc[is_person, "key"].replace(renames)
        mentions.loc[is_person, "label"] = mentions.loc[is_person, "key"]
    report_rows = [{k: v for k, v in row.items() if k != "_file"} for b in batches for row in b.reports] + [
        {
            "file": without_surrogates(f),
            "format": None,
            "status": "skipped",
            "reason": without_surrogates(why),
            "n_articles": 0,
            "n_rows": 0,
            "n_skipped": 0,
        }
        for f, why in skipped
    ]
    report = pd.DataFrame(report_rows, columns=list(REPORT_COLUMNS)).sort_values("file", ignore_index=True)
    return compact(
        Corpus(
            articles=articles,
            quotes=quotes,
            mentions=mentions,
            sentences=frames["sentences"],
            speakers=speakers_frame(quotes),
            report=report,
        )
    )


def load(
    target: str | Path | Iterable[str | Path],
    *,
    columns: Mapping[str, str] | None = None,
    gazetteer: str | Path | None = None,
    lexicon: str | Path | None = None,
    annotate: bool = True,
    progress: bool | None = None,
    cache: bool | str | Path = True,
    engine: str = "local",
    scheduler=None,
    workdir: str | Path | None = None,
) -> Corpus:
    """Load news files into an annotated `Corpus`.

    `target` is a folder (read recursively), a glob, a file, or a list of these.
    `columns` maps frame fields to your CSV/JSON field names when guessing is not enough
    (``columns={"text": "story_body"}``). `gazetteer` and `lexicon` replace the default
    country gazetteer and theme lexicon. Every input file gets a row in `corpus.report`;
    files that cannot be read are reported there, never silently dropped.

    `cache` (on by default; False, or a folder) reuses the annotations of unchanged files
    (see `workbench.cache`). `engine="dask"` annotates on a Dask cluster: a local one using
    every core, or the one at `scheduler` ("tcp://host:port" or a `distributed.Client`);
    `workdir` is where its Parquet partitions go (see `workbench.engines`).
    """
    from .cache import open_cache
    from .engines import map_files

    resources = load_resources(gazetteer, lexicon)
    found = discover(target)
    readable = [str(path) for path, why in found if why is None]
    skipped = [(str(path), why) for path, why in found if why is not None]
    store = open_cache(cache, resources.fingerprint, columns=columns, annotate=annotate)
    corpus = store.get_corpus(readable, skipped) if store else None
    if corpus is not None:
        return corpus
    cached, todo = store.get_files(readable) if store else ([], list(range(len(readable))))
    fresh = map_files(
        readable,
        todo,
        resources=resources,
        gazetteer=gazetteer,
        lexicon=lexicon,
        columns=columns,
        annotate=annotate,
        engine=engine,
        scheduler=scheduler,
        workdir=workdir,
        progress=progress,
    )
    if store:
        store.put_files(readable, fresh)
    corpus = assemble([*cached, fresh], skipped)
    if store:
        store.put_corpus(readable, skipped, corpus)
    return corpus


#: What decides what a load produces, besides the gazetteer and lexicon: the package's pipeline
#: modules and the word lists in data/ (cues, titles, organisations, ...), relative to the repository.
PIPELINE_CODE = (
    "workbench/readers/*.py",
    "workbench/extract/*.py",
    "workbench/annotate.py",
    "workbench/articles.py",
    "workbench/records.py",
    "workbench/load.py",
    "workbench/dedupe.py",
    "workbench/dtypes.py",
    "data/*.yaml",
)


def pipeline_code_hash() -> str:
    """A hash of the pipeline's source files and word lists as they are on disk now.

    The cache keys on it so that edited annotation code never reuses old entries
    (`PIPELINE_VERSION` is the deliberate switch; this catches the edits nobody bumped it for).
    """
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for pattern in PIPELINE_CODE:
        for path in sorted(root.glob(pattern)):
            digest.update(path.relative_to(root).as_posix().encode() + b"\x00" + path.read_bytes())
    return digest.hexdigest()[:16]


#: The hash of the pipeline code as this process imported it (this module imports the pipeline above).
IMPORTED_CODE = pipeline_code_hash()
