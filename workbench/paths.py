"""Where things are: the sample corpus, the default theme lexicon, the notebooks and the exports folder.

Notebooks run with their own folder or the repository as working directory; these helpers
resolve paths from the package's location instead, so a notebook cell is just
``wb.load(wb.sample_path())``. The exports folder can be redirected with the environment
variable ``WORKBENCH_EXPORTS`` (the tests and ``workbench demo --headless`` do).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "EXPORTS_ENV",
    "repo_root",
    "data_path",
    "sample_path",
    "themes_path",
    "notebooks_path",
    "exports_path",
]

#: Environment variable naming the folder exports go to (default: ``exports/`` in the repository).
EXPORTS_ENV = "WORKBENCH_EXPORTS"


def repo_root() -> Path:
    """The repository (or source tree) the `workbench` package lives in."""
    return Path(__file__).resolve().parents[1]


def _existing(path: Path, what: str) -> Path:
    if not path.exists():
        raise FileNotFoundError(
            f"{what} not found at {path}: the workbench package at {repo_root()} is not a source checkout "
            f"with data/; pass your own path instead"
        )
    return path


def data_path(*parts: str) -> Path:
    """A file or folder under the repository's ``data/`` (the lexicons and the sample corpus)."""
    return _existing(repo_root().joinpath("data", *parts), "/".join(("data", *parts)))


def sample_path() -> Path:
    """The sample corpus, ``data/sample``: a few dozen articles written for the project."""
    return data_path("sample")


def themes_path() -> Path:
    """The default theme lexicon, ``data/themes.yaml`` (copy it to make your own)."""
    return data_path("themes.yaml")


def notebooks_path() -> Path:
    """The example notebooks, ``notebooks/``."""
    return _existing(repo_root() / "notebooks", "notebooks/")


def exports_path(*parts: str, create: bool = True) -> Path:
    """A path under the exports folder: ``$WORKBENCH_EXPORTS``, else ``exports/`` in the repository.

    Outside a source checkout (no ``pyproject.toml`` beside the package) the default is
    ``exports/`` in the current directory. With `create`, the folder that will hold the path is made
    (not the path itself: ``exports_path("iran-arms")`` is a file stem for `workbench.export`).
    """
    configured = os.environ.get(EXPORTS_ENV)
    if configured:
        base = Path(configured).expanduser()
    elif (repo_root() / "pyproject.toml").exists():
        base = repo_root() / "exports"
    else:
        base = Path.cwd() / "exports"
    path = base.joinpath(*parts)
    if create:
        (path.parent if parts else path).mkdir(parents=True, exist_ok=True)
    return path
