"""The GitHub Actions workflows are valid, least-privilege, and check the builds the claims name."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT
from version_claims import SUPPORTED

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def test_workflows_match_the_github_schema() -> None:
    result = subprocess.run(
        [BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", *WORKFLOWS],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing() -> None:
    result = subprocess.run(
        [BIN / "zizmor", "--offline", "--persona=pedantic", ROOT / ".github/workflows"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_claims_matrix_checks_every_supported_build(tmp_path: Path) -> None:
    jobs = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text("utf-8"))["jobs"]
    assert jobs["claims"]["strategy"]["matrix"]["python"] == "${{ fromJSON(needs.builds.outputs.python) }}"
    assert jobs["builds"]["outputs"]["python"] == "${{ steps.supported.outputs.python }}"
    step = next(step for step in jobs["builds"]["steps"] if step.get("id") == "supported")
    output = tmp_path / "github_output"
    subprocess.run(["bash", "-c", step["run"]], cwd=ROOT, env={**os.environ, "GITHUB_OUTPUT": str(output)}, check=True)
    name, value = output.read_text("utf-8").strip().split("=", 1)
    assert (name, json.loads(value)) == ("python", list(SUPPORTED))


def test_every_workflow_starts_with_no_permissions() -> None:
    for workflow in WORKFLOWS:
        assert yaml.safe_load(workflow.read_text("utf-8"))["permissions"] == {}, workflow
