"""Country mentions: find the countries an article refers to, keyed by ISO 3166-1 alpha-3.

One Aho-Corasick pass over a lower-cased copy of the text finds every gazetteer surface (names,
short forms, demonyms, capitals and seats of government, regions, cities) and every blocking
phrase; cheap checks then keep the real mentions:

1. word boundaries on both sides;
2. case: a surface must carry the capitals its gazetteer form has (Turkey, not turkey), except in
   all-capitals text and after a hyphen in a capitalised compound (the PressReader `Iran-russia`);
3. longest match first: Papua New Guinea beats Guinea, New Mexico beats Mexico, and a blocking
   phrase ("Dutch oven", "Indian Ocean") beats the name inside it;
4. guards from the gazetteer's `guards` section: blocking prefixes (Little Portugal, Mr. Jordan,
   University of Bristol), personal names (Michael Jordan, Chad Smith, Jenny Palma), street and
   county names (Lombardy Drive, Guernsey County), sentence-initial common words, all-capitals
   acronyms (SWAT) outside capitals text and datelines, currencies (US$);
5. places of several countries (Georgia, London, Victoria) are resolved by "Town, Region" context
   (Paris, Texas; London, Ont.; Atlanta, Georgia), then cue words near them, then the other
   countries the article names; a dateline (LONDON (Reuters) -) settles its place;
6. weak places, names many small towns share (Edmonton, Paris, Kingston), count only when the
   article names their country otherwise or context or cues settled them.

The knowledge is all in the YAML file (see `workbench.extract.gazetteer_build`).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import ahocorasick
import yaml

from ..config import node_at, parse_yaml, where
from ..records import Mention

__all__ = [
    "Gazetteer",
    "load_gazetteer",
    "find_countries",
    "country_of",
    "demonym_of",
    "country_name",
    "country_codes",
    "DEFAULT_PATH",
]

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "gazetteer.yaml"

#: Surface fields of a gazetteer entry, best rank first, and the kind each gives its hits.
_FIELDS = (
    ("names", "name"),
    ("capitals", "capital"),
    ("demonyms", "demonym"),
    ("regions", "region"),
    ("cities", "city"),
)
#: Kinds a "City, X" context may move (X a region of another country): the places, not the names.
_MOVABLE = frozenset({"city", "capital"})
#: Kinds that can be the X of "City, X".
_REGION_KINDS = frozenset({"region", "anchor"})
_BLOCK, _ANCHOR = "block", "anchor"
#: Cue words decide an ambiguous place only this close to it (one sense per article after that).
_CUE_WINDOW = 400
_KIND_RANK = {kind: rank for rank, (_, kind) in enumerate(_FIELDS)}

# Same-length normalisation, so offsets in the normalised text are offsets in the original.
_NORMALISE_PAIRS = (
    ("’", "'"),
    ("‘", "'"),
    ("`", "'"),
    ("ʼ", "'"),
    ("´", "'"),
    ("–", "-"),
    ("—", "-"),
    ("‐", "-"),
    ("‑", "-"),
    ("‒", "-"),
    ("\u00a0", " "),
    ("\u2009", " "),
    ("\u202f", " "),
)
_NORMALISE = str.maketrans(dict(_NORMALISE_PAIRS))
_SENTENCE_END = re.compile(r"""(?:^|[.!?]["'”’)\]]*\s+|\n\s*)$""")
#: What follows the place of a dateline: "LONDON (Reuters) -", "KABUL, Afghanistan —", "PARIS:".
_DATELINE = re.compile(r"(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)?)? ?(?:\(|—|–|-- | - |: )")
_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$")
_TOKEN_BEFORE = re.compile(r"([A-Za-zÀ-ÿ][\w'.-]*) $")
_TOKEN_AFTER = re.compile(r" ([A-Za-zÀ-ÿ][\w'’-]*)")


class _Pattern(NamedTuple):
    """What one lower-cased automaton key stands for."""

    forms: tuple[str, ...]  # the surfaces as written in the gazetteer (case check)
    isos: tuple[str, ...]  # candidate countries, default first; () for blocks
    kind: str  # name, capital, demonym, region, city, anchor, block
    key: str  # the normalised surface (the automaton key)


class _Hit(NamedTuple):
    start: int
    end: int
    pattern: _Pattern


class _Ambiguity(NamedTuple):
    candidates: tuple[str, ...]
    cues: tuple[tuple[str, re.Pattern | None], ...]  # (iso3, regex of its cue words)
    evidence: bool


@dataclass(frozen=True)
class Gazetteer:
    """An immutable, loaded gazetteer: the automaton plus the lookup tables the guards need."""

    path: str
    fingerprint: str  # sha256 of the YAML bytes
    labels: Mapping[str, str] = field(compare=False, repr=False)
    automaton: Any = field(compare=False, repr=False)
    ambiguous: Mapping[str, _Ambiguity] = field(compare=False, repr=False)
    needs_context: Mapping[str, str] = field(compare=False, repr=False)
    blocking_prefixes: frozenset[str] = field(compare=False, repr=False)
    not_sentence_initial: frozenset[str] = field(compare=False, repr=False)
    context_before: frozenset[str] = field(compare=False, repr=False)
    context_after: frozenset[str] = field(compare=False, repr=False)
    caps_words: Mapping[str, frozenset[str]] = field(compare=False, repr=False)
    weak_places: frozenset[str] = field(compare=False, repr=False)
    street_words: frozenset[str] = field(compare=False, repr=False)
    not_after_number: frozenset[str] = field(compare=False, repr=False)


_CACHE: dict[tuple[str, int, int], Gazetteer] = {}


def normalise(text: str) -> str:
    """Lower-case `text` without changing its length (quotes, dashes and spaces unified)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters (İ) lower-case to two
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    for old, new in _NORMALISE_PAIRS:  # str.replace is much faster than str.translate on long text
        if old in low:
            low = low.replace(old, new)
    return low


_EXPECTED = ("expected a mapping with 'countries' (ISO3 -> name, names, demonyms, capitals, regions, cities) "
             "and optional 'guards'")


def _shape_error(path: Path, what: str, node: yaml.Node | None = None) -> ValueError:
    return ValueError(f"{where(path, node)}: {what}; {_EXPECTED}")


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list"}.get(type(value), f"{type(value).__name__} {value!r}")


def _scalars(values: Any, path: Path, root: yaml.Node | None, *keys: Any) -> list[Any]:
    """`values` (None -> []) checked to be a list of plain scalars, before anything str()s them: a
    nested list (an alias bomb, say) is refused naming its line instead of being expanded."""
    values = values or []
    name = ".".join(map(str, keys))
    if not isinstance(values, list):
        raise _shape_error(path, f"{name} is {_kind(values)}, not a list", node_at(root, *keys))
    for i, value in enumerate(values):
        if isinstance(value, (list, dict)):
            raise _shape_error(path, f"{name}[{i}] is {_kind(value)}, not a word", node_at(root, *keys, i))
    return values


def _mapping_at(value: Any, path: Path, root: yaml.Node | None, *keys: Any) -> dict:
    """`value` (None -> {}) checked to be a mapping."""
    value = value or {}
    if not isinstance(value, dict):
        raise _shape_error(path, f"{'.'.join(map(str, keys))} is {_kind(value)}, not a mapping",
                           node_at(root, *keys))
    return value


def _surfaces(data: dict, path: Path, root: yaml.Node | None) -> dict[str, list[tuple[str, str, str]]]:
    """lower-cased key -> [(surface, iso3, kind)] from the country entries, in rank order."""
    countries = data.get("countries")
    if not isinstance(countries, dict) or not countries:
        raise _shape_error(path, "no 'countries' mapping", node_at(root, "countries"))
    out: dict[str, list[tuple[str, str, str]]] = {}
    for iso3, entry in countries.items():
        if not isinstance(entry, dict):
            raise _shape_error(path, f"entry {iso3!r} is not a mapping", node_at(root, "countries", iso3))
        name = entry.get("name")
        if isinstance(name, (list, dict)):
            raise _shape_error(path, f"{iso3}.name is {_kind(name)}, not a name",
                               node_at(root, "countries", iso3, "name"))
        for fld, kind in _FIELDS:
            values = entry.get(fld) or []
            if not isinstance(values, list):
                raise _shape_error(path, f"{iso3}.{fld} is not a list", node_at(root, "countries", iso3, fld))
            for i, surface in enumerate(values):
                if not isinstance(surface, str):
                    what = f"{iso3}.{fld}[{i}] is {_kind(surface)}, not a string (quote it)"
                    raise _shape_error(path, what, node_at(root, "countries", iso3, fld, i))
                surface = surface.translate(_NORMALISE)
                out.setdefault(normalise(surface), []).append((surface, str(iso3), kind))
    return out


def _str_map(value: Any, path: Path, root: yaml.Node | None, *keys: Any) -> dict[str, str]:
    value = _mapping_at(value, path, root, *keys)
    for k, v in value.items():
        if isinstance(v, (list, dict)):
            raise _shape_error(path, f"{'.'.join(map(str, keys))}.{k} is {_kind(v)}, not a word",
                               node_at(root, *keys, k))
    return {str(k): str(v) for k, v in value.items()}


def _cue_regex(words: list[str]) -> re.Pattern | None:
    if not words:
        return None
    alts = "|".join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


def _ambiguities(guards: dict, path: Path, root: yaml.Node | None) -> dict[str, _Ambiguity]:
    table = {}
    for surface, spec in _mapping_at(guards.get("ambiguous"), path, root, "guards", "ambiguous").items():
        at = ("guards", "ambiguous", surface)
        spec = _mapping_at(spec, path, root, *at)
        cands = tuple(_scalars(spec.get("candidates"), path, root, *at, "candidates"))
        cue_lists = _mapping_at(spec.get("cues"), path, root, *at, "cues")
        cues = tuple((iso, _cue_regex(list(_scalars(cue_lists.get(iso), path, root, *at, "cues", iso))))
                     for iso in cands)
        table[normalise(str(surface))] = _Ambiguity(cands, cues, bool(spec.get("evidence", True)))
    return table


def _build_automaton(data: dict, path: Path, root: yaml.Node | None, ambiguous: dict[str, _Ambiguity]) -> Any:
    guards = data.get("guards") or {}
    patterns: dict[str, _Pattern] = {}
    for key, rows in _surfaces(data, path, root).items():
        forms = tuple(dict.fromkeys(s for s, _, _ in rows))
        isos = tuple(dict.fromkeys(i for _, i, _ in rows))
        if key in ambiguous:
            isos = ambiguous[key].candidates
        patterns[key] = _Pattern(forms, isos, min((r[2] for r in rows), key=_KIND_RANK.__getitem__), key)
    for key, amb in ambiguous.items():  # places named only in the ambiguity table (Santiago de Cuba...)
        if key not in patterns:
            patterns[key] = _Pattern((key,), amb.candidates, "city", key)
    for iso3, words in _mapping_at(guards.get("anchors"), path, root, "guards", "anchors").items():
        for word in _scalars(words, path, root, "guards", "anchors", iso3):
            key = normalise(str(word))
            patterns.setdefault(key, _Pattern((str(word).translate(_NORMALISE),), (str(iso3),), _ANCHOR, key))
    for phrase in _scalars(guards.get("blocking_contexts"), path, root, "guards", "blocking_contexts"):
        key = normalise(str(phrase))
        patterns.setdefault(key, _Pattern((), (), _BLOCK, key))  # a country surface wins over a block
    automaton = ahocorasick.Automaton()
    for key, pattern in patterns.items():
        automaton.add_word(key, (len(key), pattern))
    automaton.make_automaton()
    return automaton


def _gazetteer_from_bytes(raw: bytes, path: Path) -> Gazetteer:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text ({exc}); expected a YAML gazetteer") from exc
    try:
        data, root = parse_yaml(text, path, aliases=True)  # the packaged gazetteer shares cue lists
    except ValueError as exc:
        raise ValueError(f"{exc}; {_EXPECTED}") from None
    if not isinstance(data, dict):
        raise _shape_error(path, "the document is not a mapping", root)
    guards = _mapping_at(data.get("guards"), path, root, "guards")

    def words(*keys: str) -> list[Any]:
        value = guards
        for depth, key in enumerate(keys[:-1]):
            value = _mapping_at(value.get(key), path, root, "guards", *keys[:depth + 1])
        return _scalars(value.get(keys[-1]), path, root, "guards", *keys)

    ambiguous = _ambiguities(guards, path, root)
    automaton = _build_automaton(data, path, root, ambiguous)
    labels = {str(iso): str((entry or {}).get("name") or iso) for iso, entry in data["countries"].items()}
    caps = _mapping_at(guards.get("caps_words"), path, root, "guards", "caps_words")
    return Gazetteer(
        path=str(path),
        fingerprint=hashlib.sha256(raw).hexdigest(),
        labels=MappingProxyType(labels),
        automaton=automaton,
        ambiguous=MappingProxyType(ambiguous),
        needs_context=MappingProxyType(
            _str_map(guards.get("needs_context"), path, root, "guards", "needs_context")
        ),
        blocking_prefixes=frozenset(str(w) for w in words("blocking_prefixes")),
        not_sentence_initial=frozenset(str(w) for w in words("not_sentence_initial")),
        context_before=frozenset(str(w) for w in words("context_words", "before")),
        context_after=frozenset(str(w) for w in words("context_words", "after")),
        caps_words=MappingProxyType(
            {str(k): frozenset(str(w) for w in words("caps_words", k)) for k in caps}
        ),
        weak_places=frozenset(normalise(str(w)) for w in words("weak_places")),
        street_words=frozenset(str(w) for w in words("street_words")),
        not_after_number=frozenset(str(w) for w in words("not_after_number")),
    )


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Load (and cache per path and file version) a gazetteer YAML; data/gazetteer.yaml by default.

    Raises ValueError naming the file (and line) when the YAML is malformed or has the wrong shape.
    """
    p = Path(path) if path is not None else DEFAULT_PATH
    try:
        stat = p.stat()
    except OSError as exc:
        raise ValueError(
            f"{p}: cannot read gazetteer ({exc.strerror}); give the path of a gazetteer "
            f"YAML such as data/gazetteer.yaml"
        ) from exc
    key = (str(p.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _CACHE:
        _CACHE[key] = _gazetteer_from_bytes(p.read_bytes(), p)
    return _CACHE[key]


# --- matching -------------------------------------------------------------------------------------


def _case_ok(surface: str, forms: tuple[str, ...]) -> bool:
    """Every capital of some gazetteer form is a capital in the surface (extra capitals are fine)."""
    for form in forms:
        if len(form) == len(surface) and all(
            s.isupper() for f, s in zip(form, surface, strict=True) if f.isupper()
        ):
            return True
    return False


def _hyphen_quirk(text: str, start: int, surface: str, forms: tuple[str, ...]) -> bool:
    """`Iran-russia`: a lower-cased name right after a hyphen that follows a capitalised word."""
    if start < 2 or text[start - 1] != "-" or not surface[:1].islower():
        return False
    i = start - 2
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    if not text[i].isupper():
        return False
    return any(len(f) == len(surface) and f[:1].isupper() and _case_ok(surface[1:], (f[1:],)) for f in forms)


def _candidates(text: str, low: str, gz: Gazetteer) -> list[_Hit]:
    """All boundary- and case-valid automaton hits (blocks included)."""
    hits = []
    size = len(low)
    for last, (length, pattern) in gz.automaton.iter(low):
        start, end = last - length + 1, last + 1
        if (start and (low[start - 1].isalnum() or low[start - 1] == "_")) or (
            end < size and (low[end].isalnum() or low[end] == "_")
        ):
            continue  # not at word boundaries
        if pattern.kind == _BLOCK:
            if end < size and low[end] == "-":
                continue  # "in Russian-occupied ..." is not the language
            hits.append(_Hit(start, end, pattern))
            continue
        surface = text[start:end]
        if (
            surface in pattern.forms
            or _case_ok(surface, pattern.forms)
            or _hyphen_quirk(text, start, surface, pattern.forms)
        ):
            hits.append(_Hit(start, end, pattern))
    return hits


def _longest_first(hits: list[_Hit], size: int) -> list[_Hit]:
    """Keep the longest hits, then the earliest, never two that overlap; return them by position."""
    taken = bytearray(size)
    kept = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if 1 not in taken[hit.start : hit.end]:
            taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
            kept.append(hit)
    return sorted(kept)


def _line_start(text: str, start: int) -> bool:
    """True when only spaces stand between `start` and the start of its line."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()


def _word_before(text: str, start: int) -> str | None:
    if start < 2:
        return None
    # a word holds no space: search from the last space before the one at `start - 1`
    m = _TOKEN_BEFORE.search(text, max(0, start - 40, text.rfind(" ", 0, start - 1) + 1), start)
    return m.group(1) if m else None


def _word_after(text: str, end: int) -> str | None:
    m = _TOKEN_AFTER.match(text, end, end + 40)
    return m.group(1) if m else None


def _sentence_initial(text: str, start: int) -> bool:
    return bool(_SENTENCE_END.search(text[max(0, start - 6) : start])) or start == 0


def _looks_like_name(word: str | None, context: frozenset[str]) -> bool:
    """A capitalised word (or initials, J.M.) that is not a function or context word nor a possessive."""
    if not word or not word[0].isupper() or word.endswith(("'s", "’s")):
        return False
    if word.isupper() and len(word) > 1 and not _INITIALS.match(word):
        return False  # an acronym, or all-capitals text
    return word not in context and word.rstrip(".") not in context


def _is_dateline(text: str, hit: _Hit) -> bool:
    """True for the place opening a dateline: LONDON (Reuters) -, KABUL, Afghanistan —, CLEVELAND, Feb 26."""
    if not _line_start(text, hit.start):
        return False
    if text[hit.start : hit.end].isupper() and text[hit.end : hit.end + 1] in (",", ":"):
        return True
    return _DATELINE.match(text, hit.end) is not None


def _title_case_line(text: str, start: int) -> bool:
    """True inside a short line whose words are mostly capitalised (a Title Case headline)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = line_end if line_end >= 0 else len(text)
    if line_end - line_start >= 160:
        return False
    words = [w for w in text[line_start:line_end].split() if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _acronym_clash(text: str, hit: _Hit) -> bool:
    """An all-capitals surface (SWAT, NICE) whose gazetteer form is not, outside capitals text/datelines."""
    surface = text[hit.start : hit.end]
    if not surface.isupper() or any(not any(c.islower() for c in f) for f in hit.pattern.forms):
        return False  # mixed-case text, or a form that is itself in capitals (US, U.K.)
    if _all_caps_context(text, hit.start, hit.end):
        return False
    return not _is_dateline(text, hit)


def _after_prefix(text: str, start: int, prefixes: frozenset[str]) -> bool:
    """True when one of `prefixes` (one or two words, final period optional) ends right before `start`."""
    if text[start - 1 : start] != " ":
        return False
    words = text[max(0, start - 40) : start - 1].rstrip(".").rsplit(" ", 2)
    return words[-1] in prefixes or (len(words) > 1 and f"{words[-2]} {words[-1]}" in prefixes)


def _all_caps_context(text: str, start: int, end: int) -> bool:
    """True when the text around a hit is in capitals (a PressReader or wire headline)."""
    window = text[max(0, start - 25) : end + 25]
    return window.upper() == window and sum(c.isalpha() for c in window) > end - start + 4


def _guarded(text: str, hit: _Hit, gz: Gazetteer) -> bool:
    """True when a guard cancels this hit."""
    start, end, pattern = hit
    surface = text[start:end]
    kind = pattern.kind
    if _after_prefix(text, start, gz.blocking_prefixes):
        return True
    if surface in gz.caps_words:
        prev = _word_before(text, start)
        if prev in gz.caps_words[surface] and _all_caps_context(text, start, end):
            return True  # LET US GO
    if surface.isupper() and _acronym_clash(text, hit):
        return True
    if text[end : end + 1] == "$":
        return True  # a currency (US$, HK$), not the country
    if surface in gz.not_sentence_initial and _sentence_initial(text, start):
        return True
    if surface in gz.not_after_number and text[max(0, start - 2) : start].strip()[-1:].isdigit():
        return True  # 500 B.C.
    nxt = _word_after(text, end)
    if nxt is not None and kind != "demonym" and nxt in gz.street_words:
        return True  # Lombardy Drive, Guernsey County
    mode = gz.needs_context.get(surface)
    if mode is None and kind not in _MOVABLE:
        return False
    if _title_case_line(text, start):
        return False
    prev = _word_before(text, start) if start and text[start - 1] == " " else None
    if mode is None:  # a city after a capitalised word: Jenny Palma, Val Tilburg
        return _looks_like_name(prev, gz.context_before)
    if mode in ("before", "both") and _looks_like_name(prev, gz.context_before):
        return True
    if mode in ("after", "both") and nxt is not None:
        if nxt.endswith(("'s", "’s")):
            nxt = nxt[:-2]
        return _looks_like_name(nxt, gz.context_after)
    return False


def _resolve(text: str, hits: list[_Hit], gz: Gazetteer) -> list[str | None]:
    """The country of each kept hit; None for anchors standing alone and unsupported weak places."""
    isos: list[str | None] = [None] * len(hits)
    confirmed = [False] * len(hits)  # settled by context (City, Region) or cue words
    pending: list[int] = []
    settled: dict[str, str] = {}
    for i, hit in enumerate(hits):
        pat = hit.pattern
        target = _comma_target(text, hits, i)
        if target is None and pat.kind != _ANCHOR and pat.isos and _is_dateline(text, hit):
            isos[i], confirmed[i] = pat.isos[0], True  # LONDON (Reuters) -
            continue
        if target is not None:
            isos[i], confirmed[i] = target, True
            settled[pat.key] = target
        elif pat.kind == _ANCHOR:
            if _anchored(text, hit.start):
                isos[i], confirmed[i] = pat.isos[0], True  # Slidell, La.; Sen. Cruz (R-Tex.)
            continue
        elif len(pat.isos) == 1:
            isos[i] = pat.isos[0]
        else:
            pending.append(i)
    if pending:
        evidence = Counter(iso for iso in isos if iso)
        for i in pending:
            key = hits[i].pattern.key
            if key not in settled:
                near = _neighbourhood(text, [h for h in hits if h.pattern.key == key])
                settled[key], sure = _disambiguate(near, key, hits[i].pattern, gz, evidence)
                if not sure:
                    isos[i] = settled.pop(key)
                    continue
            isos[i], confirmed[i] = settled[key], True
    if gz.weak_places:
        weak = [h.pattern.key in gz.weak_places for h in hits]
        rows = list(zip(isos, weak, confirmed, strict=True))
        support = {iso for iso, w, c in rows if iso and (c or not w)}
        isos = [None if w and not c and iso not in support else iso for iso, w, c in rows]
    return isos


def _comma_target(text: str, hits: list[_Hit], i: int) -> str | None:
    """The country "City, Region" context gives hit i: Paris, Texas -> USA; Atlanta, Georgia -> USA."""
    pat = hits[i].pattern
    if pat.kind not in _MOVABLE and pat.kind != "name" and len(pat.isos) < 2:
        return None
    if i + 1 < len(hits) and text[hits[i].end : hits[i + 1].start] in (", ", ","):
        right = hits[i + 1].pattern
        # a country name moves only when the region closes the phrase (Mexico, Mo., ...), so that
        # "exports to Mexico, California and Texas" stays a list
        closed = pat.kind != "name" or _closes_phrase(text, hits[i + 1].end)
        other_country = len(pat.isos) > 1 and right.kind == "name" and pat.kind != "name"
        if closed and (right.kind in _REGION_KINDS or other_country):
            target = next((c for c in right.isos if c in pat.isos), right.isos[0] if right.isos else None)
            if target and (len(right.isos) == 1 or target in pat.isos):
                return target
    if len(pat.isos) > 1 and i > 0 and text[hits[i - 1].end : hits[i].start] in (", ", ","):
        left = hits[i - 1].pattern
        if left.kind in _MOVABLE and len(left.isos) == 1 and left.isos[0] in pat.isos:
            return left.isos[0]
    return None


def _anchored(text: str, start: int) -> bool:
    """True when a region abbreviation follows "Town, " or a party letter ("R-"): Slidell, La.; R-Ky."""
    head = text[max(0, start - 30) : start]
    if head.endswith(("D-", "R-", "I-")):
        return True
    if not head.endswith(", "):
        return False
    word = _TOKEN_BEFORE.search(head[:-2] + " ")
    return word is not None and word.group(1)[:1].isupper()


def _closes_phrase(text: str, end: int) -> bool:
    """True when punctuation (or the end of the text) follows `end`: "Lebanon, Ohio (AP)", "Mexico, Mo.,"."""
    after = text[end : end + 2]
    return after[:1] in ("", ",", ".", ";", ":") or after in (" (", " -", " —")


def _neighbourhood(text: str, hits: list[_Hit]) -> str:
    """The text within `_CUE_WINDOW` characters of the given hits: where cue words count."""
    spans: list[list[int]] = []
    for hit in hits:
        start, end = max(0, hit.start - _CUE_WINDOW), hit.end + _CUE_WINDOW
        if spans and start <= spans[-1][1]:
            spans[-1][1] = end
        else:
            spans.append([start, end])
    return "\n".join(text[s:e] for s, e in spans)


def _disambiguate(text: str, key: str, pat: _Pattern, gz: Gazetteer, evidence: Counter) -> tuple[str, bool]:
    """Cue words first, then the countries the article names otherwise, then the default.

    Returns the country and whether cue words settled it.
    """
    amb = gz.ambiguous.get(key)
    if amb is None:
        amb = _Ambiguity(pat.isos, (), True)
    scores = {iso: len(rx.findall(text)) for iso, rx in amb.cues if rx is not None}
    if scores:
        best = max(scores.values())
        top = [iso for iso, n in scores.items() if n == best]
        if best > 0 and len(top) == 1:
            return top[0], True
    if amb.evidence:
        seen = [iso for iso in amb.candidates if evidence.get(iso)]
        if seen:
            return seen[0], False
    return amb.candidates[0], False


def find_countries(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Country mentions in `text`, sorted by start; `text[m.start:m.end] == m.surface`."""
    candidates = _candidates(text, normalise(text), gazetteer) if text else []
    if not candidates:
        return []
    kept = _longest_first(candidates, len(text))
    hits = [h for h in kept if h.pattern.kind != _BLOCK and not _guarded(text, h, gazetteer)]
    if not hits:
        return []
    isos = _resolve(text, hits, gazetteer)
    return [
        Mention("country", iso, gazetteer.labels.get(iso, iso), text[h.start : h.end], h.start, h.end)
        for h, iso in zip(hits, isos, strict=True)
        if iso is not None
    ]


def country_codes(text: str, gazetteer: Gazetteer) -> list[str]:
    """The distinct ISO3 codes `text` mentions, in order of first mention."""
    return list(dict.fromkeys(m.key for m in find_countries(text, gazetteer)))


def country_of(phrase: str | None, gazetteer: Gazetteer) -> str | None:
    """The country a role or organisation phrase points to ("U.K. Foreign Secretary" -> "GBR").

    The first country the phrase names; None when it names none ("NATO").
    """
    if not phrase:
        return None
    mentions = find_countries(phrase, gazetteer)
    return mentions[0].key if mentions else None


def demonym_of(word: str, gazetteer: Gazetteer) -> str | None:
    """The country a people's name stands for ("American", "Scot", "Frenchman" -> its ISO3), or None
    for anything else, place names included ("Pentagon", "Kremlin"): "the American said" is a person."""
    found = gazetteer.automaton.get(normalise(word), None)
    if found is None:
        return None
    pattern = found[1]
    if pattern.kind != "demonym" or not pattern.isos or not _case_ok(word, pattern.forms):
        return None
    return pattern.isos[0]


def country_name(iso3: str, gazetteer: Gazetteer | None = None) -> str:
    """Common short name of an ISO3 code ("RUS" -> "Russia"); the code itself when unknown."""
    gz = gazetteer if gazetteer is not None else load_gazetteer()
    return gz.labels.get(iso3.upper(), iso3)
