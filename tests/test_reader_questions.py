"""The questions readers ask most each have a section of their own, linked from the home page and the
key takeaways in both languages."""

from __future__ import annotations

import re

import pytest
from conftest import LANGUAGES, ROOT

QUESTIONS = [
    "memory-allocators.md#why-memory-does-not-go-down",
    "garbage-collector.md#should-i-tune-the-collector",
    "finding-leaks.md#deep-size",
    "finding-leaks.md#find-what-is-leaking",
    "immortal-objects.md#refcount-of-none",
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("question", QUESTIONS)
def test_each_reader_question_has_a_section_linked_from_home_and_takeaways(language: str, question: str) -> None:
    page, anchor = question.split("#")
    target = ROOT / "docs" / language / page
    assert target.exists(), f"{target}: the page that answers #{anchor} is missing"
    assert re.search(rf"^#+ .*\{{\s*#{anchor}\s*\}}\s*$", target.read_text("utf-8"), re.MULTILINE), \
        f"{target}: no section with the anchor #{anchor}"
    for linking in ("index.md", "takeaways.md"):
        text = (ROOT / "docs" / language / linking).read_text("utf-8")
        assert f"]({question})" in text, f"docs/{language}/{linking}: link the question to {question}"
