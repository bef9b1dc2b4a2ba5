"""The dashboard in a real browser: JupyterLab 4 + headless Debian Chromium, driven by Playwright.

Opens ``notebooks/02_dashboard.ipynb`` (a temporary copy), runs all cells, changes the
country filter, checks that the chart and the evidence change, clicks Export and checks the
files on disk, and saves ``docs/dashboard.png`` for the README.

Needs Playwright's Python package and /usr/bin/chromium (installed with apt-get when running
as root; never ``playwright install``). Skipped with the reason when either is missing,
unless CI=true, where it fails instead.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT = REPO / "docs" / "dashboard.png"


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: the browser test must run)")
    pytest.skip(reason)


def _ensure_chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "update"], check=True, capture_output=True, timeout=300)
        subprocess.run(
            ["apt-get", "install", "-y", "chromium"],
            check=True,
            capture_output=True,
            timeout=600,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )
        if CHROMIUM.exists():
            return CHROMIUM
    _unavailable(f"{CHROMIUM} is missing (install Debian's chromium package: apt-get install -y chromium)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_server(url: str, process: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url + "api/status", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(
        f"JupyterLab did not answer {url}api/status in {timeout} s:\n{log.read_text()[-3000:]}"
    )


@pytest.fixture
def lab(tmp_path):
    """A JupyterLab server on a free loopback port, rooted at a temporary copy of the dashboard notebook."""
    root = tmp_path / "root"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy(REPO / "notebooks" / "02_dashboard.ipynb", root / "notebooks" / "02_dashboard.ipynb")
    config, exports, log = tmp_path / "config", tmp_path / "exports", tmp_path / "lab.log"
    settings = config / "lab" / "user-settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    tracker = settings.parent / "notebook-extension"  # no "Select Kernel" dialog: start the notebook's kernel
    tracker.mkdir()
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"autoStartDefaultKernel": True}))
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(config / "lab" / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces"),
        "WORKBENCH_EXPORTS": str(exports),
    }
    env.pop("MPLBACKEND", None)
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ip",
        "127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--allow-root",
        "--ServerApp.disable_check_xsrf=True",  # the test creates the kernel session with a plain POST
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None",
    ]
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait_for_server(url, process, log)
        yield {"url": url, "root": root, "exports": exports, "log": log}
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)


_KERNEL_IDLE = """() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]
    .some(item => /\\| Idle$/.test(item.textContent.trim()))"""
_STARTED = """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
    .some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))"""


def _run_all_cells(page, attempts: int = 4) -> None:
    """Run ▸ Run All Cells, until the kernel takes the cells.

    Just after a notebook opens, JupyterLab may still be settling its kernel session (a
    second kernel, or the "Select Kernel" dialog); a run-all sent then is lost, so accept
    the dialog when shown and try again until a prompt shows ``[*]`` or a number.
    """
    for _ in range(attempts):
        dialog = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
        if dialog.count():
            dialog.first.click()
        page.wait_for_function(_KERNEL_IDLE, timeout=60_000)
        page.locator(".lm-MenuBar-item", has_text="Run").first.click()
        page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()
        try:
            page.wait_for_function(_STARTED, timeout=15_000)
            return
        except Exception:  # playwright's TimeoutError: not taken, try again
            continue
    raise AssertionError(f"JupyterLab did not run the cells after {attempts} attempts")


def _start_kernel_session(url: str, path: str) -> None:
    """Create the notebook's kernel session through the REST API before the page opens it.

    JupyterLab then attaches to this session instead of starting a kernel itself, which
    under load can race (a second kernel replacing the first, or a "Select Kernel" dialog).
    """
    body = json.dumps(
        {"path": path, "name": Path(path).name, "type": "notebook", "kernel": {"name": "python3"}}
    )
    request = urllib.request.Request(
        url + "api/sessions", data=body.encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 201, response.read()


def _screenshot(page, element, path: Path) -> None:
    """The dashboard alone, for the README: side bar closed, scrolled to its top, clipped to it."""
    sidebar_tab = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
    if sidebar_tab.count():
        sidebar_tab.first.click()
    page.set_viewport_size({"width": 1440, "height": 1700})
    element.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)  # let the layout settle after the resize
    box = element.bounding_box()
    height = min(box["height"], 1700 - box["y"])
    path.parent.mkdir(exist_ok=True)
    page.screenshot(
        path=str(path), clip={"x": box["x"], "y": box["y"], "width": box["width"], "height": height}
    )


def _country_to_pick() -> str:
    """The third most-mentioned country of the sample corpus.

    Not the first: that one is the dashboard's default evidence, and filtering on it would
    leave its evidence unchanged; filtering on another country changes the chart, the
    summary and the first country's evidence (fewer mentions in the slice).
    """
    import workbench as wb
    from workbench.paths import sample_path

    return str(wb.load(sample_path()).counts("country")["label"].iloc[2])


def test_dashboard_in_jupyterlab(lab):
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright's Python package is not installed"
    )
    chromium = _ensure_chromium()
    country = _country_to_pick()

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1100})
            page.set_default_timeout(60_000)
            _start_kernel_session(lab["url"], "notebooks/02_dashboard.ipynb")
            page.goto(lab["url"] + "lab/tree/notebooks/02_dashboard.ipynb")
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell", state="visible")
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", state="attached")

            _run_all_cells(page)
            chart = page.locator(".wb-root img.wb-chart")
            chart.wait_for(state="visible", timeout=120_000)
            evidence = page.locator(".wb-root .wb-evidence")
            page.wait_for_function(
                "() => document.querySelector('.wb-root .wb-evidence .wb-ev-item') !== null"
            )
            chart_before = chart.get_attribute("src")
            evidence_before = evidence.inner_text()
            summary_before = page.locator(".wb-root .wb-summary").inner_text()

            # The country filter is a TagsInput: click it, type the name, Tab commits the tag.
            page.locator(".wb-root .wb-country").click()
            tag_input = page.locator(".wb-root .wb-country input.jupyter-widget-taginput")
            tag_input.press_sequentially(country, delay=20)
            tag_input.press("Tab")
            page.wait_for_function(
                "before => { const img = document.querySelector('.wb-root img.wb-chart');"
                " return img && img.getAttribute('src') !== before; }",
                arg=chart_before,
            )
            page.wait_for_function(
                "before => document.querySelector('.wb-root .wb-summary').innerText !== before",
                arg=summary_before,
            )
            assert country in page.locator(".wb-root .wb-summary").inner_text()
            page.wait_for_function(
                "before => document.querySelector('.wb-root .wb-evidence').innerText !== before",
                arg=evidence_before,
            )
            assert evidence.inner_text() != evidence_before
            assert page.locator(".wb-root .wb-message").inner_text().strip() == ""

            # Evidence for the chosen country: pick it in the list beside the chart.
            items = page.locator(".wb-root .wb-items select")
            labels = [t.replace("\xa0", " ") for t in items.locator("option").all_inner_texts()]  # nbsp
            items.select_option(index=next(i for i, t in enumerate(labels) if t.startswith(country + " (")))
            page.wait_for_function(
                "name => document.querySelector('.wb-root .wb-evidence .wb-section').innerText"
                ".startsWith('Evidence: ' + name + ' \u2014')",
                arg=country,
            )
            assert page.locator(".wb-root .wb-evidence mark").count() > 0
            _screenshot(page, page.locator(".wb-root"), SCREENSHOT)
            # ... and read the first article behind it in full, highlighted.
            page.locator(".wb-root .wb-article-picker select").select_option(index=1)
            page.locator(".wb-root .wb-article .workbench-article mark").first.wait_for(state="visible")

            page.locator(".wb-root .wb-export").click()
            log = page.locator(".wb-root .wb-export-log")
            page.wait_for_function(
                "() => document.querySelector('.wb-root .wb-export-log').innerText.includes('Wrote')"
            )
            written = sorted(lab["exports"].glob("*"))
            assert sorted(p.suffix for p in written) == [".csv", ".pdf", ".png", ".svg", ".xlsx"], (
                log.inner_text()
            )
            assert all(p.stat().st_size > 0 for p in written)
            assert all(p.name in log.inner_text() for p in written)
            assert SCREENSHOT.stat().st_size > 10_000
        except Exception:
            shot = lab["root"].parent / "failure.png"
            page.screenshot(path=str(shot))
            print(f"screenshot of the failure: {shot}\nJupyterLab log:\n{lab['log'].read_text()[-4000:]}")
            raise
        finally:
            browser.close()
