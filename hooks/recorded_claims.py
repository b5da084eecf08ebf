"""The `#>` claims of a snippet as pytest-examples writes them for the prints a run recorded
(hooks/runner.py, `record_prints=True`). Shared by the build (hooks/snippets.py) and the claim checks
(tests/test_examples.py); needs pytest-examples and the standard library.
"""

from __future__ import annotations

from pathlib import Path

from pytest_examples.config import ExamplesConfig
from pytest_examples.run_code import Arg, InsertPrintStatements, PrintStatement
from stable_output import mask_addresses


def claims_for(prints: list[tuple[int, str]], config: ExamplesConfig | None = None) -> InsertPrintStatements:
    """pytest-examples' checker, fed the recorded prints instead of running the code in this process;
    addresses are masked as the pages show them."""
    claims = InsertPrintStatements(Path("snippet.py"), config or ExamplesConfig(), True, mask_addresses, None)
    claims.print_func.statements = [PrintStatement(line, " ", [Arg(text)]) for line, text in prints]
    return claims
