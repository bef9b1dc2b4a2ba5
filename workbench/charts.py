"""Charts for briefings: tidy counts in, a matplotlib Axes (or Figure) out.

Axes-level functions take ``ax=`` and return the Axes: `bar` (ranked horizontal bars with the
numbers on them), `timeline` (one line per value), `heatmap` (crosstabs and co-occurrence) and
`quote_share` (each speaker's share of the quotes, overall or per outlet). `small_multiples`
is figure-level and returns the Figure. `render(corpus, kind)` draws a named chart straight
from a corpus (the command line, the briefing pack and the gallery use it).

Every chart has a title, a subtitle stating the slice (filters, article count, date span:
`describe_slice`) and a source line naming the outlets; by default they come from the
``attrs`` that `workbench.counting` puts on its tables, or from ``corpus=``. Country codes
are shown as names. The briefing look (slide-sized type, the Okabe-Ito colour-blind-safe
palette, no chart junk) is applied inside `briefing_style()`, a `matplotlib.rc_context`:
importing this module changes no rcParams.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from .corpus import Corpus
from .counting import FREQUENCIES, cooccurrence, counts, crosstab
from .slicing import country_name, describe_slice, describe_sources

__all__ = [
    "bar",
    "timeline",
    "small_multiples",
    "heatmap",
    "quote_share",
    "render",
    "screen_png",
    "SCREEN_DPI",
    "briefing_style",
    "describe_slice",
    "describe_sources",
    "OKABE_ITO",
    "CHART_KINDS",
    "BRIEFING_RC",
]

#: Okabe & Ito (2008), the colour-blind-safe palette: orange, sky blue, bluish green, yellow,
#: blue, vermillion, reddish purple, black.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
#: The order lines and segments take the colours in: strong, well-separated hues first, yellow last.
SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000", "#F0E442")
BAR_COLOUR, HIGHLIGHT_COLOUR, MUTED_COLOUR, TEXT_GREY = "#0072B2", "#D55E00", "#C8C8C8", "#555555"

#: The briefing look: 16:9 slide, large type, no top/right spines, text kept as text in SVG/PDF.
BRIEFING_RC = {
    "figure.figsize": (10.0, 5.625),
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "savefig.dpi": 200,
    "savefig.bbox": "tight",
    "savefig.facecolor": "white",
    "font.size": 13,
    "axes.titlesize": 19,
    "axes.titleweight": "bold",
    "axes.labelsize": 13,
    "axes.labelcolor": "#222222",
    "axes.edgecolor": "#444444",
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "axes.prop_cycle": cycler(color=SERIES_COLOURS),
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "legend.fontsize": 12,
    "legend.frameon": False,
    "lines.linewidth": 2.4,
    "svg.fonttype": "none",
    "pdf.fonttype": 42,
}

#: The resolution of charts shown on screen (the dashboard); exports keep at least 200 dpi
#: (`workbench.export.MIN_DPI`).
SCREEN_DPI = 80

_PLURAL = {"country": "Countries", "speaker": "Speakers", "theme": "Themes", "publication": "Outlets"}
_MEASURE_WORD = {"mentions": "mentions", "articles": "articles", "quotes": "quotes"}


@contextmanager
def briefing_style(**overrides) -> Iterator[None]:
    """Scope the briefing look (`BRIEFING_RC` plus `overrides`) to a ``with`` block."""
    with mpl.rc_context({**BRIEFING_RC, **overrides}):
        yield


# --------------------------------------------------------------------------- helpers


def _value_column(data: pd.DataFrame, value: str | None) -> str:
    if value is not None:
        if value not in data:
            raise ValueError(
                f"`x`/`y` value column {value!r} is not in the data; columns: {list(data.columns)}"
            )
        return value
    if data.attrs.get("value") in data:
        return data.attrs["value"]
    numeric = [c for c in data.columns if str(c).startswith("n_") or c in ("n", "count")]
    if not numeric:
        raise ValueError(
            f"no count column found (n_mentions, n_articles, ...); columns: {list(data.columns)}"
        )
    return numeric[0]


def _category_column(data: pd.DataFrame, column: str | None) -> str:
    if column is not None:
        if column not in data:
            raise ValueError(f"category column {column!r} is not in the data; columns: {list(data.columns)}")
        return column
    dimension = data.attrs.get("dimension")
    if dimension in data:
        return dimension
    for candidate in ("country", "speaker", "theme", "publication", "label"):
        if candidate in data:
            return candidate
    raise ValueError(f"no category column found; columns: {list(data.columns)}")


def _labels(data: pd.DataFrame, column: str) -> pd.Series:
    """Display names: the ``label`` column when there is one, country names for ISO3 codes."""
    if "label" in data and column in ("country", "theme") and data.attrs.get("dimension", column) == column:
        return data["label"].astype(str)
    if column == "country":
        return data[column].map(lambda k: country_name(str(k))).astype(str)
    return data[column].astype(str)


def _key_names(keys: Sequence, dimension: str | None, labels: dict | None) -> list[str]:
    labels = labels or {}
    if dimension == "country":
        return [str(labels.get(k) or country_name(str(k))) for k in keys]
    if isinstance(keys, pd.DatetimeIndex) or (len(keys) and isinstance(keys[0], pd.Timestamp)):
        return [pd.Timestamp(k).strftime("%d %b %Y").lstrip("0") for k in keys]
    return [str(labels.get(k, k)) for k in keys]


def _fmt(value: float, percent: bool = False) -> str:
    if percent:
        return f"{value:.0%}" if value >= 0.01 or value == 0 else f"{value:.1%}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def _default_title(attrs: dict) -> str | None:
    dimension, measure = attrs.get("dimension"), attrs.get("measure")
    if dimension not in _PLURAL or measure not in _MEASURE_WORD:
        return None
    return f"{_PLURAL[dimension]} by number of {_MEASURE_WORD[measure]}"


def _wrap(text: str, ax: Axes, size: float) -> str:
    width_in = ax.figure.get_size_inches()[0]
    chars = max(40, int(width_in * 72 / (size * 0.55)))
    return "\n".join(textwrap.wrap(text, chars)) or text


def _header_region(ax: Axes):
    """A callable bbox: the axes with its tick labels and legend (titles align to its left edge).

    The title, subtitle and source line all ask for it during one draw: the answer is kept for
    the renderer and axes position it was computed for.
    """
    last: dict = {}

    def region(renderer) -> Bbox:
        key = (id(renderer), renderer.width, renderer.height, tuple(ax.bbox.bounds))
        if last.get("key") == key:
            return last["box"]
        boxes = [ax.get_window_extent(renderer)]
        legend = ax.get_legend()
        for part in (ax.yaxis, ax.xaxis, legend):
            box = part.get_tightbbox(renderer) if part is not None else None
            if box is not None and box.width > 0 and box.height > 0:
                boxes.append(box)
        last.update(key=key, box=Bbox.union(boxes))
        return last["box"]

    return region


def _say_nothing_to_show(ax: Axes) -> None:
    """An empty slice gets a plain message instead of a blank chart."""
    ax.text(0.5, 0.5, "Nothing to show for this slice", transform=ax.transAxes, ha="center", color=TEXT_GREY)


def _decorate(
    ax: Axes,
    data: pd.DataFrame | None,
    *,
    title: str | None | bool,
    subtitle: str | None | bool,
    source: str | None | bool,
    corpus: Corpus | None,
) -> None:
    """Title, subtitle (the slice) and source line, aligned to the left of the labels."""
    attrs = data.attrs if data is not None else {}
    if title is None:
        title = _default_title(attrs)
    if subtitle is None:
        subtitle = describe_slice(corpus) if corpus is not None else attrs.get("subtitle")
    if source is None:
        source = describe_sources(corpus) if corpus is not None else attrs.get("source")
    region = _header_region(ax)
    size = mpl.rcParams["font.size"]
    offset = 6.0
    if subtitle:
        text = _wrap(str(subtitle), ax, size * 0.95)
        ax.annotate(
            text,
            xy=(0, 1),
            xycoords=region,
            xytext=(0, offset),
            textcoords="offset points",
            ha="left",
            va="bottom",
            fontsize=size * 0.95,
            color=TEXT_GREY,
            gid="subtitle",
        )
        offset += size * 0.95 * 1.3 * (text.count("\n") + 1) + 4
    if title:
        title_size = mpl.rcParams["axes.titlesize"]
        title_size = mpl.font_manager.FontProperties(size=title_size).get_size_in_points()
        ax.annotate(
            str(title),
            xy=(0, 1),
            xycoords=region,
            xytext=(0, offset),
            textcoords="offset points",
            ha="left",
            va="bottom",
            fontsize=title_size,
            fontweight="bold",
            color="#111111",
            gid="title",
        )
    if source:
        ax.annotate(
            str(source),
            xy=(0, 0),
            xycoords=region,
            xytext=(0, -8),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=size * 0.8,
            color=TEXT_GREY,
            gid="source",
        )


def chart_texts(ax: Axes) -> dict[str, str]:
    """The title, subtitle and source line of a chart drawn here ({gid: text}), for tests and checks."""
    found = {}
    for text in [*ax.texts, *ax.figure.texts]:
        gid = text.get_gid()
        if gid in ("title", "subtitle", "source"):
            found[gid] = text.get_text()
    return found


def screen_png(figure: Figure) -> bytes:
    """The figure as a PNG for the screen, as the dashboard shows it: `SCREEN_DPI`, fast compression,
    the whole figure (the charts lay themselves out, so no second, cropping draw is needed). Files
    for briefings come from `workbench.export` (at least 200 dpi, cropped)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=SCREEN_DPI, facecolor="white", pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def _new_axes(ax: Axes | None, height: float | None = None, width: float | None = None) -> Axes:
    if ax is not None:
        return ax
    w, h = mpl.rcParams["figure.figsize"]
    _, ax = plt.subplots(figsize=(width or w, height or h))
    return ax


# --------------------------------------------------------------------------- bar


def bar(
    data: pd.DataFrame,
    *,
    x: str | None = None,
    y: str | None = None,
    top: int | None = 15,
    highlight: Sequence[str] | str | None = None,
    percent: bool = False,
    title: str | None | bool = None,
    subtitle: str | None | bool = None,
    source: str | None | bool = None,
    corpus: Corpus | None = None,
    color: str = BAR_COLOUR,
    value_labels: Sequence[str] | None = None,
    ax: Axes | None = None,
    style: bool = True,
) -> Axes:
    """Ranked horizontal bars, largest on top, with each bar's number written at its end.

    `data` is a tidy count table (`counts`): `y` the category column (default: the counted
    dimension; countries shown by name), `x` the value column (default: its ``n_…`` column;
    ``x="share", percent=True`` for shares). `highlight` keys or names are drawn in vermillion.
    `value_labels` replaces the numbers written on the bars (one per bar, in ranked order).
    Returns the Axes.
    """
    with briefing_style() if style else _nullcontext():
        value = "share" if percent and x is None and "share" in data else _value_column(data, x)
        category = _category_column(data, y)
        if data[category].duplicated().any():
            raise ValueError(
                f"`data` has several rows per {category!r} (a `by=` table?): use timeline() or "
                "aggregate first"
            )
        rows = data.sort_values(value, ascending=False, kind="stable")
        if top is not None:
            rows = rows.head(top)
        names = _labels(rows, category).tolist()
        values = rows[value].to_numpy(dtype=float)
        ax = _new_axes(ax, height=max(3.2, 0.42 * len(rows) + 2.2))
        wanted = {str(h).lower() for h in ([highlight] if isinstance(highlight, str) else highlight or [])}
        colours = [
            HIGHLIGHT_COLOUR if str(k).lower() in wanted or n.lower() in wanted else color
            for k, n in zip(rows[category], names, strict=True)
        ]
        positions = np.arange(len(rows))
        bars = ax.barh(positions, values, color=colours, height=0.72, gid="bars")
        ax.set_yticks(positions, names)
        ax.invert_yaxis()
        written = (
            list(value_labels)[: len(values)]
            if value_labels is not None
            else [_fmt(v, percent) for v in values]
        )
        ax.bar_label(bars, labels=written, padding=4, fontsize=mpl.rcParams["font.size"])
        ax.tick_params(axis="y", length=0)
        ax.xaxis.set_visible(False)
        for side in ("bottom", "top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.set_xlim(0, (values.max() if len(values) else 1) * 1.15 or 1)
        if not len(rows):
            _say_nothing_to_show(ax)
        _decorate(ax, data, title=title, subtitle=subtitle, source=source, corpus=corpus)
    return ax


@contextmanager
def _nullcontext() -> Iterator[None]:
    yield


# --------------------------------------------------------------------------- timeline


def _series(data: pd.DataFrame, x: str | None, y: str | None, hue: str | None, top: int | None):
    """Pivot a tidy time series to periods × series (display names), biggest series first."""
    x = x or data.attrs.get("by") or next((c for c in FREQUENCIES if c in data), None) or "date"
    if x not in data:
        raise ValueError(f"time column {x!r} is not in the data; give `x=` (columns: {list(data.columns)})")
    value = _value_column(data, y)
    if hue is None:
        hue = data.attrs.get("dimension") if data.attrs.get("dimension") in data else None
    if hue is None:
        wide = data.groupby(x)[value].sum().to_frame(value)
    else:
        named = data.assign(_name=_labels(data, hue))
        wide = named.pivot_table(
            index=x, columns="_name", values=value, aggfunc="sum", fill_value=0, observed=True
        )
        order = wide.sum().sort_values(ascending=False, kind="stable").index
        wide = wide[order[:top] if top is not None else order]
    return wide.sort_index(), x, value, hue


def _date_locator(frequency: str, n_periods: int, most: int = 8):
    """Ticks on period starts for monthly and coarser series (no mid-month ticks on monthly data)."""
    step = max(1, int(np.ceil(n_periods / most)))
    if frequency == "month":
        return mdates.MonthLocator(interval=step)
    if frequency == "quarter":
        return mdates.MonthLocator(bymonth=(1, 4, 7, 10), interval=step)
    if frequency == "year":
        return mdates.YearLocator(base=step)
    return mdates.AutoDateLocator(minticks=3, maxticks=most)


def _date_formatter(locator) -> mdates.ConciseDateFormatter:
    """Short date ticks ("Jun", "15") with only the year as the offset text."""
    return mdates.ConciseDateFormatter(locator, offset_formats=["", "%Y", "%Y", "%Y", "%Y", "%Y"])


def _spread(positions: list[float], gap: float, lowest: float | None = None) -> list[float]:
    """Label positions (display units) at least `gap` apart, each group centred on its lines' ends.

    Touching labels form a group that is moved as one so that its middle stays at the middle of
    the points it labels (not pushed only upwards), and never below `lowest`.
    """
    order = np.argsort(positions, kind="stable")
    wanted = np.asarray(positions, dtype=float)[order]
    placed = wanted.copy()
    for _ in range(len(placed) + 1):
        for i in range(1, len(placed)):
            placed[i] = max(placed[i], placed[i - 1] + gap)
        groups, start = [], 0
        for i in range(1, len(placed) + 1):
            if i == len(placed) or placed[i] - placed[i - 1] > gap + 1e-6:
                groups.append((start, i))
                start = i
        moved = False
        for a, b in groups:
            shift = wanted[a:b].mean() - placed[a:b].mean()
            if lowest is not None:
                shift = max(shift, lowest - placed[a])
            if abs(shift) > 1e-6:
                placed[a:b] += shift
                moved = True
        if not moved:
            break
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    out = np.empty_like(placed)
    out[order] = placed
    return out.tolist()


def _label_line_ends(ax: Axes, wide: pd.DataFrame, colours: list[str]) -> None:
    """Write each series' name at the right end of its line, nudged apart so they never overlap."""
    fig = ax.figure
    ax.get_ylim()  # settles the autoscaled limits, so transData is final without drawing
    last_x = mdates.date2num(pd.Timestamp(wide.index[-1]).to_pydatetime())
    ends = [float(wide[c].iloc[-1]) for c in wide.columns]
    to_display = ax.transData.transform
    ys = [to_display((last_x, v))[1] for v in ends]
    gap = mpl.rcParams["font.size"] * 1.25 * fig.dpi / 72
    spread = _spread(ys, gap, lowest=ax.transAxes.transform((0, 0))[1] + gap * 0.3)
    inverse = ax.transData.inverted().transform
    for name, colour, y_disp in zip(wide.columns, colours, spread, strict=True):
        y_data = inverse((0, y_disp))[1]
        ax.annotate(
            str(name),
            xy=(last_x, y_data),
            xytext=(8, 0),
            textcoords="offset points",
            va="center",
            ha="left",
            color=colour,
            fontsize=mpl.rcParams["font.size"],
            fontweight="bold",
            annotation_clip=False,
            gid="line-label",
        )


def timeline(
    data: pd.DataFrame,
    *,
    x: str | None = None,
    y: str | None = None,
    hue: str | None = None,
    top: int | None = 6,
    percent: bool = False,
    title: str | None | bool = None,
    subtitle: str | None | bool = None,
    source: str | None | bool = None,
    corpus: Corpus | None = None,
    ax: Axes | None = None,
    style: bool = True,
) -> Axes:
    """One line per value over time, named at its end (no legend to decode).

    `data` is a tidy time series from ``counts(corpus, dim, by="week")``: `x` the period column,
    `y` the value (``y="share", percent=True`` for shares of each period), `hue` the series
    column; the `top` series by total are drawn. Returns the Axes.
    """
    with briefing_style() if style else _nullcontext():
        if percent and y is None and "share" in data:
            y = "share"
        wide, x, value, hue = _series(data, x, y, hue, top)
        ax = _new_axes(ax)
        colours = [SERIES_COLOURS[i % len(SERIES_COLOURS)] for i in range(wide.shape[1])]
        index = pd.to_datetime(wide.index)
        single = len(index) == 1
        for column, colour in zip(wide.columns, colours, strict=True):
            ax.plot(
                index,
                wide[column].to_numpy(dtype=float),
                color=colour,
                marker="o" if single else None,
                label=str(column),
                gid="series",
            )
        ax.set_ylim(bottom=0)
        ax.yaxis.grid(True, color="#E5E5E5", linewidth=0.8)
        ax.set_axisbelow(True)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
        locator = _date_locator(x, len(index))
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(_date_formatter(locator))
        if percent:
            ax.yaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0, decimals=0))
        measure = data.attrs.get("measure")
        per = {
            "day": "per day",
            "week": "per week",
            "month": "per month",
            "quarter": "per quarter",
            "year": "per year",
        }.get(x, "")
        ax.set_ylabel(
            f"Share of {measure}"
            if percent and measure
            else f"{(measure or value).capitalize()} {per}".strip()
        )
        if len(wide.columns) and hue is not None and len(index):
            _label_line_ends(ax, wide.set_axis(index), colours)
        if title is None and data.attrs.get("dimension") in _PLURAL:
            title = f"{_PLURAL[data.attrs['dimension']]} over time"
        _decorate(ax, data, title=title, subtitle=subtitle, source=source, corpus=corpus)
    return ax


def small_multiples(
    data: pd.DataFrame,
    *,
    x: str | None = None,
    y: str | None = None,
    hue: str | None = None,
    top: int | None = 9,
    col_wrap: int = 3,
    sharey: bool = True,
    title: str | None | bool = None,
    subtitle: str | None | bool = None,
    source: str | None | bool = None,
    corpus: Corpus | None = None,
    style: bool = True,
) -> Figure:
    """One small panel per series (the others faint grey behind it), for many series at once.

    Same data as `timeline`. Figure-level: returns the Figure; panels share the y scale unless
    ``sharey=False``.
    """
    with briefing_style() if style else _nullcontext():
        wide, x, value, hue = _series(data, x, y, hue, top)
        n = max(wide.shape[1], 1)
        cols = min(col_wrap, n)
        rows = int(np.ceil(n / cols))
        width = mpl.rcParams["figure.figsize"][0]
        fig, axes = plt.subplots(
            rows, cols, figsize=(width, 1.0 + 2.3 * rows), sharex=True, sharey=sharey, squeeze=False
        )
        index = pd.to_datetime(wide.index)
        for i, ax in enumerate(axes.flat):
            if i >= wide.shape[1]:
                ax.set_visible(False)
                continue
            for other in wide.columns:
                ax.plot(index, wide[other].to_numpy(dtype=float), color=MUTED_COLOUR, linewidth=1.0)
            ax.plot(
                index, wide.iloc[:, i].to_numpy(dtype=float), color=BAR_COLOUR, linewidth=2.4, gid="series"
            )
            ax.set_title(
                str(wide.columns[i]), loc="left", fontsize=mpl.rcParams["font.size"], fontweight="bold"
            )
            ax.set_ylim(bottom=0)
            ax.yaxis.grid(True, color="#EEEEEE", linewidth=0.8)
            ax.set_axisbelow(True)
            locator = _date_locator(x, len(index), most=4)
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(_date_formatter(locator))
            ax.tick_params(labelsize=mpl.rcParams["font.size"] * 0.8)
            if i + cols >= wide.shape[1]:  # nothing below this panel: it shows the dates
                ax.xaxis.set_tick_params(labelbottom=True)
        if title is None and data.attrs.get("dimension") in _PLURAL:
            title = f"{_PLURAL[data.attrs['dimension']]} over time"
        _figure_header(fig, data, title=title, subtitle=subtitle, source=source, corpus=corpus)
    return fig


def _figure_header(fig: Figure, data: pd.DataFrame, *, title, subtitle, source, corpus) -> None:
    """Title, subtitle and source for a figure-level chart, with room made for them."""
    attrs = data.attrs
    if subtitle is None:
        subtitle = describe_slice(corpus) if corpus is not None else attrs.get("subtitle")
    if source is None:
        source = describe_sources(corpus) if corpus is not None else attrs.get("source")
    width, height = fig.get_size_inches()
    size = mpl.rcParams["font.size"]
    title_size = mpl.font_manager.FontProperties(size=mpl.rcParams["axes.titlesize"]).get_size_in_points()
    top_pt = 10.0
    if title:
        fig.text(
            0.01,
            1 - top_pt / 72 / height,
            str(title),
            ha="left",
            va="top",
            fontsize=title_size,
            fontweight="bold",
            color="#111111",
            gid="title",
        )
        top_pt += title_size * 1.35
    if subtitle:
        chars = max(40, int(width * 72 / (size * 0.95 * 0.55)))
        text = "\n".join(textwrap.wrap(str(subtitle), chars))
        fig.text(
            0.01,
            1 - top_pt / 72 / height,
            text,
            ha="left",
            va="top",
            fontsize=size * 0.95,
            color=TEXT_GREY,
            gid="subtitle",
        )
        top_pt += size * 0.95 * 1.3 * (text.count("\n") + 1)
    bottom_pt = 6.0
    if source:
        fig.text(
            0.01,
            bottom_pt / 72 / height,
            str(source),
            ha="left",
            va="bottom",
            fontsize=size * 0.8,
            color=TEXT_GREY,
            gid="source",
        )
        bottom_pt += size * 0.8 * 1.6
    fig.tight_layout(rect=(0, bottom_pt / 72 / height, 1, 1 - (top_pt + 8) / 72 / height))


# --------------------------------------------------------------------------- heatmap


def _matrix(data: pd.DataFrame, x: str | None, y: str | None, value: str | None) -> pd.DataFrame:
    if x is None and y is None and value is None:
        return data
    value = _value_column(data, value)
    if x is None or y is None:
        raise ValueError("give both `x` and `y` (or neither, for a wide table)")
    wide = data.pivot_table(index=y, columns=x, values=value, aggfunc="sum", observed=True)
    wide.attrs = {**data.attrs, "rows": y, "cols": x}
    return wide


def heatmap(
    data: pd.DataFrame,
    *,
    x: str | None = None,
    y: str | None = None,
    value: str | None = None,
    annot: bool = True,
    cmap: str | None = None,
    diagonal: bool | None = None,
    top: int | None = 40,
    title: str | None | bool = None,
    subtitle: str | None | bool = None,
    source: str | None | bool = None,
    corpus: Corpus | None = None,
    ax: Axes | None = None,
    style: bool = True,
) -> Axes:
    """A grid of numbers coloured by size: a `crosstab`, or a wide `cooccurrence` matrix.

    `data` is wide (rows × columns) or tidy with `x`, `y` and `value` columns. Counts use a
    sequential blue scale; PMI / NPMI a diverging red-blue one centred on 0 (lift on 1). The
    diagonal of a co-occurrence matrix (a value with itself) is left blank unless
    ``diagonal=True``. Only the first `top` rows and columns are drawn (tables from `crosstab`
    come largest first). Returns the Axes.
    """
    with briefing_style() if style else _nullcontext():
        wide = _matrix(data, x, y, value)
        if top is not None and (
            wide.shape[0] > top or wide.shape[1] > top
        ):  # a readable grid: the first rows
            attrs = wide.attrs
            wide = wide.iloc[:top, :top]
            wide.attrs = attrs
        attrs = wide.attrs or data.attrs
        rows_dim, cols_dim = attrs.get("rows", wide.index.name), attrs.get("cols", wide.columns.name)
        labels = attrs.get("labels", {})
        matrix = wide.to_numpy(dtype=float, copy=True)
        symmetric = rows_dim == cols_dim and list(wide.index) == list(wide.columns)
        if symmetric and not diagonal:
            np.fill_diagonal(matrix, np.nan)
        kind = attrs.get("value") if attrs.get("value") in ("lift", "pmi", "npmi") else "count"
        if kind == "count":
            norm, cmap = None, cmap or "Blues"
        else:
            centre = 1.0 if kind == "lift" else 0.0
            finite = matrix[np.isfinite(matrix)]
            spread = max(abs(finite - centre).max() if finite.size else 1.0, 1e-9)
            norm = TwoSlopeNorm(
                vcenter=centre,
                vmin=centre - spread if kind != "lift" else max(finite.min() if finite.size else 0.0, 1e-9),
                vmax=centre + spread,
            )
            if norm.vmin >= centre:
                norm = TwoSlopeNorm(vcenter=centre, vmin=centre - 1e-6, vmax=norm.vmax)
            cmap = cmap or "RdBu_r"
        n_rows, n_cols = matrix.shape
        ax = _new_axes(ax, height=max(4.0, 0.42 * n_rows + 3.0), width=max(7.0, 0.62 * n_cols + 4.5))
        if matrix.size == 0:
            ax.set_axis_off()
            _say_nothing_to_show(ax)
            _decorate(ax, data, title=title, subtitle=subtitle, source=source, corpus=corpus)
            return ax
        image = ax.imshow(
            np.ma.masked_invalid(matrix),
            cmap=cmap,
            norm=norm,
            aspect="auto",
            interpolation="nearest",
            gid="cells",
        )
        ax.set_xticks(
            np.arange(n_cols),
            _key_names(list(wide.columns), cols_dim, labels.get(cols_dim)),
            rotation=40,
            ha="right",
            rotation_mode="anchor",
        )
        ax.set_yticks(np.arange(n_rows), _key_names(list(wide.index), rows_dim, labels.get(rows_dim)))
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        if annot and n_rows * n_cols <= 600:
            _annotate_cells(ax, matrix, image, kind)
        colourbar = ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
        colourbar.outline.set_visible(False)
        colourbar.set_label(
            {"count": attrs.get("measure", "count"), "lift": "lift", "pmi": "PMI", "npmi": "normalised PMI"}[
                kind
            ]
        )
        if title is None:
            if symmetric:
                level = attrs.get("level", "article")
                title = f"{_PLURAL.get(rows_dim, 'Values')} named in the same {level}"
            elif rows_dim == "speaker" and cols_dim in ("country", "theme"):
                title = f"{_PLURAL[cols_dim]} named in each speaker's quotes"
            elif rows_dim in _PLURAL and cols_dim in _PLURAL:
                title = f"{_PLURAL[rows_dim]} × {_PLURAL[cols_dim].lower()}"
        _decorate(
            ax, wide if wide.attrs else data, title=title, subtitle=subtitle, source=source, corpus=corpus
        )
    return ax


def _annotate_cells(ax: Axes, matrix: np.ndarray, image, kind: str) -> None:
    size = mpl.rcParams["font.size"] * (0.85 if matrix.shape[1] <= 12 else 0.7)
    for (i, j), v in np.ndenumerate(matrix):
        if not np.isfinite(v):
            continue
        if kind == "count" and v == 0:
            continue
        r, g, b, _ = image.cmap(image.norm(v))
        dark = 0.299 * r + 0.587 * g + 0.114 * b < 0.5
        text = _fmt(v) if kind == "count" else f"{v:.1f}"
        ax.text(
            j,
            i,
            text,
            ha="center",
            va="center",
            fontsize=size,
            color="white" if dark else "#222222",
            gid="cell-label",
        )


# --------------------------------------------------------------------------- quote share


def quote_share(
    data: pd.DataFrame,
    *,
    top: int = 8,
    title: str | None | bool = None,
    subtitle: str | None | bool = None,
    source: str | None | bool = None,
    corpus: Corpus | None = None,
    ax: Axes | None = None,
    style: bool = True,
) -> Axes:
    """Who gets quoted: each speaker's share of all quotes.

    From ``counts(corpus, "speaker")``: ranked bars labelled "23% · 45 quotes". From
    ``counts(corpus, "speaker", by="publication")``: one 100% bar per outlet split between the
    `top` speakers overall and "Other speakers", so outlets' choices of voices can be compared.
    Returns the Axes.
    """
    with briefing_style() if style else _nullcontext():
        by = data.attrs.get("by")
        value = _value_column(data, None)
        if by is None or by not in data:
            rows = data.sort_values(value, ascending=False, kind="stable").head(top)
            written = [
                f"{s:.0%} \u00b7 {int(n):,} quote{'s' if n != 1 else ''}"
                for s, n in zip(rows["share"], rows[value], strict=True)
            ]
            ax = bar(
                rows,
                x="share",
                y="speaker",
                top=top,
                percent=True,
                value_labels=written,
                title=False,
                subtitle=False,
                source=False,
                ax=ax,
                style=False,
            )
            ax.set_xlim(0, max(float(rows["share"].max()) if len(rows) else 0.1, 0.01) * 1.4)
            if title is None:
                title = "Share of quotes by speaker"
        else:
            ax = _stacked_share(data, by, value, top, ax)
            if title is None:
                title = f"Who is quoted, by {by}"
        _decorate(ax, data, title=title, subtitle=subtitle, source=source, corpus=corpus)
    return ax


def _stacked_share(data: pd.DataFrame, by: str, value: str, top: int, ax: Axes | None) -> Axes:
    totals = data.groupby("speaker", observed=True)[value].sum().sort_values(ascending=False, kind="stable")
    leaders = list(totals.index[:top])
    named = data.assign(
        _who=np.where(data["speaker"].isin(leaders), data["speaker"].astype(str), "Other speakers")
    )
    wide = named.pivot_table(
        index=by, columns="_who", values=value, aggfunc="sum", fill_value=0, observed=True
    )
    columns = [str(s) for s in leaders if str(s) in wide.columns] + (
        ["Other speakers"] if "Other speakers" in wide.columns else []
    )
    wide = wide[columns]
    group_size = wide.sum(axis=1)
    wide = wide.loc[group_size.sort_values(ascending=False, kind="stable").index]
    shares = wide.div(wide.sum(axis=1).where(lambda s: s > 0), axis=0).fillna(0)
    colours = [SERIES_COLOURS[i % (len(SERIES_COLOURS) - 1)] for i in range(len(columns))]
    if columns and columns[-1] == "Other speakers":
        colours[-1] = MUTED_COLOUR
    ax = _new_axes(ax, height=max(3.5, 0.5 * len(shares) + 2.8))
    left = np.zeros(len(shares))
    positions = np.arange(len(shares))
    for column, colour in zip(columns, colours, strict=True):
        widths = shares[column].to_numpy()
        bars = ax.barh(positions, widths, left=left, color=colour, height=0.7, label=column, gid="segments")
        r, g, b, _ = mpl.colors.to_rgba(colour)
        dark = 0.299 * r + 0.587 * g + 0.114 * b < 0.5
        ax.bar_label(
            bars,
            labels=[f"{w:.0%}" if w >= 0.07 else "" for w in widths],
            label_type="center",
            color="white" if dark else "#222222",
            fontsize=mpl.rcParams["font.size"] * 0.85,
        )
        left += widths
    ax.set_yticks(
        positions,
        [
            f"{name} ({int(n):,} quotes)"
            for name, n in zip(shares.index, group_size[shares.index], strict=True)
        ],
    )
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_visible(False)
    for side in ("bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", length=0)
    if not columns:
        ax.text(
            0.5,
            0.5,
            "No attributed quotes in this slice",
            transform=ax.transAxes,
            ha="center",
            color=TEXT_GREY,
        )
        return ax
    ax.legend(
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncols=min(4, len(columns)),
        fontsize=mpl.rcParams["font.size"] * 0.85,
        handlelength=1.0,
        borderaxespad=0.3,
    )
    return ax


# --------------------------------------------------------------------------- render by name

#: Chart kinds `render` (and ``workbench chart --kind``) knows.
CHART_KINDS = (
    "countries",
    "speakers",
    "themes",
    "publications",
    "timeline",
    "small_multiples",
    "crosstab",
    "cooccurrence",
    "quote_share",
)


def render(
    corpus: Corpus,
    kind: str,
    *,
    top: int = 10,
    by: str = "week",
    measure: str | None = None,
    dimension: str = "country",
    rows: str = "speaker",
    cols: str = "country",
    level: str = "article",
    unique: bool = True,
    title: str | None = None,
) -> Figure:
    """Draw one named chart of `corpus` (see `CHART_KINDS`) in the briefing style; returns the Figure.

    countries / speakers / themes / publications: ranked bars of `counts`; timeline and
    small_multiples: `dimension` by `by` period; crosstab: `rows` × `cols`; cooccurrence:
    `dimension` pairs (`level` article or sentence); quote_share: speakers' share of quotes
    per outlet.
    """
    if kind not in CHART_KINDS:
        raise ValueError(f"`kind` must be one of {', '.join(CHART_KINDS)}, not {kind!r}")
    with briefing_style():
        single = {
            "countries": "country",
            "speakers": "speaker",
            "themes": "theme",
            "publications": "publication",
        }
        if kind in single:
            table = counts(corpus, single[kind], measure=measure, unique=unique, top=top)
            return bar(table, top=top, title=title).figure
        if kind in ("timeline", "small_multiples"):
            table = counts(corpus, dimension, by=by, measure=measure, unique=unique, top=top)
            if kind == "timeline":
                return timeline(table, top=min(top, 5), title=title).figure
            return small_multiples(table, top=min(top, 9), title=title)
        if kind == "crosstab":
            table = crosstab(corpus, rows, cols, measure=measure, unique=unique, top=top)
            return heatmap(table, title=title).figure
        if kind == "cooccurrence":
            table = cooccurrence(
                corpus,
                dimension,
                level=level,
                unique=unique,
                top=top,
                wide=True,
                value=measure if measure in ("lift", "pmi", "npmi") else "n",
            )
            return heatmap(table, title=title).figure
        table = counts(corpus, "speaker", by="publication", unique=unique)
        return quote_share(table, top=min(top, 7), title=title).figure
