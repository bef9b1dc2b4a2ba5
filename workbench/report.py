"""The load report: one row per input file, and the line that says nothing was lost."""

from __future__ import annotations

import pandas as pd

__all__ = ["summary_line"]


def summary_line(report: pd.DataFrame) -> str:
    """'12 files: 10 ok, 1 partial, 1 failed, 0 skipped; 340 articles loaded, 2 rows skipped'."""
    status = report["status"].value_counts()
    parts = ", ".join(f"{int(status.get(s, 0))} {s}" for s in ("ok", "partial", "failed", "skipped"))
    n_articles = int(pd.to_numeric(report["n_articles"]).sum())
    n_skipped = int(pd.to_numeric(report["n_skipped"]).sum())
    n_rows = int(pd.to_numeric(report["n_rows"]).sum())
    accounted = "all accounted for" if n_articles + n_skipped == n_rows else "MISMATCH"
    return (
        f"{len(report)} files: {parts}; {n_articles} articles loaded, {n_skipped} rows skipped "
        f"({n_rows} rows seen; {accounted})"
    )
