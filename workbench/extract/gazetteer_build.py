"""Build data/gazetteer.yaml from pycountry and the hand-curated data/gazetteer_curated.yaml.

Run ``python -m workbench.extract.gazetteer_build`` after editing the curated file. The output is
deterministic (same inputs, same bytes), so the gazetteer fingerprint only changes when knowledge does.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

import pycountry
import yaml

__all__ = ["build_gazetteer", "fold_ascii", "plural_forms", "main", "FIELDS", "DATA_DIR"]

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
CURATED_PATH = DATA_DIR / "gazetteer_curated.yaml"
OUTPUT_PATH = DATA_DIR / "gazetteer.yaml"

#: Surface fields of a country entry, in the order the matcher ranks them when a surface is shared.
FIELDS = ("names", "capitals", "demonyms", "regions", "cities")

_EXTRA_FOLDS = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "ı": "i",
        "đ": "d",
        "Đ": "D",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "ß": "ss",
        "’": "'",
        "ʻ": "'",
        "ʼ": "'",
    }
)
_NO_PLURAL_ENDINGS = ("s", "sh", "ese", "tch", "nch", "x", "z", "man", "men", "i-kiribati")

HEADER = """\
# GENERATED FILE - do not edit by hand.
# Built by `python -m workbench.extract.gazetteer_build` from pycountry {version} (ISO 3166-1 names,
# plus ISO 3166-2 subdivisions for the countries listed under `subdivisions` in the curated file) and
# data/gazetteer_curated.yaml (short forms, demonyms, capitals and seats of government, cities, guards).
# One entry per ISO 3166-1 alpha-3 code: name (label), official, names, capitals, demonyms, regions,
# cities, flags. `guards` holds the false-positive guards the matcher applies (see the curated file).
# An analyst may replace this file with their own of the same shape.
"""


def fold_ascii(text: str) -> str:
    """Return `text` without diacritics (Montréal -> Montreal), for an unaccented twin surface."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def plural_forms(demonym: str) -> list[str]:
    """Regular plural of a demonym noun (Iranian -> Iranians); none for French, Swiss, Frenchman."""
    if demonym.lower().endswith(_NO_PLURAL_ENDINGS) or not demonym[-1:].isalpha():
        return []
    return [demonym + "s"]


def _pycountry_names(country) -> list[str]:
    """Running-text names pycountry gives for a country (inverted 'Korea, Republic of' forms skipped)."""
    names: list[str] = []
    for attr in ("name", "common_name", "official_name"):
        value = getattr(country, attr, None)
        if not value or ", " in value:
            continue
        if value.startswith("the "):
            value = value[4:]
        if " (" in value and value.endswith(")"):
            head, _, inner = value[:-1].partition(" (")
            names.extend([head, inner])
        else:
            names.append(value)
    return names


def _subdivision_names(iso3: str, types: list[str]) -> list[str]:
    """Names of the ISO 3166-2 subdivisions of one country, restricted to `types`."""
    alpha2 = pycountry.countries.get(alpha_3=iso3).alpha_2
    subs = pycountry.subdivisions.get(country_code=alpha2) or []
    return sorted(s.name for s in subs if s.type in types and ", " not in s.name)


def _unique(values: list[str]) -> list[str]:
    """Values in first-seen order, without repeats or blanks."""
    seen: dict[str, None] = {}
    for value in values:
        value = value.strip()
        if value:
            seen.setdefault(value, None)
    return list(seen)


def _with_variants(surfaces: list[str], plurals: bool = False) -> list[str]:
    """Add unaccented twins (and plurals for demonyms) to a list of surfaces."""
    out: list[str] = []
    for surface in surfaces:
        out.append(surface)
        if plurals:
            out.extend(plural_forms(surface))
        out.append(fold_ascii(surface))
        if plurals:
            out.extend(plural_forms(fold_ascii(surface)))
    return _unique(out)


def _country_entry(country, curated: dict, regions: list[str], drop: set[str]) -> dict:
    """One gazetteer entry: pycountry names merged with the curated fields."""
    label = curated.get("name") or getattr(country, "common_name", None) or country.name
    names = _pycountry_names(country) + list(curated.get("names") or [])
    entry = {
        "name": label,
        "official": getattr(country, "official_name", None) or country.name,
        "names": _with_variants([label, *names]),
        "capitals": _with_variants(list(curated.get("capitals") or [])),
        "demonyms": _with_variants(list(curated.get("demonyms") or []), plurals=True),
        "regions": _with_variants(regions + list(curated.get("regions") or [])),
        "cities": _with_variants(list(curated.get("cities") or [])),
    }
    for field in FIELDS:
        entry[field] = [s for s in entry[field] if s not in drop]
    return entry


def _shared_surfaces(countries: dict[str, dict]) -> dict[str, list[str]]:
    """Surfaces listed under more than one country, with their countries in rank order."""
    owners: dict[str, list[tuple[int, str]]] = {}
    for iso3, entry in countries.items():
        for rank, field in enumerate(FIELDS):
            for surface in entry[field]:
                owners.setdefault(surface, []).append((rank, iso3))
    shared = {}
    for surface, pairs in owners.items():
        isos = _unique([iso for _, iso in sorted(pairs)])
        if len(isos) > 1:
            shared[surface] = isos
    return dict(sorted(shared.items()))


def build_gazetteer(curated: dict) -> dict:
    """Merge pycountry with the curated mapping; return the gazetteer as plain data."""
    cur_countries = curated.get("countries") or {}
    subdivisions = dict(curated.get("subdivisions") or {})
    exclude = set(subdivisions.pop("exclude", None) or [])
    unknown = sorted(set(cur_countries) - {c.alpha_3 for c in pycountry.countries})
    if unknown:
        raise ValueError(f"gazetteer_curated.yaml: unknown ISO3 codes {unknown}; use ISO 3166-1 alpha-3")
    countries: dict[str, dict] = {}
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        cur = cur_countries.get(country.alpha_3) or {}
        regions = [
            r
            for r in _subdivision_names(country.alpha_3, subdivisions.get(country.alpha_3) or [])
            if r not in exclude
        ]
        countries[country.alpha_3] = _country_entry(country, cur, regions, set(cur.get("drop") or []))
    guards = dict(curated.get("guards") or {})
    ambiguous = dict(guards.get("ambiguous") or {})
    for surface, isos in _shared_surfaces(countries).items():
        if surface not in ambiguous and fold_ascii(surface) not in ambiguous:
            ambiguous[surface] = {"candidates": isos}
    guards["ambiguous"] = ambiguous
    context = set(guards.get("needs_context") or {})
    for entry in countries.values():
        flags = {}
        surfaces = [s for field in FIELDS for s in entry[field]]
        needs = [s for s in surfaces if s in context]
        shared = [s for s in surfaces if s in ambiguous]
        if needs:
            flags["needs_context"] = needs
        if shared:
            flags["ambiguous"] = shared
        entry["flags"] = flags
    return {
        "version": 1,
        "source": {"pycountry": _pycountry_version()},
        "countries": countries,
        "guards": guards,
    }


def _pycountry_version() -> str:
    """Installed pycountry version, recorded in the output header for provenance."""
    from importlib.metadata import version

    return version("pycountry")


def dump(gazetteer: dict) -> str:
    """The gazetteer as YAML text with its generated-file header."""
    body = yaml.safe_dump(gazetteer, sort_keys=False, allow_unicode=True, width=110, default_flow_style=None)
    return HEADER.format(version=gazetteer["source"]["pycountry"]) + body


def main(argv: list[str] | None = None) -> int:
    """Command line: regenerate data/gazetteer.yaml (or --output) from the curated file."""
    parser = argparse.ArgumentParser(prog="python -m workbench.extract.gazetteer_build", description=__doc__)
    parser.add_argument("--curated", type=Path, default=CURATED_PATH)
    parser.add_argument("--output", type=Path, default=OUTPUT_PATH)
    args = parser.parse_args(argv)
    try:
        curated = yaml.safe_load(args.curated.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        print(f"{args.curated}{line}: not valid YAML: {exc}", file=sys.stderr)
        return 2
    text = dump(build_gazetteer(curated))
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text.encode('utf-8'))} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
