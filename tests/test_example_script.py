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
    f"object().__sizeof__() = {(4 if FREE_THREADED else 2) * POINTER}",
    f"sys.getsizeof([]) - [].__sizeof__() = {0 if FREE_THREADED else 2 * POINTER}",
]
# Lines that hold on every CPython >= 3.10; the size table in section 3 depends on the version. The
# example prints each fact as the expression that computes it, so the output reads the same in both
# languages of the notebook page.
STABLE_FACTS = [
    "events = ['__new__', '__init__']",
    "obj.value = 42",
    "sys.getrefcount(obj) - 1 = 1",
    "TrackedObject.count = 2",
    "  __del__ Object1: TrackedObject.count = 1",
    "  sys.getrefcount(obj2_alias) - 1 = 1",
    "  __del__ Object2: TrackedObject.count = 0",
    "alive() is None = True",
    "gc.garbage == [] = True",
    "sys.getsizeof(10**100) - (10**100).__sizeof__() = 0",
    "gc.is_tracked([]) = True, gc.is_tracked(10**100) = False",
    "(sys.getsizeof([1] * 100) - sys.getsizeof([])) // 100 = 8",
    "a is b = False, a == b = True",
    "a is c = True, a == c = True",
    "id(a) == id(c) = True",
    "  __enter__: self.name = 'Database Connection'",
    "  __exit__: exc_type = <class 'RuntimeError'>",
    "type(error).__name__ = 'RuntimeError'",
    "data.append([i] * 100)",
    "top.size_diff > 500 * 1024 = True",
    "peak >= current = True",
    "any(r is container.items for r in gc.get_referrers(item)) = True",
    "int('256') is int('256') = True",
    "int('100000') is int('100000') = False",
    "a is b = True",
    "eval(compile('100000', '<a>', 'eval')) is eval(compile('100000', '<b>', 'eval')) = False",
    "s1 is s2 = False, sys.intern(s1) is sys.intern(s2) = True",
    "sys.getsizeof(packed) < sys.getsizeof(numbers) + ints = True",
    "sys.getsizeof(packed) * 4 < sys.getsizeof(numbers) + ints = True",
    "hasattr(Plain(), '__dict__') = True, hasattr(Slotted(), '__dict__') = False",
    "sys.getsizeof(x for x in range(10)) == sys.getsizeof(x for x in range(10**6)) = True",
]


def test_the_example_runs_as_a_script_and_prints_its_facts() -> None:
    run = runner.run((ROOT / "examples/object_lifecycle.py").read_text("utf-8"))
    assert not run.problem() and not run.wrote_stderr, f"examples/object_lifecycle.py: {run.problem()}\n{run.output}"
    lines = run.output.splitlines()
    assert [fact for fact in STABLE_FACTS + BUILD_FACTS if fact not in lines] == []
    assert lines.index("events = ['__new__', '__init__']") < lines.index(STABLE_FACTS[-1])
    assert not re.search(r"0x[0-9a-fA-F]{6,}", run.output), "the example prints a memory address"
