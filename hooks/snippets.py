"""MkDocs hook: every ```python exec="on"``` block runs as its own `python snippet.py`.

markdown-exec finds the blocks; this hook swaps in a Python formatter that
- runs the block in a fresh interpreter (the one running MkDocs), so the page shows
  exactly what a reader sees when saving the block to a file and running it;
- hides the `#>` claim lines (tests/test_examples.py checks them) and shows the real
  output instead, labelled with the interpreter that produced it;
- caches results by code and interpreter, so both languages and rebuilds reuse them;
- fails the build (a warning under `strict: true`) naming the page and line when a
  block raises, exits non-zero or runs too long.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import markdown_exec
from markdown_exec import MarkdownConverter, code_block
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("snippets")

TIMEOUT_SECONDS = 30
INTERPRETER = f"{platform.python_implementation()} {platform.python_version()}"
OUTPUT_LABEL = {"ko": "출력", "en": "Output"}
CLAIM_LINE = re.compile(r"^[ \t]*#>.*(?:\n|$)", re.MULTILINE)
CACHE_FORMAT = "1"  # bump when the way snippets run changes

_cache_dir: Path | None = None
_page: dict[str, str] = {"path": "?", "markdown": "", "language": "ko"}


def on_config(config: Any) -> None:
    global _cache_dir
    _cache_dir = Path(config.config_file_path).parent / ".cache" / "snippets"
    markdown_exec.formatters["python"] = format_python
    markdown_exec.formatters["py"] = format_python


def on_page_markdown(markdown: str, page: Any, config: Any, **_: Any) -> None:
    _page.update(
        path=f"{Path(config.docs_dir).name}/{page.file.src_path}",
        markdown=markdown,
        language=config.theme["language"],
    )


def format_python(*, code: str, md: Any, returncode: int = 0, **_: Any) -> str:
    output, exit_code = run_snippet(code)
    if exit_code != returncode:
        log.warning(
            f"{_page['path']}:{snippet_line(code)}: the snippet exited with code {exit_code} "
            f"(expected {returncode}). Fix the snippet, or if the error is the point, "
            f'add returncode="{exit_code}" to its fence.\n{output}'
        )
    blocks = [code_block("python", strip_claims(code))]
    if output:
        label = f"{OUTPUT_LABEL.get(_page['language'], 'Output')} · {INTERPRETER}"
        blocks.append(code_block("text", output.rstrip("\n"), title=label))
    return MarkdownConverter(md).convert("\n\n".join(blocks))


def strip_claims(code: str) -> str:
    return CLAIM_LINE.sub("", code).rstrip("\n")


def snippet_line(code: str) -> int | str:
    """Line of the page where the snippet's code starts, as the author's editor counts."""
    first_line = code.strip("\n").split("\n", 1)[0]
    index = _page["markdown"].find(first_line)
    return _page["markdown"].count("\n", 0, index) + 1 if index >= 0 else "?"


def run_snippet(code: str) -> tuple[str, int]:
    """Output (stdout and stderr, interleaved) and exit code of `python snippet.py`."""
    key = hashlib.sha256(json.dumps([CACHE_FORMAT, sys.executable, sys.version, code]).encode()).hexdigest()
    cached = _cache_dir / f"{key}.json" if _cache_dir else None
    if cached and cached.exists():
        result = json.loads(cached.read_text(encoding="utf-8"))
        return result["output"], result["exit_code"]

    with tempfile.TemporaryDirectory() as workdir:
        script = Path(workdir, "snippet.py")
        script.write_text(code, encoding="utf-8")
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1"}
        try:
            done = subprocess.run(
                [sys.executable, script.name],
                cwd=workdir,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return f"(stopped: the snippet ran longer than {TIMEOUT_SECONDS} s)", -1
        # Tracebacks name the script by its full path; show it as a reader would see it.
        output = done.stdout.decode("utf-8", "replace").replace(str(script), script.name)

    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps({"output": output, "exit_code": done.returncode}), encoding="utf-8")
    return output, done.returncode
