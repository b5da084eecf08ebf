"""`make claims` (pytest-examples' update mode) rewrites only `#>` lines, and a wrong claim fails by page and line."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PAGE = '# Page {{ #page }}\n\nText.\n\n```python exec="on"\nx = [1, 2]  # a comment\nprint(len(x))\n#> {claim}\n```\n'


def run_claims(docs: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", str(ROOT / "tests/test_examples.py"), *args],
        cwd=ROOT, env={**os.environ, "DOCS_DIR": str(docs)}, capture_output=True, text=True, check=False,
    )


def snapshot(docs: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(docs.rglob("*")) if path.is_file()}


def test_a_wrong_claim_fails_naming_page_line_and_values(tmp_path: Path) -> None:
    (tmp_path / "ko").mkdir()
    (tmp_path / "ko/page.md").write_text(PAGE.format(claim=3), "utf-8")
    result = run_claims(tmp_path)
    assert result.returncode == 1
    assert f"{tmp_path}/ko/page.md:5-9: CPython {platform.python_version()} printed other values than the page claims" in result.stdout
    assert "-#> 3\n  +#> 2" in result.stdout
    assert "make claims" in result.stdout


def test_refresh_rewrites_only_the_claim_lines(tmp_path: Path) -> None:
    (tmp_path / "ko").mkdir()
    page = tmp_path / "ko/page.md"
    page.write_text(PAGE.format(claim=3), "utf-8")
    assert run_claims(tmp_path, "--update-examples").returncode == 0
    assert page.read_text("utf-8") == PAGE.format(claim=2)


def test_refresh_on_the_real_docs_changes_nothing(tmp_path: Path) -> None:
    docs = shutil.copytree(ROOT / "docs", tmp_path / "docs")
    before = snapshot(docs)
    result = run_claims(docs, "--update-examples")
    assert result.returncode == 0, result.stdout
    assert snapshot(docs) == before
