"""The package metadata: pip and conda users get the same dependencies; the entry points exist."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _pip_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + project["optional-dependencies"]["test"]
    found = {}
    for spec in specs:
        match = re.match(r"^([A-Za-z0-9_.-]+)(?:\[([^\]]+)\])?(.*)$", spec)
        name, extras, version = match.groups()
        found[name.lower()] = version.strip()
        if name.lower() == "dask" and extras and "distributed" in extras:
            found["distributed"] = version.strip()  # conda packages distributed separately
    return found


def _conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    found = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            match = re.match(r"^([A-Za-z0-9_.-]+)(.*)$", dep)
            found[match.group(1).lower()] = match.group(2).strip()
    return found


def test_conda_and_pip_dependencies_agree():
    pip, conda = _pip_requirements(), _conda_requirements()
    conda.pop("python"), conda.pop("pip")
    assert pip == conda


def test_environment_installs_the_package_itself():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip_section
    assert env["channels"] == ["conda-forge"]


def test_console_script_runs():
    out = subprocess.run(
        [sys.executable, "-m", "workbench", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for command in ("extract", "evaluate", "load", "demo"):
        assert command in out


def test_readme_gives_exactly_two_setup_commands():
    readme = (ROOT / "README.md").read_text()
    block = readme.split("<!-- setup-commands -->")[1]
    fenced = block.split("```")[1].splitlines()[1:]  # drop the language tag line
    commands = [line for line in fenced if line.strip() and not line.startswith("#")]
    assert commands == ["bash scripts/run.sh", "bash scripts/test.sh"]
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text()
