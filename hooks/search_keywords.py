"""MkDocs hook: search finds a concept's teaching page first, by any name the glossary gives it.

Each glossary row whose English term links to a page (`| 참조 횟수 | [reference count](reference-counting.md)
(refcount) | … | 참조 카운트, 레퍼런스 카운트 |`) makes all of the row's terms, the Korean one, the English
ones and the variants the Korean pages avoid, search keywords of that page in both languages. They go
into Material's `tags` search field (boosted far above the text), so the page ranks first for them.
No tags plugin is enabled, so the page itself shows none.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

GLOSSARY = Path("ko/glossary.md")  # under docs_dir; the English glossary has the same rows
# | Korean | English (linked) | meaning | variants |; the meaning column is optional.
ROW = re.compile(r"^\|([^|]+)\|([^|]*\]\(([\w-]+)\.md\)[^|]*)\|(?:[^|]*\|)?([^|]*)\|\s*$", re.MULTILINE)
LINK_TARGET = re.compile(r"\]\([\w-]+\.md\)")
TERM = re.compile(r"[^\[\](),]+")  # the words between brackets, parentheses and commas

_keywords: dict[str, list[str]] = {}


def on_config(config: Any) -> None:
    text = (Path(config.docs_dir) / GLOSSARY).read_text(encoding="utf-8")
    keywords = defaultdict(list)
    for korean, english, page, variants in ROW.findall(text):
        terms = [korean, *TERM.findall(LINK_TARGET.sub("]", english)), *variants.split(",")]
        keywords[page] += [term.strip() for term in terms if term.strip()]
    _keywords.clear()
    _keywords.update(keywords)


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    name = Path(page.file.src_uri).with_suffix("").name
    if name in _keywords and page.file.src_uri.endswith(".md"):
        page.meta["tags"] = [*page.meta.get("tags", []), *_keywords[name]]
    return markdown
