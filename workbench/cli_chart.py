"""``workbench chart``: batch charts from the command line, for briefings and scheduled exports.

    workbench chart data/sample --kind countries --top 10 -o exports/top-countries.png
    workbench chart data/sample --kind timeline --country IRN --by month -o exports/iran-timeline
    workbench chart data/sample --kind briefing -o exports/briefing.pdf --country Russia

Filters (--country, --theme, --speaker, --publication, --since, --until, --text, --in-quotes)
are those of `Corpus.filter`; the chart is `workbench.charts.render`; `-o` without a suffix
writes every format of --format. ``--kind briefing`` writes the multi-page PDF briefing pack;
``--kind all`` writes every chart into the folder given by -o (the README gallery:
``workbench chart data/sample --kind all --format png -o docs/gallery``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["add_parser", "run", "KINDS"]

#: What --kind accepts: every chart of `workbench.charts.render`, the PDF briefing pack, or all charts.
KINDS = (
    "countries",
    "speakers",
    "themes",
    "publications",
    "timeline",
    "small_multiples",
    "crosstab",
    "cooccurrence",
    "quote_share",
    "briefing",
    "all",
)


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``chart`` command to the `workbench` command's subparsers."""
    p = subparsers.add_parser(
        "chart",
        help="draw a chart (or a PDF briefing pack) of a corpus slice and export it",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", help="files, folders or globs to load")
    p.add_argument("--kind", choices=KINDS, default="countries", help="what to draw (default: countries)")
    p.add_argument(
        "-o",
        "--output",
        default=None,
        help="output path; its suffix picks the format (default: exports/<kind>.png)",
    )
    p.add_argument(
        "--format",
        dest="formats",
        action="append",
        choices=("png", "svg", "pdf"),
        help="format(s) when --output has no suffix (repeatable; default: png, svg and pdf)",
    )
    p.add_argument("--top", type=int, default=10, help="how many values to show (default: 10)")
    p.add_argument(
        "--by",
        default="week",
        choices=("day", "week", "month", "quarter", "year"),
        help="period of timeline charts (default: week)",
    )
    p.add_argument(
        "--measure",
        choices=("mentions", "articles", "quotes", "lift", "pmi", "npmi"),
        help="what to count (default: mentions for countries and themes, quotes for speakers); "
        "lift/pmi/npmi colour a cooccurrence chart",
    )
    p.add_argument(
        "--dimension",
        default="country",
        choices=("country", "theme", "speaker"),
        help="what a timeline, small_multiples or cooccurrence chart follows (default: country)",
    )
    p.add_argument(
        "--rows",
        default="speaker",
        choices=("speaker", "country", "theme", "publication"),
        help="crosstab rows (default: speaker)",
    )
    p.add_argument(
        "--cols",
        default="country",
        choices=("speaker", "country", "theme", "publication"),
        help="crosstab columns (default: country)",
    )
    p.add_argument(
        "--level",
        default="article",
        choices=("article", "sentence"),
        help="cooccurrence unit (default: article)",
    )
    p.add_argument("--all-stories", action="store_true", help="count duplicate stories too")
    p.add_argument("--title", help="chart title (default: one saying what is counted)")
    filters = p.add_argument_group("filters (repeat a flag for several values: any of them matches)")
    filters.add_argument("--country", action="append", help="ISO3 code or name: IRN, Iran")
    filters.add_argument("--theme", action="append", help="theme id or label: arms_transfers")
    filters.add_argument("--speaker", action="append", help="a quoted person: 'Vladimir Putin', Putin")
    filters.add_argument("--publication", action="append", help="an outlet's name")
    filters.add_argument("--text", action="append", help="a word or phrase in the article")
    filters.add_argument("--since", help="first day, e.g. 2022-11-01")
    filters.add_argument("--until", help="last day (inclusive)")
    filters.add_argument("--in-quotes", action="store_true", help="only mentions inside quotations")
    p.set_defaults(func=run)
    return p


def _criteria(args) -> dict:
    names = ("country", "theme", "speaker", "publication", "text", "since", "until")
    criteria = {name: getattr(args, name) for name in names if getattr(args, name)}
    if args.in_quotes:
        criteria["in_quotes"] = True
    return criteria


def run(args) -> int:
    """Load, filter, draw and export; prints the written paths. Returns the exit status."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from . import load
    from .charts import CHART_KINDS, render
    from .export import briefing_pack, export
    from .slicing import FilterValueError, describe_slice

    corpus = load(args.paths, progress=False)
    if len(corpus.articles) == 0:
        print(f"workbench chart: no articles found in {' '.join(args.paths)}", file=sys.stderr)
        return 1
    try:
        corpus = corpus.filter(**_criteria(args))
    except FilterValueError as exc:
        print(f"workbench chart: {exc}", file=sys.stderr)
        return 2
    default = {"briefing": "exports/briefing.pdf", "all": "exports/charts"}.get(
        args.kind, f"exports/{args.kind}.png"
    )
    output = args.output or default
    if args.kind == "all" and Path(output).suffix:
        print(
            f"workbench chart: --kind all writes one file per chart: give -o a folder, not {output}",
            file=sys.stderr,
        )
        return 2
    print(describe_slice(corpus, unique=not args.all_stories), file=sys.stderr)
    if args.kind == "briefing":
        written = [briefing_pack(corpus, output, top=args.top, by=args.by, title=args.title)]
    elif args.kind == "all":
        folder = Path(output)
        written = []
        for kind in CHART_KINDS:
            figure = render(
                corpus, kind, top=args.top, by=args.by, level=args.level, unique=not args.all_stories
            )
            written += export(figure, folder / kind, args.formats)
            plt.close(figure)
    else:
        try:
            figure = render(
                corpus,
                args.kind,
                top=args.top,
                by=args.by,
                measure=args.measure,
                dimension=args.dimension,
                rows=args.rows,
                cols=args.cols,
                level=args.level,
                unique=not args.all_stories,
                title=args.title,
            )
        except ValueError as exc:
            print(f"workbench chart: {exc}", file=sys.stderr)
            return 2
        try:
            written = export(figure, output, args.formats)
        except ValueError as exc:
            print(f"workbench chart: {exc}", file=sys.stderr)
            return 2
        finally:
            plt.close(figure)
    for path in written:
        print(path)
    return 0
