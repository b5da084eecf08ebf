"""`python examples/object_lifecycle.py` runs to completion and prints the facts the course establishes.

Needs only the standard library, so it runs on every CPython the claims run on (`nox -s claims`).
"""

from __future__ import annotations

import re
import struct
import sysconfig

import runner
from conftest import ROOT

POINTER = struct.calcsize("P")
FREE_THREADED = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
# The free-threaded build's header is bigger and has nothing in front of it for the collector
# (`_PyType_PreHeaderSize` in CPython's Include/internal/pycore_object.h).
BUILD_FACTS = [
    f"object header: {(4 if FREE_THREADED else 2) * POINTER} bytes",
    f"GC header in front of a list: {0 if FREE_THREADED else 2 * POINTER} bytes",
]
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
    "in front of an int: 0 bytes",
    "the collector tracks a list: True | an int: False",
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


def test_the_example_runs_as_a_script_and_prints_its_facts() -> None:
    run = runner.run((ROOT / "examples/object_lifecycle.py").read_text("utf-8"))
    assert not run.problem() and not run.wrote_stderr, f"examples/object_lifecycle.py: {run.problem()}\n{run.output}"
    lines = run.output.splitlines()
    assert [fact for fact in STABLE_FACTS + BUILD_FACTS if fact not in lines] == []
    assert lines.index("order: ['__new__', '__init__']") < lines.index(STABLE_FACTS[-1])
    assert not re.search(r"0x[0-9a-fA-F]{6,}", run.output), "the example prints a memory address"
