"""Theme detection: lexicon hits with offsets, then an article-level decision.

A theme lexicon (YAML, default ``data/themes.yaml``; its header documents the format) lists per
theme id strong, ordinary and weak terms and phrases plus exclude phrases; the decision
parameters live in the same file. Text is tokenised once with a regex, each token is stemmed with
NLTK's Snowball stemmer (memoised in a dict), and phrases are matched as stem sequences through a
dict from each phrase's anchor (its longest stem, so "the war" is looked up at "war", not at every
"the") to candidate phrases: about one dict lookup per token. A term word then accepts its
inflections only ("attack": "attacks", "attacked", not "attacker"), a capitalised word only its
written form ("WHO", not "who").

An article has a theme when its hits add up to a threshold (higher for long articles) with at
least two distinct terms, when one passage holds distinct terms weighing enough, or when one
strong term recurs; hits in the opening weigh more. A single passing word is never enough.
Limits: no word-sense disambiguation beyond exclude phrases and case; English only.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from nltk.stem.snowball import SnowballStemmer

from workbench.config import compose_yaml
from workbench.records import Mention

__all__ = [
    "DEFAULT_LEXICON",
    "Lexicon",
    "LexiconError",
    "decide_themes",
    "find_theme_hits",
    "find_themes",
    "load_lexicon",
]

DEFAULT_LEXICON = Path(__file__).resolve().parents[2] / "data" / "themes.yaml"

#: Words: letters, digits (and underscores), with inner apostrophes ("Iran's"); hyphens and dots
#: split words.
_TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*")
#: The same words as one group, so that re.split yields gaps and words alternately.
_SPLIT_RE = re.compile(r"(\w+(?:['’]\w+)*)")
_STEM_CACHE_MAX = 1 << 19
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_THEME_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_TERM_LISTS = ("strong", "terms", "weak")
_THEME_KEYS = ("label", "description", *_TERM_LISTS, "exclude")
#: Decision parameters a lexicon file may leave out: the values of the default lexicon.
_DECISION_DEFAULTS: dict[str, Any] = {
    "weights": {"strong": 2.0, "terms": 1.0, "weak": 0.5},
    "threshold": 8.0,
    "min_distinct": 2,
    "passage_chars": 400,
    "passage_threshold": 5.0,
    "strong_repeat": 3,
    "max_repeats": 3,
    "per_1000_words": 2.0,
    "free_words": 300,
    "lead_chars": 300,
    "lead_factor": 1.5,
}

_STEMMER = SnowballStemmer("english")


class LexiconError(ValueError):
    """A theme lexicon file that cannot be used; the message names the file and the line."""


_STEMS: dict[str, str] = {}


def _stem(token: str) -> str:
    """Snowball stem of a token, lower-cased, curly apostrophe normalised (memoised in _STEMS)."""
    stem = _STEMS.get(token)
    if stem is None:
        if len(_STEMS) >= _STEM_CACHE_MAX:
            _STEMS.clear()
        stem = _STEMS[token] = _STEMMER.stem(token.lower().replace("’", "'"))
    return stem


def _stems(words: list[str]) -> tuple[str, ...]:
    """Stems of many words: one C-level dict pass, the stemmer only for words not seen before."""
    stems = list(map(_STEMS.get, words))
    if None in stems:
        for word in set(words).difference(_STEMS):
            _stem(word)
        stems = list(map(_STEMS.get, words))
        if None in stems:  # the memo was cleared on the way
            stems = list(map(_stem, words))
    return tuple(stems)


def _bare(token: str) -> str:
    """The token without a possessive ending, as written ("Council's" -> "Council")."""
    return _POSSESSIVE_RE.sub("", token.replace("’", "'")) if "'" in token or "’" in token else token


def _bases(word: str) -> set[str]:
    """Candidate base forms of an English word that may itself be inflected."""
    bases = {word}
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                         ("d", ""), ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: len(word) - len(suffix)] + repl
            if suffix == "d" and not base.endswith("e"):
                continue  # "freed" -> "free", but not "band" -> "ban"
            bases.add(base)
            if suffix in ("ed", "ing") and len(base) > 3 and base[-1] == base[-2]:
                bases.add(base[:-1])  # doubled consonant: "shipped" -> "ship"
    return bases


def _inflections(word: str) -> frozenset[str]:
    """Inflected forms of a lower-case word: plural, past, gerund ("attack" -> "attacks",
    "attacked", "attacking"), not derivations ("attacker")."""
    forms = set()
    for base in _bases(word):
        forms |= {base, base + "s", base + "es", base + "ed", base + "ing"}
        if base.endswith("e"):
            forms |= {base + "d", base[:-1] + "ing"}
        if base.endswith("y"):
            forms |= {base[:-1] + "ies", base[:-1] + "ied"}
        if len(base) >= 3 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou":
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}  # "ship" -> "shipped"
    return frozenset(forms)


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, surface) of every word in `text`."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]


@dataclass(frozen=True)
class _Phrase:
    """One lexicon phrase, compiled: its stems plus, per word, the written forms it accepts."""

    theme: str
    stems: tuple[str, ...]
    weight: float  # 0.0 for exclude phrases
    exclude: bool
    # per word: None (any word of the stem) or (compare lower-cased?, accepted forms, possessives included)
    checks: tuple[tuple[bool, frozenset[str]] | None, ...]

    def accepts(self, surfaces: list[str]) -> bool:
        """Whether the words as written are forms the phrase accepts (inflection, case, exact form)."""
        for check, surface in zip(self.checks, surfaces, strict=True):
            if check is not None and (surface.lower() if check[0] else surface) not in check[1]:
                return False
        return True


@dataclass(frozen=True)
class Lexicon:
    """An immutable, compiled theme lexicon; equal when loaded from the same bytes."""

    path: str
    fingerprint: str  # sha256 of the file bytes
    themes: tuple[str, ...]  # theme ids in file order
    labels: Mapping[str, str] = field(compare=False)
    descriptions: Mapping[str, str] = field(compare=False)
    decision: Mapping[str, Any] = field(compare=False)
    #: anchor stem -> ((anchor offset, length, {stems: phrases} or phrases), ...), see _group_by_span
    index: Mapping[str, tuple[tuple[int, int, Any], ...]] = field(compare=False, repr=False)
    #: (theme id, stems of a term) -> weight, to score hits from their surface alone
    weights: Mapping[tuple[str, tuple[str, ...]], float] = field(compare=False, repr=False)
    source: bytes = field(default=b"", compare=False, repr=False)  # the file bytes, to pickle
    #: word as written -> what it starts in this lexicon, see _word_entry (filled as words are seen)
    words: dict[str, tuple] = field(default_factory=dict, compare=False, repr=False)

    def __reduce__(self) -> tuple:
        """Pickle as the file bytes (compiled again, once per process), so that a Lexicon can be
        sent to worker processes (multiprocessing, Dask)."""
        return _compile_bytes, (self.source, self.path)


# ---------------------------------------------------------------------------- loading


def _fail(path: str, node: yaml.Node | None, message: str) -> LexiconError:
    where = f"{path}, line {node.start_mark.line + 1}" if node is not None else path
    return LexiconError(f"{where}: {message}")


def _mapping(node: yaml.Node, path: str, what: str) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
    """The (key node, value node) pairs of a YAML mapping with scalar keys, no duplicate keys."""
    if not isinstance(node, yaml.MappingNode):
        raise _fail(path, node, f"{what} must be a mapping (key: value lines)")
    seen: dict[str, int] = {}
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode):
            raise _fail(path, key, f"{what}: keys must be plain words")
        if key.value in seen:
            raise _fail(path, key, f"{what}: duplicate key {key.value!r} (first at line {seen[key.value]})")
        seen[key.value] = key.start_mark.line + 1
    return node.value


def _number(node: yaml.Node, path: str, what: str, *, integer: bool = False, minimum: float = 0.0) -> float:
    """A non-negative (or >= minimum) number from a scalar node."""
    kind = "a whole number" if integer else "a number"
    if not isinstance(node, yaml.ScalarNode):
        raise _fail(path, node, f"{what} must be {kind} >= {minimum:g}")
    try:
        value = float(node.value)
    except ValueError:
        raise _fail(path, node, f"{what} must be {kind} >= {minimum:g}, not {node.value!r}") from None
    if not math.isfinite(value) or value < minimum or (integer and not value.is_integer()):
        raise _fail(path, node, f"{what} must be {kind} >= {minimum:g}, not {node.value!r}")
    return int(value) if integer else value


def _parse_decision(node: yaml.Node | None, path: str) -> dict[str, Any]:
    """Decision parameters with defaults filled in."""
    decision = {**_DECISION_DEFAULTS, "weights": dict(_DECISION_DEFAULTS["weights"])}
    if node is None:
        return decision
    for key, value in _mapping(node, path, "decision"):
        name = key.value
        if name == "weights":
            for wkey, wvalue in _mapping(value, path, "decision.weights"):
                if wkey.value not in _TERM_LISTS:
                    raise _fail(path, wkey, f"decision.weights: unknown list {wkey.value!r}; "
                                            f"valid: {', '.join(_TERM_LISTS)}")
                decision["weights"][wkey.value] = _number(wvalue, path, f"decision.weights.{wkey.value}")
        elif name in ("min_distinct", "strong_repeat", "max_repeats"):
            decision[name] = _number(value, path, f"decision.{name}", integer=True, minimum=1)
        elif name in ("threshold", "per_1000_words", "free_words", "passage_chars", "passage_threshold",
                      "lead_chars", "lead_factor"):
            decision[name] = _number(value, path, f"decision.{name}")
        else:
            raise _fail(path, key, f"decision: unknown key {name!r}; valid: {', '.join(_DECISION_DEFAULTS)}")
    return decision


def _with_possessives(forms: set[str] | frozenset[str]) -> frozenset[str]:
    """The forms plus their possessives ("Iran" -> "Iran's", "Iran’s", "Iran'")."""
    return frozenset(forms) | {form + ending for form in forms for ending in ("'s", "’s", "'", "’")}


def _compile_term(term: str, theme: str, weight: float, exclude: bool) -> _Phrase | None:
    """A phrase from a lexicon term, or None when the term has no words."""
    stems: list[str] = []
    checks: list[tuple[bool, frozenset[str]] | None] = []
    for start, end, word in _tokens(term):
        bare = _bare(word)
        stems.append(_stem(word))
        if any(ch.isupper() for ch in bare):
            checks.append((False, _with_possessives({bare})))  # as written
        elif start > 0 and term[start - 1] == "=":
            checks.append((True, _with_possessives({bare.lower()})))  # this form, any case
        elif term[end:end + 1] == "*":
            checks.append(None)  # any word of the stem
        else:
            checks.append((True, _with_possessives(_inflections(bare.lower()))))
    if not stems:
        return None
    return _Phrase(theme, tuple(stems), weight, exclude, tuple(checks))


def _parse_terms(node: yaml.Node, path: str, theme: str, list_name: str, weight: float) -> list[_Phrase]:
    """The compiled phrases of one term list (strong, terms, weak or exclude)."""
    where = f"theme {theme!r}, list {list_name!r}"
    if not isinstance(node, yaml.SequenceNode):
        raise _fail(path, node, f"{where} must be a list of terms (lines starting with '- ')")
    phrases = []
    for item in node.value:
        term_weight = weight
        if isinstance(item, yaml.MappingNode) and len(item.value) == 1 and list_name != "exclude":
            key, value = item.value[0]
            term_node = key
            term_weight = _number(value, path, f"{where}: weight of {key.value!r}")
        else:
            term_node = item
        if not isinstance(term_node, yaml.ScalarNode) or not term_node.value.strip():
            valid = "a phrase" if list_name == "exclude" else "a phrase or 'phrase: weight'"
            raise _fail(path, item, f"{where}: each item must be {valid}")
        phrase = _compile_term(term_node.value, theme, term_weight, list_name == "exclude")
        if phrase is None:
            raise _fail(path, item, f"{where}: {term_node.value!r} has no words to match")
        phrases.append((phrase, term_node))
    return phrases


def _parse_theme(key: yaml.ScalarNode, node: yaml.Node, path: str, decision: dict) -> tuple[str, str, list]:
    """(label, description, [(phrase, node)]) of one theme entry."""
    theme = key.value
    if not _THEME_ID_RE.match(theme):
        raise _fail(path, key, f"theme id {theme!r} must be letters, digits and underscores, starting "
                               "with a letter")
    fields = dict((k.value, (k, v)) for k, v in _mapping(node, path, f"theme {theme!r}"))
    for name, (fkey, _) in fields.items():
        if name not in _THEME_KEYS:
            raise _fail(path, fkey, f"theme {theme!r}: unknown key {name!r}; valid: {', '.join(_THEME_KEYS)}")
    if "label" not in fields or not isinstance(fields["label"][1], yaml.ScalarNode):
        raise _fail(path, key, f"theme {theme!r} needs a 'label: text' line")
    description = fields.get("description", (None, None))[1]
    if description is not None and not isinstance(description, yaml.ScalarNode):
        raise _fail(path, description, f"theme {theme!r}: description must be text")
    phrases = []
    for list_name in (*_TERM_LISTS, "exclude"):
        if list_name in fields:
            weight = decision["weights"].get(list_name, 0.0)
            phrases += _parse_terms(fields[list_name][1], path, theme, list_name, weight)
    if not any(not p.exclude for p, _ in phrases):
        raise _fail(path, key, f"theme {theme!r} has no terms: give at least one of {', '.join(_TERM_LISTS)}")
    label = fields["label"][1].value
    return label, description.value if description is not None else "", [p for p, _ in phrases]


def _compile(raw: bytes, path: str) -> Lexicon:
    """Parse and validate lexicon bytes into a Lexicon."""
    try:
        root = compose_yaml(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise LexiconError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{path}, line {mark.line + 1}" if mark is not None else path
        raise LexiconError(f"{where}: not valid YAML: {getattr(err, 'problem', err)}") from None
    if root is None:
        raise LexiconError(f"{path}: empty lexicon; expected 'themes:' with one entry per theme id")
    top = dict((k.value, (k, v)) for k, v in _mapping(root, path, "the lexicon"))
    for name, (key, _) in top.items():
        if name not in ("decision", "themes"):
            raise _fail(path, key, f"unknown top-level key {name!r}; valid: decision, themes")
    if "themes" not in top:
        raise _fail(path, root, "missing 'themes:' with one entry per theme id")
    decision = _parse_decision(top.get("decision", (None, None))[1], path)
    labels, descriptions = {}, {}
    index: dict[str, list[_Phrase]] = defaultdict(list)
    weights: dict[tuple[str, tuple[str, ...]], float] = {}
    for key, node in _mapping(top["themes"][1], path, "themes"):
        labels[key.value], descriptions[key.value], phrases = _parse_theme(key, node, path, decision)
        for phrase in phrases:
            index[phrase.stems[_anchor(phrase.stems)]].append(phrase)
            if not phrase.exclude:
                ident = (phrase.theme, phrase.stems)
                weights[ident] = max(weights.get(ident, 0.0), phrase.weight)
    if not labels:
        raise _fail(path, top["themes"][1], "'themes:' is empty; give at least one theme")
    frozen_index = {stem: _group_by_span(phrases) for stem, phrases in index.items()}
    return Lexicon(
        path=path,
        fingerprint=hashlib.sha256(raw).hexdigest(),
        themes=tuple(labels),
        labels=MappingProxyType(labels),
        descriptions=MappingProxyType(descriptions),
        decision=MappingProxyType(decision),
        index=MappingProxyType(frozen_index),
        weights=MappingProxyType(weights),
        source=raw,
    )


def _anchor(stems: tuple[str, ...]) -> int:
    """Index of the stem a phrase is looked up by: the longest (the last of equals), a cheap
    stand-in for the rarest, so common words like "the" or "in" are never looked up."""
    return max(range(len(stems)), key=lambda i: (len(stems[i]), i))


def _group_by_span(phrases: list[_Phrase]) -> tuple[tuple[int, int, Mapping], ...]:
    """Phrases sharing an anchor stem as ((anchor offset, length, {stems: phrases}), ...), so that
    a text position costs one slice and one dict lookup per phrase shape; single words as
    (0, 1, phrases)."""
    groups: dict[tuple[int, int], dict[tuple[str, ...], list[_Phrase]]]
    groups = defaultdict(lambda: defaultdict(list))
    for phrase in phrases:
        groups[_anchor(phrase.stems), len(phrase.stems)][phrase.stems].append(phrase)
    return tuple(
        (offset, length, tuple(next(iter(table.values())))) if length == 1  # one stem: no lookup needed
        else (offset, length, MappingProxyType({stems: tuple(ps) for stems, ps in table.items()}))
        for (offset, length), table in sorted(groups.items())
    )


@lru_cache(maxsize=32)
def _compile_bytes(raw: bytes, path: str) -> Lexicon:
    return _compile(raw, path)


@lru_cache(maxsize=32)
def _load_cached(path: str, mtime_ns: int, size: int) -> Lexicon:
    return _compile_bytes(Path(path).read_bytes(), path)


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Load a theme lexicon (default ``data/themes.yaml``), cached per path until the file changes.

    Raises LexiconError (a ValueError) naming the file and the line when the file is malformed.
    """
    resolved = Path(path).expanduser().resolve() if path is not None else DEFAULT_LEXICON
    try:
        stat = resolved.stat()
    except OSError as err:
        raise LexiconError(f"{resolved}: cannot read theme lexicon ({err.strerror})") from None
    return _load_cached(str(resolved), stat.st_mtime_ns, stat.st_size)


# ---------------------------------------------------------------------------- matching


def _word_entry(word: str, lexicon: Lexicon) -> tuple:
    """What a word as written can start, remembered per lexicon: (single-word phrases it is an accepted
    form of, multi-word phrase groups anchored at its stem), or () when neither."""
    entry = lexicon.words.get(word)
    if entry is None:
        groups = lexicon.index.get(_stem(word), ())
        lower = word.lower()
        singles = tuple(
            phrase for offset, length, table in groups if length == 1 for phrase in table
            if phrase.checks[0] is None or (lower if phrase.checks[0][0] else word) in phrase.checks[0][1]
        )
        multis = tuple(group for group in groups if group[1] > 1)
        entry = (singles, multis) if singles or multis else ()
        if len(lexicon.words) >= _STEM_CACHE_MAX:
            lexicon.words.clear()
        lexicon.words[word] = entry
    return entry


def _matches(words: list[str], lexicon: Lexicon) -> list[tuple[int, int, _Phrase]]:
    """(first token, end token, phrase) for every phrase occurrence, excludes included."""
    entries = list(map(lexicon.words.get, words))  # one C-level pass once the words are known
    if None in entries:
        for word in set(words).difference(lexicon.words):
            _word_entry(word, lexicon)
        entries = list(map(lexicon.words.get, words))
        if None in entries:  # the memo was cleared on the way
            entries = [_word_entry(word, lexicon) for word in words]
    found = []
    for j in compress(range(len(words)), entries):
        singles, multis = entries[j]
        for phrase in singles:
            found.append((j, j + 1, phrase))
        for offset, length, table in multis:
            i = j - offset
            phrases = table.get(_stems(words[i:i + length])) if i >= 0 else None
            if phrases:
                for phrase in phrases:
                    if phrase.accepts(words[i:i + length]):
                        found.append((i, i + length, phrase))
    return found


def _resolve(found: list[tuple[int, int, _Phrase]]) -> list[tuple[int, int, _Phrase]]:
    """Per theme: drop hits overlapping an exclude phrase and hits inside a longer hit."""
    excluded: dict[str, set[int]] = defaultdict(set)  # theme -> indices of words inside exclude phrases
    for i, end, phrase in found:
        if phrase.exclude:
            excluded[phrase.theme].update(range(i, end))
    found.sort(key=lambda m: (m[2].theme, m[0], -m[1]))  # per theme: by start, longest first
    kept = []
    theme, max_end, words_out = "", -1, None
    for match in found:
        phrase = match[2]
        if phrase.theme != theme:
            theme, max_end, words_out = phrase.theme, -1, excluded.get(phrase.theme)
        if phrase.exclude or match[1] <= max_end:  # an earlier, longer hit contains this one
            continue
        if words_out and not words_out.isdisjoint(range(match[0], match[1])):
            continue
        kept.append(match)
        max_end = match[1]
    kept.sort(key=lambda m: (m[0], m[1], m[2].theme))
    return kept


def _hits_and_length(text: str, lexicon: Lexicon) -> tuple[list[Mention], int]:
    """The theme hits of `text` and its number of words, from one tokenising pass."""
    parts = _SPLIT_RE.split(text)  # gap, word, gap, word, ..., gap
    words = parts[1::2]
    found = _resolve(_matches(words, lexicon))
    if not found:
        return [], len(words)
    ends = list(accumulate(map(len, parts)))  # word i spans ends[2i] .. ends[2i + 1]
    labels = lexicon.labels
    return [
        Mention("theme", phrase.theme, labels[phrase.theme], text[ends[2 * i]:ends[2 * end - 1]],
                ends[2 * i], ends[2 * end - 1])
        for i, end, phrase in found
    ], len(words)


def find_theme_hits(text: str, lexicon: Lexicon) -> list[Mention]:
    """Every theme term occurrence in `text`, as Mention(kind="theme"), in text order.

    A hit inside a longer hit of the same theme is dropped ("air strikes", not also "strikes");
    partly overlapping hits and hits of different themes are all kept.
    """
    return _hits_and_length(text, lexicon)[0]


@lru_cache(maxsize=1 << 16)
def _surface_stems(surface: str) -> tuple[str, ...]:
    """The stems of a hit's words: its term identity (memoised)."""
    return _stems(_TOKEN_RE.findall(surface))


def _passage_score(hits: list[tuple[int, tuple[str, ...], float]], width: int) -> float:
    """Best score over passages of `width` characters holding at least two distinct terms: the
    summed weights of the distinct terms whose hits start within the passage. `hits` are
    (start, term, weight) sorted by start."""
    best = 0.0
    in_window: dict[tuple[str, ...], int] = defaultdict(int)
    score = 0.0
    distinct = 0
    left = 0
    for start, term, weight in hits:
        while hits[left][0] < start - width:
            old_term, old_weight = hits[left][1], hits[left][2]
            in_window[old_term] -= 1
            if not in_window[old_term]:
                score -= old_weight
                distinct -= 1
            left += 1
        if not in_window[term]:
            score += weight
            distinct += 1
        in_window[term] += 1
        if distinct >= 2 and score > best:
            best = score
    return best


def _dense_passage(theme_hits: list, counts: dict, rules: Mapping[str, Any]) -> bool:
    """Whether one passage of the theme's hits reaches the passage threshold (cheap bound first)."""
    width, needed = rules["passage_chars"], rules["passage_threshold"]
    if width <= 0 or len(counts) < 2:
        return False
    weights = {term: weight for _, term, weight in theme_hits}
    if sum(weights.values()) < needed:  # even all distinct terms in one passage would not do
        return False
    return _passage_score(sorted(theme_hits), width) >= needed


def decide_themes(hits: list[Mention], lexicon: Lexicon, *, n_words: int | None = None) -> dict[str, float]:
    """Article-level themes, {theme id: score}, from the hits of one article.

    A theme passes when (a) its summed hit weights (each term counted at most `max_repeats`
    times) reach `threshold`, raised for articles longer than `free_words` when `n_words` is
    given, with at least `min_distinct` distinct terms; or (b) one passage of `passage_chars`
    characters holds distinct terms weighing `passage_threshold`; or (c) one strong term is hit
    `strong_repeat` times. Hits in the first `lead_chars` characters weigh `lead_factor` times
    more. A single passing word never suffices. Hits of other kinds are ignored. Hits of a
    headline may be added (their offsets then count as the opening).
    """
    rules = lexicon.decision
    threshold = rules["threshold"]
    if n_words is not None:
        threshold += rules["per_1000_words"] * max(0, n_words - rules["free_words"]) / 1000
    by_theme: dict[str, list[tuple[int, tuple[str, ...], float]]] = defaultdict(list)
    for hit in hits:
        if hit.kind == "theme" and hit.key in lexicon.labels:
            stems = _surface_stems(hit.surface)
            weight = lexicon.weights.get((hit.key, stems), 0.0)
            if weight > 0:
                if hit.start < rules["lead_chars"]:
                    weight *= rules["lead_factor"]  # the opening says what the story is about
                by_theme[hit.key].append((hit.start, stems, weight))
    passed = {}
    for theme, theme_hits in by_theme.items():
        counts: dict[tuple[str, ...], int] = defaultdict(int)
        score = 0.0
        strong_repeats = 0
        for _, stems, weight in theme_hits:
            counts[stems] += 1
            if counts[stems] <= rules["max_repeats"]:
                score += weight
            if weight >= rules["weights"]["strong"]:
                strong_repeats = max(strong_repeats, counts[stems])
        if (
            (score >= threshold and len(counts) >= rules["min_distinct"])
            or strong_repeats >= rules["strong_repeat"]
            or _dense_passage(theme_hits, counts, rules)
        ):
            passed[theme] = round(score, 3)
    return passed


def find_themes(text: str, lexicon: Lexicon) -> list[Mention]:
    """The hits of the themes that pass the article-level decision for `text`."""
    hits, n_words = _hits_and_length(text, lexicon)
    passed = decide_themes(hits, lexicon, n_words=n_words)
    return [hit for hit in hits if hit.key in passed]
