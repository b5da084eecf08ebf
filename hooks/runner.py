"""The one way a snippet runs: the build, the claim checks, `make claims` and the tests all call `run`.

Each run is a fresh interpreter started as `python snippet.py` in an empty directory of its own
(HOME and TMPDIR point inside it too), in a process group of its own that is killed, with every
child it started, when the snippet ends or runs out of time; on Linux, processes that left the group
are found by a variable in their environment and killed too. Output is read up to a cap, so a
snippet that prints without end is stopped and named, never buffered. The environment's PYTHON*
variables are dropped so nothing set outside changes what a snippet prints.

`record_prints=True` runs the same script under a thin wrapper that also records, for each
`print()` called by the snippet's own code, its line and the text it printed; the claim checks hand
those to pytest-examples. Needs nothing outside the standard library (the claim checks run it on
every CPython).

Environment: SNIPPETS_TIMEOUT (seconds, default 30), SNIPPETS_MAX_OUTPUT (bytes, default 100000).
"""

from __future__ import annotations

import ast
import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path



def _setting(name: str, default: str, kind: type) -> float:
    try:
        return kind(os.environ.get(name, default))
    except ValueError:
        raise SystemExit(f"{name}={os.environ[name]!r}: give a number, e.g. {name}={default}") from None


TIMEOUT_SECONDS = _setting("SNIPPETS_TIMEOUT", "30", float)
MAX_OUTPUT_BYTES = _setting("SNIPPETS_MAX_OUTPUT", "100000", int)
SCRIPT_NAME = "snippet.py"
SANDBOX_VARIABLE = "SNIPPET_SANDBOX"

# Runs snippet.py as `python snippet.py` would, recording the snippet's own print() calls.
# The record is written when the snippet ends, also by sys.exit(); os._exit() leaves none.
RECORDER = r"""
def _main():
    import builtins, os, sys  # local: the snippet gets __main__'s namespace to itself
    record, script = os.environ.pop("SNIPPET_RECORD"), os.path.abspath(sys.argv[1])
    prints, real_print = [], builtins.print
    def recording_print(*args, sep=" ", **kwargs):
        caller = sys._getframe(1)
        if caller.f_code.co_filename == script:
            prints.append([caller.f_lineno, (" " if sep is None else sep).join(map(str, args))])
        real_print(*args, sep=sep, **kwargs)
    builtins.print = recording_print
    sys.argv = sys.argv[1:]
    sys.path[0] = os.path.dirname(script)
    import __main__
    namespace = __main__.__dict__
    del namespace["_main"]
    loader = sys.modules["_frozen_importlib_external"].SourceFileLoader("__main__", script)
    namespace.update(__file__=script, __cached__=None, __loader__=loader)
    with open(script, encoding="utf-8") as file:
        code = compile(file.read(), script, "exec")
    try:
        exec(code, namespace)
    except SystemExit:
        raise
    except BaseException as error:
        frames = error.__traceback__
        while frames.tb_next and frames.tb_frame.f_code.co_filename != script:
            frames = frames.tb_next
        sys.excepthook(type(error), error.with_traceback(frames), frames)
        raise SystemExit(1)
    finally:
        builtins.print = real_print
        try:
            with open(record, "w", encoding="utf-8") as file:
                file.write(repr(prints))  # read with ast.literal_eval: importing json here would cost more than the run
        except OSError:
            pass  # the snippet removed its sandbox: no record, which the claim checks report
_main()
"""


@dataclass
class Run:
    output: str  # stdout and stderr, interleaved as a terminal shows them
    exit_code: int
    wrote_stderr: bool
    timed_out: bool = False
    too_much_output: bool = False
    prints: list[tuple[int, str]] | None = field(default=None)  # with record_prints: (line, text) per print()

    def problem(self, returncode: int = 0) -> str:
        """Why this run cannot be shown or checked, in words for the author, or ""."""
        if self.timed_out:
            return f"the snippet ran longer than {TIMEOUT_SECONDS:g} s (SNIPPETS_TIMEOUT) and was stopped"
        if self.too_much_output:
            return (f"the snippet printed more than {MAX_OUTPUT_BYTES} bytes (SNIPPETS_MAX_OUTPUT) and was stopped; "
                    "print less: a page shows one stable fact")
        if self.exit_code != returncode:
            hint = (f'Fix it, or if the error is the point, add returncode="{self.exit_code}" to its fence'
                    if returncode == 0 else "Fix it, or the returncode in its fence")
            return f"the snippet exited with code {self.exit_code} (expected {returncode}). {hint}"
        return ""


def run(code: str, *, python: str = sys.executable, record_prints: bool = False) -> Run:
    """Run `code` as `python snippet.py`.

    stderr is first read on its own to learn whether the snippet wrote to it; if it did, the
    snippet runs once more, in a new sandbox, with both streams on one pipe, in the order a
    terminal shows them.
    """
    result = _run_in_sandbox(code, python, record_prints, merge_stderr=False)
    if result.wrote_stderr and not result.timed_out and not result.too_much_output:
        result = _run_in_sandbox(code, python, record_prints, merge_stderr=True)
        result.wrote_stderr = True
    return result


def _run_in_sandbox(code: str, python: str, record_prints: bool, *, merge_stderr: bool) -> Run:
    # The snippet may delete its own sandbox: leave cleaning up to chance.
    with tempfile.TemporaryDirectory(prefix="snippet-", ignore_cleanup_errors=True) as sandbox:
        workdir = Path(sandbox, "work")
        workdir.mkdir()
        script = workdir / SCRIPT_NAME
        script.write_text(code.strip("\n") + "\n", encoding="utf-8")
        env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
        env.update(PYTHONIOENCODING="utf-8", PYTHONUNBUFFERED="1", HOME=str(workdir), TMPDIR=str(workdir))
        env[SANDBOX_VARIABLE] = sandbox  # marks every process the snippet starts, even one that leaves the group
        command = [python, SCRIPT_NAME]
        record = Path(sandbox, "prints.txt")
        if record_prints:
            recorder = Path(sandbox, "record_prints.py")  # a file, not `-c`: 3.13+ imports linecache for `-c`
            recorder.write_text(RECORDER, encoding="utf-8")
            command = [python, str(recorder), SCRIPT_NAME]
            env["SNIPPET_RECORD"] = str(record)
        result = _run_once(command, workdir, env, sandbox, merge_stderr=merge_stderr)
        if record_prints:
            try:
                printed = ast.literal_eval(record.read_text("utf-8"))
                result.prints = [(line, text.replace(str(script), SCRIPT_NAME)) for line, text in printed]
            except (OSError, ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                result.prints = None  # no record: the snippet ended its interpreter, or removed the record
        # Tracebacks name the script by its full path; show it as a reader would see it.
        result.output = result.output.replace(str(script), SCRIPT_NAME)
    return result


def _run_once(command: list[str], workdir: Path, env: dict[str, str], sandbox: str, *, merge_stderr: bool) -> Run:
    process = subprocess.Popen(
        command, cwd=workdir, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if merge_stderr else subprocess.PIPE, start_new_session=True,
    )
    streams = {process.stdout: bytearray()} | ({} if merge_stderr else {process.stderr: bytearray()})
    deadline = time.monotonic() + TIMEOUT_SECONDS
    timed_out = too_much = False
    with selectors.DefaultSelector() as selector:
        for stream in streams:
            selector.register(stream, selectors.EVENT_READ)
        while selector.get_map():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                timed_out = True
                break
            for key, _ in selector.select(timeout=min(remaining, 0.2)):
                chunk = os.read(key.fd, 65536)
                if not chunk:
                    selector.unregister(key.fileobj)
                    continue
                streams[key.fileobj] += chunk
                if sum(map(len, streams.values())) > MAX_OUTPUT_BYTES:
                    too_much = True
                    break
            if too_much:
                break
            if process.poll() is not None:
                _end_everything(process, sandbox)  # children it left behind would hold the pipes open
    _end_everything(process, sandbox)
    process.wait()
    for stream in streams:
        stream.close()
    output, *errors = streams.values()
    return Run(
        output=bytes(output).decode("utf-8", "replace"),
        exit_code=process.returncode,
        wrote_stderr=bool(errors and errors[0]),
        timed_out=timed_out,
        too_much_output=too_much,
    )


def _end_everything(process: subprocess.Popen, sandbox: str) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    _kill_marked(sandbox)


def _kill_marked(sandbox: str) -> None:
    """End processes that left the group (setsid, double fork) but still carry this run's mark (Linux).
    Scans until none is left, so a process started by one being killed is found too."""
    mark = f"{SANDBOX_VARIABLE}={sandbox}".encode() + b"\0"
    found = True
    while found:
        found = False
        for environ in Path("/proc").glob("[0-9]*/environ"):
            try:
                if mark in environ.read_bytes():
                    os.kill(int(environ.parent.name), signal.SIGKILL)
                    found = True
            except (OSError, ValueError):
                pass
