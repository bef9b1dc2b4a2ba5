"""Bytes to clean text: encoding detection, mojibake repair, NFC, LF line ends.

Order of trust: a byte-order mark, then strict UTF-8, then UTF-8 with an 8-bit fallback for the
lines that are not UTF-8 (a UTF-8 file with a pasted cp1252 paragraph), then charset-normalizer's
guess, then cp1252 and finally latin-1 (which cannot fail). Typographic quotes, apostrophes and
dashes are never touched: quote extraction depends on them. Isolated NUL bytes (database exports)
are dropped; only frequent NULs or control characters make a file binary.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import NamedTuple

import ftfy
from ftfy.badness import is_bad

__all__ = [
    "Decoded",
    "NotText",
    "decode_bytes",
    "clean_text",
    "sniff_encoding",
    "binary_kind",
    "fallback_errors",
]


class NotText(ValueError):
    """The bytes are not text (binary content); the message says why."""


class Decoded(NamedTuple):
    text: str
    encoding: str


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# File signatures of common binary formats, so the reason can name what was found.
_MAGIC = (
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (docx/xlsx/epub?)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\xd0\xcf\x11\xe0", "MS Office (OLE) document"),
    (b"PAR1", "Parquet file"),
    (b"SQLite format 3", "SQLite database"),
    (b"\x7fELF", "executable"),
)
# Latin-family guesses of charset-normalizer that we read as cp1252 (a superset of latin-1's printables).
_WESTERN = re.compile(r"^(?:cp1252|windows_1252|latin_1|iso8859_1|iso8859_15|ascii|cp850|mac_roman)$")
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    fix_line_breaks=False,
    remove_control_chars=False,
    normalization="NFC",
    explain=False,
)
_FTFY_EXPLAIN = _FTFY._replace(explain=True)
_FTFY_NO_ENCODING = _FTFY._replace(fix_encoding=False)
_WESTERN_MOJIBAKE = frozenset({"sloppy-windows-1252", "windows-1252", "latin-1", "iso-8859-1"})
_NEEDS_FTFY = re.compile("[\x80-\x9f\ud800-\udfff\x1b]")
# UTF-8 read as cp1252/latin-1 always shows one of these lead characters (Â Ã â ...).
_MOJIBAKE_LEAD = re.compile("[\u00c2-\u00f4]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0b\x0e-\x1a\x1c-\x1f]")
# Binary when NULs are more than a few and exceed this share of the first bytes, or come with many other
# control bytes: text from a database export may hold stray NULs (one per row, say), while binary data
# (numbers, structs) is full of them and random bytes hold a control byte in ten.
_FEW_NULS = 3
_MAX_NUL_SHARE = 0.1
_MAX_CONTROL_SHARE = 0.05


def binary_kind(head: bytes) -> str | None:
    """Name the binary format of `head` (the first bytes of a file), or None when it may be text."""
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    nuls = head.count(b"\x00")
    if not nuls or _utf16_guess(head) is not None:
        return None
    controls = len(_CONTROL_BYTES.findall(head))
    if (nuls > _FEW_NULS and nuls > _MAX_NUL_SHARE * len(head)) or controls > _MAX_CONTROL_SHARE * len(head):
        return "binary content (NUL bytes)"
    return None


def fallback_errors(encoding: str) -> str:
    """Name of a codecs error handler decoding the bytes UTF-8 rejects as `encoding` (cp1252...).

    ``data.decode("utf-8", errors=fallback_errors("cp1252"))`` reads a UTF-8 file with a pasted
    cp1252 paragraph right: only the undecodable runs take the 8-bit reading.
    """
    name = f"workbench-fallback-{encoding}"
    try:
        codecs.lookup_error(name)
    except LookupError:

        def handler(exc: UnicodeError) -> tuple[str, int]:
            if not isinstance(exc, UnicodeDecodeError):
                raise exc
            chunk = exc.object[exc.start : exc.end]
            return chunk.decode(encoding, errors="replace"), exc.end

        codecs.register_error(name, handler)
    return name


def _utf16_guess(data: bytes) -> str | None:
    """UTF-16 without a BOM: NULs sit on every other byte of ASCII-range text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def sniff_encoding(sample: bytes) -> str:
    """Best encoding for a file whose first bytes are `sample` (used to stream big files)."""
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    guess = _utf16_guess(sample)
    if guess:
        return guess
    cut = sample
    # A multi-byte UTF-8 character may be cut at the end of the sample: drop up to 3 trailing bytes.
    for trim in range(4):
        try:
            (cut[: len(cut) - trim] if trim else cut).decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            continue
    return _guess_8bit(sample)


def _guess_8bit(data: bytes) -> str:
    """cp1252 for Western text with a few accented letters or smart quotes; else ask charset-normalizer.

    Text in another 8-bit code page (Cyrillic cp1251, Greek...) decodes as cp1252 too, but into a run of
    accented Latin letters: when non-ASCII bytes are frequent, charset-normalizer decides.
    """
    sample = data[:200_000]
    high = sum(b >= 0x80 for b in sample)
    letters = sum(97 <= (b | 0x20) <= 122 for b in sample) or 1
    try:
        sample.decode("cp1252")
        cp1252_ok = True
    except UnicodeDecodeError:
        cp1252_ok = False
    if cp1252_ok and high <= 0.4 * letters:
        return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is not None and not _WESTERN.match(best.encoding) and best.encoding != "utf_8":
        return best.encoding
    return "cp1252" if cp1252_ok else "latin-1"


def _ascii_compatible(encoding: str) -> bool:
    try:
        return b"Aa 1\n".decode(encoding) == "Aa 1\n"
    except (LookupError, UnicodeDecodeError):
        return False


def _decode_mixed(data: bytes) -> Decoded | None:
    """Line by line: UTF-8 lines as UTF-8, the others in one 8-bit code page; None for an 8-bit file.

    A UTF-8 file with a pasted cp1252 paragraph keeps both right. The code page is guessed from the
    non-UTF-8 lines alone, so the UTF-8 bytes do not mislead the guess. Whole lines, not runs, fall
    back: in 8-bit text a byte pair can be valid UTF-8 by accident (cp1251 "Ві"), never a whole line
    that also holds other non-ASCII bytes. None when no line is non-ASCII UTF-8 (a plain 8-bit file).
    """
    lines = data.split(b"\n")
    texts: list[str | None] = []
    bad: list[int] = []
    for i, line in enumerate(lines):
        try:
            texts.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            texts.append(None)
            bad.append(i)
    if len(bad) == len(lines) or all(lines[i].isascii() for i in range(len(lines)) if texts[i] is not None):
        return None
    fallback = _guess_8bit(b"\n".join(lines[i] for i in bad))
    if not _ascii_compatible(fallback):
        return None
    for i in bad:
        texts[i] = lines[i].decode(fallback, errors="replace")
    return Decoded("\n".join(t or "" for t in texts), f"utf-8+{fallback}")


def decode_bytes(data: bytes) -> Decoded:
    """Decode file bytes to str (not yet cleaned, NULs dropped); raise NotText for binary content."""
    decoded = _decode(data)
    return Decoded(decoded.text.replace("\x00", ""), decoded.encoding) if "\x00" in decoded.text else decoded


def _decode(data: bytes) -> Decoded:
    kind = binary_kind(data[:8192])
    if kind:
        raise NotText(f"not text: {kind}")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(name, errors="replace"), name)
    guess = _utf16_guess(data)
    if guess:
        return Decoded(data.decode(guess, errors="replace"), guess)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data):  # a truncated file
            return Decoded(data[: exc.start].decode("utf-8", errors="replace"), "utf-8")
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed
    encoding = _guess_8bit(data)
    text = data.decode(encoding, errors="replace")
    if len(_CONTROL.findall(text[:20000])) > 0.05 * min(len(text), 20000):
        raise NotText("not text: binary content (control characters)")
    return Decoded(text, encoding)


def clean_text(text: str) -> str:
    """Repair mojibake (ftfy, quotes kept as written), NFC, CRLF and CR to LF; drop a leading BOM, NULs."""
    if not text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").lstrip("\ufeff")
    # ftfy is slow line by line: run it only where it has something to fix (its own badness test,
    # C1 controls, surrogates, terminal escapes).
    if not text.isascii() and (_NEEDS_FTFY.search(text) or (_MOJIBAKE_LEAD.search(text) and is_bad(text))):
        text = "".join(_fix_line(line) for line in text.splitlines(keepends=True))
    return unicodedata.normalize("NFC", text)


def _fix_line(line: str) -> str:
    """ftfy on one line, its encoding repair kept only for UTF-8 read as cp1252/latin-1.

    ftfy also "repairs" through Mac Roman, cp437 or cp1251, which turns plausible text into nonsense
    ("”é." -> "ӎ."); Western mojibake is the kind news files carry.
    """
    if line.isascii() or not (_NEEDS_FTFY.search(line) or (_MOJIBAKE_LEAD.search(line) and is_bad(line))):
        return line
    if len(line) > _FTFY.max_decode_length:
        return ftfy.fix_text(line, _FTFY)
    fixed = ftfy.fix_and_explain(line, _FTFY_EXPLAIN)
    steps = fixed.explanation or []
    if any(action == "encode" and encoding not in _WESTERN_MOJIBAKE for action, encoding in steps):
        return ftfy.fix_text(line, _FTFY_NO_ENCODING)
    return fixed.text
