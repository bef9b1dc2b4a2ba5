"""Speakers: person names, titles and roles, one canonical name per person, pronoun resolution.

Works on plain text with compiled regexes and the word lists in ``data/titles.yaml`` and
``data/organisations.yaml``; no model. A *name index* is built once per article (every capitalised
run that looks like a person, with the title written before it) and then answers the questions the
quote extractor asks: what is the fullest form of "Kirby", who is "he" here, what is Kirby's role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, NamedTuple

import yaml

__all__ = [
    "Lexicon",
    "NameMention",
    "NameIndex",
    "load_lexicon",
    "build_name_index",
    "split_title",
    "role_before",
    "role_after",
    "is_pronoun",
    "iter_runs",
    "PRONOUNS",
]

DATA = Path(__file__).resolve().parents[2] / "data"

#: Pronouns that stand for one person, with the gender they imply (None: either).
PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "i": None}
_FEMALE_HONORIFICS = {"mrs", "ms", "miss", "madam", "mme", "dame", "lady"}
_MALE_HONORIFICS = {"mr", "sir", "lord", "m"}

# Lowercase particles allowed inside a name ("Ursula von der Leyen", "Osama bin Laden").
_PARTICLES = r"(?:de|da|di|du|del|della|dos|das|van|von|der|den|ter|bin|ibn|al|el|la|le|st\.)"
_CAP = r"(?:[A-Z\u00C0-\u00DE][\w\u00C0-\u024F'\u2019.-]*)"
#: A run of capitalised tokens, possibly with name particles inside.
CAP_RUN = re.compile(rf"{_CAP}(?:[ \t]+(?:{_PARTICLES}[ \t]+)*{_CAP})*")
_WORD = re.compile(r"[\w\u00C0-\u024F][\w\u00C0-\u024F'\u2019.&-]*|[,;:()\[\]\u201c\u201d\"\u2014\u2013]")
_POSSESSIVE = re.compile(r"['\u2019]s$")
_INITIAL = re.compile(r"[A-Z]\.(?:[A-Z]\.)?")


@dataclass(frozen=True)
class Lexicon:
    """Word lists for names and roles, all lowercase, abbreviations without the final period."""

    honorifics: frozenset[str]
    titles: frozenset[str]
    role_heads: frozenset[str]
    org_words: frozenset[str]
    not_person: frozenset[str]
    generic_orgs: frozenset[str]
    organisations: dict[str, tuple[str, str | None]]  # alias as written -> (canonical, affiliation)
    org_pattern: re.Pattern[str] | None = field(default=None, compare=False)


def _norm(word: str) -> str:
    return word.lower().rstrip(".")


def _strings(data: object, key: str, path: Path) -> list[str]:
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
        raise ValueError(f"{path}: key '{key}' must be a list of strings (quote words YAML reads as booleans)")
    return items


@lru_cache(maxsize=4)
def load_lexicon(titles: str | Path = DATA / "titles.yaml",
                 organisations: str | Path = DATA / "organisations.yaml") -> Lexicon:
    """Load the titles and organisations files into a `Lexicon` (cached)."""
    tpath, opath = Path(titles), Path(organisations)
    t = yaml.safe_load(tpath.read_text(encoding="utf-8"))
    o = yaml.safe_load(opath.read_text(encoding="utf-8"))
    orgs: dict[str, tuple[str, str | None]] = {}
    names = o.get("names") if isinstance(o, dict) else None
    if not isinstance(names, dict):
        raise ValueError(f"{opath}: key 'names' must map a canonical name to {{affiliation, aliases}}")
    for canon, info in names.items():
        if not isinstance(info, dict) or not isinstance(info.get("aliases", []), list):
            raise ValueError(f"{opath}: entry '{canon}' must be a mapping with 'affiliation' and 'aliases' (a list)")
        for alias in [canon, *info.get("aliases", [])]:
            orgs[str(alias)] = (str(canon), info.get("affiliation"))
    alias_re = "|".join(re.escape(a) for a in sorted(orgs, key=len, reverse=True))
    return Lexicon(
        honorifics=frozenset(_norm(x) for x in _strings(t, "honorifics", tpath)),
        titles=frozenset(_norm(x) for x in _strings(t, "titles", tpath)),
        role_heads=frozenset(_norm(x) for x in _strings(t, "role_heads", tpath)),
        org_words=frozenset(_norm(x) for x in _strings(o, "org_words", opath)),
        not_person=frozenset(_norm(x) for x in _strings(o, "not_person", opath)),
        generic_orgs=frozenset(_norm(x) for x in _strings(o, "generic", opath)),
        organisations=orgs,
        org_pattern=re.compile(rf"(?<![\w.])(?:{alias_re})(?![\w])") if orgs else None,
    )


class NameMention(NamedTuple):
    """A person's name as written in the text, with the title written just before it."""

    start: int  # offsets of the name itself (titles excluded)
    end: int
    name: str  # as written, honorifics and titles removed
    role: str | None
    gender: str | None  # "m"/"f" from an honorific, else None


def is_pronoun(word: str) -> bool:
    """True for he/she/I (a pronoun that stands for one person)."""
    return word.lower() in PRONOUNS


def _is_name_token(tok: str, lex: Lexicon) -> bool:
    if _INITIAL.fullmatch(tok):
        return True
    if not tok[:1].isupper() or _POSSESSIVE.search(tok):
        return False
    core = tok.rstrip(".")
    if "." in core or (len(core) > 1 and core.isupper()):  # U.K., NATO, AAMER: not names
        return False
    low = _norm(tok)
    return low not in lex.not_person and low not in lex.org_words and low not in lex.honorifics


def split_title(run: str, lex: Lexicon) -> tuple[str, str, str | None]:
    """Split a capitalised run into (titles, name, gender): "U.K. Foreign Secretary James Cleverly" ->
    ("U.K. Foreign Secretary", "James Cleverly", None); the name is "" when the run holds no person."""
    toks = run.split()
    gender = None
    # the name is the longest tail of name tokens; a title word is kept as a surname only when a
    # first name precedes it ("Charlie King"), never when titles do ("the Foreign Secretary")
    i = len(toks)
    while i > 0:
        tok = toks[i - 1]
        low = _norm(tok)
        if low in lex.titles or low in lex.role_heads:
            prev_ok = i >= 2 and _is_name_token(toks[i - 2], lex) and _norm(toks[i - 2]) not in lex.titles
            if not (i == len(toks) and prev_ok):
                break
        elif not _is_name_token(tok, lex) and not re.fullmatch(_PARTICLES, tok):
            break
        i -= 1
    while i < len(toks) and (re.fullmatch(_PARTICLES, toks[i]) or _INITIAL.fullmatch(toks[i])
                             and i == len(toks) - 1):
        i += 1
    name_toks = toks[i:]
    head = toks[:i]
    if head and _norm(head[-1]) in lex.honorifics:
        low = _norm(head[-1])
        gender = "f" if low in _FEMALE_HONORIFICS else "m" if low in _MALE_HONORIFICS else None
        head = head[:-1]
    while head and _norm(head[-1]) in lex.honorifics:
        head = head[:-1]
    if name_toks and any(_norm(t) in lex.org_words for t in name_toks):
        name_toks = []
    return " ".join(head), " ".join(name_toks), gender


_FUNCTION = frozenset(
    "the a an of for and in on at to by with from as that which who whom whose said says told is was are "
    "were be been has have had will would could should may might can this these those it its his her "
    "their our my your but or if when while after before than then also not no".split()
)
_ROLE_GLUE = frozenset({"of", "the", "for", "and", "&", "de"})


def _tokens_before(text: str, pos: int, limit: int = 160) -> list[tuple[int, int, str]]:
    lo = max(0, pos - limit)
    return [(m.start() + lo, m.end() + lo, m.group()) for m in _WORD.finditer(text[lo:pos])]


def role_before(text: str, pos: int, lex: Lexicon) -> tuple[str | None, int]:
    """The role written just before the name starting at `pos` ("NATO Secretary-general",
    "University of the Fraser Valley political scientist"); returns (role or None, role start)."""
    toks = _tokens_before(text, pos)
    # drop a partial first token cut by the window
    if toks and toks[0][0] > 0 and pos - 160 > 0:
        toks = toks[1:]
    if toks and toks[-1][2] in {",", "(", ":"}:
        return None, pos
    j = len(toks)
    taken: list[int] = []
    lower_run = 0
    while j > 0:
        s, e, w = toks[j - 1]
        low = _norm(w)
        if e < len(text) and text[e:e + 1] == "\n" and taken:
            break
        if not taken:
            if low not in lex.role_heads and low not in lex.titles:
                return None, pos
            taken.append(j - 1)
        elif low in lex.role_heads or low in lex.titles or (w[:1].isupper() and low not in lex.not_person
                                                             and low not in lex.honorifics):
            lower_run = 0
            taken.append(j - 1)
        elif low in _ROLE_GLUE and j >= 2 and (toks[j - 2][2][:1].isupper() or _norm(toks[j - 2][2]) in _ROLE_GLUE):
            taken.append(j - 1)
        elif w[:1].islower() and low not in _FUNCTION and re.fullmatch(r"[\w'-]+", w) and lower_run < 2:
            lower_run += 1
            taken.append(j - 1)
        else:
            break
        j -= 1
    while taken and _norm(toks[taken[-1]][2]) in _ROLE_GLUE:
        taken.pop()
    if not taken:
        return None, pos
    start = toks[taken[-1]][0]
    return text[start:toks[taken[0]][1]], start


_APPOSITIVE = re.compile(r"\s*,\s*(?P<role>(?:(?:the|a|an|its|his|her)\s+)?[^,;:.\u201c\u201d\"()]{2,140}?)"
                         r"\s*(?=[,;.)\u201c\"]|$)")


def role_after(text: str, pos: int, lex: Lexicon) -> tuple[str | None, int]:
    """The appositive after a name ("Jens Stoltenberg, NATO's secretary-general, said"):
    (role or None, end offset of the role)."""
    m = _APPOSITIVE.match(text, pos, min(len(text), pos + 200))
    if not m:
        return None, pos
    role = m.group("role").strip()
    words = role.split()
    if not words or len(words) > 16 or words[0].lower() in {"who", "which", "that", "where", "when", "and"}:
        return None, pos
    if any(w.lower() in {"said", "says", "told", "added"} for w in words):
        return None, pos
    if not any(_norm(w.strip("'\u2019s")) in lex.role_heads or _norm(w) in lex.role_heads
               or _norm(re.sub(r"['\u2019]s$", "", w)) in lex.role_heads for w in words):
        return None, pos
    # '(?:U.S.)' periods inside: the lazy match may stop at an abbreviation's period; extend over them
    return role, m.end("role")


def iter_runs(text: str, lex: Lexicon, start: int = 0, end: int | None = None):
    """Yield (offset, run) for capitalised runs in text[start:end], cut after a word ending a sentence
    ("Russia. Kirby" -> "Russia", "Kirby"), keeping "Mr.", "U.K." and initials inside."""
    for m in CAP_RUN.finditer(text, start, len(text) if end is None else end):
        run, base = m.group(), m.start()
        pos = 0
        for t in re.finditer(r"\S+", run):
            w = t.group()
            if w.endswith(".") and not _INITIAL.fullmatch(w) and "." not in w[:-1] \
                    and _norm(w) not in lex.honorifics and _norm(w) not in lex.titles:
                piece = run[pos:t.end() - 1]
                if piece.strip():
                    yield base + pos, piece
                pos = t.end()
                while pos < len(run) and run[pos] in " \t":
                    pos += 1
        if pos < len(run):
            yield base + pos, run[pos:]


class NameIndex:
    """Every person mention of one article, in text order, answering name questions about it."""

    def __init__(self, text: str, mentions: list[NameMention], lex: Lexicon):
        self.text = text
        self.mentions = mentions
        self.lex = lex
        self._by_surname: dict[str, list[NameMention]] = {}
        for m in mentions:
            self._by_surname.setdefault(m.name.split()[-1], []).append(m)
        self._starts = [m.start for m in mentions]

    def surnames(self) -> set[str]:
        """Surnames of the people seen in the article."""
        return set(self._by_surname)

    def canonical(self, name: str, pos: int | None = None) -> str:
        """The fullest form of `name` in the article ("Kirby" -> "John Kirby"); among different people
        sharing a surname, the one mentioned most recently before `pos` (else first)."""
        toks = name.split()
        if not toks:
            return name
        cands = self._by_surname.get(toks[-1], [])
        if len(toks) > 1:
            cands = [m for m in cands if _compatible(m.name.split(), toks)]
        if not cands:
            return name
        full = [m for m in cands if len(m.name.split()) > 1]
        if not full:
            return name
        firsts = {m.name.split()[0] for m in full}
        if len(firsts) > 1 and pos is not None:
            before = [m for m in full if m.start < pos]
            pick = before[-1] if before else full[0]
            same = [m for m in full if m.name.split()[0] == pick.name.split()[0]]
        else:
            same = full
        return max(same, key=lambda m: (len(m.name.split()), len(m.name))).name

    def role_of(self, name: str) -> str | None:
        """The first role written with any mention of this person."""
        last = name.split()[-1] if name.split() else ""
        for m in self._by_surname.get(last, []):
            if m.role and _compatible(m.name.split(), name.split()):
                return m.role
        return None

    def gender_of(self, name: str) -> str | None:
        """'m'/'f' when an honorific of this person says so, else None."""
        last = name.split()[-1] if name.split() else ""
        for m in self._by_surname.get(last, []):
            if m.gender:
                return m.gender
        return None

    def resolve_pronoun(self, pos: int, gender: str | None, sentences: list[tuple[int, int]],
                        exclude_after: int | None = None) -> NameMention | None:
        """The person a pronoun at `pos` stands for: the first (subject) person of the most recent
        sentence before `pos` that names one, skipping people of the other gender."""
        import bisect

        limit = exclude_after if exclude_after is not None else pos
        k = bisect.bisect_left(self._starts, limit)
        if k == 0:
            return None
        # walk back sentence by sentence
        si = bisect.bisect_right([s for s, _ in sentences], limit) - 1
        while si >= 0:
            s, e = sentences[si]
            cands = [m for m in self.mentions if s <= m.start < min(e, limit)]
            for m in cands:
                g = m.gender or self.gender_of(m.name)
                if gender and g and g != gender:
                    continue
                return m
            si -= 1
            if limit - s > 3000:
                break
        return None


def _compatible(full: list[str], short: list[str]) -> bool:
    """'John Kirby' ~ 'Kirby' ~ 'J. Kirby'; 'John Kirby' !~ 'Tom Kirby'."""
    if full[-1] != short[-1]:
        return False
    if len(full) == 1 or len(short) == 1:
        return True
    a, b = full[0], short[0]
    return a == b or (len(b) <= 2 and b.endswith(".") and a.startswith(b[0])) or (
        len(a) <= 2 and a.endswith(".") and b.startswith(a[0]))


def build_name_index(text: str, lex: Lexicon, *,
                     affiliation_of: Callable[[str], str | None] | None = None,
                     extra_surnames: set[str] | None = None) -> NameIndex:
    """Find every person-like name in `text`: multi-word names, titled names ("Mr. Obama",
    "President Obama"), and single surnames of people already seen in full or in `extra_surnames`."""
    full: list[NameMention] = []
    singles: list[tuple[int, int, str, str | None, str | None]] = []
    for run_start, run in iter_runs(text, lex):
        titles, name, gender = split_title(run, lex)
        if not name:
            continue
        start = run_start + run.rfind(name)
        end = start + len(name)
        toks = name.split()
        if _norm(toks[0]) in lex.not_person or toks[0].lower() in PRONOUNS:
            continue
        if affiliation_of is not None and len(toks) <= 3 and not titles and affiliation_of(name):
            continue
        role = titles or None
        if role is None:
            r, _ = role_before(text, start, lex)
            role = r
        if len(toks) >= 2 or titles or gender:
            full.append(NameMention(start, end, name, role, gender))
        else:
            singles.append((start, end, name, role, gender))
    known = {m.name.split()[-1] for m in full} | (extra_surnames or set())
    mentions = full + [NameMention(*s) for s in singles if s[2] in known]
    mentions.sort()
    return NameIndex(text, mentions, lex)
