"""`Dashboard`: the ipywidgets workbench over a `Corpus` (ipywidgets 8, JupyterLab 4).

The dashboard is a view. Its choices live in a `DashboardState` (an immutable value);
every widget event replaces the state and calls `refresh`, which asks the library for
the slice (`Corpus.filter`), the view's table (`Corpus.counts`, `crosstab`,
`cooccurrence`, `quotes_table`), the evidence (`kwic`, `quotes_table`), the chart
(`workbench.charts`) and the summary (`describe_slice`). Nothing is counted here.

Layout: filters in a left column; the view controls, the chart and the list of ranked
items in the centre; the evidence (sentences and quotes, article text always escaped)
below, with the export button. Widgets carry stable CSS classes (``wb-country``,
``wb-chart``, ``wb-evidence``...) so a browser test can find them.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from .dashboard_state import DashboardState

__all__ = ["Dashboard", "evidence_html", "table_html", "chart_figure"]

_COLUMN_LABELS = (
    ("Themes", "theme"),
    ("Countries", "country"),
    ("Speakers", "speaker"),
    ("Outlets", "publication"),
    ("Weeks", "week"),
    ("Months", "month"),
)
_VIEW_LABELS = (
    ("Ranking", "ranking"),
    ("Timeline", "timeline"),
    ("Crosstab", "crosstab"),
    ("Co-occurrence", "cooccurrence"),
    ("Quotes", "quotes"),
)
_DIMENSION_LABELS = (("Countries", "country"), ("Speakers", "speaker"), ("Themes", "theme"))
_MEASURE_LABELS = (
    ("Default", "default"),
    ("Mentions", "mentions"),
    ("Articles", "articles"),
    ("Quotes", "quotes"),
)
_CHART_FORMATS = ("png", "svg", "pdf")
_TABLE_FORMATS = ("csv", "xlsx")
_TIMELINE_LINES = 6  # more lines than this are unreadable; the table still has `top` rows
_EVIDENCE_ROWS = 60
_NO_ARTICLE = "— pick an article of the evidence —"
_QUOTE_COLUMNS = (
    "speaker",
    "role",
    "quote",
    "publication",
    "date",
)  # evidence shown in the widget; the export holds all of it

_CSS = """
<style>
.wb-root { font-family: var(--jp-ui-font-family, sans-serif); color: var(--jp-ui-font-color1, #222); }
.wb-root .wb-title { font-size: 16px; font-weight: 600; }
.wb-root .wb-summary { color: var(--jp-ui-font-color2, #555); }
.wb-root .wb-filters { background: var(--jp-layout-color2, #f5f5f5); border-radius: 6px; }
.wb-root .wb-section { font-weight: 600; margin-top: 6px; }
.wb-evidence-box { border-top: 1px solid var(--jp-border-color2, #ddd); }
.wb-ev { font-size: 13px; line-height: 1.45; }
.wb-ev .wb-ev-item { margin: 0 0 10px 0; padding: 6px 8px; border-left: 3px solid #4C72B0;
  background: var(--jp-layout-color1, #fff); }
.wb-ev .wb-ev-meta { color: var(--jp-ui-font-color2, #666); font-size: 12px; }
.wb-ev ul.wb-ev-hits { margin: 4px 0 0 0; padding-left: 18px; }
.wb-ev ul.wb-ev-hits li { margin-bottom: 3px; }
.wb-ev .wb-ev-head, .wb-ev .wb-ev-who { font-weight: 600; }
.wb-ev mark { background: #fde68a; padding: 0 1px; }
.wb-ev table { border-collapse: collapse; font-size: 12px; }
.wb-table { border-top: 1px solid var(--jp-border-color2, #ddd); margin-top: 6px; }
.wb-ev th, .wb-ev td { border-bottom: 1px solid #e5e5e5; padding: 3px 6px; text-align: left;
  vertical-align: top; }
</style>
"""


# -- rendering: plain functions, escaped text ----------------------------------------------------
def _escape(value) -> str:
    """Text as text: HTML-escaped, and `$` made inert so MathJax never typesets article text."""
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%-d %b %Y")
    return html.escape(str(value), quote=True).replace("$", "&#36;")


def _first(row: dict, *names: str):
    for name in names:
        value = row.get(name)
        if value is not None and not (isinstance(value, float) and pd.isna(value)) and value is not pd.NaT:
            return value
    return None


def _hit_spot(row: dict) -> int:
    """Where a kwic row's match starts in its sentence (found where the left context ends), or -1."""
    sentence, match = str(row.get("sentence") or ""), str(row.get("match") or "")
    tail = str(row.get("left") or "")[-20:]
    spots = [i for i in range(len(sentence)) if match and sentence.startswith(match, i)]

    def fits(i: int) -> bool:
        k = min(len(tail), i)
        return sentence[i - k : i] == tail[len(tail) - k :]

    return next((i for i in spots if fits(i)), spots[0] if spots else -1)


def _marked(sentence: str, spans: list[tuple[int, int]]) -> str:
    """The sentence, escaped, with each (start, end) span in <mark>."""
    out, position = [], 0
    for start, end in sorted(set(spans)):
        if start < position:
            continue
        out += [_escape(sentence[position:start]), "<mark>", _escape(sentence[start:end]), "</mark>"]
        position = end
    out.append(_escape(sentence[position:]))
    return "".join(out)


def _quote_line(row: dict) -> str:
    """A quote row: the words, the speaker and their role."""
    who, role = _escape(_first(row, "speaker")), _escape(_first(row, "role"))
    return (
        f"\u201c{_escape(_first(row, 'quote', 'text', 'sentence'))}\u201d"
        + (f' \u2014 <span class="wb-ev-who">{who}</span>' if who else "")
        + (f", {role}" if role else "")
    )


def _cards(rows: list[dict]) -> list[tuple[dict, list]]:
    """Rows grouped into one card per article (consecutive rows), hits in one sentence on one line.

    A line is either ready HTML (a quote) or ``[sentence, spans]`` of kwic hits to mark.
    """
    cards: list[tuple[dict, list]] = []
    for row in rows:
        article = row.get("article_id")
        if not cards or article is None or article != cards[-1][0].get("article_id"):
            cards.append((row, []))
        lines = cards[-1][1]
        if "match" not in row or "sentence" not in row:
            lines.append(_quote_line(row))
            continue
        sentence, spot = str(row.get("sentence") or ""), _hit_spot(row)
        if spot < 0:  # the hit is not in the sentence given: show the plain context
            match = _escape(row.get("match"))
            lines.append(f"{_escape(row.get('left'))}<mark>{match}</mark>{_escape(row.get('right'))}")
            continue
        span = (spot, spot + len(str(row.get("match"))))
        if lines and isinstance(lines[-1], list) and lines[-1][0] == sentence:
            lines[-1][1].append(span)
        else:
            lines.append([sentence, [span]])
    return cards


def evidence_html(evidence: pd.DataFrame, *, title: str = "", limit: int = _EVIDENCE_ROWS) -> str:
    """Evidence rows (kwic or quotes) as escaped HTML: one card per article with headline, outlet and date.

    Every value from the corpus goes through `html.escape`; the container carries the
    ``tex2jax_ignore``/``mathjax_ignore`` classes so `$...$` in articles stays literal.
    """
    parts = ['<div class="wb-ev tex2jax_ignore mathjax_ignore">']
    if title:
        parts.append(f'<div class="wb-section">{_escape(title)}</div>')
    if evidence is None or evidence.empty:
        parts.append("<p><i>No evidence for this choice.</i></p></div>")
        return "".join(parts)
    for row, lines in _cards(evidence.head(limit).to_dict("records")):
        where = (_escape(_first(row, "publication")), _escape(_first(row, "date")))
        parts.append(
            f'<div class="wb-ev-item"><div class="wb-ev-head">{_escape(_first(row, "headline"))}</div>'
            f'<div class="wb-ev-meta">{" · ".join(p for p in where if p)}</div><ul class="wb-ev-hits">'
        )
        for line in lines:
            text = _marked(*line) if isinstance(line, list) else line
            parts.append(f'<li class="wb-ev-text">{text}</li>')
        parts.append("</ul></div>")
    if len(evidence) > limit:
        parts.append(f"<p><i>The first {limit} rows are shown; Export writes all of them.</i></p>")
    parts.append("</div>")
    return "".join(parts)


def table_html(frame: pd.DataFrame, *, limit: int = 30, columns: tuple[str, ...] | None = None) -> str:
    """A small table (a view's table: crosstab, quotes...) as escaped HTML; `columns` picks and orders.

    A RangeIndex is left out; any other index (crosstab rows) is the first column.
    """
    if frame is None or frame.empty:
        return '<div class="wb-ev"><p><i>Nothing to show for this slice.</i></p></div>'
    shown = frame.head(limit)
    if columns is not None:
        shown = shown[[c for c in columns if c in shown]]
    with_index = not isinstance(shown.index, pd.RangeIndex)
    names = ([shown.index.name or ""] if with_index else []) + list(shown.columns)
    header = "".join(f"<th>{_escape(c)}</th>" for c in names)
    rows = "".join(
        "<tr>"
        + (f"<th>{_escape(index)}</th>" if with_index else "")
        + "".join(f"<td>{_escape(v)}</td>" for v in values)
        + "</tr>"
        for index, values in zip(shown.index, shown.itertuples(index=False), strict=True)
    )
    more = f"<p><i>First {limit} of {len(frame):,} rows.</i></p>" if len(frame) > limit else ""
    return (
        f'<div class="wb-ev tex2jax_ignore mathjax_ignore"><table><tr>{header}</tr>{rows}</table>{more}</div>'
    )


def chart_figure(state: DashboardState, data: pd.DataFrame, ranking: pd.DataFrame | None = None):
    """The chart of the current view, drawn by `workbench.charts`; None when there is nothing to draw.

    Ranking: `bar`; timeline: `timeline`; crosstab and co-occurrence: `heatmap`; quotes:
    `quote_share` of the speakers' ranking. The chart functions size their own figure; it
    is closed in pyplot at once, so it is never displayed implicitly (it can still be saved).
    """
    import matplotlib.pyplot as plt

    from . import charts

    table = ranking if state.view == "quotes" else data
    if table is None or table.empty:
        return None
    if state.view == "ranking":
        ax = charts.bar(data, top=state.top)
    elif state.view == "timeline":
        ax = charts.timeline(data, top=min(state.top, _TIMELINE_LINES))
    elif state.view == "quotes":
        ax = charts.quote_share(ranking, top=state.top)
    else:
        ax = charts.heatmap(data)
    figure = ax.figure
    plt.close(figure)
    return figure


class Dashboard:
    """The interactive workbench: ``wb.Dashboard(corpus)`` in a notebook cell.

    `state` starts the dashboard on given choices (a `DashboardState`); `exports` is the
    folder the export button writes to (default: `workbench.paths.exports_path()`).
    `refresh()` recomputes everything from the state (what a widget event triggers).
    """

    def __init__(self, corpus, *, state: DashboardState | None = None, exports: str | Path | None = None):
        import ipywidgets as w  # imported here: the library works without ipywidgets installed

        self._w = w
        self.corpus = corpus
        self.state = state or DashboardState()
        self._exports = Path(exports) if exports is not None else None
        self.sliced = self.stories = corpus
        self.data = pd.DataFrame()
        self.ranking = pd.DataFrame()
        self.evidence = pd.DataFrame()
        self.figure = None
        self._syncing = False
        self._build()
        self.refresh()

    # -- display ----------------------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    # -- building the widgets -----------------------------------------------------------------------
    def _options(self) -> dict[str, list[tuple[str, str]]]:
        """(label, key) choices for the multi-select filters, most frequent first, from the library."""
        options = {}
        for dimension in ("country", "theme", "speaker"):
            ranked = self.corpus.counts(dimension, measure="articles", unique=False)
            options[dimension] = _pairs(ranked, dimension)
        outlets = self.corpus.articles["publication"].dropna().astype(str)
        options["publication"] = [(o, o) for o in outlets.value_counts().index]
        return options

    def _build(self) -> None:
        w = self._w
        self._choices = self._options()
        self._label_to_key = {
            name: {label: key for label, key in pairs} for name, pairs in self._choices.items()
        }
        self._key_to_label = {
            name: {key: label for label, key in pairs} for name, pairs in self._choices.items()
        }

        def tags(name: str, placeholder: str):
            widget = w.TagsInput(
                value=[],
                allowed_tags=[label for label, _ in self._choices[name]],
                allow_duplicates=False,
                placeholder=placeholder,
                layout=w.Layout(width="100%"),
            )
            return widget.add_class(f"wb-{name}")

        full = w.Layout(width="100%")
        self.controls = {
            "speaker": tags("speaker", "type a speaker, then Tab"),
            "country": tags("country", "type a country, then Tab"),
            "theme": tags("theme", "type a theme, then Tab"),
            "publication": tags("publication", "type an outlet, then Tab"),
            "since": w.DatePicker(description="From", layout=full).add_class("wb-since"),
            "until": w.DatePicker(description="To", layout=full).add_class("wb-until"),
            "text": w.Text(
                placeholder="words or a phrase, then Enter", continuous_update=False, layout=full
            ).add_class("wb-text"),
            "in_quotes": w.Checkbox(description="Mentions inside quotes only", indent=False).add_class(
                "wb-in-quotes"
            ),
            "unique": w.Checkbox(description="Unique stories (drop duplicates)", indent=False).add_class(
                "wb-unique"
            ),
            "view": w.ToggleButtons(options=_VIEW_LABELS, style={"button_width": "116px"}).add_class(
                "wb-view"
            ),
            "dimension": w.Dropdown(
                options=_DIMENSION_LABELS, description="Count", layout=w.Layout(width="190px")
            ).add_class("wb-dimension"),
            "columns": w.Dropdown(
                options=_COLUMN_LABELS, description="against", layout=w.Layout(width="190px")
            ).add_class("wb-columns"),
            "measure": w.Dropdown(
                options=_MEASURE_LABELS, description="by", layout=w.Layout(width="170px")
            ).add_class("wb-measure"),
            "period": w.Dropdown(
                options=(("Week", "week"), ("Month", "month")),
                description="per",
                layout=w.Layout(width="160px"),
            ).add_class("wb-period"),
            "level": w.Dropdown(
                options=(("Article", "article"), ("Sentence", "sentence")),
                description="within",
                layout=w.Layout(width="180px"),
            ).add_class("wb-level"),
            "top": w.IntSlider(
                min=3, max=40, description="Top", continuous_update=False, layout=w.Layout(width="260px")
            ).add_class("wb-top"),
        }
        for control in self.controls.values():
            control.style.description_width = "initial"
        self.reset_button = w.Button(
            description="Reset filters", icon="undo", layout=w.Layout(width="100%")
        ).add_class("wb-reset")
        self.items = w.Select(options=[], rows=16, layout=w.Layout(width="210px")).add_class("wb-items")
        self.chart = w.Image(format="png", layout=w.Layout(max_width="720px", width="100%")).add_class(
            "wb-chart"
        )
        self.table = w.HTML(layout=w.Layout(max_height="380px", overflow="auto")).add_class("wb-table")
        self.summary = w.HTML().add_class("wb-summary")
        self.message = w.HTML().add_class("wb-message")
        self.evidence_view = w.HTML(layout=w.Layout(max_height="420px", overflow="auto")).add_class(
            "wb-evidence"
        )
        self.article_picker = w.Dropdown(
            options=[(_NO_ARTICLE, "")], description="Read the article", layout=w.Layout(width="100%")
        ).add_class("wb-article-picker")
        self.article_picker.style.description_width = "initial"
        self.article_view = w.HTML(layout=w.Layout(max_height="480px", overflow="auto")).add_class(
            "wb-article"
        )
        self.export_button = w.Button(
            description="Export chart + evidence",
            icon="download",
            button_style="primary",
            layout=w.Layout(width="230px"),
        ).add_class("wb-export")
        self.export_log = w.HTML(layout=w.Layout(margin="0 0 0 12px", flex="1 1 0%")).add_class(
            "wb-export-log"
        )

        self._set_widgets(self.state)
        for name, control in self.controls.items():
            control.observe(self._on_change(name), names="value")
        self.items.observe(self._on_select, names="value")
        self.article_picker.observe(self._on_article, names="value")
        self.reset_button.on_click(lambda _button: self.set_state(self.state.reset()))
        self.export_button.on_click(lambda _button: self._on_export())

        section = lambda text: w.HTML(f'<div class="wb-section">{html.escape(text)}</div>')  # noqa: E731
        filters = w.VBox(
            [
                section("Speakers"),
                self.controls["speaker"],
                section("Countries"),
                self.controls["country"],
                section("Themes"),
                self.controls["theme"],
                section("Outlets"),
                self.controls["publication"],
                section("Dates"),
                self.controls["since"],
                self.controls["until"],
                section("Text"),
                self.controls["text"],
                self.controls["in_quotes"],
                self.controls["unique"],
                self.reset_button,
            ],
            layout=w.Layout(width="270px", min_width="270px", padding="8px", margin="0 12px 0 0"),
        ).add_class("wb-filters")
        self._view_row = w.HBox(
            [
                self.controls["dimension"],
                self.controls["columns"],
                self.controls["measure"],
                self.controls["period"],
                self.controls["level"],
                self.controls["top"],
            ],
            layout=w.Layout(flex_flow="row wrap", align_items="center"),
        )
        picker = w.VBox(
            [w.HTML('<div class="wb-section">Show evidence for</div>'), self.items],
            layout=w.Layout(flex="0 0 220px", margin="0 0 0 8px"),
        )
        centre = w.VBox(
            [
                self.controls["view"],
                self._view_row,
                w.HBox(
                    [w.VBox([self.chart, self.table], layout=w.Layout(flex="1 1 0%", min_width="0")), picker],
                    layout=w.Layout(align_items="flex-start"),
                ),
                w.VBox(
                    [self.evidence_view, self.article_picker, self.article_view],
                    layout=w.Layout(margin="8px 0 0 0"),
                ).add_class("wb-evidence-box"),
                w.HBox([self.export_button, self.export_log], layout=w.Layout(align_items="flex-start")),
                self.message,
            ],
            layout=w.Layout(flex="1 1 auto", min_width="0"),
        )
        header = w.VBox([w.HTML(_CSS + '<div class="wb-title">News workbench</div>'), self.summary])
        self.widget = w.VBox(
            [header, w.HBox([filters, centre], layout=w.Layout(align_items="flex-start"))]
        ).add_class("wb-root")

    # -- state <-> widgets ------------------------------------------------------------------------
    def _set_widgets(self, state: DashboardState) -> None:
        """Show `state` in the widgets without triggering their callbacks."""
        self._syncing = True
        try:
            for name in ("speaker", "country", "theme", "publication"):
                labels = self._key_to_label[name]  # keys the corpus lacks stay in the state (and the message)
                self.controls[name].value = [labels[key] for key in getattr(state, name) if key in labels]
            for name in (
                "since",
                "until",
                "in_quotes",
                "unique",
                "view",
                "dimension",
                "columns",
                "period",
                "level",
                "top",
            ):
                self.controls[name].value = getattr(state, name)
            self.controls["measure"].value = state.measure or "default"
            self.controls["text"].value = state.text
            self._show_controls(state)
        finally:
            self._syncing = False

    def _show_controls(self, state: DashboardState) -> None:
        visible = {
            "dimension": state.view in ("ranking", "timeline", "crosstab"),
            "columns": state.view == "crosstab",
            "measure": state.view in ("ranking", "timeline", "crosstab"),
            "period": state.view == "timeline",
            "level": state.view == "cooccurrence",
            "top": True,
        }
        for name, shown in visible.items():
            self.controls[name].layout.display = None if shown else "none"

    def _widget_value(self, name: str, value):
        if name in ("speaker", "country", "theme", "publication"):
            keys = self._label_to_key[name]
            return tuple(keys.get(label, label) for label in value)
        if name == "measure" and value == "default":
            return None
        return value

    def _on_change(self, name: str):
        def handler(change) -> None:
            if self._syncing:
                return
            try:
                state = self.state.with_(**{name: self._widget_value(name, change["new"])})
            except ValueError as exc:
                self._say(str(exc))
                return
            self.set_state(state, sync=False)

        return handler

    def _on_select(self, change) -> None:
        if self._syncing or change["new"] is None:
            return
        self.state = self.state.with_(selected=change["new"])
        self._refresh_evidence()

    def set_state(self, state: DashboardState, *, sync: bool = True) -> None:
        """Replace the state (e.g. ``dash.set_state(dash.state.with_(country=("IRN",)))``) and refresh."""
        self.state = state
        if sync:
            self._set_widgets(state)
        else:
            self._show_controls(state)
        self.refresh()

    # -- computing and drawing ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Recompute the slice, the view, the chart and the evidence from `self.state`."""
        from .slicing import describe_slice, frame_length

        state = self.state
        try:
            self.sliced = state.apply(self.corpus)
            self.stories = state.stories(self.sliced)  # duplicates dropped once, not in every call
            self.data = state.data_of(self.stories)
            self.ranking = self.data if state.view == "ranking" else state.ranking_of(self.stories)
        except ValueError as exc:  # a filter value that the corpus does not have
            self._say(str(exc))
            return
        self._say("")
        self.summary.value = (
            f'<span class="wb-summary-text">{_escape(describe_slice(self.stories, unique=False))}'
            f" · {frame_length(self.stories, 'quotes'):,} quotes"
            f"{' (unique stories)' if state.unique else ''}</span>"
        )
        self._draw()
        self._fill_items()
        self._refresh_evidence()

    def _draw(self) -> None:
        self.figure = chart_figure(self.state, self.data, self.ranking)
        self.chart.layout.display = "none" if self.figure is None else None
        if self.figure is not None:
            from .charts import screen_png

            self.chart.value = screen_png(self.figure)
        # The quotes view is a table (under its chart of who gets quoted); a view without a chart too.
        show_table = self.state.view == "quotes" or self.figure is None
        self.table.layout.display = None if show_table else "none"
        if show_table:
            columns = _QUOTE_COLUMNS if self.state.view == "quotes" else None
            self.table.value = table_html(self.data, columns=columns)

    def _fill_items(self) -> None:
        pairs = _pairs(self.ranking, self.state.item_dimension, with_counts=True)
        keys = [key for _, key in pairs]
        selected = self.state.selected if self.state.selected in keys else (keys[0] if keys else None)
        self.state = self.state.with_(selected=selected)
        self._syncing = True
        try:
            self.items.options = pairs
            self.items.value = selected
        finally:
            self._syncing = False

    def _refresh_evidence(self) -> None:
        # One row more than shown tells whether there are more (the export recomputes all of them).
        self.evidence = self.state.evidence_of(self.stories, limit=_EVIDENCE_ROWS + 1)
        measure = self.ranking.attrs.get("measure", "")
        found = {key: (label, n) for key, label, n in _items(self.ranking, self.state.item_dimension)}
        if self.state.selected in found:
            label, n = found[self.state.selected]
            title = f"{label} \u2014 {n:,} {measure} in this slice" if n is not None else label
        else:
            title = self.state.selected or "all quotes in the slice"
        self.evidence_view.value = evidence_html(self.evidence, title=f"Evidence: {title}")
        self._fill_articles()

    def _fill_articles(self) -> None:
        """The articles behind the evidence, to read in full (none open until one is picked)."""
        articles = (
            self.evidence.drop_duplicates("article_id") if "article_id" in self.evidence else self.evidence
        )
        options = [(_NO_ARTICLE, "")] + [
            (" \u00b7 ".join(str(v) for v in (_first(row, "headline"), _first(row, "publication")) if v), aid)
            for aid, row in zip(articles.get("article_id", []), articles.to_dict("records"), strict=False)
        ]
        self._syncing = True
        try:
            self.article_picker.options = options
            self.article_picker.value = ""
        finally:
            self._syncing = False
        self.article_view.value = ""

    def _on_article(self, change) -> None:
        if self._syncing:
            return
        if not change["new"]:
            self.article_view.value = ""
            return
        # ArticleView.to_html escapes the text; the wrapper keeps MathJax away from `$`.
        view = self.corpus.article(change["new"]).to_html()
        self.article_view.value = f'<div class="wb-ev tex2jax_ignore mathjax_ignore">{view}</div>'

    def _say(self, text: str) -> None:
        self.message.value = f'<span style="color:#b91c1c">{_escape(text)}</span>' if text else ""

    # -- export ---------------------------------------------------------------------------------------
    def export(self) -> list[Path]:
        """Write the current chart (PNG, SVG, PDF) and evidence (CSV, XLSX); returns the files written."""
        from .export import export
        from .paths import exports_path

        folder = self._exports or exports_path()
        folder.mkdir(parents=True, exist_ok=True)
        stem = _stem(self.state)
        written: list[Path] = []
        if self.figure is not None:
            written += [Path(p) for p in export(self.figure, folder / stem, formats=_CHART_FORMATS)]
        evidence = self.state.evidence_of(self.stories)  # all of it, not the rows on screen
        written += [Path(p) for p in export(evidence, folder / f"{stem}-evidence", formats=_TABLE_FORMATS)]
        return written

    def _on_export(self) -> None:
        try:
            written = self.export()
        except Exception as exc:  # shown to the analyst, not swallowed
            failure = _escape(f"Export failed: {type(exc).__name__}: {exc}")
            self.export_log.value = f'<span style="color:#b91c1c">{failure}</span>'
            return
        folder = _escape(written[0].parent) if written else ""
        names = ", ".join(f"<code>{_escape(p.name)}</code>" for p in written)
        self.export_log.value = f'<div class="wb-ev">Wrote {names} into <code>{folder}</code></div>'


def _items(ranked: pd.DataFrame, dimension: str) -> list[tuple[str, str, int | None]]:
    """(key, label, count) of each row of a ranking table from `Corpus.counts`, in its order."""
    if ranked is None or ranked.empty:
        return []
    key_column = dimension if dimension in ranked else "key"
    label_column = "label" if "label" in ranked else key_column
    count_column = ranked.attrs.get("value") or next((c for c in ranked if str(c).startswith("n_")), None)
    rows = ranked.drop_duplicates(key_column)
    counts = rows[count_column] if count_column in rows else [None] * len(rows)
    return [
        (str(key), str(label), None if n is None else int(n))
        for key, label, n in zip(rows[key_column], rows[label_column], counts, strict=True)
    ]


def _pairs(ranked: pd.DataFrame, dimension: str, *, with_counts: bool = False) -> list[tuple[str, str]]:
    """(label, key) options of a ranking table, the label with its count when `with_counts`."""
    return [
        (f"{label} ({n:,})" if with_counts and n is not None else label, key)
        for key, label, n in _items(ranked, dimension)
    ]


def _stem(state: DashboardState) -> str:
    """A readable file stem for the current view: ``ranking-country-IRN``."""
    parts = [state.view, state.dimension, *state.country, *state.theme, *state.speaker]
    return "-".join(str(p).replace(" ", "_").replace("/", "_") for p in parts)[:80]
