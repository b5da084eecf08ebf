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
        count = {"ko": "참조 횟수", "en": "refcount"}[language]
        assert re.findall(rf">a: Node<|>b: Node<|>{count} \d+<|>\.ref<", svg) == [
            ">.ref<", ">.ref<", ">a: Node<", f">{count} 1<", ">b: Node<", f">{count} 1<",
        ]
        assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_an_unknown_diagram_fails_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"ko/index.md": page("<!-- diagram: nothing-here | x -->")})
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "docs/ko/index.md: unknown diagram 'nothing-here'" in build.stderr


def diagram_svg(tmp_path: Path, marker: str, language: str = "en") -> str:
    project = make_project(tmp_path, {f"{language}/index.md": page(marker)})
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    html = html_path(tmp_path / "site", language, Path("index.md")).read_text("utf-8")
    return re.search(r"<svg[^>]*object-diagram.*?</svg>", html, re.S)[0]


def test_the_generations_diagram_follows_one_object_through_two_collections(tmp_path: Path) -> None:
    svg = diagram_svg(tmp_path, "<!-- diagram: gc-generations | node moves from generation 0 to 2 -->")
    assert re.findall(r">(node = Node\(\)|gc\.collect\(\d\))<", svg) == ["node = Node()", "gc.collect(0)", "gc.collect(1)"]
    assert svg.count('class="box here"') == 3 and len(re.findall(r">node · \d+ objects<", svg)) == 3


def test_the_pool_diagram_places_each_object_in_a_block_of_its_pool(tmp_path: Path) -> None:
    svg = diagram_svg(tmp_path, "<!-- diagram: pymalloc-pools | 풀 속의 블록 -->", "ko")
    pools = len(re.findall(r">풀 \d+ · 16KiB<", svg))
    assert 1 <= pools <= 12
    assert svg.count('class="box ours"') == 12 + 1  # one per bytes object, and the legend's
    assert svg.count('class="box header"') == pools + 1


def test_a_drawn_diagram_is_kept_and_used_by_the_next_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"en/index.md": page("<!-- diagram: reference-cycle | Two objects -->")})
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    [kept] = (project / ".cache/diagrams").glob("*/*.svg")
    kept.write_text(kept.read_text("utf-8").replace("refcount 1", "refcount 7"), "utf-8")
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    assert ">refcount 7<" in html_path(tmp_path / "site", "en", Path("index.md")).read_text("utf-8")
    kept.write_text("<svg", "utf-8")  # a broken entry is drawn again
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    assert ">refcount 1<" in html_path(tmp_path / "site", "en", Path("index.md")).read_text("utf-8")
