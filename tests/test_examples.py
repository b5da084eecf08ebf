"""Every printed claim in docs/ holds on this interpreter.

A claim is the `#>` line under a `print`; `#?` lines under it declare other values for some
CPython versions (hooks/version_claims.py). Needs only pytest and pytest-examples, so it runs on
every CPython >= 3.10 (`nox -s claims`).

Each snippet runs in its own interpreter through hooks/runner.py, as the page runs it, never inside
this process: once exactly as the build runs it, and once with its print() calls recorded. The two
must print the same; pytest-examples then checks the recorded prints against the `#>` lines (and
rewrites them with `--update-examples`), so a claim only ever says what the page shows.

- `make claims`: rewrite the claims with what the site's interpreter prints (a snippet changed).
- `nox -s claims-3.X -- --record-version`: record what CPython 3.X prints as `#? 3.X: ...` lines.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import runner
from pytest_examples import CodeExample, EvalExample, find_examples
from pytest_examples.run_code import find_print_location
from recorded_claims import claims_for
from stable_output import mask_addresses
from version_claims import current_build, describe_interpreter, for_build, parse, update

DOCS = Path(os.environ.get("DOCS_DIR", Path(__file__).resolve().parents[1] / "docs"))
BUILD = current_build()
HINT = f"""\
The `-` lines are what the page declares for {BUILD}, the `+` lines what {describe_interpreter()} printed.
- Only some versions print this value: record it for {BUILD} with `nox -s claims-{BUILD} -- --record-version`
  and write the reason in the new `#?` line.
- The snippet changed: refresh its claims with `make claims`."""


@pytest.mark.parametrize("example", list(find_examples(DOCS)), ids=str)
def test_claims(example: CodeExample, eval_example: EvalExample, request: pytest.FixtureRequest) -> None:
    settings = example.prefix_settings()
    if settings.get("exec") != "on":
        pytest.fail(f'{example}: add exec="on" to the fence; every Python block on the site runs at build time', pytrace=False)
    if "#>" not in example.source:
        pytest.fail(f"{example}: the snippet prints no checked claim; print one stable fact", pytrace=False)
    try:
        checked = dataclasses.replace(example, source=for_build(example.source, BUILD))
    except ValueError as error:
        pytest.fail(f"{example}: {error}", pytrace=False)

    with ThreadPoolExecutor(2) as pool:  # two fresh interpreters, side by side
        shown, recorded = pool.map(lambda record: runner.run(example.source, record_prints=record), (False, True))
    returncode = int(settings.get("returncode", "0"))
    for run in (shown, recorded):
        if run.problem(returncode):
            pytest.fail(f"{example}: on {describe_interpreter()}, {run.problem(returncode)}\n{run.output}", pytrace=False)
    if recorded.prints is None:
        pytest.fail(
            f"{example}: the snippet ended its interpreter (os._exit()?) before its prints could be read, "
            "so none of its claims can be checked. End it normally.", pytrace=False,
        )
    if mask_addresses(shown.output) != mask_addresses(recorded.output):
        diff = difflib.unified_diff(
            *(mask_addresses(run.output).splitlines(True) for run in (shown, recorded)), "run 1", "run 2 (prints recorded)"
        )
        pytest.fail(
            f"{example}: two runs on {describe_interpreter()} printed different output, so no claim about it "
            f"can hold. Print a stable fact instead (rounded, compared, or a count that does not depend on the "
            f"environment or on the few objects the claim check adds).\n{''.join(diff)}",
            pytrace=False,
        )

    unchecked = unchecked_claims(checked, [line for line, _ in recorded.prints])
    if unchecked:
        lines = ", ".join(str(example.start_line + number) for number in unchecked)
        pytest.fail(
            f"{example}: the print above the claim on line {lines} never ran, so nothing checks that claim. "
            "Make the print run, or remove the claim.", pytrace=False,
        )

    claims = claims_for(recorded.prints, eval_example.config)
    if eval_example.update_examples:
        printed = claims.updated_print_statements(checked)
        if printed:
            checked.source = update(example.source, BUILD, printed, per_version=request.config.getoption("record_version"))
            if checked.source != example.source:
                eval_example.to_update.append(checked)  # pytest-examples writes it back when the run ends
        return
    try:
        claims.check_print_statements(checked)
    except pytest.fail.Exception as failure:
        diff = failure.msg.removeprefix("Print output changed code:\n")
    else:
        return
    pytest.fail(f"{example}: {describe_interpreter()} printed other values than the page claims:\n{diff}\n{HINT}", pytrace=False)


def unchecked_claims(example: CodeExample, printed_lines: list[int]) -> list[int]:
    """Lines of the snippet (1-based) where a `#>` claim starts under a print that never ran."""
    checked = {find_print_location(example, line)[0] + 1 for line in printed_lines}
    lines = example.source.splitlines()
    return [
        number
        for number, line in enumerate(lines, 1)
        if line.lstrip().startswith("#>") and number not in checked
        and not (number > 1 and lines[number - 2].lstrip().startswith(("#>", "#?")))
    ]


def test_version_claims_have_reasons() -> None:
    missing = [
        f"{example}, line {example.start_line + claim.line + 1}: {claim.spec} needs a reason after ` | `"
        for example in find_examples(DOCS)
        for dependent in parse(example.source)
        for claim in dependent.exceptions
        if not claim.reason or claim.reason.startswith("TODO")
    ]
    assert not missing, "\n".join(missing)
