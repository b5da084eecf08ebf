"""`examples/exercises/exercise_N.py` hold exactly the solutions shown on the English Exercises page, and run.

The page folds each solution into a `??? success` block under the heading `{ #exercise-N }`; the file
must be that block's source, `#>` lines included, so the page and the file cannot drift apart.
Needs only the standard library, pytest and pytest-examples.
"""

from __future__ import annotations

import re

from pathlib import Path

import pytest
import runner
from conftest import ROOT
from pytest_examples import CodeExample, find_examples

PAGE = ROOT / "docs/en/exercises.md"
FOLDER = ROOT / "examples/exercises"
COUNT = 6
EXERCISE_HEADING = re.compile(r"^#{1,6} .*\{\s*#exercise-(\d+)\s*\}\s*$")
HEADING = re.compile(r"^#{1,6} ")
SOLUTION = re.compile(r"^\?\?\?\+? success\b")


def solutions(page: Path) -> dict[int, list[CodeExample]]:
    """Exercise number -> the Python blocks inside a `??? success` block under its heading."""
    lines = page.read_text("utf-8").splitlines()
    headings, in_fence = {}, False  # line number (1-based) -> heading, outside fenced code
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        elif not in_fence and HEADING.match(line):
            headings[number] = line
    found: dict[int, list[CodeExample]] = {}
    for example in find_examples(page):
        if example.indent == 0 or not folded_in_a_solution(lines[: example.start_line - 1]):
            continue
        above = [number for number in headings if number < example.start_line]
        match = EXERCISE_HEADING.match(headings[max(above)]) if above else None
        if match:
            found.setdefault(int(match.group(1)), []).append(example)
    return found


def folded_in_a_solution(lines_above: list[str]) -> bool:
    """Whether the nearest unindented line above a fence opens a `??? success` block."""
    for line in reversed(lines_above):
        if line.strip() and not line.startswith(" "):
            return bool(SOLUTION.match(line))
    return False


def test_there_are_exactly_six_solution_files() -> None:
    names = sorted(path.name for path in FOLDER.glob("*.py"))
    assert names == [f"exercise_{n}.py" for n in range(1, COUNT + 1)]


def test_each_exercise_has_one_solution_block() -> None:
    found = solutions(PAGE)
    assert {n: len(blocks) for n, blocks in found.items()} == {n: 1 for n in range(1, COUNT + 1)}


@pytest.mark.parametrize("number", range(1, COUNT + 1))
def test_the_file_is_the_solution_on_the_page(number: int) -> None:
    (block,) = solutions(PAGE)[number]
    text = (FOLDER / f"exercise_{number}.py").read_text("utf-8")
    assert text == block.source, (
        f"examples/exercises/exercise_{number}.py differs from the solution at {block}; "
        "copy the page's block (dedented, `#>` lines included) into the file"
    )


@pytest.mark.parametrize("number", range(1, COUNT + 1))
def test_the_file_runs(number: int) -> None:
    run = runner.run((FOLDER / f"exercise_{number}.py").read_text("utf-8"))
    assert not run.problem() and not run.wrote_stderr, f"exercise_{number}.py: {run.problem()}\n{run.output}"


def test_a_block_outside_a_solution_is_not_matched(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# E { #e }\n\n## 1. One { #exercise-1 }\n\n"
        '```python exec="on"\n# a comment, not a heading\nprint(0)\n#> 0\n```\n\n'
        '??? success "Solution"\n\n    ```python exec="on"\n    print(1)\n    #> 1\n    ```\n\n'
        "    After the solution.\n\n"
        "Back in the page.\n\n"
        '    ```python exec="on"\n    print(2)\n    #> 2\n    ```\n',
        "utf-8",
    )
    assert {n: [b.source for b in blocks] for n, blocks in solutions(page).items()} == {1: ["print(1)\n#> 1\n"]}
