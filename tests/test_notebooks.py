"""The example notebooks, executed headlessly (nbclient) in place, exports sent to a temporary folder.

Each notebook runs once per session in its own folder (``notebooks/``) with this
interpreter's kernel; the assertions read what the cells printed and displayed (table
shapes, chart images, the dashboard's widget state) and the files they exported.
Committed notebooks must carry no outputs.
"""

from __future__ import annotations

import json
import re

import nbformat
import pytest

from workbench.demo import NOTEBOOKS, execute_notebook
from workbench.paths import notebooks_path

pytestmark = pytest.mark.slow

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """name -> (executed notebook, its exports folder); each notebook is executed on first use."""
    done: dict = {}

    def run(name: str):
        if name not in done:
            exports = tmp_path_factory.mktemp(name.split("_")[0] + "-exports")
            done[name] = (execute_notebook(notebooks_path() / name, exports=exports, timeout=300), exports)
        return done[name]

    return run


def code_outputs(notebook) -> list[dict]:
    return [
        output for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", [])
    ]


def text_of(notebook) -> str:
    """Everything the cells printed or returned as text."""
    parts = []
    for output in code_outputs(notebook):
        if output.get("output_type") == "stream":
            parts.append(output["text"])
        elif "data" in output:
            parts.append(output["data"].get("text/plain", ""))
            parts.append(output["data"].get("text/html", ""))
    return "\n".join(parts)


def images_in(notebook) -> int:
    return sum("image/png" in output.get("data", {}) for output in code_outputs(notebook))


def errors_in(notebook) -> list[str]:
    return [o.get("ename", "") for o in code_outputs(notebook) if o.get("output_type") == "error"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_notebooks_have_no_outputs(name):
    notebook = nbformat.read(notebooks_path() / name, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, (
                f"{name}: clear the outputs before committing"
            )
    assert notebook.metadata.kernelspec.name == "python3"
    assert "widgets" not in notebook.metadata


def test_quickstart_shows_the_frames_and_a_chart(executed):
    notebook, _ = executed("01_quickstart.ipynb")
    assert errors_in(notebook) == []
    text = text_of(notebook)
    shapes = dict(re.findall(r"^(articles|quotes|mentions|speakers) \((\d+), \d+\)$", text, flags=re.M))
    assert set(shapes) == {"articles", "quotes", "mentions", "speakers"}
    assert all(int(n) > 0 for n in shapes.values()), shapes
    assert "all accounted for" in text  # the load report's summary line
    assert images_in(notebook) >= 1
    assert "IRN" in text or "Iran" in text


def test_dashboard_notebook_builds_the_widget(executed):
    notebook, _ = executed("02_dashboard.ipynb")
    assert errors_in(notebook) == []
    views = [o for o in code_outputs(notebook) if WIDGET_VIEW in o.get("data", {})]
    assert len(views) == 1
    state = notebook.metadata["widgets"][WIDGET_STATE]["state"]
    models = [m["state"] for m in state.values()]
    country = [m for m in models if "wb-country" in m.get("_dom_classes", ())]
    assert len(country) == 1 and len(country[0]["allowed_tags"]) > 5
    charts = [m for m in models if "wb-chart" in m.get("_dom_classes", ())]
    assert len(charts) == 1
    evidence = [m for m in models if "wb-evidence" in m.get("_dom_classes", ())]
    assert len(evidence) == 1 and "wb-ev-item" in evidence[0]["value"]
    text = text_of(notebook)
    assert "DashboardState(" in text and "view='ranking'" in text


def test_briefing_notebook_exports_charts_tables_and_the_pack(executed):
    notebook, exports = executed("03_briefing_export.ipynb")
    assert errors_in(notebook) == []
    assert images_in(notebook) >= 3
    for stem in ("russia-speakers", "themes-timeline", "countries-themes"):
        for suffix in (".png", ".svg", ".pdf"):
            path = exports / f"{stem}{suffix}"
            assert path.exists() and path.stat().st_size > 0, path
    for suffix in (".csv", ".xlsx"):
        assert (exports / f"russia-quotes{suffix}").stat().st_size > 0
    pack = exports / "briefing-russia.pdf"
    assert pack.read_bytes().startswith(b"%PDF") and pack.stat().st_size > 20_000


def test_custom_themes_notebook_adds_a_theme_and_recounts(executed):
    notebook, exports = executed("04_custom_themes.ipynb")
    assert errors_in(notebook) == []
    lexicon = (exports / "my_themes.yaml").read_text(encoding="utf-8")
    assert "shipping_ports:" in lexicon and "Shipping & ports" in lexicon
    text = text_of(notebook)
    # The label appears only in the recount (the custom corpus found the new theme), not in the YAML cell.
    assert "Shipping &amp; ports" in text or "Shipping & ports" in text
    last = [c for c in notebook.cells if c.cell_type == "code"][-1]
    assert "shipping" in last.outputs[0]["data"]["text/plain"].lower()  # its kwic has rows
    assert images_in(notebook) >= 1


def test_notebooks_do_not_write_into_the_repository(executed):
    for name in NOTEBOOKS:
        executed(name)
    assert not (notebooks_path() / "exports").exists()
    for name in NOTEBOOKS:
        on_disk = json.loads((notebooks_path() / name).read_text(encoding="utf-8"))
        assert all(not c.get("outputs") for c in on_disk["cells"] if c["cell_type"] == "code")
