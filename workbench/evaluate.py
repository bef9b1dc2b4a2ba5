"""Score extraction against hand-checked gold files (the format of shared/gold/README.md).

The measures are those of the project's reference scorer, so users see the accuracy the
project reports: quote precision/recall (a prediction matches a gold quote when its
normalised text contains the gold quote's first six words), attribution accuracy,
quote+speaker F1, full-name / role / affiliation rates, country and theme micro P/R/F1,
and metadata accuracy.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

__all__ = ["score", "evaluate_folder", "format_scores", "same_speaker"]

_HONORIFICS = frozenset(
    "mr mrs ms miss dr sir dame lord lady prof professor rev president vice prime minister secretary sen "
    "senator rep gov governor gen general col lt capt sgt adm mayor premier chancellor king queen prince "
    "princess pope judge justice chief foreign defence defense spokesman spokeswoman ambassador former "
    "the".split()
)


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _name_tokens(name: str) -> list[str]:
    tokens = _norm(name).split()
    while tokens and tokens[0] in _HONORIFICS:
        tokens = tokens[1:]
    return tokens


def same_speaker(predicted: str, gold: str) -> bool:
    """Surnames agree and, when both give more, the other names share a word."""
    p, g = _name_tokens(predicted), _name_tokens(gold)
    if not p or not g or p[-1] != g[-1]:
        return False
    return len(p) == 1 or len(g) == 1 or bool(set(p[:-1]) & set(g[:-1]))


def _role_match(predicted: str | None, gold: str) -> bool:
    drop = {"the", "s", "of", "a", "an"}
    p, g = set(_norm(predicted).split()) - drop, set(_norm(gold).split()) - drop
    return bool(p and g) and len(p & g) / len(p | g) >= 0.5


def _as_set(value) -> set:
    if value is None:
        return set()
    if isinstance(value, dict):
        return {k for k, v in value.items() if v}
    return set(value)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
    }


def _score_quotes(gold: dict, pred: dict, c: Counter) -> None:
    predicted = [(_norm(q.get("text")), q.get("speaker")) for q in pred.get("quotes") or []]
    used: set[int] = set()
    right = 0
    for gq in gold["quotes"]:
        key = " ".join(_norm(gq["text"]).split()[:6])
        idx = next((i for i, (t, _) in enumerate(predicted) if key and f" {key} " in f" {t} "), None)
        if idx is None:
            c["q_fn"] += 1
            c["e2e_fn"] += gq.get("speaker") != "*"
            continue
        used.add(idx)
        c["q_tp"] += 1
        speaker = predicted[idx][1]
        if gq.get("speaker") == "*":
            right += 1
            continue
        if gq.get("speaker"):
            c["attr_n"] += 1
            ok = bool(speaker) and same_speaker(speaker, gq["speaker"])
            c["attr_ok"] += ok
            if ok and len(_name_tokens(gq["speaker"])) > 1:
                c["full_n"] += 1
                c["full_ok"] += _name_tokens(speaker) == _name_tokens(gq["speaker"])
        else:
            ok = not speaker
        right += ok
        c["e2e_tp"] += ok
        c["e2e_fn"] += not ok
    c["q_fp"] += len(predicted) - len(used)
    c["e2e_fp"] += len(predicted) - right
    for name, info in (gold.get("speakers") or {}).items():
        mine = [q for q in pred.get("quotes") or [] if q.get("speaker") and same_speaker(q["speaker"], name)]
        if not mine:
            continue
        affiliation, role = (info or {}).get("affiliation"), (info or {}).get("role")
        if affiliation and re.fullmatch(r"[A-Z]{3}", affiliation):
            c["aff_n"] += 1
            c["aff_ok"] += any(q.get("affiliation") == affiliation for q in mine)
        if role:
            c["role_n"] += 1
            c["role_ok"] += any(_role_match(q.get("role"), role) for q in mine)


def score(gold: list[dict], predictions: list[dict]) -> dict:
    """Scores of `predictions` (records of `workbench extract --jsonl`) against gold records."""
    c: Counter = Counter()
    for g in gold:
        want = g["file"].replace("\\", "/")
        pred = next(
            (p for p in predictions if str(p.get("source", "")).replace("\\", "/").endswith(want)), None
        )
        c["missing"] += pred is None
        pred = pred or {}
        if "quotes" in g:
            _score_quotes(g, pred, c)
        for kind, prefix in (("countries", "c"), ("themes", "t")):
            if kind in g:
                gs, ps = _as_set(g[kind]), _as_set(pred.get(kind))
                c[f"{prefix}_tp"] += len(gs & ps)
                c[f"{prefix}_fp"] += len(ps - gs)
                c[f"{prefix}_fn"] += len(gs - ps)
                c["themed"] += kind == "themes"
        for field in ("publication", "headline"):
            value = (g.get("metadata") or {}).get(field)
            if value:
                c["meta_n"] += 1
                c["meta_ok"] += _norm(value) == _norm(pred.get(field))

    def rate(ok: str, n: str) -> float | None:
        return round(c[ok] / c[n], 4) if c[n] else None

    return {
        "articles": len(gold),
        "missing_articles": c["missing"],
        "quotes": {**_prf(c["q_tp"], c["q_fp"], c["q_fn"]), "gold": c["q_tp"] + c["q_fn"]},
        "attribution_accuracy": rate("attr_ok", "attr_n"),
        "quote_speaker_f1": _prf(c["e2e_tp"], c["e2e_fp"], c["e2e_fn"])["f1"],
        "full_name_rate": rate("full_ok", "full_n"),
        "role_accuracy": rate("role_ok", "role_n"),
        "affiliation_accuracy": rate("aff_ok", "aff_n"),
        "countries": _prf(c["c_tp"], c["c_fp"], c["c_fn"]),
        "themes": {**_prf(c["t_tp"], c["t_fp"], c["t_fn"]), "articles": c["themed"]},
        "metadata_accuracy": rate("meta_ok", "meta_n"),
    }


def evaluate_folder(
    gold_dir: str | Path, *, shared: str | Path | None = None, present_only: bool = False, **load_options
) -> dict:
    """Load the articles the gold files name, extract, and score.

    Gold `file` paths are relative to `shared` (by default the gold folder's grandparent,
    as in shared/gold/dev). Gold files whose article is absent count as missing, as in the
    reference scorer, unless `present_only`.
    """
    from .cli import extract_records
    from .load import load

    gold_dir = Path(gold_dir)
    shared = Path(shared) if shared else gold_dir.parent.parent
    gold = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))]
    if present_only:
        gold = [g for g in gold if (shared / g["file"]).is_file()]
    files = sorted({str(shared / g["file"]) for g in gold if (shared / g["file"]).is_file()})
    predictions = extract_records(load(files, progress=False, **load_options)) if files else []
    return score(gold, predictions)


def format_scores(s: dict) -> str:
    """The scores as the reference scorer prints them."""
    q, cn, th = s["quotes"], s["countries"], s["themes"]
    return "\n".join(
        [
            f"articles {s['articles']} (missing from pred: {s['missing_articles']})",
            f"quotes     P {q['precision']:.3f} R {q['recall']:.3f} F1 {q['f1']:.3f}  (gold {q['gold']})",
            f"attribution accuracy {s['attribution_accuracy']}  quote+speaker F1 {s['quote_speaker_f1']:.3f}",
            f"speakers   full names {s['full_name_rate']}  roles {s['role_accuracy']}  "
            f"affiliations {s['affiliation_accuracy']}",
            f"countries  P {cn['precision']:.3f} R {cn['recall']:.3f} F1 {cn['f1']:.3f}",
            f"themes     P {th['precision']:.3f} R {th['recall']:.3f} F1 {th['f1']:.3f}  "
            f"({th['articles']} articles)",
            f"metadata accuracy {s['metadata_accuracy']}",
        ]
    )
