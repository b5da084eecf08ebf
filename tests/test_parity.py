"""Both languages have the same pages, and each page pair has the same snippets and anchors.

Comments in snippets may be translated; code, fence options and `#>` claims may not.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import LANGUAGES, ROOT
from pytest_examples import find_examples
from version_claims import parse

ANCHOR = re.compile(r"\{\s*#([\w-]+)\s*\}")
HEADING = re.compile(r"#{1,6} ")
CLAIM = re.compile(r"^\s*#>.*$", re.MULTILINE)


def pages(docs: Path, language: str) -> set[Path]:
    return {path.relative_to(docs / language) for path in (docs / language).rglob("*.md")}


def parity_problems(docs: Path) -> list[str]:
    found = {language: pages(docs, language) for language in LANGUAGES}
    problems = [
        f"{docs / language / page}: no twin; add {docs / other / page}"
        for language in LANGUAGES
        for other in LANGUAGES
        for page in sorted(found[language] - found[other])
    ]
    first, second = LANGUAGES
    for page in sorted(found[first] & found[second]):
        problems += page_pair_problems(docs / first / page, docs / second / page)
    return problems


def page_pair_problems(one: Path, other: Path) -> list[str]:
    problems = [
        f"{path}:{number}: give the heading an explicit anchor, e.g. `{{ #reference-counting }}`"
        for path in (one, other)
        for number, line in headings(path)
        if not ANCHOR.search(line)
    ]
    anchors = [ANCHOR.findall(path.read_text("utf-8")) for path in (one, other)]
    if anchors[0] != anchors[1]:
        problems.append(f"{one} and {other}: heading anchors differ: {anchors[0]} != {anchors[1]}")
    snippets = [list(find_examples(path)) for path in (one, other)]
    if len(snippets[0]) != len(snippets[1]):
        problems.append(f"{one} and {other}: {len(snippets[0])} vs {len(snippets[1])} Python blocks")
    for a, b in zip(*snippets):
        if a.prefix != b.prefix:
            problems.append(f"{a} and {b}: fence options differ: {a.prefix!r} != {b.prefix!r}")
        if CLAIM.findall(a.source) != CLAIM.findall(b.source):
            problems.append(f"{a} and {b}: `#>` claims differ")
        if version_claims(a.source) != version_claims(b.source):
            problems.append(f"{a} and {b}: `#?` versions or values differ (reasons may be translated)")
        if code_of(a.source) != code_of(b.source):
            problems.append(f"{a} and {b}: the code differs (comments aside)")
    return problems


def headings(path: Path) -> list[tuple[int, str]]:
    """Markdown headings with their line numbers, skipping fenced code."""
    found, in_fence = [], False
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
        elif not in_fence and HEADING.match(line):
            found.append((number, line))
    return found


def version_claims(source: str) -> list[tuple[str, str]] | str:
    try:
        return [(claim.spec, claim.value) for dependent in parse(source) for claim in dependent.exceptions]
    except ValueError as error:
        return str(error)


def code_of(source: str) -> str:
    try:
        return ast.dump(ast.parse(source))
    except SyntaxError as error:
        return f"SyntaxError: {error}"


def test_languages_have_the_same_pages_and_snippets() -> None:
    problems = parity_problems(ROOT / "docs")
    assert not problems, "\n".join(problems)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


SNIPPET = '# T {{ #t }}\n\n```python exec="on"\n# {comment}\nx = {value}\nprint(x)\n#> {value}\n```\n'


def test_translated_comments_are_fine(tmp_path: Path) -> None:
    write(tmp_path / "ko/page.md", SNIPPET.format(value=1, comment="주석"))
    write(tmp_path / "en/page.md", SNIPPET.format(value=1, comment="comment"))
    assert parity_problems(tmp_path) == []


def test_a_page_without_twin_is_named(tmp_path: Path) -> None:
    write(tmp_path / "ko/page.md", SNIPPET.format(value=1, comment=""))
    write(tmp_path / "en/page.md", SNIPPET.format(value=1, comment=""))
    write(tmp_path / "ko/extra/only-ko.md", SNIPPET.format(value=1, comment=""))
    assert parity_problems(tmp_path) == [
        f"{tmp_path}/ko/extra/only-ko.md: no twin; add {tmp_path}/en/extra/only-ko.md"
    ]


def test_twins_whose_snippets_differ_are_named(tmp_path: Path) -> None:
    write(tmp_path / "ko/page.md", SNIPPET.format(value=1, comment=""))
    write(tmp_path / "en/page.md", SNIPPET.format(value=2, comment=""))
    problems = parity_problems(tmp_path)
    assert problems == [
        f"{tmp_path}/ko/page.md:3-8 and {tmp_path}/en/page.md:3-8: `#>` claims differ",
        f"{tmp_path}/ko/page.md:3-8 and {tmp_path}/en/page.md:3-8: the code differs (comments aside)",
    ]


def test_a_heading_without_anchor_is_named(tmp_path: Path) -> None:
    write(tmp_path / "ko/page.md", "# 제목\n")
    write(tmp_path / "en/page.md", "# Title { #title }\n")
    problems = parity_problems(tmp_path)
    assert problems[0].startswith(f"{tmp_path}/ko/page.md:1: give the heading an explicit anchor")


def test_translated_reasons_are_fine_but_values_must_match(tmp_path: Path) -> None:
    def page(value: int, reason: str) -> str:
        return SNIPPET.format(value=1, comment="").replace("#> 1\n", f"#> 1\n#? <=3.11: {value} | {reason}\n")

    write(tmp_path / "ko/page.md", page(5, "이유"))
    write(tmp_path / "en/page.md", page(5, "reason"))
    assert parity_problems(tmp_path) == []
    write(tmp_path / "en/page.md", page(6, "reason"))
    assert parity_problems(tmp_path) == [
        f"{tmp_path}/ko/page.md:3-9 and {tmp_path}/en/page.md:3-9: `#?` versions or values differ (reasons may be translated)"
    ]
