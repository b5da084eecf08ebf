"""How snippets run at build time (hooks/snippets.py): faithful, isolated, reproducible, cached."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import html_path, make_project, mkdocs_build, shown_outputs, snippet


def page(*snippets: str) -> str:
    return "# Page { #page }\n\nText.\n\n" + "\n\nText.\n\n".join(snippets) + "\n"


def build_ok(project: Path, site: Path, **env: str) -> Path:
    build = mkdocs_build(project, site, **env)
    assert build.returncode == 0, build.stderr
    return site


def test_a_class_prints_as_in_a_script_and_addresses_are_masked(tmp_path: Path) -> None:
    code = "class Node:\n    pass\n\nprint(Node())\nprint(hex(id(Node)))\nprint(hex(255))"
    project = make_project(tmp_path, {"ko/index.md": page(snippet(code)), "en/index.md": page(snippet(code))})
    site = build_ok(project, tmp_path / "site")
    for language in ("ko", "en"):
        built = html_path(site, language, Path("index.md"))
        assert shown_outputs(built) == ["<__main__.Node object at 0x…>\n0x…\n0xff"]
    assert "실행할 때마다 달라서" in html_path(site, "ko", Path("index.md")).read_text("utf-8")
    assert "differ on every run" in html_path(site, "en", Path("index.md")).read_text("utf-8")


def test_a_snippet_cannot_change_what_another_page_prints(tmp_path: Path) -> None:
    changes_state = "import gc, sys, tracemalloc\ngc.disable()\nsys.setrecursionlimit(123)\ntracemalloc.start()\nprint('changed')"
    reads_state = "import gc, sys, tracemalloc\nprint(gc.isenabled(), sys.getrecursionlimit(), tracemalloc.is_tracing())"
    pages = {f"{language}/index.md": page(snippet(changes_state)) for language in ("ko", "en")}
    pages |= {f"{language}/reference-counting.md": page(snippet(reads_state)) for language in ("ko", "en")}
    site = build_ok(make_project(tmp_path, pages), tmp_path / "site")
    assert shown_outputs(html_path(site, "ko", Path("index.md"))) == ["changed"]
    assert shown_outputs(html_path(site, "ko", Path("reference-counting.md"))) == ["True 1000 False"]


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    code = "class Node:\n    pass\n\nprint(Node())"
    project = make_project(tmp_path, {"ko/index.md": page(snippet(code)), "en/index.md": page(snippet(code))})
    first, second = (  # each with empty caches of its own, the notebook's included
        build_ok(project, tmp_path / name, SNIPPETS_CACHE_DIR=str(tmp_path / name / "snippets"),
                 NOTEBOOK_CACHE_DIR=str(tmp_path / name / "notebooks"))
        for name in ("first", "second")
    )
    files = sorted(path.relative_to(first) for path in first.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(second) for path in second.rglob("*") if path.is_file())
    assert {"sitemap.xml.gz", "object_lifecycle.ipynb"} <= {path.name for path in files}
    assert [path for path in files if (first / path).read_bytes() != (second / path).read_bytes()] == []


def test_cache_is_shared_by_translations_and_never_serves_other_code(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    pages = {
        "ko/index.md": page(snippet("print(1 + 1)  # 한국어 주석")),
        "en/index.md": page(snippet("print(1 + 1)  # an English comment")),
    }
    project = make_project(tmp_path, pages)
    build_ok(project, tmp_path / "site", SNIPPETS_CACHE_DIR=str(cache))
    results = [json.loads(path.read_text("utf-8"))["result"]["output"] for path in cache.glob("*/*.json")]
    assert sorted(results) == ["2\n", "2\n"]  # one run: stored under its exact and its comment-free key
    (project / "docs/ko/index.md").write_text(page(snippet("print(1 + 2)  # 한국어 주석")), "utf-8")
    (project / "docs/en/index.md").write_text(page(snippet("print(1 + 2)  # an English comment")), "utf-8")
    site = build_ok(project, tmp_path / "site", SNIPPETS_CACHE_DIR=str(cache))
    assert shown_outputs(html_path(site, "en", Path("index.md"))) == ["3"]


def test_tracebacks_are_not_shared_between_languages(tmp_path: Path) -> None:
    pages = {
        "ko/index.md": page(snippet("raise SystemExit('x')  # 한국어 주석", 'returncode="1"')),
        "en/index.md": page(snippet("raise SystemExit('x')  # an English comment", 'returncode="1"')),
    }
    site = build_ok(make_project(tmp_path, pages), tmp_path / "site")
    assert shown_outputs(html_path(site, "ko", Path("index.md"))) == ["x"]
    pages = {
        "ko/index.md": page(snippet("print(1)\n1 / 0  # 한국어 주석", 'returncode="1"')),
        "en/index.md": page(snippet("print(1)\n1 / 0  # an English comment", 'returncode="1"')),
    }
    site = build_ok(make_project(tmp_path / "second", pages), tmp_path / "site2")
    ko, en = (shown_outputs(html_path(site, language, Path("index.md")))[0] for language in ("ko", "en"))
    assert ko.startswith("1\nTraceback") and '  File "snippet.py", line 2' in ko and "# 한국어 주석" in ko
    assert en.startswith("1\nTraceback") and "# an English comment" in en


def test_writing_to_stderr_fails_unless_the_fence_expects_it(tmp_path: Path) -> None:
    code = "import sys\nprint('out')\nprint('err', file=sys.stderr)\nprint('out again')"
    project = make_project(tmp_path, {"ko/index.md": page(snippet(code))})
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert 'docs/ko/index.md:5: the snippet wrote to stderr' in build.stderr
    assert 'add stderr="expected"' in build.stderr
    (project / "docs/ko/index.md").write_text(page(snippet(code, 'stderr="expected"')), "utf-8")
    site = build_ok(project, tmp_path / "site")
    assert shown_outputs(html_path(site, "ko", Path("index.md"))) == ["out\nerr\nout again"]


def test_a_snippet_that_never_ends_fails_after_the_timeout(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"en/index.md": page(snippet("while True:\n    pass"))})
    build = mkdocs_build(project, tmp_path / "site", SNIPPETS_TIMEOUT="2")
    assert build.returncode != 0
    assert "docs/en/index.md:5: the snippet ran longer than 2 s (SNIPPETS_TIMEOUT) and was stopped" in build.stderr


def test_sessions_are_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"ko/index.md": page(snippet("print(1)", 'session="a"'))})
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert 'docs/ko/index.md:5: remove session="a"' in build.stderr
