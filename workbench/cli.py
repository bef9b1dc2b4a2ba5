"""The `workbench` command: extract, evaluate, load reports, charts and the headless demo."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

__all__ = ["main", "extract_records"]


def _value(v):
    """A JSON-able scalar: pandas' missing values (NaN, NA, NaT) become None."""
    try:
        return None if v is None or v != v else v
    except (TypeError, ValueError):  # pd.NA compares to NA
        return None


def extract_records(corpus) -> list[dict]:
    """One JSON-able record per article: metadata, quotes, country and theme counts (score.py's format)."""
    quotes = corpus.quotes.groupby("article_id", sort=False)
    mentions = corpus.mentions
    counts = (
        mentions[mentions["kind"].isin(["country", "theme"])]
        .groupby(["article_id", "kind", "key"], observed=True, sort=True)
        .size()
    )
    by_article: dict[str, dict[str, dict[str, int]]] = {}
    for (article_id, kind, key), n in counts.items():
        by_article.setdefault(article_id, {}).setdefault(kind, {})[key] = int(n)
    quote_groups = dict(iter(quotes))
    records = []
    for row in corpus.articles.itertuples(index=False):
        found = by_article.get(row.article_id, {})
        qs = quote_groups.get(row.article_id)
        records.append(
            {
                "source": row.source,
                "article_id": row.article_id,
                "publication": _value(row.publication),
                "headline": _value(row.headline),
                "subheadline": _value(row.subheadline),
                "authors": list(row.authors),
                "date": None if _value(row.date) is None else row.date.date().isoformat(),
                "language": _value(row.language),
                "publication_country": _value(row.publication_country),
                "duplicate_of": _value(row.duplicate_of),
                "quotes": []
                if qs is None
                else [
                    {
                        "text": q.text,
                        "speaker": _value(q.speaker),
                        "role": _value(q.role),
                        "affiliation": _value(q.affiliation),
                        "cue": _value(q.cue),
                        "attribution": _value(q.attribution),
                    }
                    for q in qs.itertuples(index=False)
                ],
                "countries": found.get("country", {}),
                "themes": found.get("theme", {}),
            }
        )
    return records


def _cmd_extract(args) -> int:
    from .load import load

    corpus = load(args.paths, gazetteer=args.gazetteer, lexicon=args.lexicon, progress=False)
    out = sys.stdout
    for record in extract_records(corpus):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    _print_report_summary(corpus.report, stream=sys.stderr)
    return 0


def _print_report_summary(report, *, stream) -> None:
    from .report import summary_line

    print(summary_line(report), file=stream)
    bad = report[report["status"] != "ok"]
    for row in bad.itertuples(index=False):
        print(f"  {row.status}: {row.file}: {row.reason}", file=stream)


def _cmd_load(args) -> int:
    from .load import load

    corpus = load(args.paths, annotate=not args.no_annotate, progress=None)
    print(corpus)
    _print_report_summary(corpus.report, stream=sys.stdout)
    return 0


def _cmd_evaluate(args) -> int:
    from .evaluate import evaluate_folder, format_scores

    scores = evaluate_folder(args.gold, shared=args.shared, present_only=args.present_only)
    print(json.dumps(scores, indent=1) if args.json else format_scores(scores))
    return 0


def _cmd_demo(args) -> int:
    from .demo import run_demo

    return run_demo(headless=args.headless, output=args.output)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workbench", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="annotate articles; one JSON object per article on stdout")
    p.add_argument("paths", nargs="+", help="files, folders or globs")
    p.add_argument("--jsonl", action="store_true", help="JSON Lines output (the default and only format)")
    p.add_argument("--gazetteer", help="your own country gazetteer YAML")
    p.add_argument("--lexicon", help="your own theme lexicon YAML")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("load", help="load files and print the load report")
    p.add_argument("paths", nargs="+")
    p.add_argument("--no-annotate", action="store_true", help="read only, skip extraction")
    p.set_defaults(func=_cmd_load)

    p = sub.add_parser("evaluate", help="score extraction against a folder of gold JSON files")
    p.add_argument("--gold", required=True, help="folder of gold files (format: shared/gold/README.md)")
    p.add_argument(
        "--shared", help="folder the gold 'file' paths are relative to (default: the gold's grandparent)"
    )
    p.add_argument("--present-only", action="store_true", help="score only gold files whose article exists")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_evaluate)

    p = sub.add_parser("demo", help="the main job: JupyterLab on the dashboard, or --headless")
    p.add_argument("--headless", action="store_true", help="execute the notebooks and write exports instead")
    p.add_argument("--output", default="exports", help="folder for the headless exports")
    p.set_defaults(func=_cmd_demo)

    from . import cli_cache, cli_chart

    cli_chart.add_parser(sub)
    cli_cache.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
