"""Country mentions: gazetteer patterns, false-positive guards, the public API and real-text checks."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from workbench.extract import gazetteer_build
from workbench.extract.countries import (
    DEFAULT_PATH,
    Gazetteer,
    country_name,
    country_of,
    demonym_of,
    find_countries,
    load_gazetteer,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def shared_or_skip(relative: str) -> Path:
    """A file under ../shared, or skip (fail under CI=true) when it is absent."""
    path = SHARED / relative
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing; CI must run with shared/ beside the repository")
        pytest.skip(f"{path} not present (shared/ material is not on this machine)")
    return path


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return load_gazetteer()


def codes(text: str, gz: Gazetteer) -> set[str]:
    return {m.key for m in find_countries(text, gz)}


# --- names, short forms, demonyms, capitals and seats, cities --------------------------------------

POSITIVE = [
    ("Russia is moving to provide military assistance to Iran.", {"RUS", "IRN"}),
    ("The U.S. allegations are part of a deliberate effort.", {"USA"}),
    ("It was a war between NATO and the U.S.", {"USA"}),
    ("Officials in the US said so.", {"USA"}),
    ("Sanctions from the United States of America hit hard.", {"USA"}),
    ("U.K. Foreign Secretary James Cleverly spoke.", {"GBR"}),
    ("Britain and the UK are the same place.", {"GBR"}),
    ("Great Britain sent aid.", {"GBR"}),
    ("Russia was training Iranian pilots.", {"RUS", "IRN"}),
    ("Saudi officials met their Emirati counterparts.", {"SAU", "ARE"}),
    ("North Korean missiles were tested.", {"PRK"}),
    ("South Korean exports rose.", {"KOR"}),
    ("Stoltenberg said in remarks to Norwegian broadcaster NRK.", {"NOR"}),
    ("Iraqis and Syrians fled the fighting.", {"IRQ", "SYR"}),
    ("Tehran provides drones to Moscow.", {"IRN", "RUS"}),
    ("The Kremlin has repeatedly accused NATO allies.", {"RUS"}),
    ("The White House says so.", {"USA"}),
    ("Downing Street declined to comment.", {"GBR"}),
    ("Missiles hit Kyiv, Odesa and Kharkiv overnight.", {"UKR"}),
    ("Shelling continued in Aleppo.", {"SYR"}),
    ("Aid trucks entered Gaza and the West Bank.", {"PSE"}),
    ("The Paris, Texas, police chief spoke.", {"USA"}),
    ("Rain fell in Paris as France voted.", {"FRA"}),
    ("A fire broke out in London, Ont., on Monday.", {"CAN"}),
    ("He moved from Tbilisi, Georgia's capital, to Batumi.", {"GEO"}),
    ("Georgia Gov. Brian Kemp signed the bill in Atlanta.", {"USA"}),
    ("Protests in Atlanta, Georgia, grew.", {"USA"}),
    ("King Abdullah of Jordan met the envoy.", {"JOR"}),
    ("Troops were sent to Chad and Niger.", {"TCD", "NER"}),
    ("Turkey's president spoke.", {"TUR"}),
    ("Papua New Guinea held elections.", {"PNG"}),
    ("Equatorial Guinea and Guinea-Bissau signed.", {"GNQ", "GNB"}),
    ("Guinea held elections.", {"GIN"}),
    ("Nigeria and Niger share a border.", {"NGA", "NER"}),
    ("South Sudan split from Sudan.", {"SSD", "SDN"}),
    ("Dominica is not the Dominican Republic.", {"DMA", "DOM"}),
    ("Voters in British Columbia went to the polls.", {"CAN"}),
    ("The Iran-russia collaboration is a desperate alliance.", {"IRN", "RUS"}),
    ("U.S. WARNS OF IRAN, RUSSIA ALLIANCE", {"USA", "IRN", "RUS"}),
    ("LONDON (Reuters) - An explosion hit a supermarket.", {"GBR"}),
    ("Montréal and Montreal are the same city.", {"CAN"}),
    ("Côte d’Ivoire and Cote d'Ivoire too.", {"CIV"}),
    ("The Democratic Republic of the Congo is large.", {"COD"}),
    ("Sino-US relations soured.", {"CHN", "USA"}),
]

NEGATIVE = [
    ("NATO allies met in Europe.", set()),
    ("The Middle East and the West are regions.", set()),
    ("OPEC+ cut output; the UN Security Council met.", set()),
    ("New Mexico passed a law.", {"USA"}),
    ("New Jersey beaches reopened.", {"USA"}),
    ("Michael Jordan scored 40 points.", set()),
    ("Jordan Peterson said it on a podcast.", set()),
    ("Chad Smith played drums.", set()),
    ("We ate roast turkey at Thanksgiving.", set()),
    ("Put the Dutch oven on the stove.", set()),
    ("She ordered a Greek salad.", set()),
    ("The Indian Ocean is warm.", set()),
    ("The guinea pig escaped.", set()),
    ("She lives in Little Portugal, a Toronto neighbourhood.", {"CAN"}),
    ("The course is taught in French and English.", set()),
    ("LET US GO HOME", set()),
    ("US ELECTION RECOUNT BEGINS", {"USA"}),
    ("The temple was built in 500 B.C. by the Persians.", set()),
    ("Snow is expected in B.C. and Sask. this week.", {"CAN"}),
    ("The city's SWAT team stormed the flat.", set()),
    ("Mr. Jordan declined to comment.", set()),
    ("Crews closed Lombardy Drive and Guernsey County roads.", set()),
    ("Agence France-Presse reported the fire.", set()),
    ("It was sold at Plymouth County auctions.", set()),
    ("Paris Hilton arrived.", set()),
    ("Georgian Bay cottages flooded.", {"CAN"}),
    ("Ottawa wants to meet its Paris Agreement targets.", {"CAN"}),
    ("A grant of US$3.7m was refused.", set()),
    ("Hans Holland recalled the trial.", set()),
    ("He studied at the University of Bristol.", set()),
    ("Jenny Palma, a salon owner, spoke.", set()),
]

CONTEXT = [
    ("On Monday Kyiv said it would respond.", {"UKR"}),
    ("Georgians voted for Kemp in the governor race in Atlanta.", {"USA"}),
    ("Georgians protested in Tbilisi against Russia.", {"GEO", "RUS"}),
    ("Erdogan's Turkey and Putin's Russia met.", {"TUR", "RUS"}),
    ("CLEVELAND, Feb 26 - Standard Oil said it would.", {"USA"}),
    ("A man was hurt in Edmonton, Queensland, on Monday.", {"AUS"}),
    ("LEBANON, Ohio (AP) - A trial opened.", {"USA"}),
    ("He died in the backyard of his home in Slidell, La., on March 5.", {"USA"}),
    ("Sen. Rand Paul (R-Ky.) objected.", {"USA"}),
    ("Ooh la la, Ind. readers!", set()),
    ("Vancouver police in Clark County, near Portland, made an arrest.", {"USA"}),
    ("Vancouver housing prices fell.", {"CAN"}),
    ("He was born in Mexico, Mo., in 1950.", {"USA"}),
    ("Exports to Mexico, California and Texas rose.", {"MEX", "USA"}),
    ("The Queen visited Windsor Castle and the Royal Windsor horse show.", {"GBR"}),
    ("Palma, a city on Majorca, grew.", {"ESP"}),
    ("\tLONDON (Reuters) - A fire broke out.", {"GBR"}),
    ("  PARIS (AFP) - Talks ended.", {"FRA"}),
    ("Jordan", {"JOR"}),
]


@pytest.mark.parametrize(("sentence", "expected"), POSITIVE + NEGATIVE + CONTEXT)
def test_sentence_countries(sentence: str, expected: set[str], gz: Gazetteer) -> None:
    assert codes(sentence, gz) == expected


@pytest.mark.parametrize(
    ("text", "weak", "iso"),
    [
        ("The Edmonton fire station in Enfield answered the call.", "Edmonton", "GBR"),
        ("Edmonton Oilers fans in Alberta cheered.", "Edmonton", "CAN"),
        ("A man from Kingston, Jamaica, was arrested.", "Kingston", "JAM"),
    ],
)
def test_ambiguous_places_follow_cues(text: str, weak: str, iso: str, gz: Gazetteer) -> None:
    found = [m for m in find_countries(text, gz) if m.surface == weak]
    assert [m.key for m in found] == [iso]


def test_weak_place_needs_support(gz: Gazetteer) -> None:
    assert codes("Crystal meth use is rising in London, advocates say.", gz) == set()
    assert codes("Crystal meth use is rising in London, British advocates say.", gz) == {"GBR"}


def test_mentions_index_the_text(gz: Gazetteer) -> None:
    text = "Iran's ties with Russia — and the U.S. response — worry Saudi Arabia."
    mentions = find_countries(text, gz)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for m in mentions:
        assert m.kind == "country"
        assert text[m.start : m.end] == m.surface
        assert m.label == country_name(m.key, gz)
    assert [m.key for m in mentions] == ["IRN", "RUS", "USA", "SAU"]
    assert find_countries("", gz) == []


# --- public helpers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "iso"),
    [
        ("U.K. Foreign Secretary", "GBR"),
        ("Kremlin", "RUS"),
        ("Iranian foreign ministry", "IRN"),
        ("White House National Security Council spokesman", "USA"),
        ("NATO", None),
        ("NATO Secretary-general", None),
        ("", None),
        (None, None),
    ],
)
def test_country_of(phrase: str | None, iso: str | None, gz: Gazetteer) -> None:
    assert country_of(phrase, gz) == iso


@pytest.mark.parametrize(
    ("iso", "name"),
    [
        ("RUS", "Russia"),
        ("GBR", "United Kingdom"),
        ("USA", "United States"),
        ("IRN", "Iran"),
        ("TUR", "Turkey"),
        ("KOR", "South Korea"),
        ("PRK", "North Korea"),
        ("SYR", "Syria"),
        ("XXX", "XXX"),
    ],
)
def test_country_name(iso: str, name: str, gz: Gazetteer) -> None:
    assert country_name(iso, gz) == name
    assert country_name(iso) == name


# --- loading ----------------------------------------------------------------------------------------


def test_gazetteer_is_cached_immutable_and_fingerprinted(gz: Gazetteer) -> None:
    assert load_gazetteer(DEFAULT_PATH) is gz
    assert gz.fingerprint == hashlib.sha256(DEFAULT_PATH.read_bytes()).hexdigest()
    with pytest.raises(dataclasses.FrozenInstanceError):
        gz.fingerprint = "x"  # type: ignore[misc]


def test_malformed_yaml_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("countries:\n  FRA: {names: [France\n  DEU: {}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.yaml.*line \d+"):
        load_gazetteer(bad)


@pytest.mark.parametrize("content", ["- just\n- a list\n", "guards: {}\n", "countries:\n  FRA: [France]\n"])
def test_wrong_shape_is_a_clear_error(tmp_path: Path, content: str) -> None:
    bad = tmp_path / "shape.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=r"shape\.yaml.*countries"):
        load_gazetteer(bad)


def test_own_gazetteer_file(tmp_path: Path) -> None:
    own = tmp_path / "own.yaml"
    own.write_text(
        "countries:\n  XAT: {name: Atlantis, names: [Atlantis], demonyms: [Atlantean]}\n", encoding="utf-8"
    )
    mine = load_gazetteer(own)
    assert codes("Atlantean divers reached Atlantis; France did not.", mine) == {"XAT"}
    assert country_name("XAT", mine) == "Atlantis"


def test_generated_file_is_up_to_date_and_deterministic() -> None:
    import yaml

    curated = yaml.safe_load(gazetteer_build.CURATED_PATH.read_text(encoding="utf-8"))
    built = gazetteer_build.build_gazetteer(curated)
    recorded = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))["source"]["pycountry"]
    if built["source"]["pycountry"] != recorded:
        pytest.skip(
            f"data/gazetteer.yaml was built with pycountry {recorded}, not the installed "
            f"{built['source']['pycountry']}; pin pycountry or rebuild"
        )
    first = gazetteer_build.dump(built)
    assert first == gazetteer_build.dump(gazetteer_build.build_gazetteer(curated))
    rebuild = "rerun: python -m workbench.extract.gazetteer_build"
    assert first == DEFAULT_PATH.read_text(encoding="utf-8"), rebuild
    assert first.startswith("# GENERATED FILE")


@pytest.mark.parametrize(
    ("demonym", "plurals"),
    [("Iranian", ["Iranians"]), ("Iraqi", ["Iraqis"]), ("French", []), ("Swiss", []), ("Frenchman", [])],
)
def test_plural_forms(demonym: str, plurals: list[str]) -> None:
    assert gazetteer_build.plural_forms(demonym) == plurals


# --- real text (read from ../shared at run time) ----------------------------------------------------


def test_seed_article_has_exactly_its_gold_countries(gz: Gazetteer) -> None:
    from workbench.readers import read_file

    gold = json.loads(shared_or_skip("gold/dev/seed-000.json").read_text(encoding="utf-8"))
    record = read_file(str(SHARED / gold["file"])).records[0]
    assert codes(record["text"], gz) == set(gold["countries"])


def test_geowebnews_country_toponyms_are_found(gz: Gazetteer) -> None:
    """GeoWebNews toponyms that name a country (literal or metonymic) are found at their offsets."""
    import pycountry

    root = ET.parse(shared_or_skip("corpora/geoparsing/GWN.xml")).getroot()
    found = total = 0
    for article in root.findall("article"):
        text = article.findtext("text") or ""
        spans = {(m.start, m.end): m.key for m in find_countries(text, gz)}
        for top in article.iter("toponym"):
            if top.findtext("type") not in ("Literal", "Metonymic", "Mixed", "Literal_Modifier"):
                continue
            try:
                iso = pycountry.countries.lookup(top.findtext("normalisedName") or "").alpha_3
            except LookupError:
                continue
            start, end = int(top.findtext("start")), int(top.findtext("end"))
            total += 1
            found += spans.get((start, end)) == iso
    assert total > 300
    assert found / total >= 0.95


@pytest.mark.parametrize(
    "word, expected",
    [("American", "USA"), ("Scot", "GBR"), ("Frenchman", "FRA"), ("Moroccans", "MAR"),
     ("Kremlin", None), ("America", None), ("american", None), ("Smith", None)],
)
def test_demonym_of_names_peoples_only(word: str, expected: str | None) -> None:
    assert demonym_of(word, load_gazetteer()) == expected
