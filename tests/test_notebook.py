"""The runnable example as an executed notebook page in both languages (hooks/notebooks.py)."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from conftest import LANGUAGES, ROOT
from helpers import html_path, make_project, mkdocs_build

SCRIPT = ROOT / "examples/object_lifecycle.py"
CELL = re.compile(r"^# %%(?: \[markdown\])?(?: tags=\[\"(\w+)\"\])?", re.MULTILINE)
PAGE = Path("object-lifecycle.ipynb")


def prose_problems(script: Path) -> list[str]:
    """Each run of prose cells between code cells holds one cell per language."""
    problems, run = [], []
    lines = script.read_text("utf-8").splitlines()
    cells = [(number, line) for number, line in enumerate(lines, 1) if line.startswith("# %%")]
    for number, line in [*cells, (len(lines) + 1, "# %% end")]:
        if "[markdown]" in line:
            language = CELL.match(line)[1]
            if language not in LANGUAGES:
                problems.append(f"{script}:{number}: tag the prose cell with its language, e.g. tags=[\"ko\"]")
            run.append((number, language))
            continue
        found = [language for _, language in run]
        for language in LANGUAGES:
            if run and found.count(language) != 1:
                problems.append(f"{script}:{run[0][0]}: these prose cells have {found.count(language)} '{language}' cells; need 1")
        run = []
    return problems


def test_every_prose_cell_has_its_twin() -> None:
    assert prose_problems(SCRIPT) == []


def test_a_missing_translation_is_named(tmp_path: Path) -> None:
    script = tmp_path / "example.py"
    script.write_text('# %% [markdown] tags=["ko"]\n# 설명\n\n# %%\nprint(1)\n\n# %% [markdown] tags=["en"]\n# Text\n', "utf-8")
    assert prose_problems(script) == [
        f"{script}:1: these prose cells have 0 'en' cells; need 1",
        f"{script}:7: these prose cells have 0 'ko' cells; need 1",
    ]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("notebook")
    build = mkdocs_build(make_project(root, {}), root / "site")
    assert build.returncode == 0, build.stderr
    return root / "site"


def code_blocks(page: Path) -> list[str]:
    html = page.read_text("utf-8")
    return re.findall(r'<div class="highlight"><pre><span></span><code>(.*?)</code></pre></div>', html, re.S)


def test_the_notebook_output_reads_the_same_in_every_language(site: Path) -> None:
    """Shared code cells print no English label on the Korean page: each line is `expression = value`
    (an f-string's `=`) or a line of Python."""
    notebook = json.loads((html_path(site, LANGUAGES[0], PAGE).parent / "object_lifecycle.ipynb").read_text("utf-8"))
    lines = [line.strip() for cell in notebook["cells"] for output in cell.get("outputs", [])
             for line in "".join(output.get("text", "")).splitlines()]
    assert lines
    assert [line for line in lines if " = " not in line and not parses(line)] == []


def parses(line: str) -> bool:
    try:
        ast.parse(line)
    except SyntaxError:
        return False
    return True


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_notebook_page_is_rendered_and_executed(language: str, site: Path) -> None:
    page = html_path(site, language, PAGE)
    html = page.read_text("utf-8")
    assert f'<html lang="{language}"' in html
    assert "events = [&#x27;__new__&#x27;, &#x27;__init__&#x27;]" in html or "events = ['__new__', '__init__']" in html
    assert "alive() is None = True" in html
    assert "{ #" not in html, "a `{ #anchor }` of a notebook heading shows on the page"
    assert re.search(r'<a href="#creation" class="md-nav__link">\s*<span class="md-ellipsis">\s*1\. [^<]*__new__', html)
    assert page.stat().st_size <= 300_000, f"{page} weighs {page.stat().st_size} bytes"
    assert not re.search(r'<script[^>]+src="https?://|<link[^>]+rel="stylesheet"[^>]+href="https?://', html)
    prose = {"ko": "스크립트 하나로 따라가며", "en": "This script follows an object"}
    assert prose[language] in html and all(text not in html for other, text in prose.items() if other != language)


def test_both_languages_show_the_same_code(site: Path) -> None:
    ko, en = (code_blocks(html_path(site, language, PAGE)) for language in LANGUAGES)
    assert len(ko) >= 10 and ko == en


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_script_and_the_executed_notebook_can_be_downloaded(language: str, site: Path) -> None:
    folder = html_path(site, language, PAGE).parent
    assert (folder / "object_lifecycle.py").read_text("utf-8") == SCRIPT.read_text("utf-8")
    notebook = json.loads((folder / "object_lifecycle.ipynb").read_text("utf-8"))
    outputs = [output for cell in notebook["cells"] if cell["cell_type"] == "code" for output in cell["outputs"]]
    assert any("events = ['__new__', '__init__']" in "".join(output.get("text", "")) for output in outputs)
    assert notebook["metadata"]["language"] == language


def test_a_cell_that_raises_fails_the_build_naming_the_cell(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    script = project / "examples/object_lifecycle.py"
    text = script.read_text("utf-8")
    script.write_text(text + '\n# %%\nraise ValueError("boom")\n', "utf-8")
    line = script.read_text("utf-8").splitlines().index('raise ValueError("boom")')  # its `# %%` marker
    build = mkdocs_build(project, tmp_path / "site", NOTEBOOK_CACHE_DIR=str(tmp_path / "cache"))
    assert build.returncode != 0
    cells = script.read_text("utf-8")[: script.read_text("utf-8").index('raise ValueError("boom")')].count("# %%")
    assert f"examples/object_lifecycle.py:{line}: cell {cells} raised ValueError: boom" in build.stderr


def test_an_unchanged_notebook_is_not_executed_again(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    cache = tmp_path / "cache"
    first = mkdocs_build(project, tmp_path / "site", NOTEBOOK_CACHE_DIR=str(cache))
    assert first.returncode == 0 and "Executing examples/object_lifecycle.py" in first.stderr
    second = mkdocs_build(project, tmp_path / "site", NOTEBOOK_CACHE_DIR=str(cache))
    assert second.returncode == 0 and "Executing" not in second.stderr
