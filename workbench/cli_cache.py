"""`workbench cache`: show or clear the annotation cache (see `workbench.cache`).

    workbench cache info [--json]      where the cache is, how many entries, how large
    workbench cache clear              remove every entry (the next load annotates again)

``--dir`` names another cache folder than the default (``$WORKBENCH_CACHE_DIR`` or the
user cache folder). Registered in `workbench.cli` with ``cli_cache.add_parser(sub)``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

__all__ = ["add_parser", "run", "main"]


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dir", help="the cache folder (default: $WORKBENCH_CACHE_DIR, else the user cache)")
    actions = parser.add_subparsers(dest="action", required=True)
    info = actions.add_parser("info", help="where the cache is, its entries and size")
    info.add_argument("--json", action="store_true", help="one JSON object instead of text")
    actions.add_parser("clear", help="remove every cache entry")
    parser.set_defaults(func=run)


def add_parser(sub) -> argparse.ArgumentParser:
    """Add the `cache` command to the `workbench` command's sub-parsers."""
    parser = sub.add_parser("cache", help="show or clear the annotation cache")
    _add_arguments(parser)
    return parser


def _megabytes(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def run(args) -> int:
    """Run `workbench cache info|clear`."""
    from .cache import cache_dir, cache_info, clear_cache

    folder = cache_dir(True if args.dir is None else args.dir)
    if args.action == "clear":
        freed = clear_cache(folder)
        print(f"removed the workbench cache in {folder} ({_megabytes(freed)})")
        return 0
    info = cache_info(folder)
    if args.json:
        print(json.dumps(info))
    else:
        print(f"workbench cache in {info['path']}: {info['segments']} file segments, "
              f"{info['corpora']} corpora, {_megabytes(info['bytes'])}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m workbench.cli_cache ...`, the same as `workbench cache ...`."""
    parser = argparse.ArgumentParser(prog="workbench cache", description="show or clear the annotation cache")
    _add_arguments(parser)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
