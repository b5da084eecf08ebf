"""`make claims` (pytest-examples' update mode) rewrites only `#>` lines, and a wrong claim fails by page and line."""

from __future__ import annotations

import platform
import shutil
from pathlib import Path

from conftest import ROOT
from helpers import run_claim_checks

PAGE = '# Page {{ #page }}\n\nText.\n\n```python exec="on"\nx = [1, 2]  # a comment\nprint(len(x))\n#> {claim}\n```\n'


def snapshot(docs: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(docs.rglob("*")) if path.is_file()}


def test_a_wrong_claim_fails_naming_page_line_and_values(tmp_path: Path) -> None:
    (tmp_path / "ko").mkdir()
    (tmp_path / "ko/page.md").write_text(PAGE.format(claim=3), "utf-8")
    result = run_claim_checks(tmp_path)
    assert result.returncode == 1
    assert f"{tmp_path}/ko/page.md:5-9: CPython {platform.python_version()} printed other values than the page claims" in result.stdout
    assert "-#> 3\n  +#> 2" in result.stdout
    assert "make claims" in result.stdout


def test_refresh_rewrites_only_the_claim_lines(tmp_path: Path) -> None:
    (tmp_path / "ko").mkdir()
    page = tmp_path / "ko/page.md"
    page.write_text(PAGE.format(claim=3), "utf-8")
    assert run_claim_checks(tmp_path, "--update-examples").returncode == 0
    assert page.read_text("utf-8") == PAGE.format(claim=2)


def test_refresh_on_the_real_docs_changes_nothing(tmp_path: Path) -> None:
    docs = shutil.copytree(ROOT / "docs", tmp_path / "docs")
    before = snapshot(docs)
    result = run_claim_checks(docs, "--update-examples")
    assert result.returncode == 0, result.stdout
    assert snapshot(docs) == before
