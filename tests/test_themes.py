"""Tests for workbench.extract.themes: lexicon loading, hits with offsets, article-level decisions."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from pathlib import Path

import pytest

from workbench.extract.themes import (
    DEFAULT_LEXICON,
    Lexicon,
    LexiconError,
    decide_themes,
    find_theme_hits,
    find_themes,
    load_lexicon,
)
from workbench.records import Mention

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
THEME_IDS = {
    "arms_transfers", "armed_conflict", "alliances_diplomacy", "sanctions_isolation", "energy",
    "nuclear_wmd", "escalation_risk", "civilian_harm_humanitarian", "intelligence_security",
    "international_law_un", "economy_trade", "domestic_politics", "terrorism_extremism",
    "cyber_information", "human_rights_protest", "climate_environment", "public_health",
}


def _needs_shared() -> None:
    """Skip when the shared reference folder is absent, except on CI where it must be there."""
    if not SHARED.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SHARED} is missing on CI")
        pytest.skip(f"{SHARED} (shared reference material) is not present")


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


def themes_of(text: str, lexicon: Lexicon) -> set[str]:
    return {hit.key for hit in find_themes(text, lexicon)}


# ---------------------------------------------------------------------------- default lexicon


def test_default_lexicon_has_the_seventeen_theme_ids(lexicon):
    assert set(lexicon.themes) == THEME_IDS
    assert lexicon.labels["energy"] == "Energy"
    assert Path(lexicon.path) == DEFAULT_LEXICON
    assert lexicon.fingerprint == hashlib.sha256(DEFAULT_LEXICON.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Washington imposed new sanctions on the regime and widened its embargo; the asset freeze "
         "covers three banks.", {"sanctions_isolation"}),
        ("The alliance agreed to send more drones, air defence systems and artillery ammunition as part "
         "of a new military aid package.", {"arms_transfers"}),
        ("Crude oil prices rose after OPEC cut output and a gas pipeline was shut, pushing up energy "
         "prices.", {"energy"}),
        ("Inspectors said uranium enrichment had resumed, and the IAEA warned that the nuclear "
         "programme could yield warheads.", {"nuclear_wmd"}),
        ("The ceasefire collapsed as airstrikes and shelling resumed along the front line, and troops "
         "pushed a ground offensive.", {"armed_conflict"}),
        ("The foreign minister met his counterpart at the summit, and the two ambassadors signed a "
         "treaty on diplomatic relations.", {"alliances_diplomacy"}),
        ("Voters head to the polls in a snap election; opposition parties accuse the ruling party of "
         "rigging the ballot, and lawmakers in parliament traded insults.", {"domestic_politics"}),
        ("Health officials confirmed the outbreak: the virus has infected 200 people and vaccination "
         "clinics opened as hospitals filled with patients.", {"public_health"}),
        ("Hackers behind the cyberattack used ransomware and stole personal data in a data breach, "
         "while bots spread disinformation.", {"cyber_information"}),
        ("Climate change is driving more wildfires and drought, and the plan to cut greenhouse gas "
         "emissions under the Paris agreement is slipping.", {"climate_environment"}),
        ("Riot police fired tear gas at protesters; human rights groups condemned the crackdown and "
         "the detention of activists.", {"human_rights_protest"}),
        ("A suicide bomber from the Islamic State killed 12 people; counterterrorism police said the "
         "terrorist cell planned more attacks.", {"terrorism_extremism"}),
        ("Aid agencies said refugees fleeing the shelling faced famine, and humanitarian aid convoys "
         "could not reach displaced civilians.", {"civilian_harm_humanitarian"}),  # one "shelling": no war
    ],
)
def test_passage_yields_expected_themes(lexicon, text, expected):
    assert themes_of(text, lexicon) == expected


@pytest.mark.parametrize(
    ("theme", "text"),
    [
        ("sanctions_isolation",
         "The EU agreed a fresh package of measures against Moscow, targeting banks and exports of "
         "dual-use goods. Officials said it would freeze the assets of 40 more people."),
        ("nuclear_wmd",
         "Iran has increased its stockpile of uranium enriched to 60 percent purity, the UN nuclear "
         "watchdog said, warning that Tehran was weeks away from enough fissile material for a bomb."),
        ("escalation_risk",
         "Analysts warned that the exchange of fire risked dragging the region into a wider war. "
         "'We are one miscalculation away from a regional conflagration,' an official said."),
        ("intelligence_security",
         "The domestic spy agency said it had disrupted a network run by a foreign intelligence "
         "service that tried to recruit civil servants with access to classified material."),
        ("international_law_un",
         "The United Nations General Assembly passed a resolution demanding a halt to the fighting, "
         "and prosecutors at the International Criminal Court opened a war crimes inquiry."),
    ],
)
def test_passage_has_theme(lexicon, theme, text):
    assert theme in themes_of(text, lexicon)


@pytest.mark.parametrize(
    "text",
    [
        "The striker scored twice in the second half as United came from behind to beat City 3-2. The "
        "manager praised his side's fighting spirit and said the win would boost their title chances.",
        "A man has been charged with murder after a woman was found dead in a house on Sunday. Police "
        "said the two knew each other and there was no risk to the public.",
        "Snow and freezing rain are expected overnight, and forecasters warned drivers to take care on icy "
        "roads. Temperatures will drop to minus 15 by Thursday before a milder weekend.",
        "The band announced a world tour, with tickets on sale next week. The singer said the album was "
        "inspired by the power of friendship.",
        # a single passing word is not a theme
        "The minister, who once imposed sanctions as a young official, opened a new library.",
        "He gave her power of attorney before the operation.",
        "The striker scored twice as the home side won the cup final.",
        "She suffered a heart attack during the marathon but is recovering.",
        "The two companies are locked in a price war over cheap flights.",
        "Critics called the comedian's remarks offensive, and the show was cancelled.",
        "Fans queued for hours to see the band, who played their greatest hits.",
        "",
    ],
)
def test_passing_words_yield_no_theme(lexicon, text):
    assert themes_of(text, lexicon) == set()


def test_hits_keep_exact_offsets(lexicon):
    text = "Iran's drones hit Kyiv.\nNew U.S. sanctions followed; the cease-fire held."
    hits = find_theme_hits(text, lexicon)
    assert all(text[h.start:h.end] == h.surface for h in hits)
    assert all(h.kind == "theme" and h.label == lexicon.labels[h.key] for h in hits)
    assert Mention("theme", "sanctions_isolation", "Sanctions & isolation", "sanctions",
                   text.index("sanctions"), text.index("sanctions") + 9) in hits
    assert Mention("theme", "armed_conflict", "Armed conflict", "cease-fire",
                   text.index("cease-fire"), text.index("cease-fire") + 10) in hits
    assert [h.start for h in hits] == sorted(h.start for h in hits)


@pytest.mark.parametrize(
    ("text", "key", "surface"),
    [
        ("The WHO declared an emergency.", "public_health", "WHO"),
        ("The UN Security Council met.", "international_law_un", "UN Security Council"),
        ("Air strikes resumed overnight.", "armed_conflict", "Air strikes"),
        ("Officials sanctioned the firms.", "sanctions_isolation", "sanctioned"),
    ],
)
def test_hit_surfaces(lexicon, text, key, surface):
    assert (key, surface) in {(h.key, h.surface) for h in find_theme_hits(text, lexicon)}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Those who stayed were fine.", "public_health"),  # "WHO" is case-sensitive
        ("He said un peu in French.", "international_law_un"),  # "UN" is case-sensitive
        ("She broke her arm in the fall.", "arms_transfers"),  # "=arms" is an exact form
        ("Artificial intelligence is changing offices.", "intelligence_security"),  # exclude phrase
        ("The attacker fled.", "armed_conflict"),  # derived words do not match ("attack")
    ],
)
def test_no_hit(lexicon, text, key):
    assert key not in {h.key for h in find_theme_hits(text, lexicon)}


def test_decide_themes_ignores_other_kinds_and_returns_scores(lexicon):
    text = "Sanctions, an embargo and an asset freeze: the sanctions bite."
    hits = find_theme_hits(text, lexicon)
    decided = decide_themes(hits + [Mention("country", "IRN", "Iran", "Iran", 0, 4)], lexicon)
    assert set(decided) == {"sanctions_isolation"}
    assert decided["sanctions_isolation"] > 0
    assert decide_themes([], lexicon) == {}


def test_longer_articles_need_more_evidence(lexicon):
    hits = find_theme_hits("Talks at the summit. The envoy and the ambassador.", lexicon)
    assert "alliances_diplomacy" in decide_themes(hits, lexicon, n_words=10)
    spread = [h._replace(start=h.start * 1000, end=h.end * 1000) for h in hits]  # no dense passage
    assert "alliances_diplomacy" not in decide_themes(spread, lexicon, n_words=5000)


def test_the_opening_weighs_more(lexicon):
    hits = find_theme_hits("Sanctions and an embargo.", lexicon)
    assert "sanctions_isolation" in decide_themes(hits, lexicon, n_words=400)
    later = [h._replace(start=h.start + 2000, end=h.end + 2000) for h in hits]
    assert "sanctions_isolation" not in decide_themes(later, lexicon, n_words=400)


# ---------------------------------------------------------------------------- custom lexicons

CUSTOM = """\
decision:
  threshold: 2
  min_distinct: 2
  lead_factor: 1
themes:
  space:
    label: Space
    description: launches and astronauts
    strong: [rocket launch, astronaut]
    terms:
      - orbit
      - NASA: 3
    weak: [moon]
    exclude: [once in a blue moon]
"""


def test_custom_lexicon_from_file(tmp_path):
    path = tmp_path / "my_themes.yaml"
    path.write_text(CUSTOM, encoding="utf-8")
    lexicon = load_lexicon(path)
    assert lexicon.themes == ("space",)
    assert lexicon.labels == {"space": "Space"}
    assert lexicon.fingerprint == hashlib.sha256(path.read_bytes()).hexdigest()
    text = "The astronauts reached orbit after the rocket launch."
    hits = find_themes(text, lexicon)
    assert [(h.key, h.surface) for h in hits] == [
        ("space", "astronauts"), ("space", "orbit"), ("space", "rocket launch")]
    assert find_themes("It happens once in a blue moon, said the astronaut.", lexicon) == []
    assert decide_themes(find_theme_hits("NASA said the moon", lexicon), lexicon) == {"space": 3.5}


MARKS = """\
themes:
  marks:
    label: Marks
    terms:
      - diplomat*
      - =arms
      - attack
      - WHO
    exclude: [Bill]
  bills:
    label: Bills
    terms: [bill]
    exclude: [Bill]
"""


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("Diplomatic efforts by diplomats.", [("marks", "Diplomatic"), ("marks", "diplomats")]),
        ("Arms and an arm.", [("marks", "Arms")]),
        ("They attacked; the attacker fled; attacks went on.", [("marks", "attacked"), ("marks", "attacks")]),
        ("The WHO and those who care; the WHO's report.", [("marks", "WHO"), ("marks", "WHO's")]),
        ("Bill signed the bill.", [("bills", "bill")]),
    ],
)
def test_term_marks(tmp_path, text, surfaces):
    path = tmp_path / "marks.yaml"
    path.write_text(MARKS, encoding="utf-8")
    assert [(h.key, h.surface) for h in find_theme_hits(text, load_lexicon(path))] == surfaces


def test_lexicon_is_cached_per_path_until_the_file_changes(tmp_path):
    path = tmp_path / "themes.yaml"
    path.write_text(CUSTOM, encoding="utf-8")
    first = load_lexicon(path)
    assert load_lexicon(str(path)) is first
    path.write_text(CUSTOM.replace("Space", "Outer space"), encoding="utf-8")
    second = load_lexicon(path)
    assert second.labels["space"] == "Outer space"
    assert second.fingerprint != first.fingerprint


@pytest.mark.parametrize(
    ("content", "line", "fragment"),
    [
        ("themes:\n  space:\n    label: Space\n    terms: [orbit\n", 5, "not valid YAML"),
        ("themes:\n  space:\n    terms: [orbit]\n", 2, "label"),
        ("themes:\n  space:\n    label: Space\n    terms: orbit\n", 4, "must be a list"),
        ("themes:\n  space:\n    label: Space\n    terms:\n      - orbit\n      - [a, b]\n", 6, "each item"),
        ("themes:\n  space:\n    label: Space\n    terms:\n      - orbit: heavy\n", 5, "weight"),
        ("themes:\n  space:\n    label: Space\n    colour: red\n    terms: [orbit]\n", 4, "unknown key"),
        ("themes:\n  space:\n    label: Space\n    terms: [orbit]\n  space:\n    label: X\n", 5, "duplicate"),
        ("themes:\n  bad id:\n    label: Space\n    terms: [orbit]\n", 2, "theme id"),
        ("decision:\n  threshold: -1\nthemes:\n  space:\n    label: S\n    terms: [orbit]\n", 2, "threshold"),
        ("decision:\n  speed: 3\nthemes:\n  space:\n    label: S\n    terms: [orbit]\n", 2, "unknown key"),
        ("themes:\n  space:\n    label: Space\n    terms:\n      - '...'\n", 5, "no words"),
        ("themes:\n  space:\n    label: Space\n", 2, "no terms"),
        ("topics:\n  space: {}\n", 1, "unknown top-level key"),
    ],
)
def test_malformed_lexicon_names_file_and_line(tmp_path, content, line, fragment):
    path = tmp_path / "broken.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        load_lexicon(path)
    message = str(caught.value)
    assert str(path) in message
    assert f"line {line}:" in message
    assert fragment in message
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("content", ["", "# only a comment\n", "themes: {}\n"])
def test_empty_lexicon_is_an_error(tmp_path, content):
    path = tmp_path / "empty.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match="empty"):
        load_lexicon(path)


def test_missing_lexicon_file_is_an_error(tmp_path):
    with pytest.raises(LexiconError, match="cannot read"):
        load_lexicon(tmp_path / "nope.yaml")


# ---------------------------------------------------------------------------- the seed article


def test_seed_article_themes_match_its_gold(lexicon):
    _needs_shared()
    gold = json.loads((SHARED / "gold" / "dev" / "seed-000.json").read_text(encoding="utf-8"))
    text = (SHARED / gold["file"]).read_text(encoding="utf-8")
    found = themes_of(text, lexicon)
    expected = set(gold["themes"])
    hits = len(found & expected)
    assert hits / len(expected) >= 0.6, f"missed {sorted(expected - found)}"
    assert hits / max(1, len(found)) >= 0.8, f"spurious {sorted(found - expected)}"
    assert {"arms_transfers", "armed_conflict", "alliances_diplomacy"} <= found


def test_lexicon_pickles_for_worker_processes(lexicon):
    copy = pickle.loads(pickle.dumps(lexicon))
    assert copy == lexicon
    text = "Sanctions, an embargo and an asset freeze: the sanctions bite."
    assert find_themes(text, copy) == find_themes(text, lexicon)
