"""The real `mkdocs build --strict`: both languages' pages exist and show their snippets' real output."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import LANGUAGES, ROOT
from pytest_examples import find_examples

OUTPUT_BOX = re.compile(r'<span class="filename">[^<]*· CPython [^<]*</span><pre><span></span><code>(.*?)</code>', re.S)
TAG = re.compile(r"<[^>]+>")


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, capture_output=True, text=True, check=False,
    )


def html_path(site: Path, language: str, page: Path) -> Path:
    """ko is served at the site root, other languages under /<language>/."""
    prefix = site if language == LANGUAGES[0] else site / language
    parts = page.with_suffix("").parts
    return prefix / (Path(*parts[:-1]) if parts[-1] == "index" else page.with_suffix("")) / "index.html"


def run_standalone(code: str, workdir: Path) -> str:
    script = workdir / "snippet.py"
    script.write_text(code, "utf-8")
    done = subprocess.run([sys.executable, script.name], cwd=workdir, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    build = mkdocs_build(ROOT, site)
    assert build.returncode == 0, build.stderr
    return site


PAGES = [(language, page) for language in LANGUAGES for page in sorted((ROOT / "docs" / language).rglob("*.md"))]


@pytest.mark.parametrize(("language", "source"), PAGES, ids=[str(p.relative_to(ROOT)) for _, p in PAGES])
def test_page_shows_the_real_output_of_each_snippet(language: str, source: Path, site: Path, tmp_path: Path) -> None:
    page = html_path(site, language, source.relative_to(ROOT / "docs" / language))
    text = page.read_text("utf-8")
    assert f'<html lang="{language}"' in text
    shown = [html.unescape(TAG.sub("", box)) for box in OUTPUT_BOX.findall(text)]
    expected = [run_standalone(example.source, tmp_path) for example in find_examples(source)]
    assert shown == expected, f"{page} does not show what its snippets print when run as files"


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switcher_leads_to_the_same_page(language: str, site: Path) -> None:
    page = html_path(site, language, Path("reference-counting.md"))
    links = dict(re.findall(r'<a href="([^"]*)" hreflang="(\w+)"', page.read_text("utf-8")))
    targets = {hreflang: (page.parent / href).resolve() for href, hreflang in links.items()}
    assert targets == {other: html_path(site, other, Path("reference-counting.md")).parent.resolve() for other in LANGUAGES}


def test_a_snippet_that_raises_fails_the_build_naming_page_and_line(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "hooks", "docs"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, project / name)
    page = project / "docs/ko/index.md"
    lines = page.read_text("utf-8").splitlines()
    page.write_text("\n".join([*lines, "", '```python exec="on"', "print(1 / 0)", "```", ""]), "utf-8")
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert f"docs/ko/index.md:{len(lines) + 3}: the snippet exited with code 1" in build.stderr
    assert "ZeroDivisionError" in build.stderr
