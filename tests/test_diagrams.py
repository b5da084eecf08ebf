"""Object diagrams drawn from live objects at build time (hooks/diagrams.py)."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import html_path, make_project, mkdocs_build


def page(marker: str) -> str:
    return f"# Page {{ #page }}\n\nText.\n\n{marker}\n"


def test_the_cycle_diagram_shows_the_live_counts(tmp_path: Path) -> None:
    project = make_project(tmp_path, {
        "ko/index.md": page("<!-- diagram: reference-cycle | 서로를 가리키는 두 객체 -->"),
        "en/index.md": page("<!-- diagram: reference-cycle | Two objects pointing at each other -->"),
    })
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    for language, label in (("ko", "서로를 가리키는 두 객체"), ("en", "Two objects pointing at each other")):
        html = html_path(tmp_path / "site", language, Path("index.md")).read_text("utf-8")
        svg = re.search(r"<svg[^>]*object-diagram.*?</svg>", html, re.S)[0]
        assert f'role="img" aria-label="{label}"' in svg
        assert re.findall(r">a: Node<|>b: Node<|>refcount \d+<|>\.ref<", svg) == [
            ">.ref<", ">.ref<", ">a: Node<", ">refcount 1<", ">b: Node<", ">refcount 1<",
        ]
        assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_an_unknown_diagram_fails_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"ko/index.md": page("<!-- diagram: nothing-here | x -->")})
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "docs/ko/index.md: unknown diagram 'nothing-here'" in build.stderr
