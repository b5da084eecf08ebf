"""`make browser` finds a Chromium for the browser tests without root when it can (Makefile)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

TOOLS = ("id", "uname", "grep", "fc-list")  # what the recipe runs besides the shell's builtins


def make_browser(tmp_path: Path, *, playwright_installs: bool, chromium: bool) -> tuple[subprocess.CompletedProcess[str], bool]:
    """Runs `make browser` with a fake Playwright and apt-get; returns the run and whether apt-get ran."""
    venv, tools = tmp_path / "venv", tmp_path / "path"
    (venv / "bin").mkdir(parents=True)
    tools.mkdir()
    (venv / "installed").touch()
    fake = {venv / "bin/python": f"exit {0 if playwright_installs else 1}",
            tools / "apt-get": f"{shutil.which('touch')} {tmp_path / 'apt-get-ran'}"}
    if chromium:
        fake[tools / "chromium"] = "exit 0"
    for path, body in fake.items():
        path.write_text(f"#!/bin/sh\n{body}\n")
        path.chmod(0o755)
    for tool in TOOLS:
        if shutil.which(tool):
            (tools / tool).symlink_to(shutil.which(tool))
    run = subprocess.run(
        [shutil.which("make"), "-s", "-C", str(ROOT), "browser", f"VENV={venv}", f"BIN={venv / 'bin'}"],
        env={**os.environ, "PATH": str(tools)}, capture_output=True, text=True, check=False,
    )
    return run, (tmp_path / "apt-get-ran").exists()


@pytest.mark.parametrize("chromium", [True, False])
def test_playwrights_chromium_needs_no_root(tmp_path: Path, chromium: bool) -> None:
    run, apt_get_ran = make_browser(tmp_path, playwright_installs=True, chromium=chromium)
    assert (run.returncode, apt_get_ran) == (0, False), run.stderr
    assert "Playwright's Chromium" in run.stdout


def test_an_installed_chromium_needs_no_root(tmp_path: Path) -> None:
    run, apt_get_ran = make_browser(tmp_path, playwright_installs=False, chromium=True)
    assert (run.returncode, apt_get_ran) == (0, False), run.stderr


@pytest.mark.skipif(os.getuid() == 0, reason="as root, apt-get is the last resort")
def test_without_root_or_chromium_it_says_what_to_install(tmp_path: Path) -> None:
    run, apt_get_ran = make_browser(tmp_path, playwright_installs=False, chromium=False)
    assert run.returncode != 0 and not apt_get_ran and "install one" in run.stderr


@pytest.mark.skipif(os.getuid() != 0, reason="apt-get needs root")
def test_as_root_without_any_chromium_it_uses_apt_get(tmp_path: Path) -> None:
    _, apt_get_ran = make_browser(tmp_path, playwright_installs=False, chromium=False)
    assert apt_get_ran
