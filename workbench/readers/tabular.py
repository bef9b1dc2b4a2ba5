"""JSON, JSON Lines and CSV articles: field names mapped to article fields, by guess or by the caller.

Usual field names are recognised (title/headline, text/body/content, date/published/publishedAt/pubDate,
url/link, source/outlet/publication, author/authors/byline, ...); ``columns={"text": "story_body"}``
overrides the guess. Unmapped fields go to ``metadata`` (a NewsAPI ``description`` is a teaser, not a
subheadline: it lands there too). Bad rows are skipped and reported with their line number; the good
rows load (status "partial"). The mapping is guessed from the field names of the first rows together;
a file with no text field there fails, naming the fields found and the ``columns=`` argument to use.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping

from ..records import ARTICLE_FIELDS
from ._common import make_record, parse_date, split_authors
from ._decode import clean_text

__all__ = [
    "FIELD_ALIASES",
    "map_row",
    "rows_from_json",
    "iter_jsonl",
    "iter_csv",
    "sniff_delimiter",
    "ColumnError",
    "TableResult",
    "records_from_rows",
]

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

#: Field names recognised per article field, in order of preference (compared without case, _ - or space).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "headline": ("headline", "title", "webtitle", "heading", "hed"),
    "subheadline": ("subheadline", "subheading", "subtitle", "subhead", "dek", "standfirst", "deck"),
    "text": (
        "text",
        "body",
        "content",
        "articlebody",
        "articlebodytext",
        "bodytext",
        "maintext",
        "fulltext",
        "story",
        "article",
        "articletext",
    ),
    "date": (
        "date",
        "published",
        "publishedat",
        "pubdate",
        "publicationdate",
        "publishdate",
        "datepublished",
        "datepublish",
        "webpublicationdate",
        "publishedon",
        "time",
        "datetime",
        "created",
        "createdat",
    ),
    "url": ("url", "link", "weburl", "articleurl", "uri", "permalink", "href"),
    "publication": (
        "publication",
        "outlet",
        "source",
        "publisher",
        "sitename",
        "newspaper",
        "sourcename",
        "sourcedomain",
        "domain",
        "media",
        "medianame",
        "journal",
    ),
    "authors": ("authors", "author", "byline", "creator", "creators", "writer", "writers", "by"),
    "language": ("language", "lang"),
    "publication_country": ("publicationcountry", "country"),
}
_JSON_CONTAINERS = ("articles", "data", "items", "results", "documents", "docs", "records", "rows", "stories")


class ColumnError(ValueError):
    """The rows have no text field the reader can find; the message lists the fields found.

    ``n_rows`` is the number of rows of the file when known (records_from_rows sets it).
    """

    n_rows: int = 0


def _key(name: str) -> str:
    return re.sub(r"[\s_\-.]", "", str(name)).lower()


def resolve_columns(found: Iterable[str], columns: Mapping[str, str] | None) -> dict[str, str]:
    """Article field -> source field name, from the explicit mapping first, then the aliases."""
    found = [str(f) for f in found]
    by_key = {}
    for name in found:
        by_key.setdefault(_key(name), name)
    mapping: dict[str, str] = {}
    for field, column in (columns or {}).items():
        if field not in ARTICLE_FIELDS:
            raise ColumnError(
                f"columns: {field!r} is not an article field; valid: {', '.join(ARTICLE_FIELDS)}"
            )
        if column not in found:
            raise ColumnError(
                f"columns: {column!r} (for {field}) not found; fields found: {', '.join(found)}"
            )
        mapping[field] = column
    used = set(mapping.values())
    for field, aliases in FIELD_ALIASES.items():
        if field in mapping:
            continue
        for alias in aliases:
            name = by_key.get(alias)
            if name is not None and name not in used:
                mapping[field] = name
                used.add(name)
                break
    if "text" not in mapping:
        shown = ", ".join(found[:30]) + (" ..." if len(found) > 30 else "")
        raise ColumnError(
            f"no text field: fields found: {shown}; "
            f"pass columns={{'text': '<field>'}} to name the article text"
        )
    return mapping


def _as_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        for k in ("name", "title", "id", "domain"):
            if isinstance(value.get(k), str):
                return value[k]
        return None
    if isinstance(value, list):
        parts = [_as_text(v) for v in value]
        return "\n\n".join(p for p in parts if p) or None
    if isinstance(value, float) and value != value:  # NaN
        return None
    return str(value)


def _authors(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [n for v in value for n in _authors(v)]
    if isinstance(value, dict):
        name = _as_text(value)
        return [name] if name else []
    text = str(value).strip()
    if text.startswith("[") and text.endswith("]"):
        try:
            return _authors(json.loads(text))
        except ValueError:
            pass
    return split_authors(text)


def _jsonable(value):
    if isinstance(value, (str, int, float, bool)) or value is None:
        return clean_text(value) if isinstance(value, str) else value
    if isinstance(value, dict):
        return {clean_text(str(k)): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return str(value)


_WIKI_DATELINE = re.compile(
    r"^\s*((?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [A-Z][a-z]+ \d{1,2}, \d{4})\s*\n"
)


def map_row(row: Mapping, mapping: Mapping[str, str], source: str, fmt: str) -> dict | None:
    """One article record from a row (dict), or None when it has neither text nor headline."""
    fields: dict = {}
    for field, column in mapping.items():
        value = row.get(column)
        if field == "authors":
            fields["authors"] = [clean_text(a) for a in _authors(value)]
        elif field == "date":
            fields["date"] = parse_date(value) if not isinstance(value, (dict, list)) else None
            if value not in (None, "") and fields["date"] is None:
                fields.setdefault("metadata", {})["date_raw"] = _jsonable(value)
        else:
            text = _as_text(value)
            fields[field] = clean_text(text) if text is not None else None
            if field != "text" and fields[field] is not None:
                fields[field] = fields[field].strip() or None
    text = fields.get("text") or ""
    if not text.strip() and not fields.get("headline"):
        return None
    if not fields.get("date") and (m := _WIKI_DATELINE.match(text)):
        fields["date"] = parse_date(m[1])
    used = set(mapping.values())
    metadata = fields.pop("metadata", {})
    metadata.update({clean_text(str(k)): _jsonable(v) for k, v in row.items()
                     if k not in used and v not in (None, "")})  # keys too: no lone surrogate survives
    fields["text"] = text
    return make_record(source, fmt, metadata=metadata, **fields)


class TableResult(tuple):
    """(records, n_rows, errors) of a table read; errors are "line N: why" strings."""

    __slots__ = ()

    def __new__(cls, records: list[dict], n_rows: int, errors: list[str]):
        return super().__new__(cls, (records, n_rows, errors))


#: Rows whose field names are pooled to map the fields: a brief without a body (News APIs omit null
#: fields) or a row with an extra field must not decide the mapping alone.
MAPPING_ROWS = 200


def records_from_rows(
    rows: Iterator[tuple[int, dict | str]], source: str, fmt: str, columns: Mapping[str, str] | None
) -> TableResult:
    """Map numbered rows (or "why" strings for broken ones) to records.

    The field mapping comes from the union of the field names of the first MAPPING_ROWS objects, so a
    first row without a text field only skips itself. When no text field is found there (or `columns`
    names a missing field) the file fails: the ColumnError raised carries ``n_rows``, every row of the
    file counted, so the report's totals stay true.
    """
    records: list[dict] = []
    errors: list[str] = []
    rows = iter(rows)
    pending: list[tuple[int, dict | str]] = []
    names: dict[str, None] = {}
    n_objects = 0
    for line, row in rows:
        pending.append((line, row))
        if isinstance(row, Mapping):
            names.update((str(k), None) for k in row)
            n_objects += 1
            if n_objects >= MAPPING_ROWS:
                break
    mapping: dict[str, str] | None = None
    if n_objects:
        try:
            mapping = resolve_columns(names, columns)
        except ColumnError as exc:
            exc.n_rows = len(pending) + sum(1 for _ in rows)
            raise
    n_rows = 0
    for line, row in itertools.chain(pending, rows):
        n_rows += 1
        if isinstance(row, str):
            errors.append(f"line {line}: {row}")
            continue
        if not isinstance(row, Mapping) or mapping is None:
            errors.append(f"line {line}: not an object ({type(row).__name__})")
            continue
        record = map_row(row, mapping, source, fmt)
        if record is None:
            errors.append(f"line {line}: no text and no headline")
            continue
        metadata = record["metadata"]
        if "row" in metadata:  # the file's own "row" field must not hide the line number
            metadata["row_field"] = metadata.pop("row")
        metadata["row"] = line
        records.append(record)
    return TableResult(records, n_rows, errors)


def rows_from_json(data) -> list[dict]:
    """The article objects of a parsed JSON document: one object, a list, or a list under a known key."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        text_keys = set(FIELD_ALIASES["text"])
        if any(_key(k) in text_keys and isinstance(v, str) for k, v in data.items()):
            return [data]  # an article that happens to hold a list (captions, tags)
        for key in _JSON_CONTAINERS:
            for k, v in data.items():
                if _key(k) == key and isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
                    return v
        return [data]
    raise ValueError(f"a JSON {type(data).__name__}, not an object or a list of objects")


def iter_jsonl(lines: Iterable[str]) -> Iterator[tuple[int, dict | str]]:
    """(line number, object or "why") for each non-blank line of a JSON Lines stream."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, f"invalid JSON at col {exc.colno}: {exc.msg}"
            continue
        yield number, row if isinstance(row, dict) else f"not an object ({type(row).__name__})"


def sniff_delimiter(sample: str) -> str:
    """The delimiter among , ; tab | that splits the sample into the most consistent rows.

    csv.Sniffer's guess is checked by parsing: with embedded newlines or long texts its guess can be
    wrong, so each candidate is scored by how many rows have the header's field count.
    """
    try:
        sniffed = csv.Sniffer().sniff(sample[:50_000], delimiters=",;\t|").delimiter
    except csv.Error:
        sniffed = ","
    cut = sample[: sample.rfind("\n")] if "\n" in sample else sample
    best, best_score = sniffed, (-1.0, 0, 0)
    for delimiter in (sniffed, ",", ";", "\t", "|"):
        try:
            rows = list(csv.reader(io.StringIO(cut), delimiter=delimiter))
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        body = rows[1:-1] if len(rows) > 2 else rows[1:]
        consistent = sum(len(r) == width for r in body) / len(body) if body else 0.5
        score = (consistent, width, delimiter == sniffed)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def iter_csv(stream: Iterable[str], delimiter: str) -> Iterator[tuple[int, dict | str]]:
    """(line number of the row's start, row dict or "why") for each data row of a CSV stream (lines)."""
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    line = reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield line, f"unreadable CSV row ({exc})"
            line = reader.line_num + 1
            continue
        if values and any(v.strip() for v in values):
            if len(values) != len(header):
                yield line, f"{len(values)} fields where the header has {len(header)}"
            else:
                yield line, dict(zip(header, values, strict=True))
        line = reader.line_num + 1
