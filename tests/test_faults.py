"""Fault injection: what a snippet, a page or a cache can do wrong, and what the author is told.

Each fault is written into a copy of the site, the real `mkdocs build --strict` or the real claim
checks run on it, and the test reads what they print: the page and line of the fault, and the
reason. Faults of one kind share a page and one run, so the table stays fast.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from conftest import ROOT
from helpers import build_environ, html_path, make_project, mkdocs_build, run_claim_checks, shown_outputs

PAGE = "docs/en/index.md"
MARK = uuid.uuid4().hex[:8]  # names the processes the faults start, to look for survivors

# name: (snippet, fence options, what the build says at the snippet's line)
BUILD_FAULTS = {
    "raises": ("print(1 / 0)", "", "the snippet exited with code 1 (expected 0). Fix it, or if the error is the point, add returncode=\"1\""),
    "exits with code 3": ("import sys\nsys.exit(3)", "", "the snippet exited with code 3 (expected 0)"),
    "raises, fence expects 2": ("print(1 / 0)", 'returncode="2"', "the snippet exited with code 1 (expected 2)"),
    "never ends": ("while True:\n    pass", "", "the snippet ran longer than 2 s (SNIPPETS_TIMEOUT) and was stopped (on CPython"),
    "sleeps": ("import time\ntime.sleep(600)", "", "the snippet ran longer than 2 s (SNIPPETS_TIMEOUT) and was stopped"),
    "prints without end": ("while True:\n    print('y' * 1000)", "", "the snippet printed more than 100000 bytes (SNIPPETS_MAX_OUTPUT) and was stopped"),
    "prints 10 MB at once": ("print('x' * 10_000_000)", "", "the snippet printed more than 100000 bytes (SNIPPETS_MAX_OUTPUT)"),
    "writes to stderr": ("import sys\nprint('oops', file=sys.stderr)", "", 'the snippet wrote to stderr (on CPython'),
    "warns": ("import warnings\nwarnings.warn('old')", "", "the snippet wrote to stderr"),
    "waits for input": ("input()", "", "the snippet exited with code 1 (expected 0)"),
    "interrupts itself": ("raise KeyboardInterrupt", "", "the snippet exited with code"),
    "asks for a session": ("print(1)\n#> 1", 'session="shared"', 'remove session="shared": every snippet runs on its own'),
    "declares an unchecked build": ("print(1)\n#> 1\n#? 3.99: 2 | no such build", "", "3.99 names none of the checked builds"),
    "declares a malformed version line": ("print(1)\n#> 1\n#? three: 2", "", "write `#? <versions>: <value> | <reason>`"),
    # last: pytest-examples ends this block at the backticks inside it, and misreads what follows

    "has an unknown option": ("print(1)\n#> 1", 'bad-option="1"', "unknown fence option bad, option"),
    "has a fence line superfences cannot read": ("print(1)\n#> 1", 'title="unclosed', "this block is shown as text, not run"),
    "holds backticks the claim checks stop at": ('print("```")\n#> ```', "", "the claim checks read this block differently from the build"),
}


def fence(code: str, options: str = "", ticks: str = "```") -> str:
    return f'{ticks}python exec="on"{" " + options if options else ""}\n{code}\n{ticks}'


def page_with(blocks: list[str]) -> tuple[str, list[int]]:
    """A page holding `blocks`, and the line where each block's fence starts."""
    text, lines = "# Page { #page }\n", []
    for block in blocks:
        text += "\nText.\n\n"
        lines.append(text.count("\n") + 1)
        text += block + "\n"
    return text, lines


@pytest.fixture(scope="module")
def faulty_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], dict[str, int], int]:
    names = list(BUILD_FAULTS)
    blocks = [fence(code, options) for code, options, _ in BUILD_FAULTS.values()]
    blocks.append(fence("print(1)\n#> 1", ticks="````"))  # a fence the claim checks would not see
    text, lines = page_with(blocks)
    where = tmp_path_factory.mktemp("faulty")
    project = make_project(where, {"en/index.md": text})
    # The build's peak memory, its snippets' included: RUSAGE_CHILDREN of a process that only waits for it.
    measure = ("import resource, subprocess, sys; done = subprocess.run(sys.argv[1:], stderr=subprocess.STDOUT); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(done.returncode)")
    build = subprocess.run(
        [sys.executable, "-c", measure, sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(where / "site")],
        cwd=project, capture_output=True, text=True, env=build_environ(project, SNIPPETS_TIMEOUT="2"),
    )
    return build, dict(zip([*names, "four backticks"], lines)), int(build.stderr.split()[-1])


@pytest.mark.parametrize("name", BUILD_FAULTS)
def test_the_build_names_the_fault_at_its_line(name: str, faulty_build) -> None:
    build, lines, _ = faulty_build
    line = lines[name] + (3 if name.startswith("declares") else 0)  # the `#?` line, third in its block
    assert f"{PAGE}:{line}: {BUILD_FAULTS[name][2]}" in build.stdout, build.stdout[-3000:]
    assert build.returncode == 1 and "warnings in strict mode" in build.stdout


def test_a_fence_the_claim_checks_cannot_find_fails_the_build(faulty_build) -> None:
    build, lines, _ = faulty_build
    assert f"{PAGE}:{lines['four backticks']}: the claim checks cannot find this block" in build.stdout


def test_a_snippet_printing_without_end_is_stopped_and_the_build_stays_small(faulty_build) -> None:
    _, _, peak_kib = faulty_build
    assert peak_kib < 200 * 1024, f"the build and its snippets peaked at {peak_kib // 1024} MB"


# Snippets that do odd things but must build: (code, fence options, what the page shows).
HARMLESS = {
    "exits early with sys.exit(0)": ("import sys\nprint('before')\nsys.exit(0)\nprint('after')", "", "before"),
    "prints a fence and a script": ("print('`' * 8)\nprint('<script>alert(1)</script>')\nprint('`' * 3 + 'html')",
                                    "", "````````\n<script>alert(1)</script>\n```html"),
    "prints markup and entities": ("print('</code></pre><b>bold</b> &amp; {{ page.title }} <!-- x -->')", "",
                                   "</code></pre><b>bold</b> &amp; {{ page.title }} <!-- x -->"),
    "prints control characters": ("print('a\\x1b[31mred\\x02b\\x03c\\x00d')", "", "a\u241b[31mred\u2402b\u2403c\u2400d"),
    "prints bytes that are not UTF-8": ("import sys\nsys.stdout.buffer.write(b'ok \\xff\\n')", "", "ok \ufffd"),
    "writes files where it runs": ("import os\nopen('escaped.txt', 'w').write('x')\n"
                                   "open(os.path.expanduser('~/escaped-home.txt'), 'w').write('x')\nprint(sorted(os.listdir()))",
                                   "", "['escaped-home.txt', 'escaped.txt', 'snippet.py']"),
    "removes its own sandbox": ("import os, shutil\nprint('gone')\nshutil.rmtree(os.path.dirname(os.getcwd()))", "", "gone"),
    "leaves a child process running": (
        f"import subprocess, sys\nsubprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)', '{MARK}'])\n"
        "print('started')", "", "started"),
    "leaves a daemon that left its group": (
        f"import os, sys\nif os.fork() == 0:\n    os.setsid()\n    os.execv(sys.executable, [sys.executable, '-c', "
        f"'import time; time.sleep(600)', '{MARK}'])\nprint('forked')", "", "forked"),
}


@pytest.fixture(scope="module")
def harmless_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    text, _ = page_with([fence(code, options) for code, options, _ in HARMLESS.values()])
    where = tmp_path_factory.mktemp("harmless")
    project = make_project(where, {"en/index.md": text})
    build = mkdocs_build(project, where / "site")
    return project, where / "site", build


def test_odd_snippets_build_and_show_what_they_print(harmless_site) -> None:
    project, site, build = harmless_site
    assert build.returncode == 0, build.stderr
    assert shown_outputs(html_path(site, "en", Path("index.md"))) == [shown for _, _, shown in HARMLESS.values()]


def test_output_is_text_never_markup(harmless_site) -> None:
    _, site, _ = harmless_site
    html = html_path(site, "en", Path("index.md")).read_text("utf-8")
    assert "<script>alert" not in html and "<b>bold</b>" not in html and "\x1b" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_nothing_a_snippet_writes_or_starts_outlives_it(harmless_site) -> None:
    project, _, _ = harmless_site
    assert not list(project.rglob("escaped*.txt")) and not list(ROOT.rglob("escaped*.txt"))
    survivors = subprocess.run(["pgrep", "-f", MARK], capture_output=True, text=True).stdout
    assert survivors == "", f"processes started by snippets are still running: {survivors}"


def cache_entries(project: Path, kind: str) -> list[Path]:
    return sorted((project / ".cache" / kind).glob("*/*"))


BAD_ENTRIES = {  # how an entry can be broken: its text -> the bytes written over it
    "truncated": lambda text: text[: len(text) // 2].encode(),
    "not UTF-8": lambda text: b"\xff\xfe" + text.encode(),
    "empty": lambda text: b"",
    "a list": lambda text: b"[]",
    "another snippet's": lambda text: text.replace('"key": "', '"key": "0').encode(),
    "missing fields": lambda text: json.dumps({**json.loads(text), "result": {"output": "999\n"}}).encode(),
}


def test_broken_cache_entries_are_named_discarded_and_run_again(tmp_path: Path) -> None:
    codes = [f"print({number})\n#> {number}" for number in range(len(BAD_ENTRIES))]
    project = make_project(tmp_path, {"en/index.md": page_with([fence(code) for code in codes])[0]})
    caches = {"NOTEBOOK_CACHE_DIR": str(project / ".cache/notebooks")}  # its own, to break it
    first = mkdocs_build(project, tmp_path / "site", **caches)
    assert first.returncode == 0, first.stderr
    entries = {path: path.read_text("utf-8") for path in cache_entries(project, "snippets")}
    broken = []
    for number, damage in enumerate(BAD_ENTRIES.values()):
        # each result has two entries (its exact code, its code without comments): break both
        for path, text in entries.items():
            if json.loads(text)["result"]["output"] == f"{number}\n":
                path.write_bytes(damage(text))
                broken.append(path)
    assert len(broken) == 2 * len(BAD_ENTRIES)
    notebook = cache_entries(project, "notebooks")
    assert len(notebook) == 1
    notebook[0].write_text('{"cells": [', "utf-8")
    stale = broken[0].parent / f"{'0' * 64}.json"
    stale.write_text("{}", "utf-8")
    second = mkdocs_build(project, tmp_path / "site2", **caches)
    assert second.returncode == 0, second.stderr
    for path in broken:
        assert f"{path}: unreadable snippet cache entry" in second.stderr, second.stderr
    assert f"{notebook[0]}: unreadable notebook cache entry" in second.stderr
    assert shown_outputs(html_path(tmp_path / "site2", "en", Path("index.md"))) == [str(n) for n in range(len(codes))]
    assert not stale.exists(), "an entry no snippet uses was kept"
    assert all(not path.name.endswith(".tmp") for path in cache_entries(project, "snippets"))


def test_an_unwritable_cache_costs_time_not_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"en/index.md": page_with([fence("print(1)\n#> 1")])[0]})
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", "utf-8")
    build = mkdocs_build(project, tmp_path / "site", SNIPPETS_CACHE_DIR=str(blocked))
    assert build.returncode == 0, build.stderr
    assert "cannot write the cache" in build.stderr
    assert shown_outputs(html_path(tmp_path / "site", "en", Path("index.md"))) == ["1"]


# The claim checks. name: (snippet, fence options, what the check says)
CLAIM_FAULTS = {
    "wrong claim": ("print(1 + 1)\n#> 3", "", "printed other values than the page claims"),
    "ends its interpreter with os._exit(0)": ("import os\nprint(1)\n#> 1\nos._exit(0)", "",
                                               "the snippet ended its interpreter (os._exit()?) before its prints could be read"),
    "claim under a print that never runs": ("if False:\n    print(2)\n    #> 2\nprint(3)\n#> 3", "",
                                            "never ran, so nothing checks that claim"),
    "raises": ("print(1 / 0)\n#> 1", "", "the snippet exited with code 1 (expected 0)"),
    "never ends": ("while True:\n    pass\nprint(1)\n#> 1", "", "the snippet ran longer than 2 s"),
    "prints without end": ("while True:\n    print('y' * 1000)\n#> y", "", "the snippet printed more than 100000 bytes"),
    "prints something different each run": ("import uuid\nprint(uuid.uuid4().hex[:2] == uuid.uuid4().hex[:2], uuid.uuid4())\n#> False",
                                            "", "two runs on CPython"),
    "no claim at all": ("print(1)", "", "the snippet prints no checked claim"),
    "no exec": ("print(1)\n#> 1", None, 'add exec="on" to the fence'),
}
# Snippets whose claims hold however the others misbehave.
CLAIMS_THAT_HOLD = {
    "exits with sys.exit(0)": "import sys\nprint(1)\n#> 1\nsys.exit(0)",
    "starts tracemalloc": "import tracemalloc\ntracemalloc.start()\nprint(tracemalloc.is_tracing())\n#> True",
    "finds tracemalloc off": "import tracemalloc\nprint(tracemalloc.is_tracing())\n#> False",
    "disables the collector": "import gc\ngc.disable()\nprint(gc.isenabled())\n#> False",
    "finds the collector on": "import gc\nprint(gc.isenabled())\n#> True",
    "writes a file": "open('claims-escaped.txt', 'w').write('x')\nprint('written')\n#> written",
    "expects its error": ("print(1)\n#> 1\nraise SystemExit('bye')", 'returncode="1"'),
}


@pytest.fixture(scope="module")
def claim_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path, dict[str, int]]:
    docs = tmp_path_factory.mktemp("claims")
    blocks, names = [], []
    for name, (code, options, _) in CLAIM_FAULTS.items():
        blocks.append(fence(code, options or "") if options is not None else f"```python\n{code}\n```")
        names.append(name)
    for name, held in CLAIMS_THAT_HOLD.items():
        code, options = held if isinstance(held, tuple) else (held, "")
        blocks.append(fence(code, options))
        names.append(name)
    text, lines = page_with(blocks)
    (docs / "en").mkdir()
    (docs / "en/page.md").write_text(text, "utf-8")
    result = run_claim_checks(docs, "-k", "test_claims", SNIPPETS_TIMEOUT="2")
    return result, docs, dict(zip(names, lines))


@pytest.mark.parametrize("name", CLAIM_FAULTS)
def test_the_claim_checks_name_the_fault(name: str, claim_run) -> None:
    result, docs, lines = claim_run
    start = lines[name]
    failure = re.search(rf"^{re.escape(str(docs))}/en/page\.md:{start}-\d+: .*", result.stdout, re.MULTILINE)
    assert failure, f"no failure named page.md:{start}\n{result.stdout[-3000:]}"
    assert CLAIM_FAULTS[name][2] in result.stdout[failure.start():].split("\n____")[0]


def test_one_snippet_cannot_change_another_s_result_or_end_the_run(claim_run) -> None:
    result, _, _ = claim_run
    summary = result.stdout.strip().splitlines()[-1]
    expected = rf"=+ {len(CLAIM_FAULTS)} failed, {len(CLAIMS_THAT_HOLD)} passed, 1 deselected in .*=+"
    assert re.fullmatch(expected, summary), result.stdout[-3000:]
    assert "INTERNALERROR" not in result.stdout + result.stderr
    assert not list(ROOT.rglob("claims-escaped.txt"))


def test_refreshing_claims_rewrites_only_what_the_page_shows(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "en").mkdir(parents=True)
    holds = [fence(code) for code in CLAIMS_THAT_HOLD.values() if isinstance(code, str)]
    page = docs / "en/page.md"
    page.write_text(page_with(holds)[0], "utf-8")
    before = page.read_text("utf-8")
    result = run_claim_checks(docs, "--update-examples")
    assert result.returncode == 0, result.stdout
    assert page.read_text("utf-8") == before


def test_a_run_that_skips_collected_tests_fails(tmp_path: Path) -> None:
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "conftest.py").write_text((ROOT / "tests/conftest.py").read_text("utf-8"), "utf-8")
    (tests / "test_stop.py").write_text(
        "import pytest\n\ndef test_a():\n    pytest.exit('stopping early', returncode=0)\n\ndef test_b():\n    pass\n", "utf-8"
    )
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", str(tests)], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode != 0, result.stdout
    assert re.search(r"only \d of 2 collected tests ran", result.stdout), result.stdout
