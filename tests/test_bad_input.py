"""A folder of nasty files: every one is listed with a clear reason, the good ones load, nothing raises."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from workbench.readers import discover, read_file
from workbench.records import ARTICLE_FIELDS

ARTICLE = (
    "The council voted on Tuesday to keep the old library open for another five years, "
    "ending a long fight.\n\n"
    "“It’s a relief,” said the head librarian, who had led the campaign — café owners nearby agreed.\n"
)
BIG_BYTES = 50_000_000
SMALL_LIMIT = 10_000_000


def _big_jsonl(path: Path) -> int:
    """Write ~50 MB of JSON Lines without holding it in memory; return the number of rows."""
    row = json.dumps({"title": "Row", "text": "Lorem ipsum dolor sit amet. " * 350}) + "\n"
    n = BIG_BYTES // len(row) + 1
    with open(path, "w", encoding="utf-8") as fh:
        for _ in range(n):
            fh.write(row)
    return n


@pytest.fixture(scope="module")
def nasty(tmp_path_factory) -> tuple[Path, dict[str, tuple[str, str | None]], int]:
    """The folder, {file name: (expected status, expected reason fragment)} and the big file's row count."""
    root = tmp_path_factory.mktemp("nasty")
    expected: dict[str, tuple[str, str | None]] = {}

    def add(
        name: str, content: bytes | str, status: str, reason: str | None, encoding: str = "utf-8"
    ) -> None:
        data = content if isinstance(content, bytes) else content.encode(encoding)
        (root / name).write_bytes(data)
        expected[name] = (status, reason)

    add("empty.txt", b"", "failed", "empty file")
    add("blank.txt", "  \n\n \t\n", "failed", "empty file")
    add("binary.txt", bytes(range(256)) * 40, "failed", "not text: binary content (NUL bytes)")
    add("picture.dat", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "failed", "not text: PNG image")
    add("cp1252.txt", ARTICLE, "ok", None, encoding="cp1252")
    add("utf16-bom.txt", ARTICLE, "ok", None, encoding="utf-16")
    add("utf8-bom.txt", ARTICLE, "ok", None, encoding="utf-8-sig")
    add(
        "truncated.json",
        '{"title": "Cut short",\n "text": "The story beg',
        "failed",
        "truncated JSON at line 2",
    )
    add("numbers.json", "[1, 2, 3]", "failed", "not an object")
    lines = [json.dumps({"title": f"T{i}", "text": f"Story {i}."}) for i in range(6)]
    lines[3] = '{"title": "T3", "text": "unterminated}'
    add("broken.jsonl", "\n".join(lines) + "\n", "partial", "line 4: invalid JSON")
    add("missing-text.csv", "title,date\nA,2020-01-01\n", "failed", "fields found: title, date")
    add("renamed.csv", "headline,story_body\nA,Some text.\n", "failed", "columns={'text'")
    add(
        "semicolon.csv",
        'title;text\n"One";"First line.\n\nSecond; with semicolon."\n"Two";"Plain."\n',
        "ok",
        None,
    )
    add("mystery.xyz", ARTICLE, "ok", None)
    add(
        "scripts.html",
        "<html><head><script>alert(1)</script></head><body><script>x()</script></body></html>",
        "failed",
        "no article text found",
    )
    add("notes.md", "# notes", "skipped-by-discover", "documentation")
    add(".hidden.txt", ARTICLE, "skipped-by-discover", "hidden file")
    add("places.xml", "<articles><article/></articles>", "skipped-by-discover", "XML")
    add("naïve name with spaces.txt", ARTICLE, "ok", None)
    n_big = _big_jsonl(root / "big.jsonl")
    expected["big.jsonl"] = ("ok", None)
    big_txt = root / "big.txt"
    with open(big_txt, "w", encoding="utf-8") as fh:
        fh.write(ARTICLE * (SMALL_LIMIT // len(ARTICLE) + 10))
    expected["big.txt"] = ("failed", "too large: ")
    (root / "loop").symlink_to(root)  # a symlink loop back to the folder itself
    expected["loop"] = ("skipped-by-discover", "already visited")
    (root / "dangling.txt").symlink_to(root / "does-not-exist.txt")
    expected["dangling.txt"] = ("skipped-by-discover", "broken symlink")
    return root, expected, n_big


def _report(root: Path, **options) -> dict[str, tuple[str, str | None, object]]:
    """{file name: (status, reason, FileRead or None)} for everything discover lists, as load() sees it."""
    out = {}
    for path, why in discover(root):
        name = os.path.relpath(path, root)
        if why is not None:
            out[name] = ("skipped-by-discover", why, None)
        else:
            read = read_file(path, **options)
            out[name] = (read.status, read.reason, read)
    return out


def test_every_nasty_file_is_listed_with_a_clear_reason(nasty):
    root, expected, _ = nasty
    report = _report(root, max_bytes=SMALL_LIMIT)
    assert set(expected) <= set(report), set(expected) - set(report)
    for name, (status, fragment) in expected.items():
        got_status, got_reason, _ = report[name]
        assert got_status == status, (name, got_status, got_reason)
        if fragment is None:
            assert got_reason is None, (name, got_reason)
        else:
            assert got_reason and fragment in got_reason, (name, got_reason)
    for name, (status, reason, _) in report.items():
        assert status == "ok" or reason, f"{name}: {status} without a reason"


@pytest.mark.parametrize("name", ["cp1252.txt", "utf16-bom.txt", "utf8-bom.txt", "mystery.xyz"])
def test_wrong_encodings_decode_right(nasty, name):
    root, _, _ = nasty
    read = read_file(root / name)
    assert read.records[0]["text"] == ARTICLE.rstrip("\n")


def test_partial_jsonl_keeps_good_lines(nasty):
    root, _, _ = nasty
    read = read_file(root / "broken.jsonl")
    assert (read.n_rows, read.n_skipped, [r["headline"] for r in read.records]) == (
        6,
        1,
        ["T0", "T1", "T2", "T4", "T5"],
    )


def test_renamed_column_loads_with_mapping(nasty):
    root, _, _ = nasty
    read = read_file(root / "renamed.csv", columns={"text": "story_body"})
    assert read.status == "ok" and read.records[0]["text"] == "Some text."


def test_semicolon_csv_with_embedded_newlines(nasty):
    root, _, _ = nasty
    read = read_file(root / "semicolon.csv")
    assert [r["text"] for r in read.records] == ["First line.\n\nSecond; with semicolon.", "Plain."]


def test_big_jsonl_is_streamed_over_the_limit_and_read_whole_under_it(nasty):
    root, _, n_big = nasty
    assert (root / "big.jsonl").stat().st_size >= BIG_BYTES
    streamed = read_file(root / "big.jsonl", max_bytes=SMALL_LIMIT)
    assert (streamed.status, streamed.n_rows, len(streamed.records)) == ("ok", n_big, n_big)
    whole = read_file(root / "big.jsonl")
    assert (whole.status, len(whole.records)) == ("ok", n_big)


def test_big_text_file_refused_with_a_clear_reason(nasty):
    root, _, _ = nasty
    read = read_file(root / "big.txt", max_bytes=SMALL_LIMIT)
    assert read.status == "failed"
    assert read.reason.startswith("too large: ") and "10 MB limit; split it or raise max_bytes" in read.reason


def test_missing_file_and_folder_given_to_read_file(nasty):
    root, _, _ = nasty
    assert read_file(root / "nope.txt").reason == "not found"
    assert read_file(root).status == "failed"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads chmod 000 files anyway")
def test_unreadable_file_and_folder_reported(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(ARTICLE, encoding="utf-8")
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "a.txt").write_text(ARTICLE, encoding="utf-8")
    secret.chmod(0)
    closed.chmod(0)
    try:
        read = read_file(secret)
        assert read.status == "failed" and "permission denied" in read.reason
        found = dict(discover(tmp_path))
        assert "unreadable folder" in found[str(closed)]
    finally:
        secret.chmod(0o644)
        closed.chmod(0o755)


def _mangled(rng, base: bytes) -> bytes:
    """`base` with random bytes overwritten, cut short or doubled: input no reader was written for."""
    data = bytearray(base)
    for _ in range(rng.randint(1, 20)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    if rng.random() < 0.3:
        data = data[: rng.randrange(len(data) + 1)]
    if rng.random() < 0.2:
        data = data + data
    return bytes(data)


BASES = {
    ".txt": ARTICLE.encode("utf-8"),
    ".json": json.dumps({"title": "T", "text": ARTICLE, "date": "2020-01-02"}).encode(),
    ".jsonl": (json.dumps({"title": "T", "text": "A."}) + "\n" + json.dumps({"text": "B."}) + "\n").encode(),
    ".csv": b'title,text,date\n"T","' + ARTICLE.replace('"', '""').encode() + b'",2020-01-02\n',
    ".html": b"<html><body><article><p>" + ARTICLE.encode() * 3 + b"</p></article></body></html>",
    ".sgm": b'<REUTERS NEWID="1"><DATE>3-MAR-1987 09:15:05.40</DATE><TEXT><TITLE>T</TITLE>'
    b"<BODY>Some text.\n Reuter\n&#3;</BODY></TEXT></REUTERS>",
    ".bin": b"Newspapers in English\n\n" + ARTICLE.encode("utf-16"),
}


@pytest.mark.parametrize("seed", range(12))
def test_mangled_files_never_raise_and_always_explain(tmp_path, seed):
    import random

    rng = random.Random(seed)
    for ext, base in BASES.items():
        path = tmp_path / f"mangled-{seed}{ext}"
        path.write_bytes(_mangled(rng, base))
        read = read_file(path)
        assert read.status in {"ok", "partial", "failed", "skipped"}
        assert read.status == "ok" or read.reason, (path.name, read)
        assert read.n_skipped <= read.n_rows or read.status == "failed"
        for record in read.records:
            assert set(record) == set(ARTICLE_FIELDS)
            assert isinstance(record["authors"], list) and isinstance(record["metadata"], dict)
            assert isinstance(record["text"], str)
            json.dumps(record["metadata"])


def test_permission_errors_become_reasons_even_as_root(tmp_path, monkeypatch):
    """The chmod test cannot bite under root: simulate the OS refusing instead."""
    import workbench.readers as readers

    secret = tmp_path / "secret.txt"
    secret.write_text(ARTICLE, encoding="utf-8")
    closed = tmp_path / "closed"
    closed.mkdir()
    real_open, real_scandir = open, os.scandir

    def refusing_open(path, *args, **kwargs):
        if str(path) == str(secret):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    def refusing_scandir(path="."):
        if str(path) == str(closed):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(readers, "open", refusing_open, raising=False)
    monkeypatch.setattr(os, "scandir", refusing_scandir)
    read = read_file(secret)
    assert read.status == "failed" and read.reason.startswith("unreadable: permission denied")
    assert dict(discover(tmp_path))[str(closed)] == "unreadable folder: permission denied"
