"""Where this machine's CPython builds are: the one place that finds them (`nox -s claims`).

A build of SUPPORTED ("3.12", "3.14t") is the command `python3.12` / `python3.14t`, looked up in
these directories, first hit wins:

1. PATH, a pyenv shim standing for the version pyenv selects (`pyenv which`), skipped when it
   selects none that has the command;
2. every version pyenv installed: `$(pyenv root)/versions/*/bin`;
3. CPYTHON_DIRS: directories or glob patterns separated by `:`; unset, `/opt/cpython/*/bin`.

A command that is found but does not run, or runs another build than its name says, is broken:
it is reported and its build is not checked. Shared by the claim checks (noxfile.py) and the build
(snippets on every interpreter, hooks/snippets.py); needs nothing outside the standard library.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from version_claims import SUPPORTED

DEFAULT_CPYTHON_DIRS = "/opt/cpython/*/bin"
# Prints the build as SUPPORTED names it and the full version; runs on every CPython >= 3.6.
PROBE = (
    "import platform, sys, sysconfig; v = sys.version_info; "
    "print(f'{v[0]}.{v[1]}' + ('t' if sysconfig.get_config_var('Py_GIL_DISABLED') else ''), platform.python_version())"
)


@dataclass(frozen=True)
class Interpreter:
    build: str  # as SUPPORTED names it: "3.13", "3.14t"
    command: str
    problem: str = ""  # why it cannot be used; empty when it works
    version: str = ""  # "3.14.7"

    @property
    def free_threaded(self) -> bool:
        return self.build.endswith("t")

    def label(self, free_threaded_word: str = "free-threaded") -> str:
        """ "CPython 3.12.1", "CPython 3.14.7, free-threaded" """
        return f"CPython {self.version}" + (f", {free_threaded_word}" if self.free_threaded else "")


def pyenv_root() -> Path | None:
    if os.environ.get("PYENV_ROOT"):
        return Path(os.environ["PYENV_ROOT"])
    pyenv = shutil.which("pyenv")
    if not pyenv:
        return None
    result = subprocess.run([pyenv, "root"], capture_output=True, text=True, check=False)
    return Path(result.stdout.strip()) if result.returncode == 0 and result.stdout.strip() else None


def search_dirs(root: Path | None) -> list[str]:
    dirs = [d for d in os.environ.get("PATH", "").split(os.pathsep) if d]
    if root:
        dirs += sorted(glob.glob(str(root / "versions" / "*" / "bin")))
    for pattern in os.environ.get("CPYTHON_DIRS", DEFAULT_CPYTHON_DIRS).split(os.pathsep):
        dirs += sorted(glob.glob(pattern)) if pattern else []
    return dirs


def locate(name: str, dirs: list[str], shims: str | None) -> str | None:
    for directory in dirs:
        command = shutil.which(name, path=directory)
        if command and directory == shims:
            pyenv = shutil.which("pyenv")
            run = subprocess.run([pyenv, "which", name], capture_output=True, text=True, check=False) if pyenv else None
            command = run.stdout.strip() if run and run.returncode == 0 else None
        if command:
            return command
    return None


def check(build: str, command: str) -> Interpreter:
    try:
        run = subprocess.run([command, "-c", PROBE], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return Interpreter(build, command, f"does not run: {error}")
    if run.returncode != 0:
        last = (run.stderr.strip().splitlines() or [f"exit status {run.returncode}"])[-1]
        return Interpreter(build, command, f"does not run: {last}")
    printed, _, version = run.stdout.strip().partition(" ")
    if printed != build:
        return Interpreter(build, command, f"runs CPython {printed or '?'}, not {build}")
    return Interpreter(build, command, version=version)


def find(builds: tuple[str, ...] = SUPPORTED) -> dict[str, Interpreter]:
    """The builds whose command was found, working or broken, in SUPPORTED's order."""
    root = pyenv_root()
    dirs = search_dirs(root)
    found = {}
    for build in builds:
        command = locate(f"python{build}", dirs, str(root / "shims") if root else None)
        if command:
            found[build] = check(build, command)
    return found


def summary(found: dict[str, Interpreter], builds: tuple[str, ...] = SUPPORTED) -> str:
    """Which builds are checked here and which are not, and why: one line each."""
    checked = [build for build in builds if build in found and not found[build].problem]
    lines = [f"claims are checked on {', '.join(checked) or 'no build'}"]
    for build in builds:
        if build not in checked:
            why = f"{found[build].command} {found[build].problem}" if build in found else "not found"
            lines.append(f"{build} is not checked: {why}")
    return "\n".join(lines)


def working(builds: tuple[str, ...] = SUPPORTED) -> list[Interpreter]:
    """The builds found here that run, in SUPPORTED's order."""
    return [found for found in find(builds).values() if not found.problem]


def isolated(interpreter: Interpreter, folder: Path) -> str:
    """A bare virtual environment of `interpreter`, made once in `folder`: snippets run there without the
    machine's site-packages and their start-up hooks (a .pth file may import anything), as in a fresh install."""
    venv = folder / f"{interpreter.build}-{interpreter.version}"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([interpreter.command, "-m", "venv", "--without-pip", "--clear", str(venv)], check=True,
                       capture_output=True, timeout=120)
    return str(python)
