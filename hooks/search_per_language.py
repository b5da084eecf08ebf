"""MkDocs hook: one search index per language, so search results stay in the reader's language.

static-i18n merges every language's pages into the site root's search/search_index.json, which
Material's pages in every language load. After the last build this hook moves each other
language's entries into <language>/search/search_index.json and points that language's pages
there (Material looks for the index under the `base` of its __config).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

OTHER_LANGUAGES = ("en",)
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{"annotate": [^,]*, "base": ")([^"]*)(")')


def on_post_page(output: str, page: Any, **_: Any) -> str:
    language = page.url.split("/", 1)[0]
    if language in OTHER_LANGUAGES:
        output = CONFIG_BASE.sub(lambda m: f"{m[1]}{m[2].rstrip('/')}/{language}/{m[3]}", output, count=1)
    return output


@event_priority(-200)  # after static-i18n wrote the merged index (-100)
def on_post_build(config: Any) -> None:
    site = Path(config.site_dir)
    while not (site / "search" / "search_index.json").exists() and site != site.parent:
        site = site.parent  # static-i18n builds the other languages into site/<language>
    root_index = site / "search" / "search_index.json"
    if not root_index.exists():
        return
    index = json.loads(root_index.read_text(encoding="utf-8"))
    for language in OTHER_LANGUAGES:
        prefix = f"{language}/"
        own = [doc for doc in index["docs"] if doc["location"].startswith(prefix)]
        if not own:
            continue
        index["docs"] = [doc for doc in index["docs"] if not doc["location"].startswith(prefix)]
        target = site / language / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        entries = [{**doc, "location": doc["location"].removeprefix(prefix)} for doc in own]
        target.write_text(json.dumps({**index, "docs": entries}, ensure_ascii=False), encoding="utf-8")
    root_index.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
