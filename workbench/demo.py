"""`workbench demo`: JupyterLab on the dashboard notebook, or (headless) the notebooks executed.

`run_demo(headless=False)` starts JupyterLab with this interpreter on
``notebooks/02_dashboard.ipynb``. `run_demo(headless=True)` executes the four example
notebooks with nbclient on the sample corpus, sends their exports to `output` (through
``WORKBENCH_EXPORTS``), saves the executed notebooks there too, and prints every file written.
`execute_notebook` is the one way notebooks are executed (the tests use it as well).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from .paths import EXPORTS_ENV, notebooks_path, repo_root

__all__ = ["NOTEBOOKS", "run_demo", "execute_notebook", "kernel_manager", "lab_command"]

#: The example notebooks, in reading order.
NOTEBOOKS = (
    "01_quickstart.ipynb",
    "02_dashboard.ipynb",
    "03_briefing_export.ipynb",
    "04_custom_themes.ipynb",
)


def kernel_manager():
    """A kernel manager whose ``python3`` kernel is this interpreter (ipykernel's built-in spec).

    No kernelspec directories are searched, so a ``python3`` kernel registered elsewhere
    (another Python in ``~/.local/share/jupyter``) cannot take over.
    """
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    return KernelManager(kernel_name="python3", kernel_spec_manager=KernelSpecManager(kernel_dirs=[]))


def execute_notebook(
    path: str | Path, *, exports: str | Path, timeout: int = 600, store_widget_state: bool = True
):
    """Execute a notebook in its own folder, exports going to `exports`; returns the executed notebook.

    The notebook file is not changed. Raises `nbclient.exceptions.CellExecutionError` (with the
    failing cell's traceback) when a cell fails.
    """
    import nbformat
    from nbclient import NotebookClient

    path = Path(path).resolve()
    notebook = nbformat.read(path, as_version=4)
    manager = kernel_manager()
    client = NotebookClient(
        notebook,
        km=manager,
        timeout=timeout,
        store_widget_state=store_widget_state,
        resources={"metadata": {"path": str(path.parent)}},
    )
    env = {
        **os.environ,
        EXPORTS_ENV: str(Path(exports).resolve()),
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    }
    try:
        client.execute(env=env)
    finally:  # nbclient leaves a kernel manager it was given running
        if manager.has_kernel:
            manager.shutdown_kernel(now=True)
    return notebook


def lab_command(notebook: str | Path) -> list[str]:
    """The command that opens JupyterLab on `notebook` with this interpreter."""
    command = [sys.executable, "-m", "jupyter", "lab", str(notebook)]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # JupyterLab refuses to run as root without it
    return command


def _files_under(folder: Path) -> dict[Path, float]:
    return {p: p.stat().st_mtime for p in folder.rglob("*") if p.is_file()} if folder.exists() else {}


def run_demo(*, headless: bool, output: str = "exports") -> int:
    """Open JupyterLab on the dashboard notebook, or execute all notebooks headlessly into `output`.

    Returns a process exit code (0 on success).
    """
    if not headless:
        notebook = notebooks_path() / "02_dashboard.ipynb"
        print(f"Starting JupyterLab on {notebook.relative_to(repo_root())} (Ctrl+C to stop)")
        try:
            return subprocess.call(lab_command(notebook.relative_to(repo_root())), cwd=repo_root())
        except KeyboardInterrupt:
            return 0
    import nbformat
    from nbclient.exceptions import CellExecutionError

    out = Path(output).resolve()
    out.mkdir(parents=True, exist_ok=True)
    before = _files_under(out)
    started = time.time()
    for name in NOTEBOOKS:
        source = notebooks_path() / name
        print(f"executing {name} ...", flush=True)
        try:
            executed = execute_notebook(source, exports=out)
        except CellExecutionError as exc:
            print(f"{name} failed:\n{exc}", file=sys.stderr)
            return 1
        target = out / "notebooks" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(executed, target)
    written = sorted(p for p, mtime in _files_under(out).items() if before.get(p) != mtime)
    print(f"wrote {len(written)} files into {out} in {time.time() - started:.0f} s:")
    for path in written:
        print(f"  {path.relative_to(out)}")
    return 0
