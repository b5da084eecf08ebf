"""`nox -s claims`: check every printed claim on each CPython >= 3.10 this machine has.

Interpreters are found as `python3.X` on PATH; where pyenv manages them, every installed
version is made visible first. A version that is not installed is left out, not failed.
"""

import os
import shutil
import subprocess

import nox

nox.options.default_venv_backend = "uv"
nox.options.error_on_missing_interpreters = False

VERSIONS = ("3.10", "3.11", "3.12", "3.13", "3.14", "3.15")


def expose_pyenv_versions() -> None:
    if "PYENV_VERSION" not in os.environ and shutil.which("pyenv"):
        installed = subprocess.run(["pyenv", "versions", "--bare"], capture_output=True, text=True).stdout.split()
        os.environ["PYENV_VERSION"] = ":".join(installed)


def runs(version: str) -> bool:
    command = shutil.which(f"python{version}")
    return bool(command) and subprocess.run([command, "-c", ""], capture_output=True).returncode == 0


expose_pyenv_versions()
FOUND = [version for version in VERSIONS if runs(version)]


@nox.session(python=FOUND)
def claims(session: nox.Session) -> None:
    session.install("--require-hashes", "-r", "requirements/claims.txt")
    session.run("pytest", "tests/test_examples.py", "tests/test_example_script.py", "-p", "no:cacheprovider", *session.posargs)
