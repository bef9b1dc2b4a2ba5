"""Export: charts to PNG/SVG/PDF, tables to CSV/XLSX, and a multi-page briefing PDF.

`export(obj, path)` writes a Figure (or an Axes' figure) or a DataFrame in several formats at
once and returns the paths written. `briefing_pack(corpus, path)` puts the chosen charts and a
page of the slice's top quotes into one PDF.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

__all__ = ["export", "briefing_pack", "IMAGE_FORMATS", "TABLE_FORMATS", "MIN_DPI"]

IMAGE_FORMATS = ("png", "svg", "pdf")
TABLE_FORMATS = ("csv", "xlsx")
#: PNGs are written at this resolution or more (a slide-sized chart stays sharp when projected).
MIN_DPI = 200
_ALL_FORMATS = IMAGE_FORMATS + TABLE_FORMATS


def _formats(path: Path, formats, is_table: bool) -> tuple[Path, tuple[str, ...]]:
    """The base path and the formats to write: a known suffix on `path` wins when `formats` is None."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix in _ALL_FORMATS:
        base = path.with_suffix("")
        if formats is None:
            formats = (suffix,)
    else:
        base = path
    if formats is None:
        formats = TABLE_FORMATS if is_table else IMAGE_FORMATS
    if isinstance(formats, str):
        formats = (formats,)
    formats = tuple(dict.fromkeys(f.lower().lstrip(".") for f in formats))
    allowed = TABLE_FORMATS if is_table else IMAGE_FORMATS
    wrong = [f for f in formats if f not in allowed]
    if wrong:
        kind = "a table" if is_table else "a chart"
        raise ValueError(f"`formats` for {kind} must be among {', '.join(allowed)}, not {', '.join(wrong)}")
    return base, formats


def _figure_of(obj):
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(obj, Figure):
        return obj
    if isinstance(obj, Axes):
        return obj.figure
    if hasattr(obj, "figure") and isinstance(obj.figure, Figure):  # seaborn grids and the like
        return obj.figure
    return None


def _excel_safe(table: pd.DataFrame) -> pd.DataFrame:
    """Values Excel can hold: lists and dicts as text, timezone-aware dates made naive, str index names."""
    out = table.copy()
    for column in out.columns:
        values = out[column]
        if isinstance(values.dtype, pd.DatetimeTZDtype):
            out[column] = values.dt.tz_localize(None)
        elif values.dtype == object and values.map(lambda v: isinstance(v, list | dict | tuple | set)).any():
            out[column] = values.map(
                lambda v: "; ".join(map(str, v)) if isinstance(v, list | tuple | set) else v
            )
    out.columns = [str(c) if not isinstance(c, pd.Timestamp) else c.date().isoformat() for c in out.columns]
    return out


def export(
    obj, path: str | Path, formats: Sequence[str] | str | None = None, *, dpi: int = MIN_DPI
) -> list[Path]:
    """Write a chart or a table in several formats; returns the paths written.

    A Figure or Axes goes to PNG (at `dpi`, at least 200), SVG and PDF, cropped to its content
    (``bbox_inches="tight"``); a DataFrame (or Series) to CSV and XLSX. ``path`` may carry a
    suffix (``"exports/top.png"`` writes just that) or not (``"exports/top"`` writes every
    format in `formats`, default: all for its kind). Parent folders are created.
    """
    path = Path(path)
    if isinstance(obj, pd.Series):
        obj = obj.to_frame()
    is_table = isinstance(obj, pd.DataFrame)
    figure = None if is_table else _figure_of(obj)
    if not is_table and figure is None:
        raise TypeError(
            f"export() takes a matplotlib Figure or Axes, or a pandas DataFrame, not {type(obj).__name__}"
        )
    base, formats = _formats(path, formats, is_table)
    base.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        target = base.with_name(f"{base.name}.{fmt}")
        if is_table:
            keep_index = not isinstance(obj.index, pd.RangeIndex)
            if fmt == "csv":
                obj.to_csv(target, index=keep_index, encoding="utf-8")
            else:
                _excel_safe(obj).to_excel(target, index=keep_index, engine="openpyxl")
        else:
            options = {"bbox_inches": "tight", "facecolor": "white"}
            if fmt == "png":
                options["dpi"] = max(int(dpi), MIN_DPI)
            metadata = {"Title": _figure_title(figure)} if fmt in ("pdf", "svg") else None
            if metadata and metadata["Title"]:
                options["metadata"] = metadata
            import matplotlib as mpl

            # text stays text in SVG and PDF, so a briefing editor can still change a word
            with mpl.rc_context({"svg.fonttype": "none", "pdf.fonttype": 42}):
                figure.savefig(target, format=fmt, **options)
        written.append(target)
    return written


def _figure_title(figure) -> str | None:
    for text in [t for ax in figure.axes for t in ax.texts] + list(figure.texts):
        if text.get_gid() == "title":
            return text.get_text()
    return None


# Layout of the quotes page, in figure fractions of an 11 x 7.5 inch page.
_TOP, _BOTTOM, _LINE, _GAP = 0.85, 0.08, 0.028, 0.04


def _block_height(quote: str) -> float:
    return (quote.count("\n") + 1) * _LINE + 0.006 + _GAP


def _quotes_pages(quotes: pd.DataFrame, heading: str, subtitle: str, source: str):
    """Figures (A4 landscape-ish slides) listing quotes, as many as needed."""
    import matplotlib.pyplot as plt

    from .charts import TEXT_GREY, briefing_style
    from .slicing import format_date

    blocks = []
    for row in quotes.itertuples(index=False):
        who = ", ".join(str(x) for x in (row.speaker, row.role) if isinstance(x, str) and x)
        where = ", ".join(
            x
            for x in (row.publication if isinstance(row.publication, str) else "", format_date(row.date))
            if x
        )
        words = str(row.quote).strip().rstrip(",")  # the comma before "he said" is not part of the point
        quote = textwrap.fill(f"\u201c{words}\u201d", 110)
        blocks.append((quote, f"\u2014 {who}" + (f" ({where})" if where else "")))
    pages, page, y = [], [], _TOP
    for quote, credit in blocks:
        height = _block_height(quote)
        if page and y - height < _BOTTOM:
            pages.append(page)
            page, y = [], _TOP
        page.append((quote, credit))
        y -= height
    if page or not pages:
        pages.append(page)
    figures = []
    with briefing_style():
        for number, page in enumerate(pages, start=1):
            fig = plt.figure(figsize=(11.0, 7.5))
            title = heading if len(pages) == 1 else f"{heading} ({number}/{len(pages)})"
            fig.text(0.05, 0.95, title, fontsize=19, fontweight="bold", va="top", gid="title")
            fig.text(0.05, 0.905, subtitle, fontsize=11, color=TEXT_GREY, va="top", gid="subtitle")
            y = _TOP
            if not page:
                fig.text(0.05, y, "No attributed quotes in this slice.", fontsize=12, va="top")
            for quote, credit in page:
                fig.text(0.05, y, quote, fontsize=11.5, va="top", linespacing=1.3)
                lines = quote.count("\n") + 1
                fig.text(
                    0.07,
                    y - lines * _LINE - 0.006,
                    credit,
                    fontsize=10.5,
                    color=TEXT_GREY,
                    va="top",
                    style="italic",
                )
                y -= _block_height(quote)
            fig.text(0.05, 0.03, source, fontsize=9.5, color=TEXT_GREY, gid="source")
            figures.append(fig)
    return figures


def briefing_pack(
    corpus,
    path: str | Path,
    charts: Sequence[str] = ("countries", "speakers", "themes", "timeline", "quote_share"),
    top_quotes: int = 10,
    *,
    top: int = 10,
    by: str = "week",
    title: str | None = None,
) -> Path:
    """A multi-page PDF briefing on `corpus` (usually a slice): one page per chart, then its top quotes.

    `charts` are names from `workbench.charts.CHART_KINDS`; `top_quotes` quotes of the most
    quoted speakers (see `workbench.evidence.top_quotes`) end the pack (0 leaves them out).
    Returns the path written (``.pdf`` added when missing).
    """
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    from . import charts as chart_module
    from .evidence import top_quotes as pick_quotes
    from .slicing import describe_slice, describe_sources

    unknown = [c for c in charts if c not in chart_module.CHART_KINDS]
    if unknown:
        raise ValueError(
            f"`charts` must be among {', '.join(chart_module.CHART_KINDS)}, not {', '.join(unknown)}"
        )
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    path.parent.mkdir(parents=True, exist_ok=True)
    info = {"Title": title or "News briefing", "Subject": describe_slice(corpus), "Creator": "workbench"}
    with PdfPages(path, metadata=info) as pdf:
        for kind in charts:
            figure = chart_module.render(corpus, kind, top=top, by=by)
            pdf.savefig(figure, bbox_inches="tight")
            plt.close(figure)
        if top_quotes:
            quotes = pick_quotes(corpus, top_quotes)
            for figure in _quotes_pages(
                quotes, "What they said", describe_slice(corpus), describe_sources(corpus)
            ):
                pdf.savefig(figure)
                plt.close(figure)
    return path
