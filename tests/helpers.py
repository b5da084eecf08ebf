"""Helpers for tests that run the real `mkdocs build`."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import LANGUAGES, ROOT

OUTPUT_BOX = re.compile(r'<span class="filename">[^<]*· CPython [^<]*</span><pre><span></span><code>(.*?)</code>', re.S)
TAG = re.compile(r"<[^>]+>")
PLAIN_PAGE = "# Page {{ #page }}\n\n{body}\n"


def mkdocs_build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, capture_output=True, text=True, check=False,
        env={**_clean_environ(), "SNIPPETS_CACHE_DIR": str(project / ".cache/snippets"), **env},
    )


def _clean_environ() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if not key.startswith("SNIPPETS_")}


def make_project(where: Path, pages: dict[str, str]) -> Path:
    """A copy of the real site configuration with the given pages (path under docs/ -> markdown).

    Pages of the real navigation that are not given get a plain body, so the build stays strict.
    """
    project = where / "project"
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "hooks", project / "hooks")
    shutil.copytree(ROOT / "docs/assets", project / "docs/assets")
    for language in LANGUAGES:
        for page in (ROOT / "docs" / language).rglob("*.md"):
            target = project / "docs" / language / page.relative_to(ROOT / "docs" / language)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(PLAIN_PAGE.format(body="Text."), "utf-8")
    for path, text in pages.items():
        (project / "docs" / path).write_text(text, "utf-8")
    return project


def html_path(site: Path, language: str, page: Path) -> Path:
    """ko is served at the site root, other languages under /<language>/."""
    prefix = site if language == LANGUAGES[0] else site / language
    page = page.with_suffix("")
    return prefix / (page.parent if page.name == "index" else page) / "index.html"


def shown_outputs(page: Path) -> list[str]:
    """The text of each output box on a built page."""
    return [html.unescape(TAG.sub("", box)).rstrip("\n") for box in OUTPUT_BOX.findall(page.read_text("utf-8"))]


def snippet(code: str, options: str = "") -> str:
    return f'```python exec="on"{options and " " + options}\n{code.strip()}\n```'
