"""Snippets on every CPython found here (hooks/interpreters.py, SNIPPETS_INTERPRETERS=all)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from helpers import html_path, make_project, mkdocs_build, snippet
from interpreters import working

INTERPRETERS = working()
OLDEST, NEWEST = (INTERPRETERS[0], INTERPRETERS[-1]) if INTERPRETERS else (None, None)
needs_two = pytest.mark.skipif(
    len({each.build.rstrip("t") for each in INTERPRETERS}) < 2, reason="needs two CPython versions on this machine"
)
CODE = "import sys\n\nprint(sys.version_info[:2] > ({major}, {minor}))\n#> True"


def build_on_all(tmp_path: Path, code: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    project = make_project(tmp_path, {"en/index.md": "# Page { #page }\n\nText.\n\n" + snippet(code) + "\n"})
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "interpreters").symlink_to(ROOT / ".cache/interpreters", target_is_directory=True)  # made once
    (ROOT / ".cache/interpreters").mkdir(parents=True, exist_ok=True)
    site = tmp_path / "site"
    build = mkdocs_build(project, site, SNIPPETS_INTERPRETERS="all", SNIPPETS_CACHE_DIR=str(cache / "snippets"))
    return build, html_path(site, "en", Path("index.md"))


@needs_two
def test_outputs_that_differ_are_shown_per_interpreter_with_full_versions(tmp_path: Path) -> None:
    major, minor = map(int, OLDEST.build.rstrip("t").split("."))
    code = CODE.format(major=major, minor=minor) + f"\n#? {OLDEST.build}: False | the oldest build"
    build, page = build_on_all(tmp_path, code)
    assert build.returncode == 0, build.stderr
    html = page.read_text("utf-8")
    assert 'class="tabbed-set' in html
    assert f"CPython {OLDEST.version}</label>" in html
    assert f"{NEWEST.version}{' free-threaded' if NEWEST.free_threaded else ''}</label>" in html
    assert "<code>False\n</code>" in html and "<code>True\n</code>" in html


@needs_two
def test_an_output_the_page_does_not_declare_fails_the_build_naming_everything(tmp_path: Path) -> None:
    major, minor = map(int, OLDEST.build.rstrip("t").split("."))
    build, _ = build_on_all(tmp_path, CODE.format(major=major, minor=minor))
    assert build.returncode != 0
    assert (f"docs/en/index.md:9: {OLDEST.label()} printed #> False, the page declares #> True for {OLDEST.build}"
            in build.stderr), build.stderr


def test_outputs_that_agree_share_one_box_naming_every_interpreter(tmp_path: Path) -> None:
    build, page = build_on_all(tmp_path, "print(1 + 1)\n#> 2")
    assert build.returncode == 0, build.stderr
    html = page.read_text("utf-8")
    assert 'class="tabbed-set' not in html
    assert f"Output · CPython {', '.join(each.version + (' free-threaded' if each.free_threaded else '') for each in INTERPRETERS)}" in html
