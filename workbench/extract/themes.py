"""Theme detection: lexicon hits with offsets, then an article-level decision.

A theme lexicon (YAML, default ``data/themes.yaml``) lists per theme id strong, ordinary and weak
terms and phrases plus exclude phrases; the decision parameters live in the same file. Text is
tokenised once with a regex, each token is stemmed with NLTK's Snowball stemmer (memoised), and
phrases are matched as stem sequences through a dict from first stem to candidate phrases, so the
cost per article is one dict lookup per token. An article has a theme when its hits add up to the
threshold with at least two distinct terms, or when one strong term recurs: a single passing word
is never enough.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import yaml
from nltk.stem.snowball import SnowballStemmer

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

#: Words: letters and digits, with inner apostrophes ("Iran's"); hyphens and dots split words.
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_THEME_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_TERM_LISTS = ("strong", "terms", "weak")
_THEME_KEYS = ("label", "description", *_TERM_LISTS, "exclude")
_DECISION_DEFAULTS: dict[str, Any] = {
    "weights": {"strong": 2.0, "terms": 1.0, "weak": 0.5},
    "threshold": 3.0,
    "min_distinct": 2,
    "strong_repeat": 2,
    "per_1000_words": 0.0,
    "free_words": 500,
    "max_repeats": 3,
}

_STEMMER = SnowballStemmer("english")


class LexiconError(ValueError):
    """A theme lexicon file that cannot be used; the message names the file and the line."""


@lru_cache(maxsize=1 << 18)
def _stem(token: str) -> str:
    """Snowball stem of a token, lower-cased, curly apostrophe normalised (memoised)."""
    return _STEMMER.stem(token.lower().replace("’", "'"))


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
            bases.add(base)
            if suffix in ("ed", "ing") and len(base) > 3 and base[-1] == base[-2]:
                bases.add(base[:-1])  # doubled consonant: "shipped" -> "ship"
    return bases


def _inflections(word: str) -> frozenset[str]:
    """Inflected forms of a lower-case word: plural, past, gerund ("attack" -> "attacks",
    "attacked", "attacking"), not derivations ("attacker")."""
    forms = set()
    for base in _bases(word):
        forms |= {base, base + "s", base + "es", base + "ed", base + "d", base + "ing"}
        if base.endswith("e"):
            forms.add(base[:-1] + "ing")
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
    """One lexicon phrase, compiled: its stems plus per-word exactness checks."""

    theme: str
    stems: tuple[str, ...]
    weight: float  # 0.0 for exclude phrases
    exclude: bool
    # per word: None (any word of the stem), ("forms", inflections), ("exact", lower form) or
    # ("case", form as written)
    checks: tuple[tuple[str, Any] | None, ...]

    def accepts(self, surfaces: list[str]) -> bool:
        """Whether the words as written satisfy the phrase's exact-form and case checks."""
        for check, surface in zip(self.checks, surfaces):
            if check is None:
                continue
            kind, form = check
            word = _bare(surface)
            if kind == "forms":
                if word.lower() not in form:
                    return False
            elif (word.lower() if kind == "exact" else word) != form:
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
    #: first stem -> ((length, {stems: phrases}), ...), longest first
    index: Mapping[str, tuple[tuple[int, Mapping[tuple[str, ...], tuple[_Phrase, ...]]], ...]] = field(
        compare=False, repr=False)
    #: (theme id, stems of a term) -> weight, to score hits from their surface alone
    weights: Mapping[tuple[str, tuple[str, ...]], float] = field(compare=False, repr=False)


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
        elif name in ("threshold", "per_1000_words", "free_words"):
            decision[name] = _number(value, path, f"decision.{name}")
        else:
            raise _fail(path, key, f"decision: unknown key {name!r}; valid: {', '.join(_DECISION_DEFAULTS)}")
    return decision


def _compile_term(term: str, theme: str, weight: float, exclude: bool) -> _Phrase | None:
    """A phrase from a lexicon term, or None when the term has no words."""
    stems: list[str] = []
    checks: list[tuple[str, Any] | None] = []
    for start, end, word in _tokens(term):
        bare = _bare(word)
        stems.append(_stem(word))
        if any(ch.isupper() for ch in bare):
            checks.append(("case", bare))
        elif start > 0 and term[start - 1] == "=":
            checks.append(("exact", bare.lower()))
        elif term[end:end + 1] == "*":
            checks.append(None)
        else:
            checks.append(("forms", _inflections(bare.lower())))
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
        root = yaml.compose(raw.decode("utf-8"), Loader=yaml.SafeLoader)
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
            index[phrase.stems[0]].append(phrase)
            if not phrase.exclude:
                ident = (phrase.theme, phrase.stems)
                weights[ident] = max(weights.get(ident, 0.0), phrase.weight)
    if not labels:
        raise _fail(path, top["themes"][1], "'themes:' is empty; give at least one theme")
    frozen_index = {stem: _group_by_length(phrases) for stem, phrases in index.items()}
    return Lexicon(
        path=path,
        fingerprint=hashlib.sha256(raw).hexdigest(),
        themes=tuple(labels),
        labels=MappingProxyType(labels),
        descriptions=MappingProxyType(descriptions),
        decision=MappingProxyType(decision),
        index=MappingProxyType(frozen_index),
        weights=MappingProxyType(weights),
    )


def _group_by_length(phrases: list[_Phrase]) -> tuple[tuple[int, Mapping], ...]:
    """Phrases sharing a first stem as ((length, {stems: phrases}), ...), longest first, so that a
    text position costs one slice and one dict lookup per phrase length."""
    groups: dict[int, dict[tuple[str, ...], list[_Phrase]]] = defaultdict(lambda: defaultdict(list))
    for phrase in phrases:
        groups[len(phrase.stems)][phrase.stems].append(phrase)
    return tuple((length, MappingProxyType({stems: tuple(ps) for stems, ps in table.items()}))
                 for length, table in sorted(groups.items(), reverse=True))


@lru_cache(maxsize=32)
def _load_cached(path: str, mtime_ns: int, size: int) -> Lexicon:
    return _compile(Path(path).read_bytes(), path)


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


def _matches(words: list[str], lexicon: Lexicon) -> list[tuple[int, int, _Phrase]]:
    """(first token, end token, phrase) for every phrase occurrence, excludes included."""
    stems = tuple(map(_stem, words))
    candidates = list(map(lexicon.index.get, stems))
    found = []
    for i in compress(range(len(stems)), candidates):
        for length, table in candidates[i]:
            phrases = table.get(stems[i:i + length]) if length > 1 else table[stems[i:i + 1]]
            if phrases:
                for phrase in phrases:
                    if phrase.accepts(words[i:i + length]):
                        found.append((i, i + length, phrase))
    return found


def _resolve(found: list[tuple[int, int, _Phrase]]) -> list[tuple[int, int, _Phrase]]:
    """Per theme: drop hits overlapping an exclude phrase, then keep the longest of overlapping hits."""
    by_theme: dict[str, list[tuple[int, int, _Phrase]]] = defaultdict(list)
    for match in found:
        by_theme[match[2].theme].append(match)
    kept = []
    for matches in by_theme.values():
        excluded = [(i, end) for i, end, phrase in matches if phrase.exclude]
        hits = [m for m in matches if not m[2].exclude
                and not any(m[0] < x_end and x_start < m[1] for x_start, x_end in excluded)]
        hits.sort(key=lambda m: (m[0], -(m[1] - m[0]), -m[2].weight))
        last_end = -1
        for match in hits:
            if match[0] >= last_end:
                kept.append(match)
                last_end = match[1]
    kept.sort(key=lambda m: (m[0], m[2].theme))
    return kept


def find_theme_hits(text: str, lexicon: Lexicon) -> list[Mention]:
    """Every theme term occurrence in `text`, as Mention(kind="theme"), in text order.

    Overlapping hits of one theme keep the longest; hits of different themes may overlap.
    """
    found = _resolve(_matches(_TOKEN_RE.findall(text), lexicon))
    if not found:
        return []
    spans = list(map(re.Match.span, _TOKEN_RE.finditer(text)))
    return [
        Mention("theme", phrase.theme, lexicon.labels[phrase.theme],
                text[spans[i][0]:spans[end - 1][1]], spans[i][0], spans[end - 1][1])
        for i, end, phrase in found
    ]


@lru_cache(maxsize=1 << 16)
def _surface_stems(surface: str) -> tuple[str, ...]:
    """The stems of a hit's words: its term identity (memoised)."""
    return tuple(map(_stem, _TOKEN_RE.findall(surface)))


def decide_themes(hits: list[Mention], lexicon: Lexicon, *, n_words: int | None = None) -> dict[str, float]:
    """Article-level themes, {theme id: score}, from the hits of one article.

    A theme passes when its summed hit weights reach the threshold (raised for articles longer
    than `free_words` when `n_words` is given) with at least `min_distinct` distinct terms, or
    when one strong term is hit `strong_repeat` times. Hits of other kinds are ignored.
    """
    rules = lexicon.decision
    threshold = rules["threshold"]
    if n_words is not None:
        threshold += rules["per_1000_words"] * max(0, n_words - rules["free_words"]) / 1000
    strong = rules["weights"]["strong"]
    scores: dict[str, float] = defaultdict(float)
    counts: dict[str, dict[tuple[str, ...], int]] = defaultdict(lambda: defaultdict(int))
    strong_counts: dict[str, int] = defaultdict(int)
    for hit in hits:
        if hit.kind != "theme" or hit.key not in lexicon.labels:
            continue
        stems = _surface_stems(hit.surface)
        weight = lexicon.weights.get((hit.key, stems), 0.0)
        if weight <= 0:
            continue
        counts[hit.key][stems] += 1
        if counts[hit.key][stems] <= rules["max_repeats"]:
            scores[hit.key] += weight
        if weight >= strong:
            strong_counts[hit.key] = max(strong_counts[hit.key], counts[hit.key][stems])
    return {
        theme: round(score, 3)
        for theme, score in scores.items()
        if (score >= threshold and len(counts[theme]) >= rules["min_distinct"])
        or strong_counts[theme] >= rules["strong_repeat"]
    }


def find_themes(text: str, lexicon: Lexicon) -> list[Mention]:
    """The hits of the themes that pass the article-level decision for `text`."""
    hits = find_theme_hits(text, lexicon)
    passed = decide_themes(hits, lexicon, n_words=len(_TOKEN_RE.findall(text)))
    return [hit for hit in hits if hit.key in passed]
