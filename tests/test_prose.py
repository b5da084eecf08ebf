"""The teaching pages teach on their own: the source chapter is discussed on the corrections page, and a
teaching page mentions it only in a collapsed note (at most one per section); prose says nothing of
how the tests check the pages."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import LANGUAGES, ROOT

DOCS = ROOT / "docs"
CORRECTIONS = "source-corrections.md"
# The source chapter, as each language's prose names it ("the source code", "CPython's source" are not it).
SOURCE = {"ko": re.compile(r"원문"), "en": re.compile(r"\b[Tt]he source\b(?!\s+(?:code|file|tree))|\bsource chapter\b")}
AUTHORS_ONLY = re.compile(r"#>|#\?|Every code block on this page|이 페이지의 (모든 )?코드 블록은")
NOTE = re.compile(r"^\?\?\?\+? note ")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def prose_lines(text: str):
    """(line number, line, inside a collapsed note, section heading) for each line outside code fences."""
    fence, in_note, section = "", False, "(top)"
    for number, line in enumerate(text.splitlines(), 1):
        opened = FENCE.match(line)
        if fence:
            if opened and opened[1].startswith(fence) and not line.strip()[len(opened[1]):].strip():
                fence = ""
            continue
        if opened:
            fence = opened[1]
            continue
        if line.startswith("#") and re.match(r"#{1,6} ", line):
            section, in_note = line, False
        elif NOTE.match(line):
            in_note = True
        elif line.strip() and not line.startswith((" ", "\t")):
            in_note = False
        yield number, line, in_note or bool(NOTE.match(line)), section


def source_mention_problems(page: Path, language: str) -> list[str]:
    problems, notes_per_section = [], {}
    notes_seen: set[tuple[str, int]] = set()
    note_start = 0
    for number, line, in_note, section in prose_lines(page.read_text("utf-8")):
        if NOTE.match(line):
            note_start = number
        if not SOURCE[language].search(line):
            continue
        if not in_note:
            problems.append(f"{page}:{number}: mentions the source chapter in the teaching prose; teach the fact "
                            f"here, and move the critique to {CORRECTIONS} (a short collapsed note may point there)")
        elif (section, note_start) not in notes_seen:
            notes_seen.add((section, note_start))
            notes_per_section[section] = notes_per_section.get(section, 0) + 1
            if notes_per_section[section] > 1:
                problems.append(f"{page}:{number}: a second note about the source chapter in section {section!r}; "
                                "keep one per section")
    return problems


def teaching_pages() -> list[tuple[Path, str]]:
    return [(page, language) for language in LANGUAGES for page in sorted((DOCS / language).glob("*.md"))
            if page.name != CORRECTIONS]


def test_teaching_pages_mention_the_source_only_in_one_collapsed_note_per_section() -> None:
    problems = [problem for page, language in teaching_pages() for problem in source_mention_problems(page, language)]
    assert not problems, "\n".join(problems)


def test_prose_says_nothing_of_how_claims_are_checked() -> None:
    problems = [f"{page}:{number}: {match[0]!r} is for authors; the home page says how to read a block"
                for page, _ in teaching_pages()
                for number, line, _, _ in prose_lines(page.read_text("utf-8"))
                if (match := AUTHORS_ONLY.search(line))]
    assert not problems, "\n".join(problems)


def test_the_notebook_does_not_mention_the_source() -> None:
    # A notebook cannot collapse a note; what the example corrects is on the corrections page (#in-the-example).
    example = (ROOT / "examples/object_lifecycle.py").read_text("utf-8")
    cells = re.split(r"^# %% \[markdown\] tags=\[\"(\w+)\"\]\n", example, flags=re.MULTILINE)[1:]
    problems = [f"examples/object_lifecycle.py: a {language} cell mentions the source chapter: {cell[:80]!r}"
                for language, cell in zip(cells[::2], cells[1::2])
                if SOURCE[language].search("\n".join(line for line in cell.splitlines() if line.startswith("#")))]
    assert not problems, "\n".join(problems)


def markup_problems(page: Path) -> list[str]:
    """Markup that rewrapping breaks: a table row split over lines or cut off by a blank line, a link
    whose text and address are on different lines, inline code left open at the end of a paragraph."""
    lines = [(number, line.strip()) for number, line, _, _ in prose_lines(page.read_text("utf-8"))] + [(0, "")]
    problems, paragraph = [], []
    for index, (number, text) in enumerate(lines):
        before = [lines[index - k][1] if index >= k else "" for k in (1, 2)]
        after = lines[index + 1][1] if index + 1 < len(lines) else ""
        if (text.startswith("|") and not text.endswith("|")) or (text and not text.startswith("|") and before[0].startswith("|")):
            problems.append(f"{page}:{number}: a table row is split over two lines; join it into one line")
        if text.startswith("|") and not before[0] and before[1].startswith("|") and not after.startswith("|-"):
            problems.append(f"{page}:{number}: a blank line cuts this row off its table; remove the blank line")
        if text.startswith("(") and before[0].endswith("]"):
            problems.append(f"{page}:{number}: a link's text and address are on different lines; join them")
        if text:
            paragraph.append((number, re.sub(r"`{2,}", "", text)))
        elif paragraph:
            if sum(chunk.count("`") for _, chunk in paragraph) % 2:
                problems.append(f"{page}:{paragraph[0][0]}: inline code opened with ` is not closed in this paragraph")
            outside_code = re.sub(r"`[^`]*`", "", " ".join(re.sub(r"^[*-] ", "", chunk) for _, chunk in paragraph))
            if outside_code.replace("**", "").count("*") % 2:
                problems.append(f"{page}:{paragraph[0][0]}: emphasis opened with * is not closed in this paragraph")
            paragraph = []
    return problems


def test_markup_survives_rewrapping() -> None:
    problems = [problem for page, _ in [*teaching_pages(), *((DOCS / language / CORRECTIONS, language) for language in LANGUAGES)]
                for problem in markup_problems(page)]
    assert not problems, "\n".join(problems)


def test_broken_markup_is_named(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Page\n\n| a | b |\n|---|---|\n| one | two |\n\n| three | four |\n\n| c | d |\n|---|---|\n"
                    "| five | six\n seven |\n\nSee [the docs]\n(https://docs.python.org/3/).\n\nCall `gc.collect() now.\n\nA *split\n\nemphasis* here.\n", "utf-8")
    assert [problem.split(": ", 1)[0] for problem in markup_problems(page)] == [
        f"{page}:7", f"{page}:11", f"{page}:12", f"{page}:15", f"{page}:17", f"{page}:19", f"{page}:21"]


def test_a_mention_outside_a_note_and_a_second_note_are_named(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n\n## One\n\nThe source says so.\n\n```python\n# the source here is code\n```\n\n"
        '??? note "If you read the source chapter"\n    The source said 0.\n\n'
        '??? note "If you read the source chapter"\n    Again.\n\n## Two\n\n'
        '??? note "If you read the source chapter"\n    Fine here.\n\nAfter the note, the source is prose again.\n',
        "utf-8")
    assert [problem.split(": ")[0] for problem in source_mention_problems(page, "en")] == [
        f"{page}:5", f"{page}:14", f"{page}:22"]
