"""Quotes and their speakers, from plain news text.

`extract_quotes` finds every quoted span (curly, straight, backtick and single quotation marks; a
quotation that runs over paragraphs gives one span per paragraph), decides whether it is speech,
and attributes it: a cue verb after the quote (`"...," Kirby said`, `said Kirby`), before it
(`Kirby said: "..."`, `X called it a "desperate alliance."`, `according to X`), a pronoun
resolved to the most recent person of a compatible gender (honorifics, then given names from
`data/first_names.yaml`), a description ("the Kentucky Republican said") resolved to the person in
focus, the quotation a paragraph continues, or, with no cue at all, the name opening the sentence
(`Reed has called the plan a "tax in disguise"`). Speakers get one canonical name per article ("Kirby" ->
"John Kirby"; "Mr. Obama" never becomes "Michelle Obama"), the role as written (a possessive owner
goes to the affiliation: "Harbour Weekly's editorial director") and an affiliation.

Limits: rule based, English only; a quote attributed only by a distant noun phrase ("the mayor's
office, which ...") is left without a speaker; groups ("officials said") are not speakers; titles
of works and scare quotes are recognised by shape (Title Case anywhere; short with no cue and no
speaker), so an unattributed short quote is dropped.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from ..records import Mention, Quote
from .sentences import load_abbreviations, sentence_spans
from .speakers import (
    DATA,
    Lexicon,
    NameIndex,
    build_name_index,
    continues_an_org,
    iter_runs,
    load_lexicon,
    modifies_a_role,
    names_a_place,
    opening_verb,
    place_before_name,
    read_yaml,
    role_after,
    role_before,
    split_title,
)

__all__ = ["extract_quotes", "person_mentions", "quote_spans", "load_cues", "Cues"]

Affiliation = Callable[[str], "str | None"]

_DOUBLE = "\"\u201c\u201d\u201e\u201f\u00ab\u00bb"
_OPEN_DIR = "\u201c\u201e\u201f\u00ab"  # marks that lean to opening
_CLOSE_DIR = "\u201d\u00bb"  # marks that lean to closing
#: quotation marks; of three apostrophes the single one comes first ("... at all,''' said Lee": a
#: quotation inside one ends with it)
_MARKS = re.compile(r"``|''(?!')|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb`\u2018\u2019']")
_BEFORE_OPEN = set(" \t([{\u2014\u2013-/:;,\u2026") | set(_DOUBLE) | {"\u2018", "`"}
_AFTER_CLOSE = set(" \t.,;:!?)]}\u2014\u2013-/\u2026*") | set(_DOUBLE) | {"\u2019", "'"}
_LINE = re.compile(r"[^\n]+")
_LETTER = re.compile(r"[^\W\d_]")
_ELISION = re.compile(r"'(?:\d0s|em\b|til\b|cause\b)")  # '90s, 'em: an apostrophe, not a mark
_SPACES = re.compile(r"\s+")
#: how an organisation's name goes on after its head word: "(Department) for Transport", "(Bank) of England"
_ORG_TAIL = re.compile(r"[ \t]+(?:for|of|on)[ \t]+(?:the[ \t]+)?[A-Z][\w&.-]*"
                       r"(?:[ \t]+(?:and[ \t]+)?[A-Z][\w&.-]*)*")
#: ... and before its last word: "British Chambers of (Commerce)", "Institute for (Fiscal Studies)"
_ORG_HEAD = re.compile(r"(?<![\w.'&-])((?:[A-Z][\w&'-]*[ \t]+)+(?:for|of|on)[ \t]+(?:the[ \t]+)?)$")
#: text ending with a sentence: its last word closes with . ? or ! (before the next quotation mark)
_SENTENCE_END = re.compile(r"[.?!][)\]'\u2019]?\s+$")
_AGED = re.compile(r"(?:the|The)\s+\d+-year-old")
# a statement named by description only: "the statement read", "said a police statement"
_BARE_STATEMENT = re.compile(r"(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?:[a-z]+\s+)?"
                             r"(?:statement|press release|news release)")
# who issued a statement: "The BHPD released a statement", "Starbucks issued a brief statement"
_ISSUED = re.compile(r"([A-Z][\w&.'\u2019-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w&.'\u2019-]*){0,5})\s+"
                     r"(?:has\s+|had\s+)?(?:released|issued|put\s+out|published|sent)\s+(?:a|an)\s+"
                     r"(?:[a-z]+\s+){0,2}statement")
#: a name and a comma opening the words between a quotation and its cue: the speaker and an appositive
_NAME_AND_COMMA = re.compile(r"\s*[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*)+,")
_NAME_THEN_ROLE = re.compile(r"\s*[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*)+[ \t]+[a-z]")
# a bare lowercase role after a name, no verb in it: " head of exploration"
_BARE_ROLE = re.compile(r"(?:[ \t]+(?:of|for|at|and|the|[a-z][a-z-]+(?<!ed)(?<!ing)(?<!has)(?<!was)(?<!is)))"
                        r"{1,4}")
# a relative clause or an appositive going on after a quotation: the subject is before it
_RELATIVE = re.compile(r"[\s,]*(?:who|which|whose)\s|[ \t]*,[ \t]+(?:a|an)[ \t]")
_PASSIVE_BEFORE = re.compile(r"\b(?:is|was|are|were|be|been)\s+$")
_TO_AFTER = re.compile(r"\s+to\s")
_OBJECT_BEFORE = re.compile(r"\b(?:to|for|from|by|of|at|about)\s+(?:the\s+)?$")
_INFINITIVE = re.compile(r"\bto\s+(?:[a-z]+\s+)?$")  # "would like Trump to further explain": no speech yet
# "a BAA spokesman", "Mr Crosby's statement", "A Department for Education spokeswoman"
_VOICE = re.compile(r"(?:(?:[Aa]|[Aa]n|[Tt]he|[Oo]ne)\s+(?:[a-z]+\s+)?)?"
                    r"(?P<name>[A-Z][\w&.'\u2019-]*?(?:\s+(?:(?:for|of|and)\s+)?[A-Z0-9][\w&.'\u2019-]*?){0,4})"
                    r"(?:['\u2019]s)?"
                    r"\s+(?P<noun>[a-z]+(?:\s+[a-z]+)?)")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my|we|we're|we've|our|us)\b", re.IGNORECASE)
_HIM = re.compile(r"\b(?:he|him|his|he's)\b", re.IGNORECASE)
_HER = re.compile(r"\b(?:she|her|hers|she's)\b", re.IGNORECASE)
_SUBJECT_FORM = {"him": "he", "her": "she"}
# an organisation set off after a name: "Anderson Cooper, of CNN, ... stated"
_OF_ORG = re.compile(r",[ \t]+of[ \t]+(?:the[ \t]+)?"
                     r"(?P<org>[A-Z][\w&.'-]*(?:[ \t]+(?:(?:of|for|and)[ \t]+)?[A-Z][\w&.'-]*)*),")
#: how a quotation was decided to have no speaker: none found, or words of someone the text does not name
_DECIDED = frozenset({"none", "unnamed"})
_PRONOUN_CUE = re.compile(r",\s*(he|she)\s+(\w+)\s*,?\s*$")  # "..., he claimed, (saying ...)"
# "claims by X that “...”": the words are X's, whoever answers them; with no X, no one's ("dismissed
# claims that his policy was “moving onto the turf”")
_CLAIM_BY = re.compile(r"\b(?:claims?|allegations?|accusations?|suggestions?|assertions?|charges?)\s+"
                       r"(?:(?:made\s+)?by\s+(?P<who>[^,;:.\u201c\u201d\"]{3,80}?)\s+)?that\s")
# "the mayor", "the CEO": a description after an inverted cue
_THE_ROLE = re.compile(r"the\s+(?:[\w,.'-]+\s+){0,4}?(?:[a-z-]+|[A-Z]{2,4})(?=\s*$)")
_OPENING_PRONOUN = re.compile(r"(?:(?:And|But|Yet|So|Still)[ \t]+)?([Hh]e|[Ss]he)[ \t]")
_CAPITALISED_WORDS = r"([A-Z][\w'\u2019-]+(?:[ \t]+[A-Z][\w'\u2019-]+)*)"  # "Sandy Blampied"
# someone the sentence does not name: "one official", "a man who picked up", "two witnesses"
_SOMEONE = re.compile(r"(?:[Aa]n?|[Oo]ne|[Aa]nother|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Mm]any)"
                      r"(?:\s+[a-z][\w'\u2019-]*){1,7}")
_UNNAMED = re.compile(r"\s+(?:one|a|an|another|two|three|several|some)\s")  # "said one source", "said a man"
_PARTY_SUBJECT = re.compile(r"(?:(?:And|But|So|Yet|Meanwhile,?|However,?)\s+)?(?:[Tt]he\s+)?"
                            r"(?P<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)")
_POSSESSIVE_NEXT = re.compile(r"\s+(?:its|his|her|their|our|my)\s", re.IGNORECASE)
_NAMED_NEXT = re.compile(r"[ \t]+(?:the[ \t]+)?[A-Z]")  # "said David Wasserman", "said the Kremlin"
_COORDINATED = re.compile(r"[\s,]*(?:(?:and|or|but|rather than)[\s,]+)?")  # “A” and “B,” she said
_IN_BEFORE = re.compile(r"\bin\s+$")
_PARTY_LABEL = re.compile(r"[ \t]*\([^()\n]{1,12}\),")
_SHORT_NAME = re.compile(r"(?:[A-Z][\w.'\u2019-]*\s+){1,4}")  # '.” Trump said.'
# the cue's sentence ends at once, or after a time or place: 'said.', 'said on Monday.' (not 'said: “...')
_CLAUSE_END = re.compile(r"\s*[.;]|\s+(?:on|in|at|during|after|before|later|earlier|today|yesterday|last"
                         r"|this)\b[^.,;:\n]{0,40}[.;]")
# "as Cruz said", "as the OC Weekly put it", "as ..., Y said"
_ASIDE = re.compile(r"as\s+(?:the\s+)?(?=[A-Z])|as\s+[a-z][^,]{0,60},\s+(?=[A-Z])")
_NEW_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas)\s")
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our"})
_LEADING_ARTICLE = re.compile(r"(?:(?:The|A|An)[ \t]+)?")
_ARTICLE_OPENING = re.compile(r"(?:(?:The|A|An|This|That)(?:[ \t]+|$))?")
_CONTRACTION = re.compile(r"['\u2019](?:d|s|m|re|ve|ll)$")
_OPENING_MARKS = "\"\u201c\u2018'`("
_SPACES_COMMAS = re.compile(r"[\s,]*")
_ROLE_WORD = re.compile(r"[\w.-]+")


@dataclass(frozen=True)
class Cues:
    """Cue verbs (a compiled pattern of all forms, the lemma of each form) and the small words the
    attribution rules read around them (``grammar`` in cues.yaml)."""

    pattern: re.Pattern[str]
    lemma: dict[str, str]
    adverbs: frozenset[str]
    conjunction: re.Pattern[str]  # opens a new clause after a quotation
    phrase_stop: re.Pattern[str]  # ends the speaker's phrase after an inverted cue
    head_prep: re.Pattern[str]  # "George Kimbrell of the Center ...": the person heads the phrase
    after_prep: re.Pattern[str]  # "officials in Russia": a place after it is not the speaker
    listeners: frozenset[str] = frozenset()  # lemmas whose object listens ("told CNN"), not speaks
    voices: frozenset[str] = frozenset()  # "a BAA spokesman": the organisation they speak for
    statements: frozenset[str] = frozenset()  # "Mr Crosby's statement": whoever issued it
    subordinate: re.Pattern[str] = re.compile(r"(?!)")  # opens a subordinate clause ("Ever since ...,")
    verbs: frozenset[str] = frozenset()  # one-word cue forms that may open a sentence ("said", "explained")
    furniture: re.Pattern[str] = re.compile(r"(?!)")  # a line of web furniture ("READ MORE: ...")


@lru_cache(maxsize=4)
def load_cues(path: str | Path = DATA / "cues.yaml") -> Cues:
    """Load ``cues.yaml`` (lemma -> forms, for verbs and multi-word phrases) into a `Cues`."""
    path = Path(path)
    data = read_yaml(path)
    lemma: dict[str, str] = {}
    for key in ("verbs", "phrases"):
        group = data.get(key) if isinstance(data, dict) else None
        if not isinstance(group, dict):
            raise ValueError(f"{path}: key '{key}' must map a lemma to its forms, e.g. say: [say, said]")
        for lem, forms in group.items():
            if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
                raise ValueError(f"{path}: '{key}.{lem}' must be a list of strings (its forms)")
            for f in forms:
                lemma[f.lower()] = str(lem)
    # sentence-initial forms of the cues that open a sentence in news ("According to X", "Said Y")
    for f in list(lemma):
        if lemma[f] in ("according to", "say", "add", "ask", "tell"):
            lemma[f[:1].upper() + f[1:]] = lemma[f]
    alts = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(lemma, key=len, reverse=True))
    grammar = data.get("grammar")
    if not isinstance(grammar, dict):
        raise ValueError(f"{path}: key 'grammar' must map adverbs, conjunctions, phrase_stops, "
                         "head_prepositions and place_prepositions to lists of words")

    def words(key: str) -> str:
        items = grammar.get(key)
        if not isinstance(items, list) or not all(isinstance(w, str) for w in items):
            raise ValueError(f"{path}: 'grammar.{key}' must be a list of words (quote on, no, yes)")
        return "(?:" + "|".join(re.escape(w) for w in items) + ")"

    return Cues(
        pattern=re.compile(rf"(?<![\w'\u2019-])(?:{alts})(?![\w-])"),
        lemma=lemma,
        adverbs=frozenset(w.lower() for w in grammar.get("adverbs") or [] if isinstance(w, str)),
        conjunction=re.compile(rf"{words('conjunctions')}\s"),
        phrase_stop=re.compile(r"[.;:!?\u201c\u201d\"](?=\s|$)|[;:\u201c\u201d\"]|\s" + words("phrase_stops")
                               + r"\s"),
        head_prep=re.compile(rf"\s+{words('head_prepositions')}\s+(?:the\s+)?[A-Z]"),
        after_prep=re.compile(rf"\b{words('place_prepositions')}\s+(?:the\s+)?$"),
        listeners=frozenset(w for w in grammar.get("listener_verbs") or [] if isinstance(w, str)),
        voices=frozenset(w for w in grammar.get("voices") or [] if isinstance(w, str)),
        statements=frozenset(w for w in grammar.get("statements") or [] if isinstance(w, str)),
        subordinate=re.compile(rf"\s*(?:{words('subordinators')})\s" if "subordinators" in grammar
                               else r"(?!)", re.IGNORECASE),
        # the one-word forms that can open a sentence as an inverted cue ("Said Allen", "Explained
        # Keith"): not a base form, which reads as an imperative ("Read More")
        verbs=frozenset(form for form, lem in lemma.items() if " " not in form and form.lower() != lem),
        furniture=re.compile(rf"(?:{words('web_furniture')})[ \t]*:" if "web_furniture" in grammar
                             else r"(?!)"),
    )


# ----------------------------------------------------------------------------------------------
# Spans


@dataclass
class _Span:
    start: int  # words inside the marks
    end: int
    open_pos: int  # offset of the opening mark
    close_end: int  # offset just after the closing mark (line end when unclosed)
    line: int  # index of the paragraph
    para_initial: bool  # the paragraph opens with this quotation
    closed: bool
    continues: bool = False  # continues an unclosed quotation of the previous paragraph


def _classify(text: str, s: int, e: int, ls: int, le: int) -> tuple[bool, bool]:
    prev = text[s - 1] if s > ls else " "
    nxt = text[e] if e < le else " "
    open_like = (prev in _BEFORE_OPEN or prev.isspace()) and not nxt.isspace()
    close_like = not prev.isspace() and (nxt in _AFTER_CLOSE or nxt.isspace())
    return open_like, close_like


def _line_spans(text: str, ls: int, le: int, line_no: int) -> list[_Span]:
    marks = [(m.start(), m.end(), m.group()) for m in _MARKS.finditer(text, ls, le)]
    spans: list[_Span] = []
    doubles = [(s, e, g) for s, e, g in marks if g in _DOUBLE or g in ("``", "''")]
    open_at: tuple[int, int] | None = None
    covered: list[tuple[int, int]] = []
    for s, e, g in doubles:
        op, cl = _classify(text, s, e, ls, le)
        if open_at is None:
            if (g in _CLOSE_DIR or g in ('"', "''")) and cl and not op or g == "''" and not op:
                # a closing mark with nothing open; two apostrophes open only before a word, as the
                # New York Times archive writes quotations (''We will,'' she said.)
                continue
            open_at = (s, e)
        else:
            if g == "``":
                continue
            if op and not cl and (g in _OPEN_DIR or g == '"') and _SENTENCE_END.search(text, open_at[1], s):
                # '"One sentence. "Another," she said.': paragraphs run together, each opening anew
                spans.append(_make(text, open_at, s, s, line_no, ls, closed=False))
                covered.append((open_at[0], s))
                open_at = (s, e)
                continue
            spans.append(_make(text, open_at, s, e, line_no, ls, closed=True))
            covered.append((open_at[0], e))
            open_at = None
    if open_at is not None:
        end = le
        spans.append(_make(text, open_at, end, end, line_no, ls, closed=False))
        covered.append((open_at[0], end))
    # single marks outside double quotations: `...' and '...' / ‘...’
    singles = [(s, e, g) for s, e, g in marks if g in ("`", "\u2018", "\u2019", "'")
               and not any(a <= s < b for a, b in covered)]
    open_at = None
    for s, e, g in singles:
        if open_at is None and g == "\u2019":
            continue  # a right single mark opens nothing: an apostrophe ("Iran’s") or a stray close
        op, cl = _classify(text, s, e, ls, le)
        nxt = text[e] if e < le else " "
        if open_at is None:
            if g in ("`", "\u2018") and op or g == "'" and op and (nxt.isalpha() or nxt == "["):
                # an apostrophe of elision ('90s, 'em) is not an opening mark
                if g == "'" and _ELISION.match(text, s, le):
                    continue
                open_at = (s, e)
        elif g in ("\u2019", "'") and cl and not (e < le and text[e].isalpha()):
            if any(a <= open_at[0] < b or open_at[0] < a < s for a, b in covered):
                open_at = None
                continue
            spans.append(_make(text, open_at, s, e, line_no, ls, closed=True))
            open_at = None
    spans.sort(key=lambda sp: sp.open_pos)
    return [sp for sp in spans if sp.end > sp.start and _LETTER.search(text, sp.start, sp.end)]


def _make(text: str, open_at: tuple[int, int], close_start: int, close_end: int, line_no: int,
          ls: int, *, closed: bool) -> _Span:
    start, end = open_at[1], close_start
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    initial = not text[ls:open_at[0]].strip(" \t-\u2014\u2013\u2022*")
    return _Span(start, end, open_at[0], close_end, line_no, initial, closed)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the words inside every quotation mark pair (no speech test, no attribution)."""
    return [(sp.start, sp.end) for sp in _all_spans(text)]


def _all_spans(text: str) -> list[_Span]:
    spans: list[_Span] = []
    prev_unclosed = False
    no = -1  # paragraphs counted without the blank lines between them
    for line in _LINE.finditer(text):
        ls, le = line.span()
        while le > ls and text[le - 1].isspace():
            le -= 1
        if ls == le:
            continue
        no += 1
        here = _line_spans(text, ls, le, no)
        if here and here[0].para_initial and prev_unclosed:
            here[0].continues = True
        prev_unclosed = bool(here) and not here[-1].closed
        spans.extend(here)
    return spans


# ----------------------------------------------------------------------------------------------
# Attribution


@dataclass
class _Who:
    speaker: str | None
    role: str | None
    cue: str | None
    how: str  # explicit, pronoun, continuation, none
    s: int | None = None
    e: int | None = None
    org_aff: str | None = None


_NEIGHBOUR_VERB = re.compile(r"\b(?:said|says|told|added|asked|wrote|explained)\b")
_WORD_BEFORE = re.compile(r"(?<![\w.])([A-Z][a-z\u00E0-\u024F'-]+)\s+$")
_WORD_AFTER = re.compile(r"\s+([A-Z][a-z\u00E0-\u024F'-]+)(?=[\s.,])")
_PRONOUN = re.compile(r"(?<![\w'])(?:[Hh]e|[Ss]he|I|[Ww]e|[Tt]hey|[Ii]t)(?![\w'])")
# after "according to": "him" and "her" alone ("according to her, “...”", not "according to her lawyer")
_OBJECT_PRONOUN = re.compile(r"(?<![\w'])(?:[Hh]im|[Hh]er)(?=\s*[,.;:\u201c\u201d\"])")
_BREAK = re.compile(r"(\S*)[.!?;:]\s")
_CAP_CUE = re.compile(r"([A-Z][a-z]+)\s+(?=[A-Z])")
# a cue form after a determiner or a possessive is a noun ("Mr. Obama's remarks", "the calls")
_NOUN_BEFORE = re.compile(r"(?:\b(?:the|a|an|his|her|their|its|our|my|your)|['\u2019]s)\s+$", re.IGNORECASE)
_LEAD_CHARS = 1000  # how much of an article counts as its lead
_PAREN = re.compile(r"\([^()]*\)")
_POSSESSIVE = re.compile(r"['\u2019]s$")
#: a sentence opening with its subject: an optional short phrase and comma ("In July,"), then a name or
#: he/she, then a lowercase word (a verb, an adverb), not a possessive, "and" or a relative pronoun
_OPENING_SUBJECT = re.compile(
    r"\s*(?:[A-Z][\w'\u2019-]*(?:[ \t]+[\w'\u2019.-]+){0,5},[ \t]+)?"
    r"(?:(?P<pronoun>He|She|he|she)|(?P<the>The[ \t]+)?"
    r"(?!(?:The|A|An|This|That|These|Those|Its|His|Her|Their|Our)\b)"
    r"(?P<name>[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,3}))"
    r"(?![\w'\u2019])[ \t]+(?!(?:and|or|of|that|who|which|whose)\b)[a-z]")
#: "the New York businessman": the, some words, a lowercase head
_DESCRIPTION = re.compile(r"(?:the|The)\s+(?:[\w.'\u2019-]+\s+){0,4}[a-z][\w-]*")
# a state office for a place: "the (Labour) MP for Birkenhead", "the governor of Texas"
_SEAT_DESCRIPTION = re.compile(r"((?:the|The)\s+(?:[\w.'\u2019-]+\s+){0,3}?([a-z][\w-]*|[A-Z]{2,3}))"
                               r"\s+(?:for|of)\s+[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*){0,2}")
#: words making an office a lesser one: "vice president", "former minister"
_LESSER = frozenset({"vice", "deputy", "assistant", "associate", "former", "ex", "acting"})
_LETTERS = re.compile(r"[a-z]+")  # words of a role, hyphens apart ("vice-president")
# a description opening a sentence as its subject: "The Party chief made ...", "The Minister, who ..."
# (not "The president of France, Emmanuel Macron, ...")
_CLAUSE_OPENER = r"\s*(?:(?:But|And|However,|Meanwhile,)\s+)?"  # a connective before a sentence's subject
_DESCRIBED_SUBJECT = re.compile(_CLAUSE_OPENER + r"(?P<phrase>[Tt]he\s+(?:[A-Z][\w-]*\s+){0,3}"
                                r"(?P<head>[A-Za-z][a-z-]+))(?=\s+(?!of\b|for\b|at\b|in\b|to\b)(?:also\s+)?[a-z]+"
                                r"|\s*,\s*(?:who|which)\b)")
# an organisation's spokesperson anywhere: "a Vodafone spokesman", "the BaFin spokeswoman"
_VOICE_PHRASE = (r"(?:[Aa]n?|[Tt]he)\s+(?:[A-Z][\w&.'\u2019-]*\s+(?:(?:for|of|and)\s+)?){1,6}"
                 r"(?P<voice>spokesman|spokeswoman|spokesperson)\b")
_NAMED_VOICE = re.compile(r"\b" + _VOICE_PHRASE)
# a spokesperson of an organisation opening a sentence: "A Department for Education spokeswoman said"
_VOICED_SUBJECT = re.compile(_CLAUSE_OPENER + r"(?P<phrase>" + _VOICE_PHRASE + ")")
#: "the Kentucky Republican": capitalised words after "the" describe someone; names take no article
_CAPITALISED_DESCRIPTION = re.compile(r"(?:the|The)\s+[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}")
# the head noun of an appositive: "the (Calgary-based advocacy) group (that ...)", "a charity,"
_APPOSITIVE_HEAD = re.compile(r"\s*(?:the|a|an)\s+(?:[\w'\u2019-]+\s+){0,3}?([a-z][\w-]*)"
                              r"(?=\s*(?:,|\s(?:that|which|who|whose|based|in|of|for|behind|from|with)\b))")
_INVERTED_TAIL = re.compile(r"[ \t]+[A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,3}[ \t]*[,:][ \t]*")
# an organisation's name going on after its head word: "(Commission) on Presidential Debates"
_ORG_TAIL = re.compile(r"[ \t]+(?:on|of|for)[ \t]+(?:the[ \t]+)?[A-Z][\w'\u2019-]*"
                       r"(?:[ \t]+[A-Z][\w'\u2019-]*){0,3}")
# an object, then a second verb: '(“disaster”) for Clinton and (asking)'
_OBJECT_AND = re.compile(r"\s*(?:for|to|with|against|about|on|at|from|of)\s+[A-Z][\w.'\u2019-]*"
                         r"(?:\s+[A-Z][\w.'\u2019-]*)*\s+and\s*")
# a sentence opening with someone's statement or organisation: "Hoff's letter", "Ryan's campaign"
# (not "Clinton's campaign manager Robby Mook")
_OWNED_SUBJECT = re.compile(r"\s*([A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*)*['\u2019]s[ \t]+[a-z]+)\b"
                            r"(?![ \t]+(?:[A-Z]|[a-z]+[ \t]+[A-Z]))")
# between a cue and the participle continuing it: "added, saying", "said on Thursday, adding"
_PARTICIPLE_GLUE = re.compile(r"[^,.;:!?\n\u201c\u201d\"]{0,40},[ \t]*")
_DASHED_LABEL = re.compile(r"[\u2014\u2013-][ \t]+([A-Z][^:\n\u2014\u2013]{1,50}?)[ \t]*:\s*$")
_SIGNATURE = re.compile(r"[ \t]*\n\s*[\u2014\u2013\u2015-]+[ \t]*([A-Z][^\n]{1,60}?)[ \t]*(?:\n|$)")
_DASH_NAME = re.compile(r"\s*[\u2014\u2013\u2015-]+\s*[A-Z][^\n]{1,60}$")


def _has_break(s: str) -> bool:
    """True when `s` holds a sentence or clause end (a period after an abbreviation, or inside
    parentheses as in "Rep. Elijah E. Cummings (D-Md.) said", does not count)."""
    abbrevs = load_abbreviations()
    if "(" in s:
        s = _PAREN.sub(" ", s)
    for m in _BREAK.finditer(s):
        word = m.group(1).lower().lstrip("(")
        if s[m.end(1)] == "." and (word in abbrevs or len(word) == 1 or "." in word
                                   or s[m.end():].lstrip().lstrip(_OPENING_MARKS)[:1].islower()):
            continue  # an abbreviation's period, or one a lowercase word follows ("lost 16 lbs. and two")
        return True
    return False


def _phrase_end(text: str, pos: int, limit: int, stop: re.Pattern[str]) -> int:
    """End of the noun phrase starting at `pos`: the first clause break (not an abbreviation's period)."""
    lead = text[pos:min(limit, pos + 200)]
    for m in stop.finditer(lead):
        if m.group() == "." and not _has_break(lead[:m.end()] + " "):
            continue
        return pos + m.start()
    return pos + len(lead)


class _Article:
    """Per-article state shared by the attribution steps."""

    def __init__(self, text: str, spans: list[_Span], sentences: list[tuple[int, int]], lex: Lexicon,
                 cues: Cues, affiliation_of: Affiliation | None, demonym_of: Affiliation | None = None):
        self.text, self.spans, self.sents, self.lex, self.cues = text, spans, sentences, lex, cues
        self.demonym_of = demonym_of
        self.aff = _memo(affiliation_of) if affiliation_of else None
        self.aff_raw = affiliation_of
        self._main_country: str | None | bool = False
        self._roles: dict[int, str | None] = {}
        self.sent_starts = [s for s, _ in sentences]
        self.quoted = [(sp.start, sp.end) for sp in spans]
        self.genders: dict[str, str] = {}
        self.last_named: tuple[_Who, int] | None = None  # the last person quoted by name, where it closed
        self.last_org: tuple[str, str | None] | None = None  # the last organisation quoted, its affiliation
        people = _cue_neighbours(text, cues) - set(lex.organisations)
        self.cue_people = people
        index = build_name_index(text, lex, affiliation_of=self.aff, extra_surnames=people, verbs=cues.verbs)
        inside = [m for m in index.mentions if not self.in_quote(m.start)]
        self.index = NameIndex(text, inside, lex) if len(inside) != len(index.mentions) else index
        self.all_index = index
        self.known = self.index.surnames() | index.surnames() | index.given_names()

    def main_country(self) -> str | None:
        """The first country the article's lead names (its dateline or first sentences), for state
        speakers whose role names none ("Interior Minister")."""
        if self._main_country is False:
            self._main_country = self.aff_raw(self.text[:_LEAD_CHARS]) if self.aff_raw else None
        return self._main_country  # type: ignore[return-value]

    def role_before(self, pos: int) -> str | None:
        """`speakers.role_before` at `pos`, remembered (quotes of one speaker share the position)."""
        if pos not in self._roles:
            self._roles[pos] = role_before(self.text, pos, self.lex)[0]
        return self._roles[pos]

    def in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quoted, (pos, 1 << 60)) - 1
        return k >= 0 and self.quoted[k][0] <= pos < self.quoted[k][1]

    def sentence_index(self, pos: int) -> int:
        return bisect.bisect_right(self.sent_starts, pos) - 1

    def sentence_start(self, pos: int) -> int:
        k = bisect.bisect_right(self.sent_starts, pos) - 1
        return self.sent_starts[k] if k >= 0 else 0

    # -- candidates: how is "person", "org" or "single" (a lone capitalised word) -----------------

    def org_in(self, s: int, e: int) -> _Who | None:
        m = _known_org(self.lex.org_pattern, self.text, s, e, self.aff)
        if not m:
            return None
        # an organisation is named as written where it speaks ("the IMF report", "the International
        # Atomic Energy Agency said"); its affiliation comes from organisations.yaml
        return _Who(m.group(), None, None, "org", m.start(), m.end(), self.lex.organisations[m.group()][1])

    def candidate(self, run_start: int, run: str, *, single_ok: bool) -> _Who | None:
        """A speaker from a capitalised run: a person (titles become the role) or an organisation."""
        skip = opening_verb(self.text, run_start, run, self.cues.verbs)  # "Explained Keith, “...”"
        run_start, run = run_start + skip, run[skip:]
        run = self.lex.postnominal.sub("", run)
        titles, name, gender = split_title(run, self.lex)
        if self._function_word(name):
            return None
        head = _ORG_HEAD.search(self.text, max(0, run_start - 80), run_start) if " " not in run else None
        if head and any(_norm_word(w) in self.lex.org_words or _norm_word(w)[:-1] in self.lex.org_words
                        for w in head.group(1).split()):  # "Chambers of (Commerce)" too
            # "the British Chambers of Commerce ... it said": the name began before "of"
            first = _LEADING_ARTICLE.match(head.group(1)).end()
            org_name = head.group(1)[first:] + run
            return _Who(org_name, None, None, "org", head.start(1) + first, run_start + len(run),
                        self.aff(org_name) if self.aff else None)
        if not name and (run in self.known or run in self.cue_people and _norm_word(run) in self.lex.titles
                         and not _NOUN_BEFORE.search(self.text, max(0, run_start - 8), run_start)):
            # a surname that is also a title word ("Howard Dean" ... "Dean said"; "King says", not
            # "the President said")
            titles, name = "", run
        if name and self.aff and not titles and len(name.split()) >= 3:
            name = name[place_before_name(name, self.aff, self.lex):]  # "Hong Kong Carrie Lam"
        if name:
            toks = name.split()
            known = toks[-1] in self.known or toks[0] in self.known
            if len(toks) >= 2 or titles or gender or known:
                if self.aff and len(toks) <= 3 and not titles and not gender and not known \
                        and names_a_place(name, self.aff, self.lex):
                    return None
                s = run_start + run.rfind(name)
                if not (titles or gender or known) and (modifies_a_role(self.text, s + len(name), self.lex)
                                                        or continues_an_org(self.text, s, self.lex)):
                    return None
                canon = self.index.canonical(name, s, gender) if known else name
                return _Who(canon, titles or None, None, "person", s, s + len(name))
            if single_ok:
                if self.aff and self.aff(name):
                    return None
                s = run_start + run.rfind(name)
                return _Who(name, None, None, "single", s, s + len(name))
            return None
        org = self.org_in(run_start, run_start + len(run))
        if org:
            return org
        words = run.split()
        while words and words[0] in ("The", "A", "An"):
            words = words[1:]
        if words and len(words) <= 6 and any(_norm_word(w) in self.lex.org_words for w in words) \
                and not (len(words) > 1 and run.isupper()):  # an all-capitals run is a heading
            org_name = " ".join(words)
            tail = _ORG_TAIL.match(self.text, run_start + len(run))
            if tail and len(words) == 1:  # "the Department for Transport said": the name goes on
                org_name += _strip_period(tail.group())
            s = run_start + run.rfind(words[0])
            return _Who(org_name, None, None, "org", s, s + len(org_name),
                        self.aff(org_name) if self.aff else None)
        if single_ok and len(words) == 1 and self._lone_word_ok(words[0]):
            s = run_start + run.rfind(words[0])
            return _Who(words[0], None, None, "single", s, s + len(words[0]))
        return None

    def state(self, rs: int, run: str, code: str) -> _Who:
        """A country speaking as a state, named without the sentence words before it ("Even China")."""
        words = run.split()
        while len(words) > 1 and _norm_word(words[0]) in self.lex.function_words:
            words.pop(0)
        name = " ".join(words)
        s = rs + run.rfind(name)
        return _Who(name, None, None, "org", s, s + len(name), code)

    def apposed(self, rs: int, run: str, comma: int) -> _Who | None:
        """A name no person or known organisation explains, set off by an appositive before the cue:
        an organisation when the appositive says so ("Rally Canada, the group that organised the
        march, said"), a state when it is a country ("China, Pyongyang's only ally, said")."""
        if self.text[comma:comma + 1] != ",":
            return None
        head = _APPOSITIVE_HEAD.match(self.text, comma + 1)
        if head and _norm_word(head.group(1)) in self.lex.generic_orgs:
            skip = _LEADING_ARTICLE.match(run).end()  # type: ignore[union-attr]
            name = run[skip:]
            aff = self.aff(name) if self.aff else None
            return _Who(name, None, None, "org", rs + skip, rs + len(run), aff)
        code = self.aff(run) if self.aff and len(run.split()) <= 4 else None
        if code and names_a_place(run, self.aff, self.lex):
            return self.state(rs, run, code)
        return None

    def _lone_word_ok(self, word: str) -> bool:
        """A lone capitalised word may name a speaker ("TransLink said") unless it is a pronoun, a
        title, a common sentence word, a possessive or a place."""
        low = _norm_word(word)
        if self._function_word(word):
            return False
        return bool(word[:1].isupper() and low not in self.lex.not_person and low not in self.lex.titles
                    and not _POSSESSIVE.search(word) and not (self.aff and self.aff(word)))

    def _function_word(self, word: str) -> bool:
        """A pronoun, alone or contracted ("We're", "I'd", "It's"): no one's name ("May" can be)."""
        low = _norm_word(word)
        bare = _CONTRACTION.sub("", low)
        return low in self.lex.pronouns or bare != low and bare in self.lex.function_words

    def resolve_pronoun(self, word: str, pos: int) -> _Who | None:
        if word.lower() == "it":
            # "Norvell said on Monday ... It said in a statement": an organisation that spoke in this
            # sentence or the one before
            si = self.sentence_index(pos)
            org = self.org_subject_before(pos, self.sent_starts[max(si - 1, 0)] if si >= 0 else 0)
            if org is None:
                return _Who(None, None, None, "none")
            return _Who(org.speaker, None, None, "pronoun", None, None, org.org_aff)
        word = _SUBJECT_FORM.get(word.lower(), word)
        if word.lower() not in ("he", "she"):
            return _Who(None, None, None, "none")
        gender = self.lex.pronouns[word.lower()]
        recent, closed = self.last_named or (None, -1)
        if recent is not None and closed <= pos \
                and self.sentence_index(closed) >= self.sentence_index(pos) - 1 \
                and not self.someone_else_named(recent.speaker, closed, pos):  # quoted just before `pos`
            # "“...,” Foster writes in his book. “...,” he writes.": the person just quoted (but in
            # "“...,” Foster said. Judge Amos Hart dismissed what he called ...", he is Hart)
            name = recent.speaker
            g = self.genders.get(name) or self.index.gender_of(name)
            if not (gender and g and g != gender):
                if gender:
                    self.genders.setdefault(name, gender)
                return _Who(name, None, None, "pronoun")
        start = self.sentence_start(pos)
        cue_next = self.cues.pattern.match(self.text, pos + len(word) + 1)
        clause = self.text[start:pos]
        if cue_next and clause.rstrip().endswith(",") and not self.cues.pattern.search(clause) \
                and not any(mark in clause for mark in _DOUBLE):
            pos = start  # "Mr Blair has failed to tackle these problems, he claimed": not Blair
        m = self.index.resolve_pronoun(pos, gender, self.sents, self.genders, self.cues.subordinate)
        # a description or a spokesperson as the subject of a sentence in between (or of the two before)
        described = self.described_subject(pos, m.start if m is not None else None, gender)
        if described is not None or m is None:
            return described
        canon = self.index.canonical(m.name, m.start, m.gender)
        if gender:
            self.genders.setdefault(canon, gender)
        return _Who(canon, None, None, "pronoun", m.start, m.end)

    def described_subject(self, pos: int, found: int | None, gender: str | None) -> _Who | None:
        """The person a description stands for when it is the subject of a sentence between the one
        naming the person found at `found` and the pronoun at `pos` ("The Party chief made the remark
        at a reception for Sergey Shoyu. “...,” he stated": he is the Party chief, not Shoyu); with no
        one found, the two sentences before are read."""
        first = self.sentence_index(found) if found is not None else self.sentence_index(pos) - 2
        found = len(self.text) if found is None else found
        for k in range(self.sentence_index(pos), max(first, 0) - 1, -1):
            start = self.sent_starts[k]
            v = _VOICED_SUBJECT.match(self.text, start, min(pos, self.sents[k][1]))
            if v is not None and (k != first or v.end() <= found):  # "A Treasury spokeswoman said ..."
                who = self.voiced(v.group("phrase"), v.start("phrase"))
                voice_gender = self.lex.gendered_nouns.get(v.group("voice"))
                if who is not None and not (gender and voice_gender and voice_gender != gender):
                    return who
            d = _DESCRIBED_SUBJECT.match(self.text, start, min(pos, self.sents[k][1]))
            if d is None or d.group("head").lower() not in self.lex.role_heads \
                    or (k == first and d.end() > found):
                continue
            phrase, head = d.group("phrase"), d.group("head")
            if any(w[:1].isupper() for w in phrase.split()[1:]):  # "The Planning Minister": its holder
                who = self.definite_role(phrase[: len(phrase) - len(head)] + head.lower(), start)
            else:  # "the president has promised": the person in focus, like "he"
                who = self.in_focus(start, gender)
            if who is None or who.how != "pronoun":
                return None
            g = self.genders.get(who.speaker) or self.index.gender_of(who.speaker)
            return None if gender and g and g != gender else who
        return None

    def someone_else_named(self, name: str, start: int, end: int) -> bool:
        """Whether text[start:end] names, as a subject (not "porters like Hale"), someone other than
        `name` who is surely a person: written with an honorific, or in full with a title or a given name."""
        lex = self.lex
        return any((m.gender or " " in m.name and (m.role or m.name.split()[0].lower() in lex.first_names))
                   and not self.index.is_object(m) and self.index.canonical(m.name, m.start, m.gender) != name
                   for m in self.index.mentions_between(start, end))

    def in_focus(self, pos: int, gender: str | None = None) -> _Who | None:
        """The person a description at `pos` stands for when no one carries its words: the one in
        focus, found as for "he" (or "she" for "the mother", from `gender`)."""
        found = self.index.resolve_pronoun(pos, gender, self.sents, self.genders, self.cues.subordinate)
        if found is None:
            return None
        canon = self.index.canonical(found.name, found.start, found.gender)
        return _Who(canon, None, None, "pronoun", found.start, found.end)

    def definite_role(self, phrase: str, pos: int) -> _Who | None:
        """'the president', 'the mayor' -> the most recent person whose role has that word."""
        if _AGED.fullmatch(phrase.strip()):
            return self.in_focus(pos)  # "said the 30-year-old": the person in focus
        m = re.fullmatch(r"(?:the|The)\s+(?:[\w,.'-]+\s+){0,4}?([a-z-]+|[A-Z]{2,4})", phrase.strip())
        if m and m.group(1) in self.lex.generic_orgs:
            own = re.search(rf"{_CAPITALISED_WORDS}[ \t]+{re.escape(m.group(1))}$", phrase.strip())
            name = own.group(1)[_ARTICLE_OPENING.match(own.group(1)).end():] if own else ""
            if name and not self.names_only_a_place(name):
                # "the China Daily newspaper said": the name is in the phrase (not "the German company"); a
                # person's stays with its head ("the Biden campaign" is the Biden campaign, not Joe Biden)
                at = pos + phrase.find(name)
                if name.split()[-1] in self.index.surnames():
                    name = f"{name} {m.group(1)}"
                return _Who(name, None, None, "org", at, at + len(name), self.aff(name) if self.aff else None)
            return self.named_org(m.group(1), pos)
        head = m.group(1).lower() if m else ""  # "the mayor", "the CEO"
        gender = self.lex.gendered_nouns.get(head)
        if head not in self.lex.role_heads and gender is None:
            return None
        holder = self.role_holder(head, pos, phrase) if head in self.lex.role_heads else None
        if holder is not None:
            return holder
        if head in self.cues.voices and len(phrase.split()) == 2:
            return self.spoken_for(pos)  # "the spokesman said": no one named holds that title
        # no one carries that title in the article: the phrase stands for the person in focus, like "he"
        # ("the mother said": like "she")
        return self.in_focus(pos, gender)

    def role_holder(self, head: str, pos: int, phrase: str) -> _Who | None:
        """The most recent person before `pos` whose role has the word `head` ("the mayor" -> Mayor Ken
        Livingstone; "his son" -> "Nogar's son Stephen")."""
        holds = re.compile(rf"(?<![\w-]){re.escape(head)}(?!-)")
        for nm in reversed([x for x in self.index.mentions if x.start < pos]):
            role = nm.role or self.index.role_of(nm.name)
            # not "President-elect", "Vice President"
            if role and holds.search(role.lower()) and not self.lesser_office(role, head, phrase):
                return _Who(self.index.canonical(nm.name, nm.start), None, None, "pronoun", nm.start, nm.end)
        named = [m for m in re.finditer(rf"\b{re.escape(head)},?[ \t]+{_CAPITALISED_WORDS}", self.text[:pos])
                 if not self.lesser_office(self.text[max(0, m.start() - 12):m.end(1)], head, phrase)]
        if named:  # "Pietrewicz's daughter, Sandy Blampied", "Nogar's son Stephen" (not "vice president X")
            who = self.candidate(named[-1].start(1), named[-1].group(1), single_ok=True)
            if who is not None and who.how in ("person", "single"):
                return _Who(who.speaker, None, None, "pronoun", who.s, who.e)
        return None

    def lesser_office(self, role: str, head: str, phrase: str) -> bool:
        """Whether `role` holds `head` only as a deputy or former holder ("Vice President", "former
        president") where the description `phrase` does not say so ("the president")."""
        words = _LETTERS.findall(role.lower())
        said = set(_LETTERS.findall(phrase.lower()))
        return any(w in _LESSER and w not in said and words[k + 1:k + 2] == [head]
                   for k, w in enumerate(words))

    def spoken_for(self, pos: int) -> _Who:
        """Whom "the spokesman" speaks for: the organisation of the last "Vodafone spokesman" written before
        `pos`, else the last organisation quoted, else no one named."""
        for vm in reversed(list(_NAMED_VOICE.finditer(self.text, max(0, pos - 3000), pos))):
            who = self.voiced(vm.group(), vm.start())
            if who is not None:
                return who
        if self.last_org is not None:
            return _Who(self.last_org[0], None, None, "org", None, None, self.last_org[1])
        return _Who(None, None, None, "none")

    def named_org(self, head: str, pos: int) -> _Who | None:
        """'the ministry said' -> the last "... Ministry" the article named before (else no speaker)."""
        word = head[:1].upper() + head[1:]
        found = None
        for rs, run in iter_runs(self.text, self.lex, max(0, pos - 3000), pos):
            words = run.split()
            if word in words and len(words) <= 6:
                while words and words[0] in ("The", "A", "An"):
                    words = words[1:]
                # "the Commission on Presidential Debates": the name goes on after "on"
                org_head = _norm_word(words[-1]) in self.lex.org_words
                tail = _ORG_TAIL.match(self.text, rs + len(run)) if org_head else None
                found = (rs + run.find(words[0]), " ".join(words) + (tail.group() if tail else ""))
        if found is None:  # "Mobile PC magazine ... said the magazine": a name written before the word
            lo = max(0, pos - 3000)
            for m in re.finditer(rf"{_CAPITALISED_WORDS}[ \t]+{re.escape(head)}\b", self.text[lo:pos]):
                article = _ARTICLE_OPENING.match(m.group(1)).end()
                name = m.group(1)[article:]
                if name and not self.names_only_a_place(name):  # not "The" alone, not "a German newspaper"
                    found = (lo + m.start(1) + article, name)
        if found is None:
            # "Google said ... the company said": the organisation that spoke last
            return self.named_org_before(pos)
        return _Who(found[1], None, None, "org", found[0], found[0] + len(found[1]),
                    self.aff(found[1]) if self.aff else None)

    def names_only_a_place(self, name: str) -> bool:
        """A place or a people's name with no organisation word ("German", "South Yorkshire"; not "China
        Daily")."""
        return bool(self.aff and self.aff(name)) \
            and not any(_norm_word(w) in self.lex.org_words for w in name.split())

    def named_org_before(self, pos: int) -> _Who | None:
        """The organisation "it" or "the company" stands for before a cue verb: the one last written right
        before a cue verb ("Google said Thursday ..."), else the one quoted last."""
        found = self.org_subject_before(pos)
        if found is None and self.last_org is not None:
            return _Who(self.last_org[0], None, None, "org", None, None, self.last_org[1])
        return found

    def org_subject_before(self, pos: int, lo: int | None = None) -> _Who | None:
        """The organisation last written right before a cue verb ("Norvell said Thursday that ..."),
        after `lo` (default: within the 2,000 characters before `pos`): who "the company" is when it
        has not been quoted."""
        lo = max(0, pos - 2000) if lo is None else lo
        for cm in reversed(list(self.cues.pattern.finditer(self.text, lo, pos))):
            runs = list(iter_runs(self.text, self.lex, max(lo, cm.start() - 80), cm.start()))
            between = self.text[runs[-1][0] + len(runs[-1][1]):cm.start()].split() if runs else ["-"]
            if any(not w.endswith("ly") and w.lower() not in self.cues.adverbs for w in between):
                continue  # only adverbs may stand between: "Qatar's Government Office vehemently denied"
            who = self.candidate(runs[-1][0], runs[-1][1], single_ok=True)
            if who is None or who.speaker is None or not (
                    who.how == "org" or " " not in who.speaker and self.proper_noun(who.speaker)):
                continue  # a one-word name no fuller form explains is an organisation ("Norvell said")
            return _Who(who.speaker, None, None, "org", who.s, who.e, who.org_aff)
        return None

    def best_in(self, s: int, e: int, *, single_at_end: bool, first: bool = False) -> _Who | None:
        """The speaker named in text[s:e]: the last (or first) person, else an organisation, else a lone
        capitalised word right at the end (only when `single_at_end`)."""
        person = org = single = None
        org_end = -1
        for rs, run in iter_runs(self.text, self.lex, s, e):
            if rs < org_end:
                continue  # "Transport" in "the Department for Transport said" is part of the organisation
            if modifies_a_role(self.text, rs + len(run), self.lex, before=e):
                continue  # "Fox Business moderator Gerard Baker": the person is named after the role
            at_end = not self.text[rs + len(run):e].strip(" ,")
            who = self.candidate(rs, run, single_ok=single_at_end and (at_end or first))
            if who is None and single_at_end and at_end and self.aff and len(run.split()) <= 3 \
                    and not self.cues.after_prep.search(self.text, s, rs):
                code = self.aff(run) if not self.aff(run.rpartition(" ")[0]) else None
                if code and self.demonym_of and self.text[max(0, rs - 4):rs] in ("the ", "The ") \
                        and self.demonym_of(run):
                    who = self.in_focus(rs)  # "said the American": the person in focus, not a state
                    if who is not None:
                        who.org_aff = code  # ... and the country they are from
                elif code:  # "Russia insisted that ...": the state speaks (not "the Kentucky Republican")
                    who = self.state(rs, run, code)
            if who is None:
                continue
            if who.how == "person":
                if first or self.cues.head_prep.match(self.text, rs + len(run)):
                    return who
                person = who
            elif who.how == "org":
                org = org if first and org else who
                org_end = who.e or -1
            elif not (first and single):
                single = who
        if org is None:
            org = self.org_in(s, e)
        return person or org or single

    def np_before(self, s: int, e: int) -> _Who | None:
        """Speaker of a cue from the words right before it: 'Kirby', 'he', 'the Kremlin', 'Stoltenberg, a
        former prime minister of Norway,', 'University ... political scientist Hamish Telford'."""
        text = self.text
        seg = text[s:e]
        words = seg.split()
        while words and words[-1].lower().strip(",") in self.cues.adverbs:
            words = words[:-1]
        if not words:
            return None
        last = words[-1].strip(",")
        if last.lower() in ("he", "she", "i", "we", "they", "it"):
            return self.resolve_pronoun(last, s + seg.rfind(last))
        if words[0].lower() in ("his", "her") and len(words) <= 4 and not any(w[:1].isupper() for w in words):
            if _norm_word(words[-1]) in self.lex.gendered_nouns:
                # "his son said": the one named as someone's son, else someone unnamed ("her mother wrote"),
                # not the one quoted before
                holder = self.role_holder(_norm_word(words[-1]), s, seg)
                return holder or _Who(None, None, None, "unnamed")
            # "her statement read", "his spokesman said" (but "His wife Mary said" names the speaker)
            return self.resolve_pronoun("he" if words[0].lower() == "his" else "she", s + seg.find(words[0]))
        stripped = seg.rstrip()
        head_end, appos = e, None
        if stripped.endswith(","):
            # an appositive or relative clause closes before the cue: the name stands before its comma
            inner = text.rfind(",", s, s + len(stripped) - 1)
            if inner > s:
                before = text[s:inner].split()
                heads = self.lex.role_heads
                if 0 < len(before) <= 8 and (before[0][:1].isupper() or before[0].lower() in _DETERMINERS) \
                        and any(_norm_word(_POSSESSIVE.sub("", w)) in heads for w in before[1:]) \
                        and not any(_norm_word(w.strip(",")) in heads for w in text[inner:e].split()):
                    # "Google's chief people officer, Laszlo Bock, told": the name follows its role
                    named = self.best_in(inner + 1, s + len(stripped) - 1, single_at_end=False)
                    if named is not None and named.how == "person":
                        named.role = named.role or text[s:inner].strip()
                        return named
                head_end = inner
                appos, _ = role_after(text, inner, self.lex)
        phrase = text[s:head_end].strip()
        core = " ".join(words).rstrip(",")  # without the adverbs before the cue ("Democrats also said")
        at = s + seg.find(words[0])
        who = self.voiced(core, at) or self.party(core, at)
        if who is not None:
            return who
        seat = _SEAT_DESCRIPTION.fullmatch(phrase)
        if seat and _norm_word(seat.group(2)) in self.lex.state_roles:
            # "the Labour MP for Birkenhead asked": the one holding that seat, not the place
            who = self.definite_role(seat.group(1), s)
            if who is not None:
                return who
        if _BARE_STATEMENT.fullmatch(core):  # "“...,” the statement read"
            return self.statement_issuer(s)
        if _SOMEONE.fullmatch(core) and words[-1].lower() not in self.cues.voices:
            return _Who(None, None, None, "unnamed")  # "one official said", "a man who picked up said"
        # "the New York businessman said": a description ending in a lowercase role, not "York"
        described = _DESCRIPTION.fullmatch(phrase) is not None
        who = self.definite_role(phrase, s) if described else None
        if who is None:
            who = self.best_in(s, head_end, single_at_end=True)
        if who is None and not described:  # a described phrase was tried first
            who = self.definite_role(phrase, s)
        if who is None and _CAPITALISED_DESCRIPTION.fullmatch(phrase):
            who = self.in_focus(s)
        if who and who.how == "person" and who.e is not None and not appos and text.startswith(",", who.e):
            appos, _ = role_after(text, who.e, self.lex)  # "Jon Taylor, a professor at ..., Texas, said"
        if who and who.how == "person" and who.e is not None and not appos:
            rest = text[who.e:head_end].rstrip(" ,")  # "Dr Mike Watts head of exploration said"
            role_words = rest.split()
            heads = self.lex.role_heads
            if rest[:1] == " " and _BARE_ROLE.fullmatch(rest) and (
                    _norm_word(role_words[0]) in heads or _norm_word(role_words[-1]) in heads):
                appos = rest.strip()
        if who and appos and who.how == "person":
            who.role = appos
        return who

    def party(self, phrase: str, at: int) -> _Who | None:
        """A party or faction named alone as the subject ("Labour claims", "the Tories say",
        "Democrats also blasted"): it speaks as an organisation (organisations.yaml parties)."""
        m = _PARTY_SUBJECT.fullmatch(phrase)
        if m is None or m.group("name") not in self.lex.parties:
            return None
        return _Who(m.group("name"), None, None, "org", at + m.start("name"), at + m.end("name"), None)

    def statement_issuer(self, pos: int) -> _Who | None:
        """Whose words "the statement" carries: whoever the article last said released or issued one
        (within 3,000 characters before `pos`), else the organisation that spoke last."""
        found = list(_ISSUED.finditer(self.text, max(0, pos - 3000), pos))
        for m in reversed(found):
            who = self.best_in(m.start(1), m.end(1), single_at_end=True, first=True)
            if who is not None and who.how in ("person", "org", "single"):
                return who
        return self.named_org_before(pos)

    def voiced(self, phrase: str, at: int) -> _Who | None:
        """Whoever a spokesperson or a statement speaks for: "a BAA spokesman" is BAA (an organisation,
        not a person's spokesman), "Mr Crosby's statement" is Crosby's (cues.yaml voices, statements)."""
        voice = _VOICE.fullmatch(phrase)
        noun = voice.group("noun") if voice else ""
        speaks_for = noun in self.cues.voices or noun in self.cues.statements
        if voice is None or not speaks_for and noun not in self.lex.generic_orgs:
            return None
        name = voice.group("name")
        if _ORG_TAIL.match(name, max(name.find(" "), 0)):  # "a Department for Education spokeswoman"
            who = self.candidate(at + voice.start("name"), name.split()[0], single_ok=False)
        else:
            who = self.candidate(at + voice.start("name"), name, single_ok=True)
        if not speaks_for:  # an organisation word: "Ryan's campaign"
            last = who.speaker.split()[-1] if who is not None and who.speaker else ""
            if who is None or who.how != "person" or last not in name.split() \
                    or _norm_word(last) in self.lex.titles or _norm_word(last) in self.lex.role_heads:
                return None  # "the Hamas group said", "the Trade Representative's office": not a person's
            return _Who(f"{last} {noun}", None, None, "org", who.s, who.e, None)  # the person's organisation
        if who is None or who.how == "person" and noun not in self.cues.statements:
            return None
        if who.how == "single":
            return _Who(who.speaker, None, None, "org", who.s, who.e, self.aff(name) if self.aff else None)
        return who if who.how in ("person", "org") else None

    def post(self, sp: _Span, limit: int) -> _Who | None:
        """Attribution after the closing mark: '," Kirby said.' / '," said Kirby.' / '," he added.'
        / '" - Jane Doe' (a dash and a name closing the paragraph)."""
        text = self.text
        if not sp.closed:
            return None
        i = sp.close_end
        tail_end = min(limit, i + 220)
        if _DASH_NAME.match(text[i:tail_end]):
            who = self.best_in(i, tail_end, single_at_end=True, first=True)
            if who:
                return who
        sign = _SIGNATURE.match(text, i) if sp.para_initial and not text[i:limit].strip() else None
        if sign:  # a paragraph-long quotation signed on the next line: "\n\n- Hillary Clinton."
            who = self.best_in(sign.start(1), sign.end(1), single_at_end=True, first=True)
            if who:
                return who
        m = _SPACES_COMMAS.match(text[i:tail_end])
        i += m.end()
        tail = text[i:tail_end]
        cm = self.cues.pattern.search(tail)
        signed = cm is not None and _SHORT_NAME.fullmatch(tail[:cm.start()]) is not None \
            and _CLAUSE_END.match(tail, cm.end()) is not None
        if i < tail_end and text[sp.end - 1:sp.end] == "." and text[i:i + 1].isupper() and not signed:
            return None  # the quotation ended its sentence; what follows is a new one (not '.” Trump said.')
        if signed and text[sp.end - 1:sp.end] in ".?!" and self.cue_right_before(sp):
            return None  # 'Barr tweeted, “Who is Q?” The Daily Beast reported.': the cue before it speaks
        if not cm:
            return None
        pre = tail[:cm.start()]
        if pre.split() and pre.split()[-1].lower() in _DETERMINERS:
            return None  # '“standing by” his remarks': a noun, no cue
        if _OBJECT_AND.fullmatch(pre):
            return None  # '“disaster” for Clinton and asking': Clinton is no subject
        lem = self.cues.lemma[_SPACES.sub(" ", cm.group())]
        aside = _ASIDE.match(pre)
        if aside and cm.start() - aside.end() <= 40:
            # '“...,” as Cruz said on a radio show' / '“...,” as his father dreamed, Mr. Turry said'
            who = self.np_before(i + aside.end(), i + cm.start())
            if who is not None and who.how in ("person", "pronoun", "org"):
                who.cue = lem
                return who
        if pre.rstrip().endswith(",") and lem not in self.cues.listeners and len(pre.split()) <= 25 \
                and not _has_break(pre) and not _NAME_AND_COMMA.match(pre) \
                and _NAMED_NEXT.match(text, i + cm.end()):
            # "“...” if she didn't win by more, said David Wasserman": an inverted cue closes the sentence
            who = self.after_cue(i + cm.end(), tail_end)
            if who is not None and who.how in ("person", "org"):
                who.cue = lem
                return who
        if self.cues.conjunction.match(tail):
            return None  # ", while the governor said ...": a new clause with its own speaker
        if _NEW_CLAUSE.search(pre):
            return None  # "“...,” for instance, and Trump vowed to": the cue is another clause's
        # the words between quote and cue are a short noun phrase, or a name with an appositive
        bare = re.sub(r",[^,]*,", ",", _PAREN.sub(" ", pre)).split()
        while bare and bare[-1].lower() in self.cues.adverbs:
            bare.pop()
        if _has_break(pre) or len(pre.split()) > 25 or len(bare) > 12:
            return None
        if len(bare) > 4 and not (bare[-1][:1].isupper() or bare[-1].lower() in self.lex.pronouns
                                  or _norm_word(bare[-1].rstrip(",")) in self.lex.role_heads
                                  or _NAME_AND_COMMA.match(pre)  # "Nate Sims, the guru who ... tweeted"
                                  or _NAME_THEN_ROLE.match(pre) and any(  # "Dr Mike Watts head of ..."
                                      _norm_word(w) in self.lex.role_heads for w in bare[2:])):
            return None
        if len(bare) > 4 and self.cue_right_before(sp):
            return None  # "what Hedge called “...,” the club, a course in Ponte Vedra, charged": his words
        if not pre.strip() and cm.group().endswith("ing") and lem != "according to":
            return None  # '“...,” adding that it's why Trump ...': the sentence's subject adds it (see `pre`)
        if not pre.strip() or lem == "according to":
            who = self.after_cue(i + cm.end(), tail_end)
            if who is None and _UNNAMED.match(text, i + cm.end()):
                who = _Who(None, None, None, "none")  # '," said one Democratic source': not named
        else:
            who = self.np_before(i, i + cm.start())
            if who is None and pre.rstrip().endswith(",") and lem not in self.cues.listeners:
                who = self.after_cue(i + cm.end(), tail_end)  # "“...” in 2008, said professor Paul Beck"
        if who:
            who.cue = lem
        return who

    def after_cue(self, pos: int, limit: int) -> _Who | None:
        """Speaker after an inverted cue: 'said Kirby', 'said Donna Brazile, the interim chairwoman ...',
        'said MSNBC host Chris Matthews' (a person in the phrase wins over an organisation)."""
        text = self.text
        lead = text[pos:limit]
        body = pos + len(lead) - len(lead.lstrip())
        m = _PRONOUN.match(text, body) or _OBJECT_PRONOUN.match(text, body)
        if m:
            return self.resolve_pronoun(m.group(), m.start())
        end = _phrase_end(text, body, limit, self.cues.phrase_stop)
        who = self.best_in(body, end, single_at_end=True, first=True)
        if who is None:
            phrase = text[body:end].rstrip(" ,")
            if _BARE_STATEMENT.fullmatch(phrase):  # "said an agency statement"
                return self.statement_issuer(pos)
            dm = _AGED.fullmatch(phrase) or _THE_ROLE.match(phrase)
            return self.definite_role(dm.group(), pos) if dm else None
        if who.how == "person" and who.e is not None:
            r, _ = role_after(text, who.e, self.lex)
            if r and (not who.role or len(r) > len(who.role)):
                who.role = r
        return who

    def pre(self, sp: _Span, prev_close: int) -> _Who | None:
        """Attribution before the opening mark, within its sentence: 'Kirby said: "...' etc."""
        text = self.text
        start = self.sentence_start(sp.open_pos)
        ctx = max(start, prev_close)
        if ctx == prev_close and _RELATIVE.match(text, ctx):
            ctx = start  # 'Sam Solovey, a contestant on “The Apprentice,” who ..., said “...”': one subject
        label = _DASHED_LABEL.search(text, ctx, sp.open_pos)
        who = self.best_in(label.start(1), label.end(1), single_at_end=True, first=True) if label else None
        if who is not None and who.how == "person":
            return who  # "Pollsters agree - Carl Bialik: “...”": the name set off before the colon
        found = [cm for cm in self.cues.pattern.finditer(text, ctx, sp.open_pos) if self.speaks(cm, ctx)]
        claim = _CLAIM_BY.search(text, found[-1].end() if found else ctx, sp.open_pos)
        if claim and claim.group("who") is None:
            return _Who(None, None, None, "unnamed")  # the claim's words, its author unnamed
        if claim:  # "denied claims by Minister Fred Matiangi that an ‘evil clique’ ...": the claimant's
            who = self.best_in(claim.start("who"), claim.end("who"), single_at_end=True, first=True)
            if who is not None and who.how in ("person", "org"):
                who.cue = "claim"
                return who
        unresolved = None
        for cm in reversed(found):
            lem = self.cues.lemma[_SPACES.sub(" ", cm.group())]
            if lem == "according to" and _POSSESSIVE_NEXT.match(text, cm.end()):
                continue  # "said ... that according to its analysis, ...": the speaker is the subject
            participle_after_quote = ctx > start and cm.group().endswith("ing")  # '“...,” adding that'
            earlier = found[found.index(cm) - 1] if cm is not found[0] else None
            if earlier is not None and cm.group().endswith("ing") \
                    and _PARTICIPLE_GLUE.fullmatch(text, earlier.end(), cm.start()) \
                    and (participle_after_quote or self.named_right_before(earlier.start())):
                continue  # 'Collard responded positively, saying ...': the subject of "responded"
            if lem == "according to" or not text[ctx:cm.start()].strip(" \t\u2014\u2013-") \
                    and not participle_after_quote:
                # "According to X, ...", "Said Ellis: ..." (the cue opens the sentence)
                who = self.after_cue(cm.end(), sp.open_pos)
            else:
                by = re.match(r"\s+by\s+", text[cm.end():sp.open_pos])
                who = self.after_cue(cm.end() + by.end(), sp.open_pos) if by else None
                if by and who is None and _PASSIVE_BEFORE.search(text, max(ctx, cm.start() - 12), cm.start()):
                    return _Who(None, None, None, "unnamed")  # "is described by the network as “...”"
                after_comma = text[ctx:cm.start()].rstrip().endswith(",")
                if who is None and after_comma and lem not in self.cues.listeners \
                        and _INVERTED_TAIL.fullmatch(text, cm.end(), sp.open_pos):
                    who = self.after_cue(cm.end(), sp.open_pos)  # "..., explained Rosenberg, “with ...”"
                if who is None and participle_after_quote and not self.named_right_before(cm.start()):
                    who = self.subject_before_quote(sp, ctx)  # not "with the Los Angeles Times labelling"
                if who is None:
                    who = self.subject(ctx, cm.start(), participle=cm.group().endswith("ing"))
            if who and who.speaker is None and cm is not found[0]:
                unresolved = unresolved or who  # "a spokesman said ... it had called on Turkey to “...”"
                continue
            if who:
                who.cue = lem
                return who
        if unresolved is not None:
            return unresolved
        lead = _CAP_CUE.match(text, ctx, sp.open_pos)
        if lead and lead.group(1).lower() in self.cues.verbs and not found:
            who = self.after_cue(lead.end(1), sp.open_pos)
            if who:
                who.cue = self.cues.lemma[lead.group(1).lower()]
                return who
        if not found and text[ctx:sp.open_pos].rstrip().endswith(":") and sp.open_pos - ctx > 3:
            # the sentence's subject, not a name in the clause before the colon ("Perez ... contrasted
            # him, whom he called “volatile,” with Clinton: “...”" is Perez's)
            return self.first_subject(self.sentence_start(sp.open_pos), sp.open_pos)
        return None

    def named_right_before(self, pos: int) -> bool:
        """Whether a name or he/she stands right before `pos` (adverbs aside): 'Collard (positively)
        responded', not 'when asked' or 'The action, filed in ..., accuses'."""
        words = self.text[max(0, pos - 60):pos].split()
        while words and words[-1].lower() in self.cues.adverbs:
            words.pop()
        last = words[-1] if words else ""
        return last[:1].isupper() and last[-1:].isalpha() or last.lower() in ("he", "she")

    def speaks(self, cm: re.Match[str], ctx: int) -> bool:
        """Whether a cue found before a quotation reports someone speaking: not a noun ("the report"),
        not an infinitive ("would like Trump to further explain"), not a passive ("is said to
        believe"; "is pledging to" does speak)."""
        text, start = self.text, cm.start()
        if _NOUN_BEFORE.search(text, max(ctx, start - 20), start) \
                or _INFINITIVE.search(text, max(ctx, start - 25), start):
            return False
        passive = bool(_PASSIVE_BEFORE.search(text, max(ctx, start - 12), start)) \
            and bool(_TO_AFTER.match(text, cm.end()))
        return not passive or cm.group().endswith("ing")

    def subject_before_quote(self, sp: _Span, prev_close: int) -> _Who | None:
        """For ", saying “...”" after an earlier quotation in the sentence: the person who opens the
        sentence before that quotation ("Sen. Lee visited “Today” to discuss her rival, Ann Cole,
        saying “...”" is Lee's)."""
        if self.last_named is not None and self.last_named[1] == prev_close:
            # '“...,” Cruz said, adding that it's why Trump “...”': whoever spoke the quotation before
            said = self.last_named[0]
            return _Who(said.speaker, said.role, None, "person", said.s, said.e, said.org_aff)
        prev = next((p for p in self.spans if p.close_end == prev_close), None)
        start = self.sentence_start(sp.open_pos)
        opening = next((p for p in self.spans if p.open_pos == start and p.close_end < sp.open_pos), None)
        if opening is not None:  # '“...,” Graham said on “Morning Joe,” adding, “...”': after the first
            start = opening.close_end
        if prev is None or prev.open_pos <= start:
            return None
        who = self.first_subject(start, prev.open_pos)
        return who if who is not None and who.how in ("person", "pronoun") else None

    def cue_right_before(self, sp: _Span) -> bool:
        """A cue verb at most two words before the opening mark ("called it “...”", "described as “...”")."""
        lo = max(self.sentence_start(sp.open_pos), sp.open_pos - 40)
        found = list(self.cues.pattern.finditer(self.text, lo, sp.open_pos))
        return bool(found) and len(self.text[found[-1].end():sp.open_pos].split()) <= 2

    def cue_nearby(self, sp: _Span) -> bool:
        """A cue verb in the quotation's sentence before it, or a colon right before it."""
        ctx = self.sentence_start(sp.open_pos)
        return bool(self.cues.pattern.search(self.text, ctx, sp.open_pos)) \
            or self.text[ctx:sp.open_pos].rstrip().endswith(":")

    def previous_sentence(self, sp: _Span) -> _Who | None:
        """Speaker of an unattributed quotation that opens its sentence: whoever the sentence before it
        has speaking ("Chapman says that's not what the union sees." / "“...”"), when that sentence
        holds no quotation of its own."""
        text = self.text
        k = bisect.bisect_right(self.sent_starts, sp.open_pos) - 1
        if k < 1 or text[self.sent_starts[k]:sp.open_pos].strip(" \t-\u2014\u2013\u2022*"):
            return None
        while k > 1 and self.cues.furniture.match(text, self.sents[k - 1][0]):
            k -= 1  # "READ MORE: <another story>" between the sentence and the quotation
        start, end = self.sents[k - 1]
        if "\n\n\n" in text[end:sp.open_pos] or any(start <= a < end for a, _ in self.quoted):
            return None
        found = list(self.cues.pattern.finditer(text, start, end))
        if found:
            cm = found[-1]
            who = self.subject(start, cm.start(), participle=cm.group().endswith("ing"))
            cue = self.cues.lemma[_SPACES.sub(" ", cm.group())]
        elif text[start:end].rstrip().endswith(":") or sp.para_initial and not sp.closed:
            # "The New York Times reports:" / a paragraph-long quotation after "X outlined how ..."
            who, cue = self.first_subject(start, end), None
        elif (pm := _OPENING_PRONOUN.match(text, start)) and _speaks_as(text[sp.start:sp.end], pm.group(1)):
            # "And she won't commit to an opinion yet. “I'm just in the middle of it.”": hers
            who, cue = self.resolve_pronoun(pm.group(1), pm.start(1)), None
        elif sp.para_initial and sp.closed and self.whole_paragraph(sp):
            # "Abo Arab, a 28-year-old from Damascus, blames the violence on the camp." / "“...”": a quotation
            # standing alone as a paragraph is the person the sentence before opens with
            who, cue = self.first_subject(start, end), None
            if who is None or who.how != "person" or who.s is None or "," in text[start:who.s]:
                return None
        else:
            return None
        if who is None or who.speaker is None or who.how not in ("person", "pronoun", "org"):
            return None
        return _Who(who.speaker, who.role, cue, "continuation", None, None, who.org_aff)

    def whole_paragraph(self, sp: _Span) -> bool:
        """Whether the quotation is its paragraph's only text."""
        end = self.text.find("\n", sp.close_end)
        return not self.text[sp.close_end:len(self.text) if end < 0 else end].strip(" \t.,")

    def sentence_subject(self, sp: _Span) -> _Who | None:
        """Speaker of a quotation inside a sentence with no cue verb: the name or he/she that opens the
        sentence, after at most a short opening phrase ("Reed has called the plan a “tax in disguise”",
        "In July, Olsen dismissed the report as “wishful thinking”")."""
        text = self.text
        start = self.sentence_start(sp.open_pos)
        m = _OPENING_SUBJECT.match(text, start, sp.open_pos)
        if not m:
            return None
        word = m.group("pronoun")
        if word:
            return self.resolve_pronoun(word, m.start("pronoun"))
        run_start = m.start("name")
        runs = list(iter_runs(text, self.lex, run_start, m.end("name")))
        if len(runs) != 1 or runs[0][0] != run_start:
            return None
        who = self.candidate(run_start, runs[0][1], single_ok=True)
        if who is not None and m.group("the") and who.how != "org":
            return None  # "The New York businessman says": a description (see np_before)
        if who is not None and who.how == "single" and not self.proper_noun(who.speaker):
            return None  # "Concerns about the “...” have grown": a capital only because it opens the sentence
        return who if who is not None and who.how in ("person", "org", "single") else None

    def proper_noun(self, word: str) -> bool:
        """Whether the article also capitalises `word` inside a sentence (after a lowercase word)."""
        return re.search(rf"[a-z,][ \t]+{re.escape(word)}(?![\w'\u2019])", self.text) is not None

    def subject(self, ctx: int, cue_start: int, *, participle: bool) -> _Who | None:
        """Who does the cue verb at `cue_start`: for ', saying' the sentence's first person, else the
        nearest speaker before the verb (an appositive between them skipped)."""
        text = self.text
        stripped = text[ctx:cue_start].rstrip()
        while (last := stripped.rsplit(None, 1)) and last[-1].lower() in self.cues.adverbs:
            stripped = last[0].rstrip() if len(last) == 2 else ""  # ", had said" reads as ", said"
        if stripped.endswith((" and", ",and", " but", ", but")):
            # "Carson took the stage at the Grand Hotel and called ...": the subject of both verbs
            who = self.first_subject(ctx, cue_start)
            described = _DESCRIBED_SUBJECT.match(text, ctx, cue_start) if who is None else None
            if described is not None and described.group("head").lower() in self.lex.role_heads:
                # "The president did not concede ..., and vowed to keep fighting “...”": the one holding
                # that title (not whoever is in focus: "The actor refused ... and saying" names no one)
                who = self.role_holder(described.group("head").lower(), described.start("phrase"),
                                       described.group("phrase"))
            if who is not None:
                return who
        if participle:
            # "with Zinichev describing ..." names the speaker right before the verb; ", saying" and
            # "by saying" take the sentence's subject, or the one of ", he claimed, saying"
            said = _PRONOUN_CUE.search(text, ctx, cue_start)
            if said and self.cues.pattern.fullmatch(said.group(2)):
                return self.resolve_pronoun(said.group(1), said.start(1))
            adj = None
            if not stripped.endswith(","):
                last = list(iter_runs(text, self.lex, max(ctx, cue_start - 80), cue_start))
                # (not an object: "a statement to Wired explaining ...")
                if last and not text[last[-1][0] + len(last[-1][1]):cue_start].strip() \
                        and not _OBJECT_BEFORE.search(text, max(ctx, last[-1][0] - 12), last[-1][0]):
                    adj = self.candidate(last[-1][0], last[-1][1], single_ok=True)
            return adj or self.first_subject(ctx, cue_start)
        if stripped.endswith(","):
            # "Smith, a former minister (, who ...), said" / "Sen. Smith of Alabama, the chairman ..., said":
            # the first person followed by a comma or "of ..."; an organisation only when no person is
            fallback = None
            for rs, run in iter_runs(text, self.lex, ctx, cue_start):
                after = rs + len(run)
                party = _PARTY_LABEL.match(text, after)  # "Gov. John Kasich (R-OH), said"
                after = party.end() - 1 if party else after
                if _IN_BEFORE.search(text, max(ctx, rs - 4), rs):
                    continue  # "at Baldwin Wallace University in Berea, OH, ...": a place, not the subject
                if text[after:after + 1] == "," or self.cues.head_prep.match(text, after):
                    who = self.candidate(rs, run, single_ok=True) or self.apposed(rs, run, after)
                    if who and who.how == "person":
                        comma = text.find(",", who.e or after, cue_start)
                        if comma >= 0:
                            who.role = role_after(text, comma, self.lex)[0] or who.role
                        return who
                    fallback = fallback or who
            if fallback:
                return fallback
        # words right before the verb: "Kirby said", "the Kremlin said"
        back = stripped.rfind(",")
        if back >= 0 and (who := self.unclosed_appositive(ctx, ctx + back, cue_start)) is not None:
            return who
        lo = ctx + back + 1 if back >= 0 else ctx
        return self.np_before(lo, cue_start) or self.nearest(ctx, cue_start)

    def unclosed_appositive(self, ctx: int, comma: int, cue_start: int) -> _Who | None:
        """'Younus Al Nasser, assistant director general of the Smart Dubai Office (SDO) said': a person
        opening the clause, then a bare role (no article) or a relative clause whose closing comma is
        missing."""
        text = self.text
        lead = text[ctx:comma]
        name_at = ctx + len(lead) - len(lead.lstrip(" \t\n\"\u201c\u201d-"))
        phrase = text[comma + 1:cue_start].strip()
        words = phrase.split()
        titled = bool(words) and _norm_word(words[-1]) in self.lex.role_heads  # "Plaid Cymru spokesman"
        if not words or not (words[0][:1].islower() or titled) or words[0] in _DETERMINERS:
            return None
        relative = words[0] in ("who", "whose")  # "Barry Smith, who was from Dewsbury said:"
        lower = [w for w in words[:6] if w[:1].islower()]
        if not relative and not any(_norm_word(w) in self.lex.role_heads for w in lower):
            return None
        runs = list(iter_runs(text, self.lex, name_at, comma))
        if len(runs) != 1 or runs[0][0] != name_at or name_at + len(runs[0][1]) != comma:
            return None
        who = self.candidate(runs[0][0], runs[0][1], single_ok=False)
        if who is None or who.how != "person":
            return None
        if not relative:
            who.role = who.role or phrase
        return who

    def first_subject(self, s: int, e: int) -> _Who | None:
        """The sentence's subject: its first person (or a pronoun before it), else an organisation; an
        opening subordinate clause ("Ever since she endorsed Mrs. Clinton, Ms. Warren has ...") is skipped."""
        lead = self.cues.subordinate.match(self.text, s)
        if lead is not None:
            comma = self.text.find(",", lead.end(), e)
            s = comma + 1 if comma > 0 else s
        owned = _OWNED_SUBJECT.match(self.text, s, e)
        voiced = self.voiced(owned.group(1), owned.start(1)) if owned else None
        if voiced is not None:  # "Hoff's letter makes a case: “...”", "Ryan's campaign shrugged it off"
            return voiced
        pm = _PRONOUN.search(self.text, s, e)
        who = self.best_in(s, e, single_at_end=False, first=True)
        if who is None:  # "Hayek confirmed she had been": a lone name opening the sentence
            lone = self.best_in(s, e, single_at_end=True, first=True)
            opens = lone is not None and lone.s == s + len(self.text[s:e]) - len(self.text[s:e].lstrip())
            who = lone if opens and lone.how == "single" and self.proper_noun(lone.speaker) else None
        if _he_she(pm) and (who is None or who.s is None or pm.start() < who.s):
            return self.resolve_pronoun(pm.group(), pm.start())  # type: ignore[union-attr]
        return who

    def nearest(self, s: int, e: int) -> _Who | None:
        """The last person or pronoun in text[s:e] (the sentence before a cue verb)."""
        best = self.best_in(s, e, single_at_end=False)
        pms = list(_PRONOUN.finditer(self.text, s, e))
        pm = pms[-1] if pms else None
        if _he_she(pm) and (best is None or best.s is None or pm.start() > best.s):
            return self.resolve_pronoun(pm.group(), pm.start())
        return best


def _cue_neighbours(text: str, cues: Cues) -> set[str]:
    """Capitalised words right before or after a cue verb ("Shibley said", "said Shibley"): people."""
    out: set[str] = set()
    for m in _NEIGHBOUR_VERB.finditer(text):
        before = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if before:
            out.add(before.group(1))
        after = _WORD_AFTER.match(text, m.end())
        if after:
            out.add(after.group(1))
    return out


def _strip_period(phrase: str) -> str:
    """The phrase without a sentence's final period ("... Fiscal Studies." -> "... Fiscal Studies"),
    an abbreviation's kept ("... of the U.S.")."""
    last = phrase.rsplit(None, 1)[-1]
    return phrase[:-1] if last.endswith(".") and "." not in last[:-1] else phrase


def _known_org(pattern: re.Pattern[str] | None, text: str, s: int, e: int,
               aff: Affiliation | None) -> re.Match[str] | None:
    """The first organisation of organisations.yaml named in text[s:e], not as the last word of another
    one ("Congress" in "the ruling All Progressives Congress"; "U.S. Congress" and "Trump's State
    Department" are)."""
    for m in pattern.finditer(text, s, e) if pattern else ():
        if m.group().isupper() or " " in m.group():
            return m  # "Former CIA deputy director": an acronym or a name of several words stands alone
        word = _WORD_BEFORE.search(text, max(s, m.start() - 40), m.start())
        if word is None or word.group(1) in ("The", "A", "An") or word.group(1).endswith("'s") \
                or (aff is not None and aff(word.group(1))):
            return m
    return None


def _he_she(m: re.Match[str] | None) -> bool:
    return m is not None and m.group().lower() in ("he", "she")


def _norm_word(w: str) -> str:
    return w.lower().rstrip(".")


# an organisation a role names: "(analyst) at Bank Sal Oppenheim", "(scientist) with the Center for
# Biological Diversity", and one opening the role: "(the) Jamaica Cancer Society('s) (executive director)"
_NAME_RUN = r"([A-Z][\w&.'\u2019-]*(?:[ \t]+(?:(?:of|for|and|on|the|&)[ \t]+)*[A-Z][\w&.'\u2019-]*)*)"
_ORG_IN_ROLE = re.compile(r"(?:\b(?:of|at|for|with|from)|,)\s+(?:the\s+)?"
                          r"(?:(?:[a-z][\w-]*\s+){0,2}(?P<kind>[a-z][\w-]*)\s+)?" + _NAME_RUN)
_ORG_OPENS_ROLE = re.compile(r"(?:[Tt]he\s+)?" + _NAME_RUN + r"(?:['\u2019]s)?\s+[a-z]")


def employer(role: str, lex: Lexicon) -> str | None:
    """The organisation a role names as the person's employer, written as in the role; None for a state
    body ("Minister of Defence": the country is the affiliation) or a name that is no organisation's
    (it has no organisation word, and no "the charity ..." says what it is)."""
    found = [(m.start(2), m.group(2), m.group("kind")) for m in _ORG_IN_ROLE.finditer(role)]
    opening = _ORG_OPENS_ROLE.match(role)
    if opening:
        found.append((opening.start(1), opening.group(1), None))
    for _, name, kind in sorted(found):  # the first written ("World Bank country director for the West Bank")
        name = re.sub(r"['\u2019]s$", "", name.rstrip(" ."))
        words = {_norm_word(w) for w in name.split()}
        if (words & lex.org_words or kind in lex.generic_orgs) and not words & lex.not_employers \
                and not words <= lex.org_words | lex.function_words:  # a name, not "Company" alone
            return name
    return None


def _finish(art: _Article, who: _Who) -> tuple[str | None, str | None, str | None]:
    """(speaker, role, affiliation) with the role filled from elsewhere in the article if needed."""
    if not who.speaker:
        return None, None, None
    role = who.role
    if who.how == "person" and who.s is not None:
        before = art.role_before(who.s)
        if before and (role is None or len(before) > len(role) and before.endswith(role) and any(
                _norm_word(w) in art.lex.role_heads for w in before[:len(before) - len(role)].split())):
            role = before  # "California National Guard spokesman Lt. Colonel"; not "Newly elected ..."
    if role is None and who.how not in ("org", "single"):
        role = art.index.role_of(who.speaker) or art.all_index.role_of(who.speaker)
    if role and role.split()[0].lower() in art.cues.verbs and role.split()[0][:1].isupper():
        role = role.split(None, 1)[1] if " " in role else None  # "Remarked (Center ... scientist)"
    aff = employer(role, art.lex) if role else None
    if role and aff is None:
        aff = art.aff(role) if art.aff else None
        if aff is None:
            o = _known_org(art.lex.org_pattern, role, 0, len(role), art.aff)
            if o:
                aff = art.lex.organisations[o.group()][1]
    if aff is None:
        aff = who.org_aff
    if aff is None and who.how == "person" and who.e is not None:
        of = _OF_ORG.match(art.text, who.e)  # "Anderson Cooper, of CNN, ... stated"
        if of:
            aff = (art.aff(of.group("org")) if art.aff else None) or of.group("org")
    if aff is None and who.how in ("person", "pronoun", "continuation", "org") and art.aff:
        # another role of the same person may name the country ("Polish President Andrzej Duda")
        for m in art.all_index.mentions:
            if m.role and m.name.split()[-1] == who.speaker.split()[-1]:
                aff = art.aff(m.role)
                if aff:
                    break
    if aff is None and art.aff:
        words = {_norm_word(w) for w in _ROLE_WORD.findall(f"{role or ''} {who.speaker}")}
        if words & art.lex.state_roles:
            aff = art.main_country()
    if role:
        owned = _OWNED_ROLE.match(role)  # "Harbour Weekly's editorial director": the title is what follows,
        if owned:                          # the owner is the affiliation when nothing better is known
            role = owned.group("title")
            owner = owned.group("owner")
            if aff is None and owner[:1].isupper() and not art.index.surnames() & set(owner.split()):
                aff = owner
    return who.speaker, role, aff


#: no-break and other fixed-width spaces, read as plain spaces ("Fact\u00a0Desk\u00a0says")
_ODD_SPACE = re.compile("[\u00a0\u2002\u2003\u2007\u2009\u200a\u202f]")
# a name owning the title ("Harbour Weekly's editorial director"); not "a minister in Modi's cabinet", "the
# man's lawyer", "adviser to IMF's managing director" (the role stays as written)
_OWNED_ROLE = re.compile(r"(?:the\s+|The\s+)?(?P<owner>[A-Z].*\S)['\u2019]s\s+(?P<title>[a-z][^'\u2019]*)$")

_MEMOS: dict[object, dict[str, str | None]] = {}


def _memo(fn: Affiliation) -> Affiliation:
    """`fn` with its answers remembered (names and roles repeat within and across articles). A
    functools.partial made anew per article over the same gazetteer shares one memory."""
    if isinstance(fn, partial):
        key: object = (fn.func, tuple(map(id, fn.args)), tuple((k, id(v)) for k, v in fn.keywords.items()))
    else:
        key = fn
    seen = _MEMOS.get(key)
    if seen is None or len(seen) > 200_000:
        if len(_MEMOS) > 16:
            _MEMOS.clear()
        seen = _MEMOS[key] = {}

    def call(phrase: str) -> str | None:
        if phrase not in seen:
            seen[phrase] = fn(phrase)
        return seen[phrase]

    return call


#: An unattributed quotation of this many words or fewer is taken for a scare quote or a nickname.
SCARE_MAX_WORDS = 3
_TITLE_TOKEN = re.compile(r"[\w'\u2019&-]+")


def _looks_like_title(q: str, lex: Lexicon) -> bool:
    """Title Case, at most a comma or period at the end ("War and Peace", "The Apprentice",
    "Face the Nation."); one word only without the punctuation (“Today,” he said)."""
    words = _TITLE_TOKEN.findall(q)
    if not 0 < len(words) <= 12 or not words[0][:1].isupper():
        return False
    end = q.rstrip()[-1]
    if end in "?!" or end in ",." and len(words) < 2:
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in lex.function_words or w == "&"
               for w in words)


def extract_quotes(text: str, *, affiliation_of: Affiliation | None = None,
                   demonym_of: Affiliation | None = None,
                   sentences: list[tuple[int, int]] | None = None) -> list[Quote]:
    """All quotations of `text` that someone spoke or wrote, each with its speaker when the text says.

    `affiliation_of(phrase)` maps a role or organisation to an ISO3 code (or None); `demonym_of(word)`
    tells a people's name ("American": "said the American" is a person) from a place; `sentences` are
    the sentence spans if already computed (else `sentence_spans(text)`). Offsets index `text`:
    ``text[q.start:q.end] == q.text`` holds for every quote.
    """
    written = text
    if _ODD_SPACE.search(text):
        text = _ODD_SPACE.sub(" ", text)  # same length: offsets hold, patterns see plain spaces
    spans = _all_spans(text)
    if not spans:
        return []
    lex, cues = load_lexicon(), load_cues()
    sents = sentences if sentences is not None else sentence_spans(text)
    art = _Article(text, spans, sents, lex, cues, affiliation_of, demonym_of)
    whos: list[_Who | None] = []
    for k, sp in enumerate(spans):
        nxt = spans[k + 1].open_pos if k + 1 < len(spans) and spans[k + 1].line == sp.line else None
        line_end = text.find("\n", sp.close_end)
        limit = nxt if nxt is not None else (len(text) if line_end < 0 else line_end)
        prev_close = spans[k - 1].close_end if k > 0 and spans[k - 1].line == sp.line else 0
        who = art.post(sp, limit)
        if who is not None and who.cue == "according to":
            # 'Pelosi called it a “...,” according to NBC': the one speaking in the sentence, not the outlet
            said = art.pre(sp, prev_close)
            who = said if said is not None and said.speaker and said.how in ("person", "org") else who
        if who is None or who.speaker is None and who.how not in _DECIDED:
            who = art.pre(sp, prev_close) or who
        if who is None or who.speaker is None and who.how not in _DECIDED:
            inherited = _inherit(spans, whos, k)
            own = art.sentence_subject(sp) if inherited is not None and not sp.para_initial \
                and art.sentence_start(sp.open_pos) >= prev_close else None
            # "China's ruling Communist party has pledged the “rule of law”": a new subject, not the speaker
            # of the quotation before in the paragraph
            who = own if own is not None and own.speaker and own.how != "pronoun" \
                and own.speaker != inherited.speaker else inherited or who
        if who is None:
            who = art.previous_sentence(sp)
        if who is not None and who.speaker and who.how == "person":
            art.last_named = (who, sp.close_end)
        elif who is not None and who.speaker and who.how in ("org", "single"):
            art.last_org = (who.speaker, who.org_aff)
        whos.append(who)
    # an unattributed quotation opening a paragraph whose next one is attributed ("“A.” ... “B,” she said.")
    for k in range(len(spans) - 2, -1, -1):
        nw = whos[k + 1]
        if whos[k] is None and spans[k + 1].line == spans[k].line and nw is not None and nw.speaker \
                and (spans[k].para_initial or not spans[k].closed
                     or _COORDINATED.fullmatch(text, spans[k].close_end, spans[k + 1].open_pos)):
            whos[k] = _Who(nw.speaker, nw.role, nw.cue, "continuation", None, None, nw.org_aff)
    # the same words quoted again, in a photo caption or a summary: the speaker given where attributed
    said = {_same_words(written[sp.start:sp.end]): w for sp, w in zip(spans, whos, strict=True)
            if w is not None and w.speaker and len(written[sp.start:sp.end].split()) >= 5}
    for k, sp in enumerate(spans):
        again = said.get(_same_words(written[sp.start:sp.end])) if said else None
        if again is not None and (whos[k] is None or whos[k].speaker is None and whos[k].how != "unnamed"):
            whos[k] = _Who(again.speaker, again.role, again.cue, "continuation", None, None, again.org_aff)
    out: list[Quote] = []
    for sp, who in zip(spans, whos, strict=True):
        who = who or _Who(None, None, None, "none")
        qtext = written[sp.start:sp.end]
        speech = who.speaker is not None or _is_speech(who, qtext, lex, art.cue_nearby(sp))
        if who.speaker is None and who.how != "unnamed" and (speech or _closes_clause(text, sp)):
            # a short quote closing its clause may be the subject's words ("... dismissed the bill as
            # “reckless.”"); one inside a noun phrase is a scare quote ("drives a “vintage” car")
            who = art.sentence_subject(sp) or who
        if who.speaker is None and not speech or len(qtext.split()) > 1 and _looks_like_title(qtext, lex):
            continue
        speaker, role, aff = _finish(art, who)
        how = "explicit" if who.how in ("person", "org", "single") else who.how
        if speaker is None:
            how = "none"
        named = speaker is not None and how == "explicit"
        out.append(Quote(sp.start, sp.end, qtext, speaker, role, aff, who.cue, how,
                         who.s if named else None, who.e if named else None))
    return out


def _same_words(quoted: str) -> str:
    """Quoted words compared without case, punctuation or spacing."""
    return " ".join(re.findall(r"\w+", quoted.lower()))


def _speaks_as(words: str, pronoun: str) -> bool:
    """Whether quoted words can be those of the person `pronoun` stands for: they speak in the first
    person and never of him (or her) in the third ("He would have embraced Africa" is someone else's)."""
    third = _HIM if pronoun.lower() == "he" else _HER
    return _FIRST_PERSON.search(words) is not None and third.search(words) is None


def _inherit(spans: list[_Span], whos: list[_Who | None], k: int) -> _Who | None:
    """Speaker of an unattributed quote from the quotation it continues."""
    sp = spans[k]
    if k == 0:
        return None
    prev, pw = spans[k - 1], whos[k - 1]
    if not pw or not pw.speaker:
        return None
    if prev.line == sp.line or sp.continues or (sp.para_initial and prev.line == sp.line - 1):
        return _Who(pw.speaker, pw.role, pw.cue, "continuation", None, None, pw.org_aff)
    return None


def _closes_clause(text: str, sp: _Span) -> bool:
    """Whether a quotation ends its clause: punctuation inside its closing mark or right after it."""
    inside = text[sp.start:sp.end].rstrip()[-1:]
    after = text[sp.close_end:sp.close_end + 2].lstrip(" ")[:1]
    return inside in (".", ",", "!", "?") or after in ("", ".", ",", ";", ":", "!", "?", ")", "\n")


def _is_speech(who: _Who, qtext: str, lex: Lexicon, cue_nearby: bool) -> bool:
    """An unattributed span is kept unless it looks like a title, or is short with no cue verb in its
    sentence (a scare quote or a nickname)."""
    if _looks_like_title(qtext, lex):
        return False
    return bool(who.cue) or cue_nearby or len(qtext.split()) > SCARE_MAX_WORDS


def person_mentions(text: str, quotes: list[Quote]) -> list[Mention]:
    """Every occurrence of each quoted person's name forms (full name, surname) as kind="person"
    mentions keyed by the canonical speaker name; organisations are left out."""
    lex = load_lexicon()
    orgs = set(lex.organisations) | {canon for canon, _ in lex.organisations.values()}
    # a person's name survives split_title unchanged; an organisation's ("Toronto Police") does not
    people = sorted({q.speaker for q in quotes if q.speaker and q.speaker not in orgs
                     and split_title(q.speaker, lex)[1] == q.speaker}, key=lambda p: (-len(p), p))
    if not people:
        return []
    # a surname alone stands for its person, unless quoted people with different given names share it
    given = defaultdict(set)
    for p in people:
        toks = p.split()
        if len(toks) > 1:
            given[toks[-1]].add(toks[-2])
    forms: dict[str, str] = {}
    for p in people:
        toks = p.split()
        forms.setdefault(p, p)
        if len(toks) > 1 and len(given[toks[-1]]) == 1:
            forms.setdefault(toks[-1], p)
    return [Mention("person", forms[form], forms[form], form, start, start + len(form))
            for start, form in _find_forms(text, sorted(forms, key=len, reverse=True))]


def _find_forms(text: str, forms: list[str]) -> list[tuple[int, str]]:
    """(start, form) of the whole-word occurrences of `forms` in `text`, as a regex alternation of them
    in this order would find them (leftmost first, then the earlier form), without compiling one
    pattern per article: str.find for each form, then one left-to-right pass."""
    found: list[tuple[int, int, str]] = []
    for rank, form in enumerate(forms):
        i = text.find(form)
        while i >= 0:
            j = i + len(form)
            if not (i and _joins_before(text[i - 1])) and not (j < len(text) and _joins_after(text[j])):
                found.append((i, rank, form))
            i = text.find(form, i + 1)
    found.sort()
    out: list[tuple[int, str]] = []
    pos = 0
    for start, _, form in found:
        if start >= pos:
            out.append((start, form))
            pos = start + len(form)
    return out


def _joins_before(ch: str) -> bool:
    """A character that, just before a name, makes it part of a longer word."""
    return ch.isalnum() or ch in "_'\u2019-"


def _joins_after(ch: str) -> bool:
    """A character that, just after a name, makes it part of a longer word."""
    return ch.isalnum() or ch in "_-"
