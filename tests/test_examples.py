"""Every printed claim in docs/ holds on this interpreter.

A claim is the `#>` line under a `print`; `#?` lines under it declare other values for some
CPython versions (hooks/version_claims.py). Needs only pytest and pytest-examples, so it runs on
every CPython >= 3.10 (`nox -s claims`).

- `make claims`: rewrite the claims with what the site's interpreter prints (a snippet changed).
- `nox -s claims-3.X -- --record-version`: record what CPython 3.X prints as `#? 3.X: ...` lines.
"""

from __future__ import annotations

import dataclasses
import difflib
import gc
import os
import sys
from pathlib import Path

import pytest
from helpers import run_as_script
from pytest_examples import CodeExample, EvalExample, find_examples
from stable_output import mask_addresses
from version_claims import current_build, describe_interpreter, for_build, parse, update

DOCS = Path(os.environ.get("DOCS_DIR", Path(__file__).resolve().parents[1] / "docs"))
BUILD = current_build()
HINT = f"""\
The `-` lines are what the page declares for {BUILD}, the `+` lines what {describe_interpreter()} printed.
- Only some versions print this value: record it for {BUILD} with `nox -s claims-{BUILD} -- --record-version`
  and write the reason in the new `#?` line.
- The snippet changed: refresh its claims with `make claims`."""


@pytest.fixture
def restore_interpreter_state():
    """Snippets run inside this process: undo what they change (e.g. `gc.disable()`)."""
    saved = gc.isenabled(), gc.get_debug(), gc.get_threshold(), sys.getrecursionlimit()
    yield
    (gc.enable if saved[0] else gc.disable)()
    gc.set_debug(saved[1])
    gc.set_threshold(*saved[2])
    sys.setrecursionlimit(saved[3])
    gc.garbage.clear()


@pytest.mark.parametrize("example", list(find_examples(DOCS)), ids=str)
def test_claims(
    example: CodeExample, eval_example: EvalExample, restore_interpreter_state: None, tmp_path: Path, request
) -> None:
    assert example.prefix_settings().get("exec") == "on", (
        f'{example}: add exec="on" to the fence; every Python block on the site runs at build time'
    )
    assert "#>" in example.source, f"{example}: the snippet prints no checked claim; print one stable fact"
    try:
        checked = dataclasses.replace(example, source=for_build(example.source, BUILD))
    except ValueError as error:
        pytest.fail(f"{example}: {error}", pytrace=False)

    first, second = (run_as_script(example.source, tmp_path) for _ in range(2))
    if first != second:
        diff = "".join(difflib.unified_diff(first.splitlines(True), second.splitlines(True), "run 1", "run 2"))
        pytest.fail(
            f"{example}: two runs on {describe_interpreter()} printed different output, so no claim about it "
            f"can hold. Print a stable fact instead (rounded, compared, or a count that does not depend on "
            f"the environment).\n{diff}",
            pytrace=False,
        )

    eval_example.print_callback = mask_addresses  # as the pages show them
    if eval_example.update_examples:
        eval_example.run_print_update(checked)  # marks `checked` for writing back, if it changed
        per_version = request.config.getoption("record_version")
        checked.source = update(example.source, BUILD, checked.source, per_version=per_version)
        return
    try:
        eval_example.run_print_check(checked)
    except pytest.fail.Exception as failure:
        diff = failure.msg.removeprefix("Print output changed code:\n")
    else:
        return
    pytest.fail(f"{example}: {describe_interpreter()} printed other values than the page claims:\n{diff}\n{HINT}", pytrace=False)


def test_version_claims_have_reasons() -> None:
    missing = [
        f"{example}, line {example.start_line + claim.line + 1}: {claim.spec} needs a reason after ` | `"
        for example in find_examples(DOCS)
        for dependent in parse(example.source)
        for claim in dependent.exceptions
        if not claim.reason or claim.reason.startswith("TODO")
    ]
    assert not missing, "\n".join(missing)
