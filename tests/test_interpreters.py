"""Finding the CPython builds (hooks/interpreters.py) and one nox session per supported build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import interpreters
import pytest
from conftest import ROOT
from version_claims import SUPPORTED

NOX = Path(sys.executable).parent / "nox"


def fake_python(directory: Path, name: str, script: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    command = directory / name
    command.write_text(f"#!/bin/sh\n{script}\n", "utf-8")
    command.chmod(0o755)
    return command


@pytest.fixture
def only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Search nothing but what a test puts in tmp_path."""
    monkeypatch.setenv("PATH", str(tmp_path / "path"))
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path / "pyenv"))
    monkeypatch.setenv("CPYTHON_DIRS", str(tmp_path / "opt" / "*" / "bin"))
    return tmp_path


def test_path_then_pyenv_then_cpython_dirs(only: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", f"{only / 'path'}{os.pathsep}{only / 'pyenv/shims'}")
    fake_python(only / "path", "python3.12", "echo 3.12")
    fake_python(only / "pyenv/versions/3.12.1/bin", "python3.12", "echo 3.12")
    fake_python(only / "pyenv/versions/3.13.0/bin", "python3.13", "echo 3.13")
    fake_python(only / "pyenv/shims", "python3.10", "exit 127")  # pyenv selects no version with it
    fake_python(only / "pyenv/shims", "python3.11", "exit 127")  # stands for the version pyenv selects
    fake_python(only / "pyenv/versions/3.11.7/bin", "python3.11", "echo 3.11")
    fake_python(only / "path", "pyenv", f'[ "$1 $2" = "which python3.11" ] && echo {only}/pyenv/versions/3.11.7/bin/python3.11')
    fake_python(only / "opt/3.14t/bin", "python3.14t", "echo 3.14t")
    found = interpreters.find()
    assert {build: found[build].command for build in found} == {
        "3.11": str(only / "pyenv/versions/3.11.7/bin/python3.11"),
        "3.12": str(only / "path/python3.12"),
        "3.13": str(only / "pyenv/versions/3.13.0/bin/python3.13"),
        "3.14t": str(only / "opt/3.14t/bin/python3.14t"),
    }
    assert not any(interpreter.problem for interpreter in found.values())


def test_a_broken_interpreter_is_named_once_and_not_checked(only: Path) -> None:
    broken = fake_python(only / "path", "python3.12", "echo 'Fatal Python error: no encodings' >&2; exit 1")
    fake_python(only / "path", "python3.13", "echo 3.11")  # another build than its name
    fake_python(only / "path", "python3.14", "echo 3.14")
    summary = interpreters.summary(interpreters.find())
    assert summary.splitlines()[0] == "claims are checked on 3.14"
    assert f"3.12 is not checked: {broken} does not run: Fatal Python error: no encodings" in summary
    assert f"3.13 is not checked: {only / 'path/python3.13'} runs CPython 3.11, not 3.13" in summary
    assert "3.15t is not checked: not found" in summary
    assert summary.count(str(broken)) == 1


def test_nox_has_one_session_per_supported_build() -> None:
    listed = subprocess.run([NOX, "--list", "--json"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert [session["session"] for session in json.loads(listed.stdout)] == [f"claims-{b}" for b in SUPPORTED]


def test_nox_skips_a_broken_build_and_says_so(tmp_path: Path) -> None:
    broken = fake_python(tmp_path / "path", "python3.12", "echo 'Fatal Python error: no encodings' >&2; exit 1")
    env = {**os.environ, "PATH": f"{broken.parent}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run([NOX, "-s", "claims-3.12"], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stderr.count(str(broken)) == 1
    assert f"3.12 is not checked: {broken} does not run" in run.stderr
    assert "Session claims-3.12 skipped" in run.stderr
