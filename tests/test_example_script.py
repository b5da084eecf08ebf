"""`python examples/object_lifecycle.py` runs to completion and prints the facts the course establishes.

Needs only the standard library, so it runs on every CPython the claims run on (`nox -s claims`).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

# Lines that hold on every CPython >= 3.10; the size table in section 3 depends on the version.
STABLE_FACTS = [
    "order: ['__new__', '__init__']",
    "value: 42",
    "refcount of a new object bound to one name: 1",
    "created: 2",
    "  destroying Object1 (remaining: 1)",
    "  still alive, refcount: 1",
    "  destroying Object2 (remaining: 0)",
    "cycle with __del__ collected: True",
    "gc.garbage is empty: True",
    "a list carries a GC header too: True",
    "an int does not: True",
    "each list slot is one pointer: 8 bytes",
    "a is b: False | a == b: True",
    "a is c: True | a == c: True",
    "id(a) == id(c): True",
    "  release Database Connection (exception: RuntimeError)",
    "the exception still reached the caller",
    "top allocation: data.append([i] * 100)",
    "it grew by more than 500 KiB: True",
    "peak >= current: True",
    "container.items refers to item: True",
    "int('256') is int('256'): True",
    "int('100000') is int('100000'): False",
    "100000 literals compiled together: True",
    "100000 compiled separately: False",
    "strings built at run time: False | after sys.intern: True",
    "array smaller than list + its int objects: True",
    "array is under a quarter of it: True",
    "Plain has __dict__: True | Slotted has __dict__: False",
    "a generator's size does not depend on its length: True",
]


def test_the_example_runs_as_a_script_and_prints_its_facts(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "examples/object_lifecycle.py")],
        cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    lines = run.stdout.splitlines()
    assert [fact for fact in STABLE_FACTS if fact not in lines] == []
    assert lines.index("order: ['__new__', '__init__']") < lines.index(STABLE_FACTS[-1])
    assert not re.search(r"0x[0-9a-fA-F]{6,}", run.stdout), "the example prints a memory address"
