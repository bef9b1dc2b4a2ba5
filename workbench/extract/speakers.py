"""Speakers: person names, titles and roles, one canonical name per person, pronoun resolution.

Works on plain text with compiled regexes and the word lists in ``data/titles.yaml`` and
``data/organisations.yaml``; no model. A *name index* is built once per article (every capitalised
run that looks like a person, with the title written before it) and then answers the questions the
quote extractor asks: what is the fullest form of "Kirby", who is "he" here, what is Kirby's role.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from workbench.config import load_yaml

__all__ = [
    "Lexicon",
    "NameMention",
    "NameIndex",
    "load_lexicon",
    "read_yaml",
    "build_name_index",
    "split_title",
    "role_before",
    "role_after",
    "is_pronoun",
    "iter_runs",
    "modifies_a_role",
    "continues_an_org",
    "opening_verb",
    "place_before_name",
]

DATA = Path(__file__).resolve().parents[2] / "data"

_CAP = r"(?:[A-Z\u00C0-\u00DE][\w\u00C0-\u024F'\u2019.&-]*)"  # "O'Brien", "B&B"
_WORD = re.compile(r"[\w\u00C0-\u024F][\w\u00C0-\u024F'\u2019.&-]*|[,;:()\[\]\u201c\u201d\"\u2014\u2013]")
_POSSESSIVE = re.compile(r"['\u2019]s$")
_OF_BEFORE = re.compile(r"\bof\s+$")
_MODIFIER = re.compile(r"-(?:[a-z]+ed|born|based|run|made|bred)$")
_INITIAL = re.compile(r"[A-Z]\.(?:[A-Z]\.)?")
_NONSPACE = re.compile(r"\S+")
_PLAIN = re.compile(r"[\w'-]+")
_HE = re.compile(r"\b[Hh]e\b")
_COMMA = re.compile(r",\s*")
_PARTICIPLE = re.compile(r"[a-z]+(?:ing|ed)\b")
_SHE = re.compile(r"\b[Ss]he\b")


@dataclass(frozen=True)
class Lexicon:
    """Word lists for names and roles, all lowercase, abbreviations without the final period."""

    honorifics: frozenset[str]
    titles: frozenset[str]
    role_heads: frozenset[str]
    org_words: frozenset[str]
    not_person: frozenset[str]
    surnames_too: frozenset[str]  # org words that are surnames after a given name ("Tom Hall")
    generic_orgs: frozenset[str]
    parties: frozenset[str]  # collective names speaking as organisations ("Labour claims", "Democrats said")
    not_employers: frozenset[str]  # org words of a state body or a building ("Ministry", "Street")
    organisations: dict[str, tuple[str, str | None]]  # alias as written -> (canonical, affiliation)
    state_roles: frozenset[str]
    offices: frozenset[str]  # words ending an office's name, never a surname ("Publicity Secretary")
    title_modifiers: frozenset[str]  # need another title after them ("Crown Prince")
    female: frozenset[str]  # honorifics that say a person's gender
    male: frozenset[str]
    gendered_nouns: Mapping[str, str]  # "mother" -> "f", "congressman" -> "m"
    first_names: Mapping[str, str]  # a given name, lower-cased -> "m"/"f" (data/first_names.yaml)
    pronouns: dict[str, str | None]  # he -> "m", she -> "f", i -> None
    function_words: frozenset[str]
    role_glue: frozenset[str]
    calendar: frozenset[str]
    cap_run: re.Pattern[str]  # a run of capitalised words, name particles allowed inside
    particle: re.Pattern[str]
    postnominal: re.Pattern[str]
    generational: frozenset[str]
    object_markers: frozenset[str]
    org_pattern: re.Pattern[str] | None = field(default=None, compare=False)
    cache: dict = field(default_factory=dict, compare=False, repr=False)  # split_title results by run
    people: dict = field(default_factory=dict, compare=False, repr=False)  # _person_in_run results by run


def read_yaml(path: str | Path) -> object:
    """A knowledge file read with the safe loader; a file YAML cannot read (or that holds a tag
    such as ``!!python/object``, or an alias) is refused with a ValueError naming the file and the line."""
    return load_yaml(path)


def _norm(word: str) -> str:
    return word.lower().rstrip(".")


def _strings(data: object, key: str, path: Path) -> list[str]:
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
        raise ValueError(f"{path}: key '{key}' must be a list of strings "
                         "(quote the words YAML reads as booleans: on, no, yes)")
    return items


def _pronouns(data: object, path: Path) -> dict[str, str | None]:
    items = data.get("pronouns") if isinstance(data, dict) else None
    if not isinstance(items, dict) or not all(v in ("m", "f", "", None) for v in items.values()):
        raise ValueError(f"{path}: key 'pronouns' must map a pronoun to m, f or \"\" (either), e.g. he: m")
    return {str(k).lower(): (v or None) for k, v in items.items()}


def _first_names(data: object, path: Path) -> dict[str, str]:
    """Given name -> "m"/"f" from the `female` and `male` lists (`unisex` names decide nothing)."""
    genders = {}
    for key, gender in (("female", "f"), ("male", "m")):
        for name in _strings(data, key, path):
            genders[name.lower()] = gender
    return genders


@lru_cache(maxsize=4)
def load_lexicon(titles: str | Path = DATA / "titles.yaml",
                 organisations: str | Path = DATA / "organisations.yaml",
                 first_names: str | Path = DATA / "first_names.yaml") -> Lexicon:
    """Load the titles, organisations and first-names files into a `Lexicon` (cached)."""
    tpath, opath, fpath = Path(titles), Path(organisations), Path(first_names)
    t, o = read_yaml(tpath), read_yaml(opath)
    orgs: dict[str, tuple[str, str | None]] = {}
    names = o.get("names") if isinstance(o, dict) else None
    if not isinstance(names, dict):
        raise ValueError(f"{opath}: key 'names' must map a canonical name to {{affiliation, aliases}}")
    for canon, info in names.items():
        if not isinstance(info, dict) or not isinstance(info.get("aliases", []), list):
            raise ValueError(f"{opath}: entry '{canon}' must be a mapping with 'affiliation' and 'aliases' "
                             "(a list)")
        for alias in [canon, *info.get("aliases", [])]:
            orgs[str(alias)] = (str(canon), info.get("affiliation"))
    alias_re = "|".join(re.escape(a) for a in sorted(orgs, key=len, reverse=True))
    particles = "(?:" + "|".join(re.escape(x) for x in _strings(t, "name_particles", tpath)) + ")"
    return Lexicon(
        honorifics=frozenset(_norm(x) for x in _strings(t, "honorifics", tpath)),
        titles=frozenset(_norm(x) for x in _strings(t, "titles", tpath)),
        role_heads=frozenset(_norm(x) for x in _strings(t, "role_heads", tpath)),
        org_words=frozenset(_norm(x) for x in _strings(o, "org_words", opath)),
        not_person=frozenset(_norm(x) for x in _strings(o, "not_person", opath)),
        surnames_too=frozenset(_norm(x) for x in _strings(o, "surnames_too", opath)),
        generic_orgs=frozenset(_norm(x) for x in _strings(o, "generic", opath)),
        parties=frozenset(_strings(o, "parties", opath)),
        not_employers=frozenset(_norm(x) for x in _strings(o, "not_employers", opath)),
        organisations=orgs,
        state_roles=frozenset(_norm(x) for x in _strings(t, "state_roles", tpath)),
        offices=frozenset(_norm(x) for x in _strings(t, "offices", tpath)),
        title_modifiers=frozenset(_norm(x) for x in _strings(t, "title_modifiers", tpath)),
        female=frozenset(_norm(x) for x in _strings(t, "female_honorifics", tpath)),
        male=frozenset(_norm(x) for x in _strings(t, "male_honorifics", tpath)),
        gendered_nouns=MappingProxyType({**dict.fromkeys(map(_norm, _strings(t, "female_nouns", tpath)), "f"),
                                         **dict.fromkeys(map(_norm, _strings(t, "male_nouns", tpath)), "m")}),
        first_names=MappingProxyType(_first_names(read_yaml(fpath), fpath)),
        pronouns=_pronouns(t, tpath),
        function_words=frozenset(_norm(x) for x in _strings(t, "function_words", tpath)),
        role_glue=frozenset(_norm(x) for x in _strings(t, "role_glue", tpath)),
        calendar=frozenset(_norm(x) for x in _strings(t, "calendar", tpath)),
        cap_run=re.compile(rf"(?<!\w){_CAP}(?:[ \t]+(?:{particles}[ \t]+)*{_CAP})*"),  # not "4Cast", "iPod"
        particle=re.compile(particles),
        generational=frozenset(_strings(t, "generational", tpath)),
        object_markers=frozenset(_norm(x) for x in _strings(t, "object_markers", tpath)),
        postnominal=re.compile(r"\s+(?:" + "|".join(map(re.escape, _strings(t, "postnominals", tpath)))
                               + r")$"),
        org_pattern=re.compile(rf"(?<![\w.])(?:{alias_re})(?![\w])") if orgs else None,
    )


class NameMention(NamedTuple):
    """A person's name as written in the text, with the title written just before it."""

    start: int  # offsets of the name itself (titles excluded)
    end: int
    name: str  # as written, honorifics and titles removed
    role: str | None
    gender: str | None  # "m"/"f" from an honorific, else None


def is_pronoun(word: str, lex: Lexicon | None = None) -> bool:
    """True for he/she/I (a pronoun that stands for one person)."""
    return word.lower() in (lex or load_lexicon()).pronouns


def _is_name_token(tok: str, lex: Lexicon) -> bool:
    if _INITIAL.fullmatch(tok):
        return True
    if not tok[:1].isupper() or _POSSESSIVE.search(tok):
        return False
    core = tok.rstrip(".")
    if "." in core or (len(core) > 1 and core.isupper()):  # U.K., NATO, AAMER: not names
        return False
    if _MODIFIER.search(core):  # "Texas-based", "London-born": describes the name that follows
        return False
    low = _norm(tok)
    return low not in lex.not_person and low not in lex.org_words and low not in lex.honorifics


def split_title(run: str, lex: Lexicon) -> tuple[str, str, str | None]:
    """Split a capitalised run into (titles, name, gender): "U.K. Foreign Secretary James Cleverly" ->
    ("U.K. Foreign Secretary", "James Cleverly", None); the name is "" when the run holds no person."""
    hit = lex.cache.get(run)
    if hit is None:
        if len(lex.cache) > 50000:
            lex.cache.clear()
        hit = lex.cache[run] = _split_title(run, lex)
    return hit


def _split_title(run: str, lex: Lexicon) -> tuple[str, str, str | None]:
    run = lex.postnominal.sub("", run)
    toks = run.split()
    if len(toks) == 2 and toks[0].lower() in lex.first_names and _norm(toks[1]) in lex.surnames_too:
        return "", run, None  # "Tom Hall", "Charlotte Church": a person, though "Hall" makes organisations
    # ... and after a title ("Judge Durham Hall")
    surname_too = len(toks) >= 3 and _norm(toks[-1]) in lex.surnames_too and toks[-2][:1].isupper() \
        and (_norm(toks[-3]) in lex.titles or _norm(toks[-3]) in lex.honorifics)
    suffix = [toks.pop()] if len(toks) > 2 and toks[-1] in lex.generational else []
    gender = None
    # the name is the longest tail of name tokens; a title word is kept as a surname only when a
    # first name precedes it ("Charlie King"), never when titles do ("the Foreign Secretary")
    i = len(toks)
    while i > 0:
        tok = toks[i - 1]
        low = _norm(tok)
        if low in lex.titles or low in lex.role_heads:
            prev_ok = i >= 2 and (_is_name_token(toks[i - 2], lex) and _norm(toks[i - 2]) not in lex.titles
                                  or _norm(toks[i - 2]) in lex.honorifics)  # "Charlie King", "Mr. King"
            if not (i == len(toks) and prev_ok):
                break
        elif not _is_name_token(tok, lex) and not lex.particle.fullmatch(tok) \
                and not (surname_too and i == len(toks)):
            break
        i -= 1
    while i < len(toks) and (lex.particle.fullmatch(toks[i]) or _INITIAL.fullmatch(toks[i])
                             and i == len(toks) - 1):
        i += 1
    name_toks = toks[i:]
    head = toks[:i]
    # "The Biden (administration)": a leading function word is not a title
    while head and (_norm(head[0]) in lex.function_words or _norm(head[0]) in lex.not_person
                    and _norm(head[0]) not in lex.titles):
        head = head[1:]
    if head and _norm(head[-1]) in lex.honorifics:
        low = _norm(head[-1])
        gender = "f" if low in lex.female else "m" if low in lex.male else None
        head = head[:-1]
    while head and _norm(head[-1]) in lex.honorifics:
        head = head[:-1]
    if name_toks and any(_norm(t) in lex.org_words for t in (name_toks[:-1] if surname_too else name_toks)) \
            or _names_an_office(name_toks, lex):
        name_toks = []
    if head and all(_norm(t) in lex.title_modifiers for t in head):
        return "", "", None  # "Crown Heights", "Prime Time": a title's first word alone makes no title
    if not any(_norm(t) in lex.titles or _norm(t) in lex.role_heads for t in head):
        head = []  # "India's Sania Mirza", "Democrat Jane Doe": words before a name but no title
    if name_toks and len(name_toks) >= 2:
        name_toks += suffix
    return " ".join(head), " ".join(name_toks), gender


def _tokens_before(text: str, pos: int, limit: int = 120) -> list[tuple[int, int, str]]:
    lo = max(0, pos - limit)
    return [(m.start() + lo, m.end() + lo, m.group()) for m in _WORD.finditer(text[lo:pos])]


_OFFICE_OF = re.compile(r"\b([A-Z][\w-]*)[ \t]+(?:of|for)(?:[ \t]+the)?"
                        r"(?:[ \t]+(?:(?:of|for|the)[ \t]+)?[A-Z][\w.&-]*){1,5}$")


_AUXILIARIES = frozenset({"has", "have", "had", "is", "are", "was", "were", "be", "been", "will", "would"})


#: words before a day or month that make it a date: "on Sunday", "last Monday", "since May"
_DATE_LEADS = frozenset({"on", "last", "next", "this", "every", "since", "until", "till", "by", "from", "in",
                         "of", "early", "late", "mid", ",", ".", ""})


def _names_with_a_day(toks: list[tuple[int, int, str]], k: int, taken: list[int], lex: Lexicon) -> bool:
    """Whether the capitalised day or month at toks[k] opens a name in a role ("Sunday Telegraph
    journalist"), not a date before it ("on Sunday Telegraph journalist ...", "last Monday")."""
    w = toks[k][2]
    if not (w[:1].isupper() and _norm(w) in lex.calendar and taken and taken[-1] == k + 1
            and toks[k + 1][2][:1].isupper() and _norm(toks[k + 1][2]) not in lex.calendar):
        return False
    before = _norm(toks[k - 1][2]) if k > 0 else ""
    return before not in _DATE_LEADS


def role_before(text: str, pos: int, lex: Lexicon) -> tuple[str | None, int]:
    """The role written just before the name starting at `pos` ("NATO Secretary-general",
    "University of the Fraser Valley political scientist"); returns (role or None, role start)."""
    before = text[max(0, pos - 60):pos].rstrip()
    last = before[-1:] if before.endswith(",") else (before.rsplit(None, 1) or [""])[-1]
    ahead = before[:-len(last)].rstrip(" \t") if last else ""
    if last and _norm(last) in lex.honorifics and last != "," and ahead \
            and ahead[-1] not in ".!?:;\"\u201d\n":
        # "NAO head Sir John Bourn", "... Congress (APC), Comrade Timi Frank": the role stands before the
        # honorific
        return role_before(text, max(0, pos - 60) + len(before) - len(last), lex)
    of_title = False  # "Secretary of State John Kerry", "Chief of Department Terry Moran"
    if last != "," and _norm(last) not in lex.role_heads and _norm(last) not in lex.titles:
        office = _OFFICE_OF.search(before)
        of_title = office is not None and (_norm(office.group(1)) in lex.titles
                                           or _norm(office.group(1)) in lex.role_heads)
        if not of_title:
            return None, pos  # the common case, decided without tokenising
    toks = _tokens_before(text, pos)
    # drop a partial first token cut by the window
    if toks and pos - 120 > 0:
        toks = toks[1:]
    if toks and toks[-1][2] == ",":
        if len(toks) >= 4 and toks[-2][2] == ")" and toks[-4][2] == "(":  # "... Congress (APC), Timi Frank"
            role, start = _role_comma_name(text, toks[:-4], lex)
            return (text[start:toks[-2][1]], start) if role else (None, pos)
        return _role_comma_name(text, toks[:-1], lex)
    if toks and toks[-1][2] in {"(", ":"}:
        return None, pos
    j = len(toks)
    taken: list[int] = []
    lower_run = 0
    while j > 0:
        s, e, w = toks[j - 1]
        low = _norm(w)
        if e < len(text) and text[e:e + 1] == "\n" and taken:
            break
        if taken and w.endswith(".") and "." not in w[:-1] and not _INITIAL.fullmatch(w) \
                and not (w[:1].isupper() and len(w) <= 6 and (low in lex.titles or low in lex.honorifics)):
            break  # "... on the field. Company spokesman Tom Hale": the sentence before is no role
        if not taken:
            if low not in lex.role_heads and low not in lex.titles and not (of_title and w[:1].isupper()):
                return None, pos
            taken.append(j - 1)
        elif low in lex.role_heads or low in lex.titles or (w[:1].isupper() and low not in lex.function_words
                                                             and low not in lex.calendar
                                                             and low not in lex.honorifics) \
                or _names_with_a_day(toks, j - 1, taken, lex):
            lower_run = 0
            taken.append(j - 1)
        elif low in lex.role_glue and j >= 2 and (toks[j - 2][2][:1].isupper()
                                                  or _norm(toks[j - 2][2]) in lex.role_glue):
            taken.append(j - 1)
        elif w[:1].islower() and low not in lex.function_words and _PLAIN.fullmatch(w) and lower_run < 2 \
                and not (j >= 2 and _norm(toks[j - 2][2]) in _AUXILIARIES):  # "has urged (London mayor)"
            lower_run += 1
            taken.append(j - 1)
        else:
            break
        j -= 1
    while taken and _norm(toks[taken[-1]][2]) in lex.role_glue:
        taken.pop()
    if not taken or all(_norm(toks[k][2]) in lex.honorifics for k in taken):
        return None, pos  # "Dr": an honorific is no role
    start = toks[taken[-1]][0]
    return text[start:toks[taken[0]][1]], start


def _role_comma_name(text: str, toks: list[tuple[int, int, str]], lex: Lexicon) -> tuple[str | None, int]:
    """'The current president of Namibia, Hage Geingob': the role standing before a comma and the name."""
    for h in range(len(toks) - 1, max(-1, len(toks) - 8), -1):
        low = _norm(toks[h][2])
        if low in lex.role_heads or low in lex.titles and toks[h][2][:1].isupper():
            tail = toks[h + 1:]  # "of the (ruling) All Progressives Congress", "of the region"
            lower = sum(not (t[2] in ("of", "the") or t[2][:1].isupper()) for t in tail)
            if tail and not (tail[0][2] == "of" and (tail[-1][2][:1].isupper() and lower <= 2
                                                     or len(tail) <= 3 and lower == 1)):
                continue
            role, start = role_before(text, toks[h][1], lex)
            if role is None:
                return None, toks[-1][1]
            return text[start:toks[-1][1]], start
        if toks[h][2] in {",", "(", ")", ":", ";", "\u201c", "\u201d", '"'} or low in {"said", "says"}:
            break
    return None, toks[-1][1] if toks else 0


_APPOSITIVE = re.compile(r"\s*,\s*(?P<role>(?:(?:the|a|an|its|his|her)\s+)?[^,;:.\u201c\u201d\"()]{2,140}?)"
                         r"\s*(?=[,;.)\u201c\"]|$)")


_NOT_A_ROLE_START = frozenset({"who", "which", "that", "where", "when", "and", "its", "their", "has", "had",
                               "have", "is", "was", "are", "were", "will", "would", "could", "should", "can",
                               "may", "might", "did", "does", "do"})
_APPOSITIVE_MORE = re.compile(r"(?P<role>[^,;:.\u201c\u201d\"()]{1,140}?)\s*(?=[,;.)\u201c\"]|$)")
#: an abbreviation inside a role, before its period: "(University of) St(. Thomas)", "U.S", "Ph.D", "Mr"
_ABBREVIATION_END = re.compile(r"(?:^|[\s(])(?:St|Mt|Ft|Dr|Mr|Ms|Mrs|Jr|Sr)$|[A-Z][a-z]?\.[A-Z]$")
#: a relative clause ends a role: "a chief of staff to President Bill Clinton (whom Mr. Obama recruited ...)"
_RELATIVE_IN_ROLE = re.compile(r"\s(?:who|whom|whose|which|that)\s")


def role_after(text: str, pos: int, lex: Lexicon) -> tuple[str | None, int]:
    """The appositive after a name ("Jens Stoltenberg, NATO's secretary-general, said"):
    (role or None, end offset of the role)."""
    m = _APPOSITIVE.match(text, pos, min(len(text), pos + 200))
    if not m:
        return None, pos
    start, end = m.span("role")
    while text.startswith(".", end) and (text[end + 1:end + 2].isalpha() or text.startswith(". ", end)
                                         and _ABBREVIATION_END.search(text[max(0, end - 4):end])):
        # "University of St. Thomas", "a Ph.D. candidate": a period inside an abbreviation
        more = _APPOSITIVE_MORE.match(text, end + 1, min(len(text), pos + 200))
        if more is None:
            break
        end = more.end("role")
    relative = _RELATIVE_IN_ROLE.search(text, start, end)
    end = relative.start() if relative else end
    role = text[start:end].strip()
    words = role.split()
    if not words or len(words) > 16 or words[0].lower() in _NOT_A_ROLE_START:
        return None, pos  # ", who ...", ", has advised the party's chairman to ...": a clause
    if len(words) > 1 and words[0].endswith("ed") and words[1].lower() in lex.object_markers:
        return None, pos  # ", asked about the deaths of ...,": a participle clause, not a title
    if any(w.lower() in {"said", "says", "told", "added"} for w in words):
        return None, pos
    if not any(_norm(w.strip("'\u2019s")) in lex.role_heads or _norm(w) in lex.role_heads
               or _norm(_POSSESSIVE.sub("", w)) in lex.role_heads for w in words):
        return None, pos
    return role, end


#: the number in an organisation's name: "Radio 1", "Channel 4"
_ORG_NUMBER = re.compile(r"[ \t]\d{1,2}(?![\w%/-]|[.,:]\d)")


def iter_runs(text: str, lex: Lexicon, start: int = 0, end: int | None = None):
    """Yield (offset, run) for capitalised runs in text[start:end], cut after a word ending a sentence
    ("Russia. Kirby" -> "Russia", "Kirby"), keeping "Mr.", "U.K." and initials inside."""
    stop = len(text) if end is None else end
    for m in lex.cap_run.finditer(text, start, stop):
        run, base = m.group(), m.start()
        if "." not in run:
            digit_next = text[m.end() + 1:m.end() + 2].isdigit()
            number = _ORG_NUMBER.match(text, m.end(), stop) if digit_next else None
            if number and _norm(run.rsplit(None, 1)[-1]) in lex.org_words:
                run += number.group()  # "Radio 1", "Channel 4"
            yield base, run
            continue
        pos = 0
        for t in _NONSPACE.finditer(run):
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


_ROLE_THEN_NAME = re.compile(r"[ \t]+((?:[a-z][\w-]*[ \t]+){0,2}?[a-z][\w-]*)[ \t]+[A-Z]")


_ORG_LINK = re.compile(r"([A-Z][\w.&'-]*)[ \t]+(?:for|of|on|and)[ \t]+(?:the[ \t]+)?$")


def continues_an_org(text: str, start: int, lex: Lexicon) -> bool:
    """True when the capitalised run starting at `start` ends an organisation's name
    ("Center for Biological Diversity", "Institute of Public Affairs"), so it is not a person."""
    m = _ORG_LINK.search(text, max(0, start - 40), start)
    return bool(m) and _norm(m.group(1)) in lex.org_words


def modifies_a_role(text: str, end: int, lex: Lexicon, before: int | None = None) -> bool:
    """True when the capitalised run ending at `end` is part of a role before a name
    ("Scripps Oceanography director Margaret Leinen"), not a person itself; the name must start
    before `before` when given."""
    stop = min(len(text), end + 60, len(text) if before is None else before)
    m = _ROLE_THEN_NAME.match(text, end, stop)
    return bool(m) and _norm(m.group(1).split()[-1]) in lex.role_heads


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
        # two-word names written with a title ("Vice-President Wang Qishan"): the first word may be the
        # family name the article goes on with ("Wang said")
        self._family_first = [m for m in mentions if len(m.name.split()) == 2 and m.role]
        self._roles: dict[str, str | None] = {}
        self._given: set[str] | None = None

    def is_object(self, m: NameMention) -> bool:
        """Whether a mention follows a preposition or verb that makes it an object ("porters like Hale")."""
        before = self.text[max(0, m.start - 30):m.start].rstrip(" ,")
        word = before.rsplit(None, 1)[-1] if before.split() else ""
        return _norm(word) in self.lex.object_markers

    def mentions_between(self, start: int, end: int) -> list[NameMention]:
        """The mentions starting in text[start:end]."""
        return self.mentions[bisect.bisect_left(self._starts, start):bisect.bisect_left(self._starts, end)]

    def given_names(self) -> set[str]:
        """Given names (data/first_names.yaml) that stand for one person of the article: the first word
        of full names sharing one surname, and no one's surname ("Ada" for Ada Lutz, not when Ada
        Brandt is named too; not "Peabody" for the company Peabody Energy)."""
        if self._given is None:
            surnames: dict[str, set[str]] = {}
            for m in self.mentions:
                toks = m.name.split()
                if len(toks) >= 2 and toks[0].lower() in self.lex.first_names:
                    surnames.setdefault(toks[0], set()).add(toks[-1])
            family = set().union(*surnames.values())
            self._given = {g for g, s in surnames.items() if len(s) == 1 and g not in family}
        return self._given

    def surnames(self) -> set[str]:
        """Surnames of the people seen in the article (and first words of two-word names, for family
        names written first)."""
        return set(self._by_surname) | {m.name.split()[0] for m in self._family_first}

    def canonical(self, name: str, pos: int | None = None, gender: str | None = None, *,
                  prominent: bool = True) -> str:
        """The fullest form of `name` in the article ("Kirby" -> "John Kirby"); among different people
        sharing a surname, the one of `gender` when an honorific says it ("Mr. Obama" is not Michelle
        Obama), then the one mentioned most recently before `pos` (else first); a surname alone far from
        the last full name is the person the story names most ("Cruz" is Ted Cruz, not Heidi Cruz
        named once in passing)."""
        toks = name.split()
        if not toks:
            return name
        cands = self._by_surname.get(toks[-1], [])
        if len(toks) == 1 and not any(len(m.name.split()) > 1 for m in cands):
            # family name first ("Wang Qishan" ... "Wang said")
            cands = [m for m in self._family_first if m.name.split()[0] == toks[0]]
            if cands:
                return cands[0].name
            if toks[0] in self.given_names():  # a given name alone ("Ada Lutz" ... "says Ada")
                return max((m.name for m in self.mentions if m.name.split()[0] == toks[0]),
                           key=lambda n: (len(n.split()), len(n)))
        if len(toks) > 1:
            cands = [m for m in cands if _compatible(m.name.split(), toks, self.lex)]
        if not cands:
            return name
        full = [m for m in cands if len(m.name.split()) > 1]
        if gender:
            full = [m for m in full if (m.gender or _given_name_gender(m.name, self.lex)) in (gender, None)]
        if not full:
            return name
        firsts = {m.name.split()[0] for m in full}
        if len(firsts) > 1 and pos is not None:
            before = [m for m in full if m.start < pos]
            if prominent and len(toks) == 1 and before and pos - before[-1].start > 400:
                # "Biden" alone, no Biden named just before: the one the story names most, not a relative
                counts = Counter(m.name.split()[0] for m in self.mentions if m.name.split()[-1] == toks[0])
                pick = max(before, key=lambda m: (counts[m.name.split()[0]], -m.start))
            else:
                pick = before[-1] if before else full[0]
            same = [m for m in full if m.name.split()[0] == pick.name.split()[0]]
        else:
            same = full
        return max(same, key=lambda m: (len(m.name.split()), len(m.name))).name

    def role_of(self, name: str) -> str | None:
        """The first role written with any mention of this person: before the name, else in an
        appositive after it."""
        if name in self._roles:
            return self._roles[name]
        last = name.split()[-1] if name.split() else ""
        toks = name.split()
        cands = [m for m in self._by_surname.get(last, []) if _compatible(m.name.split(), toks, self.lex)]
        text, lex = self.text, self.lex
        found = next((m.role for m in cands if m.role), None) \
            or next((r for m in cands if (r := role_before(text, m.start, lex)[0])), None) \
            or next((r for m in cands  # "Ram Vilas Paswan, a minister in Modi's cabinet, said"
                     if text.startswith(",", m.end) and (r := role_after(text, m.end, lex)[0])), None)
        self._roles[name] = found
        return found

    def gender_of(self, name: str) -> str | None:
        """'m'/'f' when an honorific of this person says so ("Mrs. Clinton"), else when their given
        name usually does ("Hillary Clinton"), else None."""
        toks = name.split()
        if not toks:
            return None
        same = [m for m in self._by_surname.get(toks[-1], []) if _compatible(m.name.split(), toks, self.lex)]
        if len(toks) >= 2:  # a full name: an honorific written with it, else its given name
            return next((m.gender for m in same if m.gender and len(m.name.split()) >= 2), None) \
                or _given_name_gender(name, self.lex)
        # a surname alone: what its mentions say, when they agree (not both "Michelle" and "Mr. Obama")
        genders = {m.gender or _given_name_gender(m.name, self.lex) for m in same} - {None}
        return genders.pop() if len(genders) == 1 else None

    def _gender_fits(self, m: NameMention, gender: str | None, genders: dict[str, str] | None,
                     pos: int) -> bool:
        """Whether the person of mention `m` may be the `gender` a pronoun at `pos` asks for (unknown
        fits); a full name only written after the pronoun says nothing yet ("Gov. Brown said ... she
        tweeted", the article naming a Jerry Brown further down)."""
        canon = self.canonical(m.name, m.start, m.gender, prominent=False)
        same = self._by_surname.get(canon.split()[-1], ())
        named_before = any(x.start < pos and x.name == canon for x in same)
        g = m.gender or (self.gender_of(canon) if named_before else None) or (genders or {}).get(canon)
        return not (gender and g and g != gender)

    def resolve_pronoun(self, pos: int, gender: str | None, sentences: list[tuple[int, int]],
                        genders: dict[str, str] | None = None,
                        subordinate: re.Pattern[str] | None = None) -> NameMention | None:
        """The person a pronoun at `pos` stands for: the first (subject) person of the most recent
        sentence before `pos` that names one, skipping people of the other gender (from honorifics
        or `genders`, what earlier pronouns said) and sentences where the same pronoun comes first
        (the chain goes on further back), also after an opening participle clause (`subordinate`
        matches its first word: "While challenging Buhari ..., he advised"; not "While Dunphy said
        ..., he believed")."""
        k = bisect.bisect_left(self._starts, pos)
        if k == 0:
            return None
        same = _HE if gender == "m" else _SHE if gender == "f" else None
        si = bisect.bisect_right(sentences, (pos, 1 << 60)) - 1
        fallback: NameMention | None = None  # a name after "of", taken if the sentence before has no one
        while si >= 0:
            s, e = sentences[si]
            cands = sorted(self.mentions_between(s, min(e, pos)), key=self.is_object)  # subjects first
            subject_at = cands[0].start if cands and not self.is_object(cands[0]) else min(e, pos)
            if cands and same is not None and (
                    same.search(self.text, s, subject_at)
                    or subordinate is not None and (lead := subordinate.match(self.text, s)) is not None
                    and _PARTICIPLE.match(self.text, lead.end())
                    and _after_comma(same, self.text, subject_at, min(e, pos))):
                cands = []  # "she said ... Fleming", "Unlike Al Mnajer, he ...": still the earlier person
            found = next((m for m in cands if self._gender_fits(m, gender, genders, pos)), None)
            if found is not None:
                after_of = _OF_BEFORE.search(self.text, max(0, found.start - 6), found.start) is not None
                if fallback is not None or not after_of:
                    return found
                fallback = found  # "the character of Anya Jenkins": the sentence before may hold the subject
            elif fallback is not None:
                return fallback
            si -= 1
            if pos - s > 3000:
                break
        return fallback


def _after_comma(pronoun: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """Whether text[start:end] goes on with ", he" (or the pronoun given): a main clause whose subject
    is the pronoun, after a clause naming someone else."""
    return any(pronoun.match(text, c.end()) for c in _COMMA.finditer(text, start, end))


def names_a_place(name: str, affiliation_of: Callable[[str], str | None], lex: Lexicon) -> bool:
    """Whether a capitalised phrase names a place or a people ("South Korea", "Iranian") rather than a
    person whose surname happens to be one ("Mike German", "Jordan Smith": a given name first)."""
    toks = name.split()
    if not affiliation_of(name):
        return False
    # a given name that is no place itself ("Mike", not "Alberta" of "Alberta Fish and Wildlife")
    return not (len(toks) >= 2 and toks[0].lower() in lex.first_names and not affiliation_of(toks[0]))


def place_before_name(name: str, affiliation_of: Callable[[str], str | None], lex: Lexicon) -> int:
    """Length of a place opening a capitalised run before a person's full name ("Hong Kong Carrie Lam",
    "United States Joe Biden"), to be cut from the name; 0 when the run does not start so."""
    toks = name.split()
    for n in (2, 1):
        rest = toks[n:]
        if len(rest) >= 2 and rest[0].lower() in lex.first_names and affiliation_of(" ".join(toks[:n])) \
                and not affiliation_of(" ".join(rest)):
            return len(" ".join(toks[:n])) + 1
    return 0


def _given_name_gender(name: str, lex: Lexicon) -> str | None:
    """The gender a full name's given name usually has ("Michelle Obama" -> "f"), or None."""
    toks = name.split()
    return lex.first_names.get(toks[0].lower()) if len(toks) >= 2 else None


def _compatible(full: list[str], short: list[str], lex: Lexicon) -> bool:
    """'John Kirby' ~ 'Kirby' ~ 'J. Kirby'; 'John Kirby' !~ 'Tom Kirby'."""
    if full[-1] != short[-1]:
        return False
    if len(full) == 1 or len(short) == 1:
        return True
    if full[-len(short):] == short and lex.particle.fullmatch(short[0].lower()):
        return True  # a surname with its particle: "Al Amin" ~ "Samira Al Amin"
    a, b = full[0], short[0]
    return a == b or (len(b) <= 2 and b.endswith(".") and a.startswith(b[0])) or (
        len(a) <= 2 and a.endswith(".") and b.startswith(a[0]))


def _written_lower(word: str, text: str, seen: dict[str, bool]) -> bool:
    if word not in seen:
        low, found = word.lower(), False
        i = text.find(low) if low != word else -1
        while i >= 0 and not found:
            j = i + len(low)
            found = (i == 0 or not _wordish(text[i - 1])) and (j == len(text) or not _wordish(text[j]))
            i = text.find(low, i + 1)
        seen[word] = found
    return seen[word]


def _wordish(ch: str) -> bool:
    return ch.isalnum() or ch in "'\u2019-_"


def _person_in_run(run: str, lex: Lexicon) -> tuple[int, str, int, str, str | None] | None:
    """The person a capitalised run may name, from the run alone: (offset of the name in the run, name,
    its number of words, titles, gender), or None; remembered per run (runs recur across articles)."""
    if run in lex.people:
        return lex.people[run]
    # "Ian Castle’s penalty": the person is Ian Castle
    titles, name, gender = split_title(_POSSESSIVE.sub("", run), lex)
    toks = name.split()
    found = None
    if toks and _norm(toks[0]) not in lex.not_person and toks[0].lower() not in lex.pronouns:
        found = (run.rfind(name), name, len(toks), titles, gender)
    if len(lex.people) > 50000:
        lex.people.clear()
    lex.people[run] = found
    return found


def _names_an_office(toks: list[str], lex: Lexicon) -> bool:
    """'(Deputy National) Publicity Secretary': words ending with an office (titles.yaml `offices`), no
    given name or initial first, name an office, not a person."""
    return len(toks) >= 2 and _norm(toks[-1]) in lex.offices and toks[0].lower() not in lex.first_names \
        and not _INITIAL.match(toks[0])


_PHOTO_CREDIT = re.compile(r"[ \t]*/[ \t]*[A-Z]")


def opening_verb(text: str, run_start: int, run: str, verbs: frozenset[str]) -> int:
    """Length of a cue verb opening a sentence and the run ("Explained Keith, “...”", "Said Allen,"), to
    be cut from the name; 0 when there is none."""
    first, space, rest = run.partition(" ")
    if not rest or first.lower() not in verbs or first.lower() == first:
        return 0
    before = text[max(0, run_start - 3):run_start].rstrip()
    return len(first) + len(space) if not before or before[-1] in ".!?\u201d\"\u2019\n" else 0


def build_name_index(text: str, lex: Lexicon, *,
                     affiliation_of: Callable[[str], str | None] | None = None,
                     extra_surnames: set[str] | None = None,
                     verbs: frozenset[str] = frozenset()) -> NameIndex:
    """Find every person-like name in `text`: multi-word names, titled names ("Mr. Obama",
    "President Obama"), and single surnames of people already seen in full or in `extra_surnames`;
    a cue verb in `verbs` opening a sentence is no part of a name ("Said Allen, “...”")."""
    full: list[NameMention] = []
    singles: list[tuple[int, int, str, str | None, str | None]] = []
    for run_start, run in iter_runs(text, lex):
        skip = opening_verb(text, run_start, run, verbs) if verbs else 0
        run_start, run = run_start + skip, run[skip:]
        person = _person_in_run(run, lex)
        if person is None:
            continue
        offset, name, n_toks, titles, gender = person
        start = run_start + offset
        end = start + len(name)
        place = place_before_name(name, affiliation_of, lex) if affiliation_of and n_toks >= 3 else 0
        if place:  # "Hong Kong Carrie Lam": the place, then the person
            start, name, n_toks = start + place, name[place:], len(name[place:].split())
        if affiliation_of is not None and n_toks <= 3 and not titles \
                and names_a_place(name, affiliation_of, lex):
            continue
        if affiliation_of is not None and n_toks == 1 and titles and not gender and affiliation_of(name):
            continue  # "Veteran Nigerian (actress)": a people's name after a title is no person
        if _PHOTO_CREDIT.match(text, end) and text[max(0, start - 2):start].strip() == "(":
            continue  # "(Ravi Holt / Daily Courier)": a photographer's credit, no one in the story
        if n_toks >= 2 and not titles and not gender and continues_an_org(text, start, lex):
            first, _, rest = name.partition(" ")
            if n_toks < 3 or affiliation_of is None or not affiliation_of(first) or affiliation_of(rest):
                continue
            # "Communist Party of Vietnam Nguyen Phu Trong": the organisation's last word, then the person
            start, name, n_toks = start + len(first) + 1, rest, n_toks - 1
        if n_toks >= 2 and not titles and not gender and modifies_a_role(text, end, lex):
            continue
        role = titles or None  # a role written before a lowercase title is looked up lazily (role_of)
        if n_toks >= 2 or titles or gender:
            full.append(NameMention(start, end, name, role, gender))
        else:
            singles.append((start, end, name, role, gender))
    known = {m.name.split()[-1] for m in full} | (extra_surnames or set())
    # a word the article also writes in lower case is a common word, not a surname ("Black porters");
    # a lone name with an appositive role is a person too ("Yuni, a resident of Lampung, ...")
    common: dict[str, bool] = {}
    mentions = full + [NameMention(*s) for s in singles
                       if (s[2] in known or text.startswith(",", s[1]) and role_after(text, s[1], lex)[0])
                       and not _written_lower(s[2], text, common)]
    mentions.sort()
    return NameIndex(text, mentions, lex)
