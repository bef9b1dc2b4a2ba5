"""Find the article files under folders, globs, files or lists of them, with a reason for every skip.

Hidden files and folders, documentation (README, SOURCE, LICENSE, .md), annotations (.ann), schemas
(.dtd), code, images and archives are listed with a skip reason rather than silently dropped. Symlink
loops and unreadable folders are reported, never followed forever; a real file reached twice is
listed once (later paths name the first).
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable
from pathlib import Path

__all__ = ["discover", "skip_reason"]

_GLOB = re.compile(r"[*?\[]")
_DOC_NAMES = re.compile(
    r"^(?:readme|source|license|licence|copying|changelog|changes|authors|notice|citation)"
    r"(?:\.[\w.-]+)?$",
    re.IGNORECASE,
)
_SKIP_EXT = {
    ".md": "documentation (Markdown)",
    ".rst": "documentation (reStructuredText)",
    ".ann": "annotation file (brat standoff)",
    ".dtd": "SGML/XML schema (DTD)",
    ".xsd": "XML schema",
    ".xml": "XML data, not an article format the readers know (e.g. geoparsing gold corpora)",
    ".py": "code",
    ".ipynb": "notebook",
    ".r": "code",
    ".sh": "code",
    ".js": "code",
    ".css": "stylesheet",
    ".yaml": "configuration",
    ".yml": "configuration",
    ".toml": "configuration",
    ".ini": "configuration",
    ".cfg": "configuration",
    ".lock": "lock file",
    ".log": "log file",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".gif": "image",
    ".svg": "image",
    ".webp": "image",
    ".pdf": "PDF (not read: export it to text first)",
    ".docx": "Word document (not read: export it to text)",
    ".xlsx": "spreadsheet (not read: save it as CSV)",
    ".xls": "spreadsheet (not read: save it as CSV)",
    ".zip": "archive (unpack it first)",
    ".gz": "archive (unpack it first)",
    ".tar": "archive (unpack it first)",
    ".parquet": "Parquet data",
    ".pyc": "compiled code",
    ".pkl": "pickle",
    ".db": "database",
    ".sqlite": "database",
    ".mp3": "audio",
    ".mp4": "video",
}


def skip_reason(path: str | Path) -> str | None:
    """Why a file found in a folder or glob is not an article file, or None when it should be read."""
    name = Path(path).name
    if name.startswith("."):
        return "hidden file"
    if name.endswith("~") or name.startswith("~$"):
        return "editor backup/lock file"
    if _DOC_NAMES.match(name):
        return "documentation (README/SOURCE/LICENSE), not an article"
    ext = Path(name).suffix.lower()
    if ext in _SKIP_EXT:
        return _SKIP_EXT[ext]
    return None


def _file_id(path: str) -> tuple[int, int] | str:
    try:
        st = os.stat(path)
        return (st.st_dev, st.st_ino)
    except OSError:
        return os.path.realpath(path)


def _walk(root: str, out: list[tuple[str, str | None]]) -> None:
    """Recursive listing of `root` following symlinks, each real folder entered once.

    Real folders are walked before symlinked ones, so a loop or a second path to a folder is what gets
    reported, not the folder itself.
    """
    seen_dirs: set = set()
    real: list[str] = [root]
    linked: list[str] = []
    while real or linked:
        folder = real.pop() if real else linked.pop(0)
        key = _file_id(folder)
        if key in seen_dirs:
            out.append((folder, "symlink loop or repeated folder: already visited"))
            continue
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except PermissionError:
            out.append((folder, "unreadable folder: permission denied"))
            continue
        except OSError as exc:
            out.append((folder, f"unreadable folder: {exc.strerror or exc}"))
            continue
        for entry in entries:
            path = os.path.join(folder, entry.name)
            if entry.name.startswith("."):
                out.append((path, "hidden folder" if entry.is_dir() else "hidden file"))
                continue
            try:
                is_dir = entry.is_dir()  # follows symlinks
                is_file = entry.is_file()
                is_link = entry.is_symlink()
            except OSError as exc:
                out.append((path, f"unreadable: {exc.strerror or exc}"))
                continue
            if is_dir:
                (linked if is_link else real).append(path)
            elif is_file:
                out.append((path, _file_reason(path)))
            elif is_link:
                out.append((path, "broken symlink or symlink loop"))
            else:
                out.append((path, "not a regular file"))


def _file_reason(path: str) -> str | None:
    reason = skip_reason(path)
    if reason is None and not os.access(path, os.R_OK):
        return "unreadable: permission denied"
    return reason


def _expand(target: str | Path, out: list[tuple[str, str | None]]) -> None:
    text = os.fspath(target)
    if _GLOB.search(text) and not os.path.exists(text):
        matches = sorted(glob.glob(text, recursive=True))
        if not matches:
            out.append((text, "no file matches this pattern"))
        for match in matches:
            if os.path.isdir(match):
                _walk(match, out)
            else:
                out.append((match, _file_reason(match)))
        return
    if os.path.isdir(text):
        _walk(text, out)
    elif os.path.isfile(text):
        out.append((text, None))  # a file named explicitly is read whatever its name
    elif os.path.islink(text):
        out.append((text, "broken symlink or symlink loop"))
    else:
        out.append((text, "not found"))


def discover(target: str | Path | Iterable[str | Path]) -> list[tuple[str, str | None]]:
    """(path, skip reason or None) for every file under the target(s), sorted by path.

    `target` is a folder (searched recursively), a glob ("data/**/*.txt"), a file, or a list of these.
    A real file reached by several paths is read once: the later paths get "same file as ...".
    """
    targets = [target] if isinstance(target, (str, os.PathLike)) else list(target)
    found: list[tuple[str, str | None]] = []
    for t in targets:
        _expand(t, found)
    found.sort(key=lambda pair: pair[0])
    # A real file reached by several paths: keep the path that is not behind a symlink, else the first.
    chosen: dict = {}
    for path, reason in found:
        if reason is None:
            key = _file_id(path)
            direct = os.path.realpath(path) == os.path.abspath(path)
            best = chosen.get(key)
            if best is None or (direct and not best[1]):
                chosen[key] = (path, direct)
    result: list[tuple[str, str | None]] = []
    listed: set[str] = set()
    for path, reason in found:
        if path in listed:
            continue
        listed.add(path)
        if reason is None:
            first = chosen[_file_id(path)][0]
            if first != path:
                reason = f"same file as {first}"
        result.append((path, reason))
    return result
