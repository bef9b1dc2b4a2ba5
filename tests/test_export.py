"""Tests for workbench.export and `workbench chart`: the files written open and are what they claim."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import matplotlib.image as mpimg
import pandas as pd
import pytest

from workbench import charts, cli_chart
from workbench.counting import counts, crosstab
from workbench.evidence import quotes_table
from workbench.export import MIN_DPI, briefing_pack, export


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", data))


def png_dpi(path) -> float:
    from PIL import Image

    with Image.open(path) as image:
        return float(image.info["dpi"][0])


def test_export_figure_writes_png_svg_pdf(corpus, tmp_path):
    ax = charts.bar(counts(corpus, "country"))
    written = export(ax, tmp_path / "charts" / "top-countries")
    assert [p.name for p in written] == ["top-countries.png", "top-countries.svg", "top-countries.pdf"]
    png, svg, pdf = written
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert mpimg.imread(png).ndim == 3
    assert png_dpi(png) == pytest.approx(MIN_DPI, abs=1)
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    texts = ["".join(e.itertext()) for e in root.iter() if e.tag.endswith("}text")]
    assert "Countries by number of mentions" in texts  # text kept as text, not paths
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and pdf_pages(data) == 1


def test_export_suffix_picks_the_format_and_dpi_has_a_floor(corpus, tmp_path):
    fig = charts.render(corpus, "countries")
    (png,) = export(fig, tmp_path / "top.png", dpi=72)
    assert png.name == "top.png"
    assert png_dpi(png) == pytest.approx(MIN_DPI, abs=1)
    (high,) = export(fig, tmp_path / "big", formats="png", dpi=300)
    assert png_dpi(high) == pytest.approx(300, abs=1)


def test_export_table_writes_csv_and_xlsx(corpus, tmp_path):
    table = counts(corpus, "country")
    csv, xlsx = export(table, tmp_path / "countries")
    assert (csv.name, xlsx.name) == ("countries.csv", "countries.xlsx")
    back = pd.read_csv(csv)
    assert list(back.columns) == ["country", "label", "n_mentions", "share"]
    assert back["n_mentions"].tolist() == table["n_mentions"].tolist()
    sheet = pd.read_excel(xlsx, engine="openpyxl")
    assert sheet["label"].tolist() == table["label"].tolist()


def test_export_wide_table_keeps_its_index(corpus, tmp_path):
    (xlsx,) = export(crosstab(corpus, "speaker", "country"), tmp_path / "speakers.xlsx")
    sheet = pd.read_excel(xlsx, engine="openpyxl", index_col=0)
    assert sheet.loc["Joe Biden", "RUS"] == 2


def test_export_quotes_with_dates_and_lists(corpus, tmp_path):
    table = quotes_table(corpus).assign(tags=[["a", "b"]] * 5)
    (xlsx,) = export(table, tmp_path / "quotes.xlsx")
    sheet = pd.read_excel(xlsx, engine="openpyxl")
    assert sheet["tags"].tolist()[0] == "a; b"
    assert sheet["speaker"].tolist()[0] == "Olaf Scholz"


@pytest.mark.parametrize(
    ("obj", "formats", "message"),
    [
        ("table", ("png",), "for a table must be among csv, xlsx"),
        ("figure", ("xlsx",), "for a chart must be"),
    ],
)
def test_export_wrong_format(corpus, tmp_path, obj, formats, message):
    thing = counts(corpus, "country") if obj == "table" else charts.render(corpus, "countries")
    with pytest.raises(ValueError, match=message):
        export(thing, tmp_path / "x", formats)


def test_export_refuses_other_objects(tmp_path):
    with pytest.raises(TypeError, match="not str"):
        export("chart", tmp_path / "x")


def test_briefing_pack_pages(corpus, tmp_path):
    path = briefing_pack(
        corpus, tmp_path / "brief", charts=("countries", "timeline"), top_quotes=3, by="month"
    )
    assert path.name == "brief.pdf"
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert pdf_pages(data) == 3  # two charts and one page of quotes


def test_briefing_pack_without_quotes_and_bad_chart(corpus, tmp_path):
    path = briefing_pack(corpus, tmp_path / "b.pdf", charts=("speakers",), top_quotes=0)
    assert pdf_pages(path.read_bytes()) == 1
    with pytest.raises(ValueError, match="`charts` must be among"):
        briefing_pack(corpus, tmp_path / "c.pdf", charts=("pie",))


def run_cli(monkeypatch, corpus, argv):
    import argparse

    import workbench

    monkeypatch.setattr(workbench, "load", lambda paths, **_: corpus)
    parser = argparse.ArgumentParser(prog="workbench")
    cli_chart.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_chart_writes_the_file(monkeypatch, corpus, tmp_path, capsys):
    out = tmp_path / "top-countries.png"
    status = run_cli(
        monkeypatch,
        corpus,
        ["chart", "data/sample", "--kind", "countries", "--top", "3", "--country", "IRN", "-o", str(out)],
    )
    assert status == 0
    assert out.read_bytes()[:4] == b"\x89PNG"
    captured = capsys.readouterr()
    assert captured.out.strip() == str(out)
    assert "Country: Iran" in captured.err


def test_cli_chart_formats_and_briefing(monkeypatch, corpus, tmp_path):
    base = tmp_path / "timeline"
    status = run_cli(
        monkeypatch,
        corpus,
        [
            "chart",
            "x",
            "--kind",
            "timeline",
            "--by",
            "month",
            "--format",
            "svg",
            "--format",
            "pdf",
            "-o",
            str(base),
        ],
    )
    assert status == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timeline.pdf", "timeline.svg"]
    status = run_cli(
        monkeypatch,
        corpus,
        ["chart", "x", "--kind", "briefing", "--theme", "energy", "-o", str(tmp_path / "brief.pdf")],
    )
    assert status == 0
    assert (tmp_path / "brief.pdf").read_bytes().startswith(b"%PDF")


def test_cli_chart_unknown_filter_value(monkeypatch, corpus, tmp_path, capsys):
    status = run_cli(monkeypatch, corpus, ["chart", "x", "--country", "Irna", "-o", str(tmp_path / "x.png")])
    assert status == 2
    assert "did you mean 'IRN'" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_cli_chart_all_writes_one_file_per_chart(monkeypatch, corpus, tmp_path):
    status = run_cli(
        monkeypatch,
        corpus,
        ["chart", "x", "--kind", "all", "--format", "png", "--by", "month", "-o", str(tmp_path / "gallery")],
    )
    assert status == 0
    assert sorted(p.stem for p in (tmp_path / "gallery").iterdir()) == sorted(charts.CHART_KINDS)
    assert run_cli(monkeypatch, corpus, ["chart", "x", "--kind", "all", "-o", str(tmp_path / "g.png")]) == 2
