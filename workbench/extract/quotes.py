"""Quotes and their speakers, from plain news text.

`extract_quotes` finds every quoted span (curly, straight, backtick and single quotation marks; a
quotation that runs over paragraphs gives one span per paragraph), decides whether it is speech,
and attributes it: a cue verb after the quote (`"...," Kirby said`, `said Kirby`), before it
(`Kirby said: "..."`, `X called it a "desperate alliance."`, `according to X`), a pronoun
resolved to the most recent person, or the quotation a paragraph continues. Speakers get one
canonical name per article ("Kirby" -> "John Kirby"), the role as written and an affiliation.

Limits: rule based, English only; a quote attributed only by a distant noun phrase ("the mayor's
office, which ...") is left without a speaker; titles of works and scare quotes are recognised by
shape (short or Title Case, no cue, no speaker), so an unattributed short quote is dropped.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import yaml

from ..records import Mention, Quote
from .sentences import sentence_spans
from .speakers import (
    DATA,
    PRONOUNS,
    Lexicon,
    NameIndex,
    NameMention,
    build_name_index,
    iter_runs,
    load_lexicon,
    role_after,
    role_before,
    split_title,
)

__all__ = ["extract_quotes", "person_mentions", "quote_spans", "load_cues", "Cues"]

Affiliation = Callable[[str], "str | None"]

_DOUBLE = "\"\u201c\u201d\u201e\u201f\u00ab\u00bb"
_OPEN_DIR = "\u201c\u201e\u201f\u00ab"  # marks that lean to opening
_CLOSE_DIR = "\u201d\u00bb"  # marks that lean to closing
_MARKS = re.compile(r"``|''|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb`\u2018\u2019']")
_BEFORE_OPEN = set(" \t([{\u2014\u2013-/:;,\u2026") | set(_DOUBLE) | {"\u2018", "`"}
_AFTER_CLOSE = set(" \t.,;:!?)]}\u2014\u2013-/\u2026*") | set(_DOUBLE) | {"\u2019", "'"}
_LINE = re.compile(r"[^\n]+")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Cues:
    """Cue verbs: a compiled pattern of all forms and the lemma of each form."""

    pattern: re.Pattern[str]
    lemma: dict[str, str]


@lru_cache(maxsize=4)
def load_cues(path: str | Path = DATA / "cues.yaml") -> Cues:
    """Load ``cues.yaml`` (lemma -> forms, for verbs and multi-word phrases) into a `Cues`."""
    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    lemma: dict[str, str] = {}
    for key in ("verbs", "phrases"):
        group = data.get(key) if isinstance(data, dict) else None
        if not isinstance(group, dict):
            raise ValueError(f"{path}: key '{key}' must map a lemma to a list of forms, e.g. say: [say, said]")
        for lem, forms in group.items():
            if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
                raise ValueError(f"{path}: '{key}.{lem}' must be a list of strings (its forms)")
            for f in forms:
                lemma[f.lower()] = str(lem)
    alts = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(lemma, key=len, reverse=True))
    return Cues(re.compile(rf"(?<![\w'\u2019-])(?:{alts})(?![\w-])"), lemma)


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
            if g == "''" or (g in _CLOSE_DIR and cl and not op) or (g == '"' and cl and not op):
                continue
            open_at = (s, e)
        else:
            if g == "``":
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
        op, cl = _classify(text, s, e, ls, le)
        nxt = text[e] if e < le else " "
        if open_at is None:
            if g in ("`", "\u2018") and op or g == "'" and op and (nxt.isalpha() or nxt == "["):
                # an apostrophe of elision ('90s, 'em) is not an opening mark
                if g == "'" and re.match(r"'(?:\d0s|em\b|til\b|cause\b)", text[s:le]):
                    continue
                open_at = (s, e)
        elif g in ("\u2019", "'") and cl and not (e < le and text[e].isalpha()):
            if any(a <= open_at[0] < b for a, b in covered) or any(open_at[0] < a < s for a, _ in covered):
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
    for no, line in enumerate(_LINE.finditer(text)):
        ls, le = line.span()
        while le > ls and text[le - 1].isspace():
            le -= 1
        if ls == le:
            continue
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


_PRONOUN = re.compile(r"(?<![\w'])(?:[Hh]e|[Ss]he|I|[Ww]e|[Tt]hey|[Ii]t)(?![\w'])")
_ADVERBS = frozenset("also later then again previously earlier recently once further finally has have had "
                     "was is would will had quickly simply repeatedly often flatly".split())


class _Article:
    """Per-article state shared by the attribution steps."""

    def __init__(self, text: str, spans: list[_Span], sentences: list[tuple[int, int]], lex: Lexicon,
                 cues: Cues, affiliation_of: Affiliation | None):
        self.text, self.spans, self.sents, self.lex, self.cues = text, spans, sentences, lex, cues
        self.aff = affiliation_of
        self.sent_starts = [s for s, _ in sentences]
        self.quoted = [(sp.start, sp.end) for sp in spans]
        index = build_name_index(text, lex, affiliation_of=affiliation_of)
        inside = [m for m in index.mentions if not self.in_quote(m.start)]
        self.index = NameIndex(text, inside, lex) if len(inside) != len(index.mentions) else index
        self.all_index = index

    def in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quoted, (pos, 1 << 60)) - 1
        return k >= 0 and self.quoted[k][0] <= pos < self.quoted[k][1]

    def sentence_start(self, pos: int) -> int:
        k = bisect.bisect_right(self.sent_starts, pos) - 1
        return self.sent_starts[k] if k >= 0 else 0

    # -- speaker phrases -------------------------------------------------------------------------

    def org_in(self, s: int, e: int) -> _Who | None:
        pat = self.lex.org_pattern
        m = pat.search(self.text, s, e) if pat else None
        if not m:
            return None
        canon, aff = self.lex.organisations[m.group()]
        return _Who(canon, None, None, "explicit", m.start(), m.end(), aff)

    def person_from_run(self, run_start: int, run: str, *, single_ok: bool) -> _Who | None:
        """A speaker from a capitalised run: a person (with titles as role) or an organisation."""
        titles, name, gender = split_title(run, self.lex)
        if name:
            toks = name.split()
            known = toks[-1] in self.index.surnames() or toks[-1] in self.all_index.surnames()
            if len(toks) >= 2 or titles or gender or known or single_ok:
                if self.aff and len(toks) <= 3 and not titles and not known and self.aff(name):
                    return None
                s = run_start + run.rfind(name)
                canon = self.index.canonical(name, s) if known else name
                role = titles or role_before(self.text, s, self.lex)[0]
                return _Who(canon, role or None, None, "explicit", s, s + len(name))
            return None
        # an organisation run: "Toronto Police", "the Interior Ministry", "Kremlin"
        org = self.org_in(run_start, run_start + len(run))
        if org:
            return org
        words = run.split()
        while words and words[0].lower() in {"the", "a", "an"}:
            words = words[1:]
        if words and any(w.rstrip(".") in self.lex.org_words or w.lower().rstrip(".") in self.lex.org_words
                         for w in words) and len(words) <= 6:
            org_name = " ".join(words)
            s = run_start + run.rfind(org_name)
            return _Who(org_name, None, None, "explicit", s, s + len(org_name),
                        self.aff(org_name) if self.aff else None)
        if single_ok and len(words) == 1 and words[0][:1].isupper() and words[0].lower() not in PRONOUNS \
                and words[0].rstrip(".").lower() not in self.lex.not_person \
                and words[0].rstrip(".").lower() not in self.lex.titles and not words[0].endswith("'s"):
            s = run_start + run.rfind(words[0])
            return _Who(words[0], None, None, "explicit", s, s + len(words[0]),
                        self.aff(words[0]) if self.aff else None)
        return None

    def resolve_pronoun(self, word: str, pos: int) -> _Who | None:
        gender = PRONOUNS.get(word.lower())
        if word.lower() not in ("he", "she"):
            return None
        m = self.index.resolve_pronoun(pos, gender, self.sents)
        if m is None:
            return None
        canon = self.index.canonical(m.name, m.start)
        return _Who(canon, None, None, "pronoun", m.start, m.end)

    def definite_role(self, phrase: str, pos: int) -> _Who | None:
        """'the president', 'the mayor' -> the most recent person whose role has that word."""
        m = re.fullmatch(r"(?:the|The)\s+([a-z-]+)", phrase.strip())
        if not m or m.group(1) not in self.lex.role_heads:
            return None
        head = m.group(1)
        for nm in reversed([x for x in self.index.mentions if x.start < pos]):
            role = nm.role or self.index.role_of(nm.name)
            if role and head in role.lower():
                return _Who(self.index.canonical(nm.name, nm.start), None, None, "pronoun", nm.start, nm.end)
        return None

    def np_speaker(self, s: int, e: int, *, adjacent: bool) -> _Who | None:
        """Speaker from a noun phrase text[s:e] that stands right before a cue verb."""
        text = self.text
        seg = text[s:e]
        words = seg.split()
        while words and words[-1].lower().strip(",") in _ADVERBS:
            words = words[:-1]
        if not words:
            return None
        if len(words) == 1 and words[0] in ("he", "she", "He", "She"):
            return self.resolve_pronoun(words[0], s + seg.find(words[0]))
        if len(words) == 1 and words[0].lower() in ("i", "we", "they", "it"):
            return _Who(None, None, None, "none")
        # "Stoltenberg, a former prime minister of Norway," -> the part before the first comma
        comma = seg.find(",")
        head_end = e
        appos_role = None
        if comma > 0 and seg.rstrip().endswith(","):
            head_end = s + comma
            appos_role, _ = role_after(text, head_end, self.lex)
        runs = list(iter_runs(text, self.lex, s, head_end))
        org = self.org_in(s, head_end)
        who = None
        for rs, run in reversed(runs):
            who = self.person_from_run(rs, run, single_ok=adjacent and rs + len(run) >= head_end - 20)
            if who:
                break
        if org and (who is None or (who.s is not None and org.e is not None and org.e > who.s and
                                    who.speaker and who.speaker in self.lex.organisations)):
            who = org
        if who is None:
            who = self.definite_role(text[s:head_end], s)
            if who is None:
                return None
        if appos_role and who.speaker and not who.org_aff:
            who.role = appos_role
        return who

    def after_cue(self, pos: int, limit: int) -> _Who | None:
        """Speaker after an inverted cue: 'said Kirby', 'said Donna Brazile, the interim chairwoman ...'."""
        text = self.text
        for rs, run in iter_runs(text, self.lex, pos, min(limit, pos + 160)):
            between = text[pos:rs]
            if re.search(r"[.;:!?\u201c\u201d\"]", between) or len(between.split()) > 8:
                return None
            who = self.person_from_run(rs, run, single_ok=True)
            if who is None:
                if re.search(r"[,]", between):
                    return None
                continue
            if who.e is not None and not who.org_aff:
                r, _ = role_after(text, who.e, self.lex)
                if r and not who.role:
                    who.role = r
                elif r and who.role:
                    who.role = who.role if len(who.role) >= len(r) else r
                if who.role is None:
                    r2, _ = role_before(text, who.s, self.lex) if who.s is not None else (None, 0)
                    who.role = r2
            return who
        m = _PRONOUN.match(text, pos + len(text[pos:limit]) - len(text[pos:limit].lstrip()))
        if m and m.group().lower() in ("he", "she"):
            return self.resolve_pronoun(m.group(), m.start())
        rest = text[pos:limit].lstrip()
        dm = re.match(r"(the\s+[a-z-]+)", rest)
        if dm:
            return self.definite_role(dm.group(1), pos)
        return None

    def post(self, sp: _Span, limit: int) -> _Who | None:
        """Attribution after the closing mark: '," Kirby said.' / '," said Kirby.' / '," he added.'"""
        text = self.text
        if not sp.closed:
            return None
        i = sp.close_end
        tail_end = min(limit, i + 220)
        m = re.match(r"[\s,\u2014\u2013-]*", text[i:tail_end])
        i += m.end()
        tail = text[i:tail_end]
        cm = self.cues.pattern.search(tail)
        if not cm:
            return None
        pre = tail[:cm.start()]
        if re.search(r"[.!?;:]\s", pre) or len(pre.split()) > 14:
            return None
        lem = self.cues.lemma[re.sub(r"\s+", " ", cm.group().lower())]
        if not pre.strip() or lem == "according to":
            who = self.after_cue(i + cm.end(), tail_end)
        else:
            who = self.np_speaker(i, i + cm.start(), adjacent=True)
        if who:
            who.cue = lem
        return who

    def pre(self, sp: _Span, prev_close: int) -> _Who | None:
        """Attribution before the opening mark, within its sentence: 'Kirby said: "...' etc."""
        text = self.text
        ctx = max(self.sentence_start(sp.open_pos), prev_close)
        found = list(self.cues.pattern.finditer(text, ctx, sp.open_pos))
        for cm in reversed(found):
            lem = self.cues.lemma[re.sub(r"\s+", " ", cm.group().lower())]
            after = text[cm.end():sp.open_pos]
            if lem == "according to":
                who = self.after_cue(cm.end(), sp.open_pos)
            else:
                by = re.match(r"\s+by\s+", after)
                who = self.after_cue(cm.end() + by.end(), sp.open_pos) if by else None
                if who is None:
                    who = self._subject(ctx, cm.start(), participle=cm.group().endswith("ing"))
            if who:
                who.cue = lem
                return who
        return None

    def _subject(self, ctx: int, cue_start: int, *, participle: bool) -> _Who | None:
        text = self.text
        seg = text[ctx:cue_start]
        stripped = seg.rstrip()
        if participle and stripped.endswith(","):
            # ", saying ..." -> the subject of the sentence: its first person
            for rs, run in iter_runs(text, self.lex, ctx, cue_start):
                who = self.person_from_run(rs, run, single_ok=False)
                if who:
                    return who
            pm = _PRONOUN.search(text, ctx, cue_start)
            if pm and pm.group().lower() in ("he", "she"):
                return self.resolve_pronoun(pm.group(), pm.start())
            return None
        # the nearest speaker before the cue; skip an appositive ", a former minister,"
        end = ctx + len(stripped)
        if stripped.endswith(","):
            inner = text.rfind(",", ctx, end - 1)
            if inner > ctx:
                end = inner
        adj_who = self.np_speaker(max(ctx, end - 120), end, adjacent=True) if end > ctx else None
        if adj_who and (adj_who.speaker or adj_who.how == "none"):
            return adj_who
        best: _Who | None = None
        for rs, run in iter_runs(text, self.lex, ctx, end):
            who = self.person_from_run(rs, run, single_ok=False)
            if who:
                best = who
        pm = None
        for pm_ in _PRONOUN.finditer(text, ctx, end):
            pm = pm_
        if pm and pm.group().lower() in ("he", "she") and (best is None or best.s is None or pm.start() > best.s):
            return self.resolve_pronoun(pm.group(), pm.start())
        return best


def _finish(art: _Article, who: _Who) -> tuple[str | None, str | None, str | None]:
    """(speaker, role, affiliation) with the role filled from elsewhere in the article if needed."""
    if not who.speaker:
        return None, None, None
    role = who.role
    if role is None and not who.org_aff and who.speaker not in art.lex.organisations:
        role = art.index.role_of(who.speaker) or art.all_index.role_of(who.speaker)
    aff = None
    if role:
        aff = art.aff(role) if art.aff else None
        if aff is None:
            o = art.lex.org_pattern.search(role) if art.lex.org_pattern else None
            if o:
                aff = art.lex.organisations[o.group()][1]
    if aff is None:
        aff = who.org_aff
    return who.speaker, role, aff


_TITLE_WORD = re.compile(r"[A-Z0-9][\w'\u2019-]*|of|the|a|an|and|in|on|to|for|at|by|with|&|or|is")


def _looks_like_title(q: str) -> bool:
    words = re.findall(r"[\w'\u2019&-]+", q)
    return 0 < len(words) <= 12 and all(_TITLE_WORD.fullmatch(w) for w in words) and words[0][:1].isupper() \
        and not q.rstrip().endswith((",", ".", "?", "!"))


def extract_quotes(text: str, *, affiliation_of: Affiliation | None = None,
                   sentences: list[tuple[int, int]] | None = None) -> list[Quote]:
    """All quotations of `text` that someone spoke or wrote, each with its speaker when the text says.

    `affiliation_of(phrase)` maps a role or organisation to an ISO3 code (or None); `sentences` are
    the sentence spans if already computed (else `sentence_spans(text)`). Offsets index `text`:
    ``text[q.start:q.end] == q.text`` holds for every quote.
    """
    spans = _all_spans(text)
    if not spans:
        return []
    lex, cues = load_lexicon(), load_cues()
    sents = sentences if sentences is not None else sentence_spans(text)
    art = _Article(text, spans, sents, lex, cues, affiliation_of)
    whos: list[_Who] = []
    for k, sp in enumerate(spans):
        nxt = spans[k + 1].open_pos if k + 1 < len(spans) and spans[k + 1].line == sp.line else None
        line_end = text.find("\n", sp.close_end)
        limit = nxt if nxt is not None else (len(text) if line_end < 0 else line_end)
        prev_same = k > 0 and spans[k - 1].line == sp.line
        prev_close = spans[k - 1].close_end if prev_same else 0
        who = art.post(sp, limit)
        if who is None or (who.speaker is None and who.how != "none"):
            who = art.pre(sp, prev_close) or who
        if who is None or who.speaker is None and who.how != "none":
            who = _inherit(spans, whos, k) or who
        whos.append(who or _Who(None, None, None, "none"))
    # a quotation attributed after a later one in the same paragraph ("“A.” ... “B,” she said.")
    for k in range(len(spans) - 2, -1, -1):
        if whos[k].how == "none" and whos[k].speaker is None and spans[k + 1].line == spans[k].line \
                and whos[k + 1].speaker and whos[k + 1].how != "none" \
                and spans[k].para_initial:
            whos[k] = _Who(whos[k + 1].speaker, whos[k + 1].role, whos[k + 1].cue, "continuation")
    out: list[Quote] = []
    for sp, who in zip(spans, whos):
        qtext = text[sp.start:sp.end]
        if who.speaker is None and not _is_speech(art, sp, who, qtext):
            continue
        speaker, role, aff = _finish(art, who)
        how = who.how if speaker else ("none" if who.how in ("continuation", "pronoun") else who.how)
        if speaker is None:
            how = "none"
        out.append(Quote(sp.start, sp.end, qtext, speaker, role, aff, who.cue, how,
                         who.s if speaker and who.how == "explicit" else None,
                         who.e if speaker and who.how == "explicit" else None))
    return out


def _inherit(spans: list[_Span], whos: list[_Who], k: int) -> _Who | None:
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


def _is_speech(art: _Article, sp: _Span, who: _Who, qtext: str) -> bool:
    """An unattributed span is kept unless it looks like a title, a nickname or a scare quote."""
    n_words = len(qtext.split())
    if _looks_like_title(qtext):
        return False
    if who.cue:
        return True
    if n_words <= 3:
        return False
    return True


def person_mentions(text: str, quotes: list[Quote]) -> list[Mention]:
    """Every occurrence of each quoted person's name forms (full name, surname) as kind="person"
    mentions keyed by the canonical speaker name; organisations are left out."""
    lex = load_lexicon()
    people = sorted({q.speaker for q in quotes if q.speaker and q.speaker not in lex.organisations
                     and not q.affiliation or q.speaker and q.role}, key=len, reverse=True)
    people = [p for p in people if p and p not in lex.organisations]
    if not people:
        return []
    forms: dict[str, str] = {}
    for p in people:
        toks = p.split()
        forms.setdefault(p, p)
        if len(toks) > 1:
            forms.setdefault(toks[-1], p)
    pat = re.compile(r"(?<![\w'\u2019-])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                     + r")(?![\w-])")
    return [Mention("person", forms[m.group()], forms[m.group()], m.group(), m.start(), m.end())
            for m in pat.finditer(text)]


__all__ += ["NameMention"]
