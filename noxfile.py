"""`nox -s claims`: check every printed claim on each supported CPython build this machine has.

One session per build of SUPPORTED (hooks/version_claims.py), found by hooks/interpreters.py:
`nox -s claims-3.14t` runs one. A build that is missing or broken is skipped, and the list
printed first says why.
"""

import os
import sys
from pathlib import Path

import nox

sys.path.insert(0, str(Path(__file__).parent / "hooks"))
import interpreters  # noqa: E402
from version_claims import SUPPORTED  # noqa: E402

nox.options.default_venv_backend = "uv"
nox.options.error_on_missing_interpreters = False
nox.options.download_python = "never"

FOUND = interpreters.find()
WORKING = {build: found.command for build, found in FOUND.items() if not found.problem}
print(interpreters.summary(FOUND), file=sys.stderr)
# nox finds each session's interpreter on PATH: put the ones found here first.
os.environ["PATH"] = os.pathsep.join([*dict.fromkeys(str(Path(c).parent) for c in WORKING.values()), os.environ["PATH"]])


def venv_base(session: nox.Session) -> Path:
    """The interpreter the session's venv was made from."""
    return Path(session.run("python", "-c", "import sys; print(sys._base_executable)", silent=True).strip()).resolve()


@nox.session(python=list(SUPPORTED))
def claims(session: nox.Session) -> None:
    if session.python not in WORKING:
        session.skip(f"{session.python} is not checked here (see the list of builds above)")
    found = WORKING[session.python]
    if venv_base(session) != Path(found).resolve():
        # nox tries its own interpreter first, which may be another one of this version.
        session.run(sys.executable, "-m", "uv", "venv", "--quiet", "--clear", "--python", found,
                    session.virtualenv.location, external=True)
        if venv_base(session) != Path(found).resolve():
            session.error(f"the venv does not run {found}")
    session.install("--require-hashes", "-r", "requirements/claims.txt")
    session.run("pytest", "tests/test_examples.py", "tests/test_example_script.py", "-p", "no:cacheprovider", *session.posargs)
