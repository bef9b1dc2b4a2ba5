"""The Parquet cache: reopening a folder re-reads only the files that changed.

Two levels, both plain Parquet (plus JSON manifests), never pickle:

* **file entries** ("segments"): the rows every input file yields, tagged with the file's
  key; a load that annotates files writes one segment holding all of them. A file's key is
  the SHA-256 of its bytes plus its path, the pipeline fingerprint (`Resources.fingerprint`:
  code version, gazetteer and lexicon hashes), a hash of the package's annotation code,
  the `columns` mapping and whether the text was annotated. The path is part of the key
  because readers take the outlet, date or topic from it.
* **corpus entries**: the assembled corpus (every frame in its compact dtypes), keyed by
  the keys of all its files; reopening an unchanged folder reads these frames and skips
  annotation and assembly altogether.

Every entry is a folder written under a temporary name in the same parent folder and
moved into place with `os.replace`, so an interrupted write never leaves a partial entry.
Each manifest records the SHA-256 and row counts of its Parquet files; an entry that does
not match, or cannot be read, is ignored (and removed) and its files are annotated again.

The cache folder is ``platformdirs.user_cache_dir("workbench")``, or ``$WORKBENCH_CACHE_DIR``,
or the path given as ``load(..., cache=PATH)``. `clear_cache()` (``workbench cache clear``)
empties it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
import uuid
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .corpus import Corpus
from .dtypes import CORPUS_FRAMES, compact, storage_frame
from .load import FRAMES, IMPORTED_CODE, Batch

__all__ = [
    "CACHE_ENV", "LAYOUT", "cache_dir", "clear_cache", "cache_info", "file_key", "code_hash", "FileCache",
    "open_cache", "read_parquet_frame",
]

#: Environment variable naming the cache folder (the tests point it at a temporary folder).
CACHE_ENV = "WORKBENCH_CACHE_DIR"
#: Version of the on-disk layout; a new layout lives in a new sub-folder and ignores the old one.
LAYOUT = "v1"
#: How many corpus entries and file segments to keep (the least recently used beyond are removed).
KEEP_CORPORA = 8
KEEP_SEGMENTS = 256
_TAG = "CACHEDIR.TAG"
_TAG_TEXT = "Signature: 8a477f597d28d172789f06886806bc55\n# workbench annotation cache (workbench.cache)\n"
_KEY_COLUMN = "_key"
_FILE_COLUMN = "_file"
_STALE_TMP_SECONDS = 3600


# ----------------------------------------------------------------------------------------- where

def cache_dir(cache: bool | str | os.PathLike | None = True) -> Path | None:
    """The cache folder `load(cache=...)` uses: None when off, the given path, or the default."""
    if cache is None or cache is False:
        return None
    if cache is True:
        configured = os.environ.get(CACHE_ENV)
        if configured:
            return Path(configured).expanduser()
        import platformdirs

        return Path(platformdirs.user_cache_dir("workbench"))
    return Path(cache).expanduser()


def clear_cache(path: str | os.PathLike | None = None) -> int:
    """Remove every cache entry (of every layout version); returns the number of bytes freed.

    Only the cache's own sub-folders are removed, never other files in the folder.
    """
    root = cache_dir(True if path is None else path)
    if root is None or not root.is_dir():
        return 0
    freed = 0
    for child in root.iterdir():
        if child.is_dir() and child.name.startswith("v") and child.name[1:].isdigit():
            freed += _size(child)
            shutil.rmtree(child, ignore_errors=True)
    return freed


def cache_info(path: str | os.PathLike | None = None) -> dict:
    """What the cache holds: its folder, number of file segments and corpus entries, and size in bytes."""
    root = cache_dir(True if path is None else path)
    base = root / LAYOUT if root else None
    if base is None or not base.is_dir():
        return {"path": str(root), "segments": 0, "corpora": 0, "bytes": 0}
    count = lambda sub: sum(1 for p in (base / sub).glob("*") if not p.name.startswith("."))  # noqa: E731
    return {"path": str(root), "segments": count("files"), "corpora": count("corpora"), "bytes": _size(root)}


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# ------------------------------------------------------------------------------------------ keys

def code_hash() -> str:
    """The hash of the pipeline code this process imported (`workbench.load.IMPORTED_CODE`)."""
    return IMPORTED_CODE


def _hash_text(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _columns_hash(columns: Mapping[str, str] | None) -> str:
    return _hash_text(json.dumps(sorted((columns or {}).items())))[:16]


def _content_hash(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def file_key(path: str, fingerprint: str, *, columns: Mapping[str, str] | None = None,
             annotate: bool = True, code: str | None = None) -> str:
    """The cache key of one input file (see the module docstring for what goes into it)."""
    return _hash_text(LAYOUT, _content_hash(path), str(path), fingerprint, code or code_hash(),
                      _columns_hash(columns), str(bool(annotate)))[:32]


# ------------------------------------------------------------------------------------- writing

def _write_parquet(frame: pd.DataFrame, path: Path) -> dict:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table, path, compression="zstd")
    return {"rows": len(frame), "sha256": _content_hash(str(path))}


def _write_json(obj, path: Path) -> None:
    path.write_text(json.dumps(obj, default=str), encoding="ascii")  # \u escapes survive any text


def _commit(tmp: Path, final: Path) -> bool:
    """Move a finished temporary entry into place; False when an equal entry got there first."""
    try:
        os.replace(tmp, final)
        return True
    except OSError:  # the target exists and is not empty: another process wrote the same entry
        shutil.rmtree(tmp, ignore_errors=True)
        return False


def _write_entry(parent: Path, name: str, frames: Mapping[str, pd.DataFrame], manifest: dict) -> Path:
    """Write frames + manifest as the entry `parent/name`, atomically (temporary folder, then os.replace)."""
    parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_tmp(parent)
    tmp = parent / f".tmp-{name}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        manifest = {**manifest, "layout": LAYOUT, "created": time.time(),
                    "frames": {frame_name: _write_parquet(frame, tmp / f"{frame_name}.parquet")
                               for frame_name, frame in frames.items()}}
        _write_json(manifest, tmp / "manifest.json")  # written last: an entry without it is incomplete
        _commit(tmp, parent / name)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return parent / name


def _remove_stale_tmp(parent: Path) -> None:
    now = time.time()
    for tmp in parent.glob(".tmp-*"):
        try:
            if now - tmp.stat().st_mtime > _STALE_TMP_SECONDS:
                shutil.rmtree(tmp, ignore_errors=True)
        except OSError:
            pass


def _ensure_root(root: Path) -> Path:
    base = root / LAYOUT
    base.mkdir(parents=True, exist_ok=True)
    tag = root / _TAG
    if not tag.exists():
        with contextlib.suppress(OSError):
            tag.write_text(_TAG_TEXT, encoding="utf-8")
    return base


# ------------------------------------------------------------------------------------- reading

class CorruptEntry(Exception):
    """A cache entry that cannot be trusted: missing, unreadable or not matching its manifest."""


def _read_manifest(entry: Path) -> dict:
    try:
        manifest = json.loads((entry / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CorruptEntry(f"{entry}: unreadable manifest ({exc})") from exc
    if not isinstance(manifest, dict) or manifest.get("layout") != LAYOUT or "frames" not in manifest:
        raise CorruptEntry(f"{entry}: manifest of another layout or incomplete")
    return manifest


def _read_table(entry: Path, name: str, manifest: dict) -> pa.Table:
    expected = manifest["frames"].get(name)
    if not expected:
        raise CorruptEntry(f"{entry}: no {name} frame in the manifest")
    try:
        data = (entry / f"{name}.parquet").read_bytes()
    except OSError as exc:
        raise CorruptEntry(f"{entry}/{name}.parquet: {exc}") from exc
    if hashlib.sha256(data).hexdigest() != expected["sha256"]:
        raise CorruptEntry(f"{entry}/{name}.parquet: content does not match its checksum")
    try:
        table = pq.read_table(pa.BufferReader(data))
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise CorruptEntry(f"{entry}/{name}.parquet: {exc}") from exc
    if table.num_rows != expected["rows"]:
        raise CorruptEntry(f"{entry}/{name}.parquet: {table.num_rows} rows, manifest says {expected['rows']}")
    return table


def _to_pandas(table: pa.Table) -> pd.DataFrame:
    """The table as a DataFrame, freeing Arrow buffers as columns convert (a lower peak for large corpora)."""
    frame = table.to_pandas(split_blocks=True, self_destruct=True)
    del table
    pa.default_memory_pool().release_unused()
    return frame


def read_parquet_frame(path: str | os.PathLike) -> pd.DataFrame:
    """One Parquet file as a DataFrame, converted the low-memory way the cache reads its entries."""
    return _to_pandas(pq.read_table(path))


def _discard(entry: Path) -> None:
    shutil.rmtree(entry, ignore_errors=True)


# --------------------------------------------------------------------------------- the cache

@dataclass
class FileCache:
    """The cache as one `load` call sees it: its folder, and the keys of the files being loaded."""

    root: Path
    fingerprint: str
    columns: Mapping[str, str] | None = None
    annotate: bool = True
    keys: dict[str, str] = field(default_factory=dict)  # path -> file key
    code: str = field(default_factory=code_hash)

    @property
    def base(self) -> Path:
        return self.root / LAYOUT

    def key_files(self, paths: Sequence[str]) -> list[str]:
        """The cache key of every file (hashing each file's bytes once per load)."""
        for path in paths:
            if path not in self.keys:
                self.keys[path] = file_key(path, self.fingerprint, columns=self.columns,
                                           annotate=self.annotate, code=self.code)
        return [self.keys[p] for p in paths]

    # -- corpus level

    def corpus_key(self, paths: Sequence[str], skipped: Iterable[tuple[str, str]]) -> str:
        keys = self.key_files(paths)
        listing = json.dumps([list(zip(paths, keys, strict=True)), sorted(map(list, skipped))])
        return _hash_text(LAYOUT, self.fingerprint, listing)[:32]

    def get_corpus(self, paths: Sequence[str], skipped: Sequence[tuple[str, str]]) -> Corpus | None:
        """The assembled corpus of exactly these files, when cached and intact."""
        entry = self.base / "corpora" / self.corpus_key(paths, skipped)
        if not entry.is_dir():
            return None
        try:
            manifest = _read_manifest(entry)
            frames = {name: _to_pandas(_read_table(entry, name, manifest)) for name in CORPUS_FRAMES}
        except CorruptEntry:
            _discard(entry)
            return None
        with contextlib.suppress(OSError):
            os.utime(entry / "manifest.json")  # least recently used entries are pruned first
        return compact(Corpus(**frames))

    def put_corpus(self, paths: Sequence[str], skipped: Sequence[tuple[str, str]], corpus: Corpus) -> None:
        """Store the assembled corpus of these files (the frames, without the filters)."""
        frames = {name: getattr(corpus, name) for name in CORPUS_FRAMES}
        with _best_effort("the corpus"):
            parent = _ensure_root(self.root) / "corpora"
            manifest = {"kind": "corpus", "files": len(paths)}
            _write_entry(parent, self.corpus_key(paths, skipped), frames, manifest)
            _prune(parent, KEEP_CORPORA)

    # -- file level

    def _segments(self) -> list[tuple[Path, dict]]:
        folder = self.base / "files"
        if not folder.is_dir():
            return []
        found = []
        for entry in folder.iterdir():
            if entry.name.startswith("."):
                continue
            try:
                found.append((entry, _read_manifest(entry)))
            except CorruptEntry:
                _discard(entry)
        return sorted(found, key=lambda item: item[1].get("created", 0), reverse=True)  # newest first

    def get_files(self, paths: Sequence[str]) -> tuple[list[Batch], list[int]]:
        """Cached results for the files at these positions: (batches, positions not in the cache).

        Rows carry the position of their file in `paths` (`_file`), so `assemble` puts them
        in the same order as freshly annotated ones.
        """
        keys = self.key_files(paths)
        wanted: dict[str, int] = {}
        missing = []
        for position, key in enumerate(keys):
            if key in wanted:  # the same file listed twice: annotate the second copy again
                missing.append(position)
            else:
                wanted[key] = position
        batches = []
        for entry, manifest in self._segments():
            here = [k for k in wanted if k in manifest.get("files", {})]
            if not here:
                continue
            try:
                batches.append(_read_segment(entry, manifest, {k: wanted[k] for k in here}))
            except CorruptEntry:
                _discard(entry)
                continue
            with contextlib.suppress(OSError):
                os.utime(entry / "manifest.json")
            for k in here:
                del wanted[k]
        return batches, sorted(missing + list(wanted.values()))

    def put_files(self, paths: Sequence[str], batch: Batch) -> None:
        """Store freshly annotated files (rows tagged with their position in `paths`) as one segment."""
        if not batch.reports:
            return
        keys = self.key_files(paths)
        positions = sorted({int(r[_FILE_COLUMN]) for r in batch.reports})
        key_of = {p: keys[p] for p in positions}
        frames = {name: _with_keys(getattr(batch, name), key_of) for name in FRAMES}
        files = {}
        for report in batch.reports:
            position = int(report[_FILE_COLUMN])
            row = {k: v for k, v in report.items() if k != _FILE_COLUMN}
            files[key_of[position]] = {"path": paths[position], "report": row}
        with _best_effort(f"{len(files)} files"):
            name = _hash_text(*sorted(files))[:32]
            parent = _ensure_root(self.root) / "files"
            _write_entry(parent, name, frames, {"kind": "files", "files": files})
            _prune(parent, KEEP_SEGMENTS)


@contextlib.contextmanager
def _best_effort(what: str):
    """A cache that cannot be written (disk full, read-only) costs time on the next load, not this one."""
    try:
        yield
    except (OSError, pa.ArrowException) as exc:
        warnings.warn(f"workbench cache: could not store {what} ({exc}); the load goes on uncached",
                      stacklevel=4)


def _with_keys(frame: pd.DataFrame, key_of: Mapping[int, str]) -> pd.DataFrame:
    """The frame with its `_file` positions replaced by the files' keys (a dictionary column)."""
    if frame.empty:
        return frame.drop(columns=[_FILE_COLUMN]).assign(**{_KEY_COLUMN: pd.Series([], dtype="str")})
    keys = frame[_FILE_COLUMN].map(key_of).astype("category")
    return frame.drop(columns=[_FILE_COLUMN]).assign(**{_KEY_COLUMN: keys})


def _read_segment(entry: Path, manifest: dict, positions: Mapping[str, int]) -> Batch:
    """The rows of the files `positions` names, from one segment, with `_file` set to their position."""
    frames = {}
    value_set = pa.array(list(positions), type=pa.string())
    for name in FRAMES:
        table = _read_table(entry, name, manifest)
        if _KEY_COLUMN not in table.column_names:
            raise CorruptEntry(f"{entry}/{name}.parquet: no {_KEY_COLUMN} column")
        keys = table[_KEY_COLUMN]
        if pa.types.is_dictionary(keys.type):
            keys = keys.cast(pa.string())
        if len(positions) < len(manifest["files"]):
            mask = pc.is_in(keys, value_set=value_set)
            table, keys = table.filter(mask), keys.filter(mask)
        frame = table.drop_columns([_KEY_COLUMN]).to_pandas()
        position = pd.Series(keys.to_pandas(), dtype="str").map(positions).astype("int32")
        frames[name] = storage_frame(name, frame).assign(**{_FILE_COLUMN: position.to_numpy()})
    reports = [{**manifest["files"][k]["report"], _FILE_COLUMN: p} for k, p in positions.items()]
    return Batch(reports=reports, **frames)


def _prune(parent: Path, keep: int) -> None:
    entries = [p for p in parent.iterdir() if not p.name.startswith(".")]
    if len(entries) <= keep:
        return

    def last_used(entry: Path) -> float:
        try:
            return (entry / "manifest.json").stat().st_mtime
        except OSError:
            return 0.0

    for entry in sorted(entries, key=last_used, reverse=True)[keep:]:
        _discard(entry)


def open_cache(cache: bool | str | os.PathLike | None, fingerprint: str, *,
               columns: Mapping[str, str] | None = None, annotate: bool = True) -> FileCache | None:
    """The cache for one `load` call (None when `cache` is False)."""
    root = cache_dir(cache)
    if root is None:
        return None
    return FileCache(root, fingerprint, columns=columns, annotate=annotate)
