"""Every printed claim (the `#>` lines under each `print`) in docs/ holds on this interpreter.

When a value changes, record the new one with `make claims`
(`pytest tests/test_examples.py --update-examples`), which rewrites only `#>` lines.
"""

from __future__ import annotations

import gc
import os
import platform
import sys
from pathlib import Path

import pytest
from pytest_examples import CodeExample, EvalExample, find_examples
from stable_output import mask_addresses

DOCS = Path(os.environ.get("DOCS_DIR", Path(__file__).resolve().parents[1] / "docs"))
INTERPRETER = f"{platform.python_implementation()} {platform.python_version()}"
REFRESH_HINT = "If the new output is right, record it with `make claims`."


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
def test_claims(example: CodeExample, eval_example: EvalExample, restore_interpreter_state: None) -> None:
    assert example.prefix_settings().get("exec") == "on", (
        f'{example}: add exec="on" to the fence; every Python block on the site runs at build time'
    )
    assert "#>" in example.source, f"{example}: the snippet prints no checked claim; print one stable fact"
    eval_example.print_callback = mask_addresses  # as the pages show them
    if eval_example.update_examples:
        eval_example.run_print_update(example)
        return
    try:
        eval_example.run_print_check(example)
    except pytest.fail.Exception as failure:
        diff = failure.msg.removeprefix("Print output changed code:\n")
    else:
        return
    pytest.fail(f"{example}: the `#>` claims differ from what {INTERPRETER} printed:\n{diff}\n{REFRESH_HINT}", pytrace=False)
