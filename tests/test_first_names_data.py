"""Checks on data/first_names.yaml: shape, spelling, ordering, disjoint lists and a few known names."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
import yaml

__all__: list[str] = []

PATH = Path(__file__).resolve().parents[1] / "data" / "first_names.yaml"
LISTS = ("female", "male", "unisex")
SIZES = {"female": (900, 1300), "male": (900, 1300)}


@pytest.fixture(scope="module")
def data() -> dict:
    return yaml.safe_load(PATH.read_text(encoding="utf-8"))


def is_title_case(name: str) -> bool:
    """Hyphen parts start upper-case and go on lower-case (a capital may follow an apostrophe: D'Arcy).

    A later part may be all lower-case, as Korean given names are written (Geun-hye, Jae-in).
    """
    parts = name.split("-")
    for i, part in enumerate(parts):
        if not part or part.endswith("'") or part.startswith("'"):
            return False
        if i and part.islower():
            continue
        if not part[0].isupper():
            return False
        pairs = zip(part, part[1:], strict=False)
        if any(not (ch == "'" or ch.islower() or (ch.isupper() and prev == "'")) for prev, ch in pairs):
            return False
    return True


def sort_key(name: str) -> tuple[str, str]:
    """Alphabetical ignoring accents and case; the raw name breaks ties (Agnes before Agnès)."""
    base = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return base.casefold(), name


@pytest.mark.parametrize("name, ok", [
    ("Jean-Pierre", True), ("D'Arcy", True), ("Ze'ev", True), ("Ségolène", True), ("Geun-hye", True),
    ("jean", False), ("McKenzie", False), ("JD", False), ("Anne-", False), ("O'", False), ("jae-In", False),
])
def test_title_case_rule(name, ok):
    assert is_title_case(name) is ok


def test_lists_exist_and_hold_strings(data):
    for key in LISTS:
        assert isinstance(data.get(key), list) and data[key], f"{PATH}: '{key}' must be a non-empty list"
        bad = [n for n in data[key] if not isinstance(n, str)]
        assert not bad, f"{PATH}: '{key}' has non-strings {bad} (quote them)"


@pytest.mark.parametrize("key", LISTS)
def test_names_are_title_case(data, key):
    bad = [n for n in data[key] if not is_title_case(n)]
    assert not bad, f"{PATH}: '{key}' names must be Title Case: {bad}"


@pytest.mark.parametrize("key", LISTS)
def test_no_duplicates_and_sorted(data, key):
    names = data[key]
    dups = sorted({n for n in names if names.count(n) > 1})
    assert not dups, f"{PATH}: '{key}' repeats {dups}"
    assert names == sorted(names, key=sort_key), f"{PATH}: '{key}' must be sorted ignoring accents and case"


def test_lists_are_disjoint_case_insensitively(data):
    seen: dict[str, str] = {}
    clashes = []
    for key in LISTS:
        for name in data[key]:
            low = name.lower()
            if low in seen and seen[low] != key:
                clashes.append((name, seen[low], key))
            seen[low] = key
    assert not clashes, f"{PATH}: names in two lists (move them to unisex): {clashes}"


@pytest.mark.parametrize("key", sorted(SIZES))
def test_sizes(data, key):
    lo, hi = SIZES[key]
    assert lo <= len(data[key]) <= hi, f"{PATH}: '{key}' has {len(data[key])} names, expected {lo}-{hi}"


@pytest.mark.parametrize("name, key", [
    ("Michelle", "female"), ("Hillary", "female"), ("Fatima", "female"), ("Yulia", "female"),
    ("Barack", "male"), ("Vladimir", "male"), ("Mohammed", "male"), ("Volodymyr", "male"),
    ("Jean-Pierre", "male"), ("Jordan", "unisex"), ("Taylor", "unisex"), ("Andrea", "unisex"),
])
def test_spot_checks(data, name, key):
    assert name in data[key]


@pytest.mark.parametrize("name", ["Jordan", "Taylor", "Alex", "Kim", "Robin", "Jean", "Sasha", "Jesse"])
def test_unisex_names_never_decide(data, name):
    assert name not in data["female"] and name not in data["male"]
