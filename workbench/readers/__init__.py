"""File readers: one function from a file to article records, chosen by extension and content.

    read = read_file("exports/herald.txt")      # FileRead(file, format, records, status, reason, ...)
    found = discover("data/")                   # [(path, skip_reason or None), ...]

Formats: PressReader text exports, plain text, JSON, JSON Lines, CSV/TSV, saved HTML, Reuters-21578
SGML. `read_file` never raises: every problem becomes a status ("failed", "partial", "skipped") and a
reason naming the file, the line and what would be valid.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ._common import filename_meta, parse_date, proper_case_name, split_authors, title_case_headline
from ._decode import NotText, binary_kind, clean_text, decode_bytes, fallback_errors, sniff_encoding
from .discover import discover
from .html import NoArticle, looks_like_html, parse_html
from .plaintext import is_word_list, parse_plaintext
from .pressreader import looks_like_pressreader, parse_pressreader
from .reuters import looks_like_reuters, parse_reuters
from .tabular import ColumnError, iter_csv, iter_jsonl, records_from_rows, rows_from_json, sniff_delimiter

__all__ = [
    "FileRead",
    "read_file",
    "discover",
    "detect_format",
    "title_case_headline",
    "parse_date",
    "proper_case_name",
    "split_authors",
    "FORMATS",
]

FORMATS = ("pressreader", "text", "json", "jsonl", "csv", "html", "reuters-sgml")
_BY_EXTENSION = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".tab": "csv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".sgm": "reuters-sgml",
    ".sgml": "reuters-sgml",
    ".txt": "text",
    ".text": "text",
}
_STREAMABLE = ("jsonl", "csv")


@dataclass(frozen=True)
class FileRead:
    """What reading one file gave: its article records and how it went."""

    file: str
    format: str | None
    records: list[dict] = field(default_factory=list)
    status: str = "ok"  # ok | partial | failed | skipped
    reason: str | None = None
    n_rows: int = 0
    n_skipped: int = 0


def _size_text(n: int) -> str:
    return f"{n / 1e6:.0f} MB" if n >= 1e6 else f"{n / 1e3:.0f} kB" if n >= 1e3 else f"{n} bytes"


def detect_format(path: str | Path, head: str) -> str | None:
    """The reader for a file: its extension, confirmed or overruled by a look at the first characters."""
    ext = Path(path).suffix.lower()
    by_ext = _BY_EXTENSION.get(ext)
    stripped = head.lstrip("\ufeff \t\r\n")
    if by_ext in ("json", "jsonl", "csv"):
        return by_ext
    if looks_like_reuters(head):
        return "reuters-sgml"
    if by_ext == "reuters-sgml":
        return by_ext
    if by_ext == "html" or ((by_ext is None or stripped.startswith("<")) and looks_like_html(head)):
        return "html"
    if ext == ".xml":
        return None
    if by_ext is None and stripped[:1] in "{[":
        first = stripped.split("\n", 1)[0].strip()
        try:
            json.loads(first)
            return "jsonl" if "\n" in stripped.strip() and first.startswith("{") else "json"
        except ValueError:
            return "json"
    if looks_like_pressreader(head):
        return "pressreader"
    if by_ext is None and _looks_like_csv(head):
        return "csv"
    return "text"


def _looks_like_csv(head: str) -> bool:
    lines = [ln for ln in head.split("\n")[:20] if ln.strip()]
    if len(lines) < 2:
        return False
    delimiter = sniff_delimiter(head)
    counts = [ln.count(delimiter) for ln in lines[:5]]
    return counts[0] >= 1 and len(set(counts)) == 1 and all(len(ln) < 2000 for ln in lines[:1])


def _result(path: str, fmt: str | None, records: list[dict], n_rows: int, errors: list[str]) -> FileRead:
    if errors:
        shown = "; ".join(errors[:3]) + (f"; ... ({len(errors) - 3} more)" if len(errors) > 3 else "")
        status = "partial" if records else "failed"
        reason = f"{len(errors)} of {n_rows} rows skipped: {shown}"
    else:
        status, reason = ("ok", None) if records else ("failed", "no articles found")
    return FileRead(path, fmt, records, status, reason, n_rows, len(errors))


def _table(path: str, fmt: str, rows, columns) -> FileRead:
    """The FileRead of numbered rows; a file failing as a whole still counts its rows (all skipped)."""
    try:
        records, n_rows, errors = records_from_rows(rows, path, fmt, columns)
    except ColumnError as exc:
        return FileRead(path, fmt, [], "failed", str(exc), exc.n_rows, exc.n_rows)
    if fmt == "json":
        errors = [e.replace("line ", "item ", 1) for e in errors]
    return _result(path, fmt, records, n_rows, errors)


def _read_table_stream(path: str, fmt: str, columns, encoding: str) -> FileRead:
    """JSONL/CSV read line by line from disk: never the whole file in memory.

    A UTF-8 file reads its non-UTF-8 runs as cp1252 (as decode_bytes does); stray NULs are dropped.
    """
    errors = fallback_errors("cp1252") if encoding.startswith("utf-8") else "replace"
    with open(path, encoding=encoding, errors=errors, newline="") as stream:
        lines = (line.replace("\x00", "") for line in stream)
        if fmt == "jsonl":
            return _table(path, fmt, iter_jsonl(lines), columns)
        sample = stream.read(200_000)
        stream.seek(0)
        delimiter = "\t" if Path(path).suffix.lower() in (".tsv", ".tab") else sniff_delimiter(sample)
        return _table(path, fmt, iter_csv(lines, delimiter), columns)


def _read_json(path: str, text: str, columns) -> FileRead:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        lines = [ln for ln in text.split("\n") if ln.strip()]
        if len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines[:3]):
            read = _read_text_table(path, "jsonl", text, columns)
            return FileRead(
                read.file, "jsonl", read.records, read.status, read.reason, read.n_rows, read.n_skipped
            )
        truncated = exc.msg.startswith("Unterminated") or exc.pos >= len(text.rstrip()) - 1
        what = "truncated JSON" if truncated else "invalid JSON"
        return FileRead(
            path, "json", [], "failed", f"{what} at line {exc.lineno} col {exc.colno}: {exc.msg}", 1, 1
        )
    try:
        rows = rows_from_json(data)
    except ValueError as exc:
        return FileRead(path, "json", [], "failed", f"not articles: {exc}", 1, 1)
    return _table(path, "json", ((i + 1, r) for i, r in enumerate(rows)), columns)


def _read_text_table(path: str, fmt: str, text: str, columns) -> FileRead:
    if fmt == "jsonl":
        rows = iter_jsonl(text.split("\n"))
    else:
        delimiter = "\t" if Path(path).suffix.lower() in (".tsv", ".tab") else sniff_delimiter(text[:200_000])
        rows = iter_csv(io.StringIO(text, newline=""), delimiter)
    return _table(path, fmt, rows, columns)


def _read(path: str, columns: Mapping[str, str] | None, max_bytes: int) -> FileRead:
    p = Path(path)
    if not p.exists():
        return FileRead(path, None, [], "failed", "not found", 0, 0)
    if p.is_dir():
        return FileRead(path, None, [], "failed", "a folder, not a file: use discover() or load() on folders")
    size = p.stat().st_size
    if size == 0:
        return FileRead(path, None, [], "failed", "empty file", 0, 0)
    with open(p, "rb") as fh:
        head_bytes = fh.read(65536)
    kind = binary_kind(head_bytes[:8192])
    if kind:
        return FileRead(path, None, [], "failed", f"not text: {kind}", 0, 0)
    head = head_bytes.decode(sniff_encoding(head_bytes), errors="replace")
    fmt = detect_format(path, head)
    if fmt is None:
        return FileRead(
            path,
            None,
            [],
            "skipped",
            f"unsupported format: {p.suffix or 'no extension'} is not an article format "
            f"(readable: {', '.join(FORMATS)})",
            0,
            0,
        )
    if size > max_bytes:
        if fmt in _STREAMABLE:
            return _read_table_stream(path, fmt, columns, sniff_encoding(head_bytes))
        return FileRead(
            path,
            fmt,
            [],
            "failed",
            f"too large: {_size_text(size)} > {_size_text(max_bytes)} limit; split it or raise max_bytes",
            0,
            0,
        )
    raw = p.read_bytes()
    try:
        decoded = decode_bytes(raw)
    except NotText as exc:
        return FileRead(path, fmt, [], "failed", str(exc), 0, 0)
    if fmt == "json":
        return _read_json(path, decoded.text, columns)
    if fmt in _STREAMABLE:
        return _read_text_table(path, fmt, decoded.text, columns)
    text = clean_text(decoded.text)
    if not text.strip():
        return FileRead(path, fmt, [], "failed", "empty file (whitespace only)", 0, 0)
    if fmt == "html":
        try:
            records = parse_html(text, path)
        except NoArticle as exc:
            return FileRead(path, fmt, [], "failed", str(exc), 1, 1)
    elif fmt == "reuters-sgml":
        records = parse_reuters(text, path)
        if not records:
            return FileRead(path, fmt, [], "failed", "no <REUTERS> stories found", 0, 0)
    elif fmt == "pressreader":
        records = parse_pressreader(text, path, date=filename_meta(path).get("date"))
    else:
        if is_word_list(text):
            return FileRead(path, fmt, [], "skipped", "not an article: a list of short lines, no prose", 0, 0)
        records = parse_plaintext(text, path)
    for record in records:
        record["metadata"].setdefault("encoding", decoded.encoding)
    return FileRead(path, fmt, records, "ok", None, len(records), 0)


def read_file(
    path: str | Path, *, columns: Mapping[str, str] | None = None, max_bytes: int = 100_000_000
) -> FileRead:
    """Article records of one file, with a status and reason. Never raises.

    `columns` maps article fields to the file's own field names for JSON/JSONL/CSV
    (``{"text": "story_body", "headline": "hed"}``). Files over `max_bytes` are streamed when they
    are JSONL or CSV and refused otherwise.
    """
    shown = os.fspath(path) if isinstance(path, (str, os.PathLike)) else str(path)
    try:
        return _read(shown, columns, max_bytes)
    except ColumnError as exc:
        fmt = _BY_EXTENSION.get(Path(shown).suffix.lower())
        return FileRead(shown, fmt, [], "failed", str(exc), exc.n_rows, exc.n_rows)
    except PermissionError as exc:
        return FileRead(shown, None, [], "failed", f"unreadable: permission denied ({exc.strerror})", 0, 0)
    except OSError as exc:
        return FileRead(shown, None, [], "failed", f"unreadable: {exc.strerror or exc}", 0, 0)
    except Exception as exc:  # a reader bug must not stop a whole load
        return FileRead(shown, None, [], "failed", f"reader error: {type(exc).__name__}: {exc}", 0, 0)
