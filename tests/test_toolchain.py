"""One site, one toolchain: one interpreter version (SITE_PYTHON in the Makefile) and one lock
build, test and deploy the site, and the lock declares every package the hooks and tests import."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml
from conftest import ROOT
from version_claims import SUPPORTED

SITE_PYTHON = re.search(r"^SITE_PYTHON := (\S+)$", (ROOT / "Makefile").read_text("utf-8"), re.M)[1]


def workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github/workflows" / name).read_text("utf-8"))


def setup_python(job: dict) -> dict:
    return next(step["with"] for step in job["steps"] if step.get("uses", "").startswith("actions/setup-python@"))


def test_the_site_runs_on_its_one_interpreter() -> None:
    assert f"{sys.version_info[0]}.{sys.version_info[1]}" == SITE_PYTHON, "run the suite with make test"
    assert f"--python-version {SITE_PYTHON} " in (ROOT / "requirements/site.txt").read_text("utf-8").splitlines()[1]
    assert setup_python(workflow("ci.yml")["jobs"]["site"])["python-version"] == SITE_PYTHON


def test_pages_installs_every_supported_build_and_builds_with_the_site_interpreter() -> None:
    versions = setup_python(workflow("pages.yml")["jobs"]["build"])["python-version"].split()
    assert sorted(versions) == sorted({*SUPPORTED, SITE_PYTHON})
    assert versions[-1] == SITE_PYTHON  # setup-python makes the last one `python`
    assert "make build PYTHON=python" in [step.get("run") for step in workflow("pages.yml")["jobs"]["build"]["steps"]]


def test_make_refuses_another_interpreter(tmp_path: Path) -> None:
    # A python3.12 as far as the check can tell: this interpreter, reporting version 3.12.
    other = tmp_path / "python3.12"
    other.write_text(
        f'#!/bin/sh\nexec {sys.executable} -c "import sys; sys.version_info = (3, 12, 1); exec(sys.argv[1])" "$2"\n', "utf-8"
    )
    other.chmod(0o755)
    run = subprocess.run(
        ["make", f"VENV={tmp_path / 'venv'}", f"PYTHON={other}", f"{tmp_path / 'venv'}/installed"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert run.returncode != 0
    assert f"The site builds on CPython {SITE_PYTHON} only, {other} is 3.12" in run.stderr
    assert not (tmp_path / "venv").exists()


def imported_distributions(paths: list[Path]) -> set[str]:
    """The installed distributions that the files import, outside the standard library."""
    modules = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module.split(".")[0])
    providers = importlib.metadata.packages_distributions()
    return {normalize(dist) for module in modules - set(sys.stdlib_module_names) for dist in providers.get(module, [])}


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(group: str) -> set[str]:
    groups = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["dependency-groups"]
    names = set()
    for requirement in groups[group]:
        if isinstance(requirement, dict):
            names |= declared(requirement["include-group"])
        else:
            names.add(normalize(re.match(r"[A-Za-z0-9_.-]+", requirement)[0]))
    return names


def test_every_imported_package_is_declared() -> None:
    assert imported_distributions(sorted((ROOT / "hooks").glob("*.py"))) - declared("site") == set()
    tests = sorted((ROOT / "tests").glob("*.py")) + sorted((ROOT / "benchmarks").glob("*.py"))
    assert imported_distributions(tests) - declared("dev") == set()
