"""The real `mkdocs build --strict`: both languages' pages exist and show their snippets' real output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import LANGUAGES, ROOT
from helpers import html_path, make_project, mkdocs_build, run_as_script, shown_outputs, snippet
from pytest_examples import find_examples


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    build = mkdocs_build(ROOT, site)
    assert build.returncode == 0, build.stderr
    return site


PAGES = [(language, page) for language in LANGUAGES for page in sorted((ROOT / "docs" / language).rglob("*.md"))]


@pytest.mark.parametrize(("language", "source"), PAGES, ids=[str(p.relative_to(ROOT)) for _, p in PAGES])
def test_page_shows_the_real_output_of_each_snippet(language: str, source: Path, site: Path) -> None:
    page = html_path(site, language, source.relative_to(ROOT / "docs" / language))
    assert f'<html lang="{language}"' in page.read_text("utf-8")
    expected = [run_as_script(example.source) for example in find_examples(source)]
    assert shown_outputs(page) == expected, f"{page} does not show what its snippets print when run as files"


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switcher_leads_to_the_same_page(language: str, site: Path) -> None:
    page = html_path(site, language, Path("reference-counting.md"))
    links = dict(re.findall(r'<a href="([^"]*)" hreflang="(\w+)"', page.read_text("utf-8")))
    targets = {hreflang: (page.parent / href).resolve() for href, hreflang in links.items()}
    assert targets == {other: html_path(site, other, Path("reference-counting.md")).parent.resolve() for other in LANGUAGES}


def test_a_snippet_that_raises_fails_the_build_naming_its_own_line(tmp_path: Path) -> None:
    fine, failing = snippet("import sys\nprint(sys.maxsize > 0)"), snippet("import sys\nprint(1 / 0)")
    page = "# Page { #page }\n\nText.\n\n" + fine + "\n\nText.\n\n" + failing + "\n"  # both start with `import sys`
    project = make_project(tmp_path, {"ko/index.md": page})
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "docs/ko/index.md:12: the snippet exited with code 1" in build.stderr
    assert "docs/ko/index.md:5:" not in build.stderr
    assert "ZeroDivisionError" in build.stderr


def test_builds_that_print_the_same_for_the_same_reason_share_one_note_line(tmp_path: Path) -> None:
    code = ("import sys\nprint(sys.version_info < (3, 15))\n#> True\n"
            "#? >=3.15: False | the same reason\n#? >=3.15t: False | the same reason")
    project = make_project(tmp_path, {"en/index.md": "# Page { #page }\n\nText.\n\n" + snippet(code) + "\n"})
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    html = html_path(tmp_path / "site", "en", Path("index.md")).read_text("utf-8")
    assert html.count("the same reason") == 1
    assert "CPython 3.15 and later, CPython 3.15t and later: <code>False</code>" in html
