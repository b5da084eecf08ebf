"""The CPython builds this machine has, among the supported ones (`SUPPORTED`, hooks/version_claims.py).

A build is found as `python3.X` (or `python3.Xt` for a free-threaded build) on PATH, among pyenv's
installed versions, or in CPYTHON_DIRS (a `:`-separated list of folders holding `bin/python3.X`,
default `/opt/cpython/*`). Each one found is asked what it is; one that does not answer, or is not
the build its name says, is named and left out. Shared by the build (snippets on every interpreter)
and the claim checks (noxfile.py); needs nothing outside the standard library.
"""

from __future__ import annotations

import functools
import glob
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from version_claims import SUPPORTED

PROBE = "import json, sys, sysconfig; print(json.dumps([sys.version.split()[0], bool(sysconfig.get_config_var('Py_GIL_DISABLED'))]))"


@dataclass(frozen=True)
class Interpreter:
    build: str  # as SUPPORTED names it: "3.13", "3.14t"
    command: str  # absolute path of the interpreter
    version: str  # "3.14.7"

    @property
    def free_threaded(self) -> bool:
        return self.build.endswith("t")

    def label(self, free_threaded_word: str = "free-threaded") -> str:
        """ "CPython 3.12.1", "CPython 3.14.7, free-threaded" """
        return f"CPython {self.version}" + (f", {free_threaded_word}" if self.free_threaded else "")


def search_path() -> list[str]:
    """PATH, with pyenv's shims replaced by the versions they stand for, then CPYTHON_DIRS."""
    pyenv = []
    if shutil.which("pyenv"):
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=False).stdout.strip()
        versions = subprocess.run(["pyenv", "versions", "--bare"], capture_output=True, text=True, check=False).stdout.split()
        pyenv = [f"{root}/versions/{version}/bin" for version in versions]
    folders = []
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        folders += pyenv if folder.endswith("/shims") else [folder]  # shims are slow and pick one version
    extra = os.environ.get("CPYTHON_DIRS")
    folders += [f"{folder}/bin" for folder in (extra.split(":") if extra else sorted(glob.glob("/opt/cpython/*")))]
    return [folder for folder in dict.fromkeys(folders + pyenv) if folder]


@functools.lru_cache(maxsize=None)
def found() -> tuple[tuple[Interpreter, ...], tuple[str, ...]]:
    """The supported builds found here, and a line for each one found but unusable."""
    interpreters, problems = [], []
    folders = search_path()
    for build in SUPPORTED:
        candidates = dict.fromkeys(filter(None, (shutil.which(f"python{build}", path=folder) for folder in folders)))
        for command in candidates:
            try:
                probe = subprocess.run([command, "-I", "-c", PROBE], capture_output=True, text=True, timeout=30, check=False)
                version, free_threaded = json.loads(probe.stdout)
            except (OSError, ValueError, TypeError, subprocess.TimeoutExpired) as error:
                problems.append(f"{command}: found but it does not run ({type(error).__name__}); left out")
                continue
            if version.startswith(build.rstrip("t") + ".") and free_threaded == build.endswith("t"):
                interpreters.append(Interpreter(build, str(Path(command).resolve()), version))
                break
            problems.append(f"{command}: is CPython {version}{' free-threaded' if free_threaded else ''}, not {build}; left out")
    return tuple(interpreters), tuple(problems)


def isolated(interpreter: Interpreter, folder: Path) -> str:
    """A bare virtual environment of `interpreter` (made once, in `folder`): snippets run without the
    machine's site-packages and their start-up hooks, as in a fresh install."""
    venv = folder / f"{interpreter.build}-{interpreter.version}"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([interpreter.command, "-m", "venv", "--without-pip", "--clear", str(venv)], check=True,
                       capture_output=True, timeout=120)
    return str(python)
