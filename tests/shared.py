"""Where the real corpora and gold live (../shared beside the repo), and how tests skip without them."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from workbench.dtypes import CORPUS_FRAMES

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seeds" / "000_af3a2bf9d24b1de7.txt"
GOLD_DEV = SHARED / "gold" / "dev"
CORPORA = SHARED / "corpora"


def require_shared(path: Path = SHARED) -> Path:
    """Skip (with the reason) when ../shared is absent; under CI=true it must be there."""
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing but CI=true: CI runs with ../shared beside the repo")
        pytest.skip(f"{path} not found: the real corpora and gold live in ../shared beside the repo")
    return path


def assert_same_corpus(got, expected) -> None:
    """Every frame of two corpora is equal (values and dtypes)."""
    for name in CORPUS_FRAMES:
        pd.testing.assert_frame_equal(getattr(got, name), getattr(expected, name), obj=name)
