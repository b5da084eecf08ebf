"""Version-dependent claims (`#?` lines, hooks/version_claims.py) and the commands that record them."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from helpers import run_claim_checks
from version_claims import SUPPORTED, current_build, for_build, parse, update

SNIPPET = 'print("x")\n#> a\n#? <=3.11: b | reason b\n#? 3.13-3.14: c | reason c\nprint("y")\n#> d\n'


def test_each_build_gets_its_declared_value() -> None:
    values = {build: for_build(SNIPPET, build).splitlines()[1] for build in SUPPORTED}
    assert values == {
        "3.10": "#> b", "3.11": "#> b", "3.12": "#> a", "3.13": "#> c", "3.14": "#> c", "3.15": "#> a",
        "3.14t": "#> a", "3.15t": "#> a",
    }
    assert for_build(SNIPPET, "3.16") == SNIPPET  # a version never seen: the `#>` values


def test_free_threaded_builds_are_named_apart() -> None:
    snippet = "print(1)\n#> 16\n#? >=3.14t: 32 | free-threaded objects carry more header fields\n"
    assert for_build(snippet, "3.14t").splitlines()[1] == "#> 32"
    assert for_build(snippet, "3.14").splitlines()[1] == "#> 16"


@pytest.mark.parametrize(
    ("snippet", "message"),
    [
        ("print(1)\n#> 1\n#? 3.8: 2 | old\n", "line 3: 3.8 names none of the checked builds"),
        ("print(1)\n#> 1\n#? <=3.11: 2 | a\n#? 3.11-3.12: 3 | b\n", "line 4: 3.11-3.12 overlaps <=3.11 (line 3) on 3.11"),
        ("print(1)\n#> 1\n#? three: 2\n", "line 3: write `#? <versions>: <value> | <reason>`"),
        ("print(1)\n\n#? 3.11: 2\n", "line 3: a `#?` line must follow a one-line `#>` claim"),
    ],
)
def test_bad_declarations_are_named(snippet: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse(snippet)


def test_update_keeps_other_versions_and_records_per_version() -> None:
    printed_on_312 = for_build(SNIPPET, "3.12").replace("#> a", "#> new")
    assert update(SNIPPET, "3.12", printed_on_312, per_version=False) == SNIPPET.replace("#> a", "#> new")
    assert update(SNIPPET, "3.12", printed_on_312, per_version=True) == SNIPPET.replace(
        "#? 3.13-3.14: c | reason c\n",
        "#? 3.13-3.14: c | reason c\n#? 3.12: new | TODO: why 3.12 differs (PEP or What's New)\n",
    )
    printed_on_310 = for_build(SNIPPET, "3.10").replace("#> b", "#> B")
    assert update(SNIPPET, "3.10", printed_on_310, per_version=True) == SNIPPET.replace("b | reason b", "B | reason b")


def other_build() -> str:
    return next(build for build in SUPPORTED if build != current_build() and not build.endswith("t"))


def test_a_value_this_version_does_not_print_fails_then_gets_recorded(tmp_path: Path) -> None:
    page = tmp_path / "ko/page.md"
    page.parent.mkdir()
    page.write_text(f'# P {{ #p }}\n\n```python exec="on"\nprint(2)\n#> 2\n#? {current_build()}: 3 | wrong on purpose\n```\n', "utf-8")
    result = run_claim_checks(tmp_path)
    assert result.returncode == 1
    assert f"page.md:3-7: CPython {sys.version.split()[0]} printed other values than the page claims" in result.stdout
    assert "-#> 3\n  +#> 2" in result.stdout
    assert f"nox -s claims-{current_build()} -- --record-version" in result.stdout
    assert run_claim_checks(tmp_path, "--record-version").returncode == 0
    assert f"#? {current_build()}: 2 | wrong on purpose" in page.read_text("utf-8")
    assert run_claim_checks(tmp_path).returncode == 0


def test_record_version_adds_a_line_and_leaves_the_claim(tmp_path: Path) -> None:
    page = tmp_path / "en/page.md"
    page.parent.mkdir()
    page.write_text(f'# P {{ #p }}\n\n```python exec="on"\nprint(2)\n#> 5\n#? {other_build()}: 2 | x\n```\n', "utf-8")
    assert run_claim_checks(tmp_path, "--record-version").returncode == 0
    assert page.read_text("utf-8").splitlines()[4:7] == [
        "#> 5", f"#? {other_build()}: 2 | x", f"#? {current_build()}: 2 | TODO: why {current_build()} differs (PEP or What's New)",
    ]
    result = run_claim_checks(tmp_path)
    assert result.returncode == 1 and "needs a reason after ` | `" in result.stdout


def test_output_that_changes_between_runs_is_reported_as_unstable(tmp_path: Path) -> None:
    page = tmp_path / "ko/page.md"
    page.parent.mkdir()
    page.write_text('# P { #p }\n\n```python exec="on"\nprint(hash("a") % 1000 == hash("a") % 1000, hash("a"))\n#> True 1\n```\n', "utf-8")
    result = run_claim_checks(tmp_path)
    assert result.returncode == 1
    assert "two runs on CPython" in result.stdout and "Print a stable fact instead" in result.stdout
