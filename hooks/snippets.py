"""MkDocs hook: every ```python exec="on"``` block runs as its own `python snippet.py`.

markdown-exec finds the blocks; this hook swaps in a Python formatter that
- runs the block in a fresh interpreter (the one running MkDocs), so the page shows exactly
  what a reader sees when saving the block to a file and running it, and no block can change
  what another prints;
- hides the `#>` claim lines (tests/test_examples.py checks them) and shows the real output
  instead, labelled with the interpreter that produced it, addresses masked;
- caches results on disk by code and interpreter; blocks that differ only in comments (the two
  languages of a page) share a result unless it wrote to stderr; uncached blocks of the whole
  site run in parallel before the pages render;
- fails the build (a warning under `strict: true`) naming the page and line when a block exits
  non-zero, writes to stderr or runs too long, unless its fence says so (`returncode="1"`,
  `stderr="expected"`).

Environment: SNIPPETS_TIMEOUT (seconds, default 30), SNIPPETS_CACHE_DIR (default
.cache/snippets next to mkdocs.yml; safe to delete), SNIPPETS_EXECUTE=0 (show code only, for
the benchmark's floor).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import tokenize
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import markdown_exec
from markdown_exec import MarkdownConverter, code_block
from mkdocs.plugins import get_plugin_logger
from build_settings import EXECUTE, TEXT, output_label, source_path, text_for
from stable_output import mask_addresses
from version_claims import SUPPORTED, VersionClaim, parse

log = get_plugin_logger("snippets")

TIMEOUT_SECONDS = float(os.environ.get("SNIPPETS_TIMEOUT", "30"))
CACHE_FORMAT = "2"  # bump when the way snippets run changes
CLAIM_LINE = re.compile(r"^[ \t]*#[>?].*(?:\n|$)", re.MULTILINE)  # `#>` claims, `#?` per-version claims
FENCE = re.compile(r'^( *)```python[^\n]*\bexec="on"[^\n]*\n(.*?)^\1```', re.MULTILINE | re.DOTALL)
VERSION_TABLE_MARKER = "<!-- version-claims -->"


@dataclass
class Result:
    output: str  # stdout and stderr, interleaved as a terminal shows them
    exit_code: int
    wrote_stderr: bool
    timed_out: bool = False


_cache_dir = Path()
_results: dict[str, Result] = {}  # this process's results, timeouts included
_page: dict[str, str] = {"path": "?", "markdown": "", "language": "ko"}


def on_config(config: Any) -> None:
    global _cache_dir
    project = Path(config.config_file_path).parent
    _cache_dir = Path(os.environ.get("SNIPPETS_CACHE_DIR", project / ".cache" / "snippets"))
    markdown_exec.formatters["python"] = format_python
    markdown_exec.formatters["py"] = format_python
    # The sitemap's dates come from the last commit, so two builds of a commit are identical.
    if "SOURCE_DATE_EPOCH" not in os.environ:
        commit_time = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=project, capture_output=True, text=True, check=False
        ).stdout.strip()
        if commit_time:
            os.environ["SOURCE_DATE_EPOCH"] = commit_time


def on_pre_build(config: Any) -> None:
    """Run every snippet of the site that has no result yet, in parallel."""
    if not EXECUTE:
        return
    # One snippet per comment-free code: the other languages' copies reuse its result.
    snippets = {
        cache_keys(code)[1]: code
        for page in sorted(Path(config.docs_dir).rglob("*.md"))
        for code in (textwrap.dedent(match[2]) for match in FENCE.finditer(page.read_text(encoding="utf-8")))
    }
    missing = [code for code in snippets.values() if cached_result(code) is None]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(run_snippet, missing))


def on_page_markdown(markdown: str, page: Any, config: Any, **_: Any) -> str:
    _page.update(
        path=source_path(config, page),
        markdown=markdown,
        language=config.theme["language"],
    )
    if VERSION_TABLE_MARKER in markdown:
        table = render_version_table(Path(page.file.abs_src_path), text_for(_page["language"]))
        markdown = markdown.replace(VERSION_TABLE_MARKER, table)
    return markdown


def render_version_table(page: Path, text: dict[str, str]) -> str:
    """Every version-dependent claim of the pages in `page`'s language, one row each."""
    header = [text["page"], text["code"], *SUPPORTED, text["reason"]]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    language_dir = page.parent
    while language_dir.name not in TEXT:
        language_dir = language_dir.parent
    for source in sorted(language_dir.rglob("*.md")):
        markdown = source.read_text(encoding="utf-8")
        title = re.search(r"^# (.*?)(?:\s*\{.*\})?$", markdown, re.MULTILINE)[1]
        for match in FENCE.finditer(markdown):
            code = textwrap.dedent(match[2])
            try:
                claims = parse(code)
            except ValueError:
                continue  # reported on the snippet's own page
            anchors = re.findall(r"^#+ .*\{\s*#([\w-]+)\s*\}", markdown[: match.start()], re.MULTILINE)
            link = os.path.relpath(source, page.parent).replace(os.sep, "/") + (f"#{anchors[-1]}" if anchors else "")
            for claim in claims:
                printed = code.splitlines()[claim.line - 1].strip().replace("|", "\\|")
                values = [f"`{claim.value_for(build)}`" for build in SUPPORTED]
                reasons = "<br>".join(f"{versions_label(other, text)}: {other.reason}" for other in claim.exceptions)
                rows.append(f"| [{title}]({link}) | `{printed}` | {' | '.join(values)} | {reasons} |")
    return "\n".join(rows)


def format_python(*, code: str, md: Any, returncode: int = 0, session: str = "", **options: Any) -> str:
    text = text_for(_page["language"])
    blocks = [code_block("python", strip_claims(code))]
    if session:
        fail(code, f'remove session="{session}": every snippet runs on its own, as a reader would run it')
    if EXECUTE:
        result = run_snippet(code)
        report_failures(code, result, returncode, options.get("extra", {}))
        output = mask_addresses(result.output.rstrip("\n"))
        if output:
            blocks.append(code_block("text", output, title=output_label(_page["language"])))
        if output != result.output.rstrip("\n"):
            blocks.append(text["addresses"])
    blocks += version_notes(code, text)
    return MarkdownConverter(md).convert("\n\n".join(blocks))


def version_notes(code: str, text: dict[str, str]) -> list[str]:
    """Under a snippet with `#?` lines: each version-dependent print and its values per version."""
    try:
        claims = parse(code)
    except ValueError as error:
        fail(code, f"{error} (see hooks/version_claims.py)")
        return []
    notes = []
    lines = code.splitlines()
    for claim in claims:
        items = [f"- {versions_label(other, text)}: `{other.value}`" + (f" — {other.reason}" if other.reason else "") for other in claim.exceptions]
        items.append(f"- {text['other']}: `{claim.value}`")
        body = "\n".join([f"`{lines[claim.line - 1].strip()}`", "", *items])
        notes.append(f'!!! info "{text["versions"]}"\n\n' + textwrap.indent(body, "    "))
    return notes


def versions_label(claim: VersionClaim, text: dict[str, str]) -> str:
    """`<=3.11` as "3.11 and earlier", `3.14t` as "3.14 free-threaded build", in the page's language."""
    spec = claim.spec
    free_threaded = spec.endswith("t")
    spec = spec.rstrip("t")
    label = next((text[op].format(spec[2:]) for op in ("<=", ">=") if spec.startswith(op)), spec.replace("-", "–"))
    return "CPython " + (text["t"].format(label) if free_threaded else label)


def report_failures(code: str, result: Result, returncode: int, extra: dict[str, str]) -> None:
    if result.timed_out:
        fail(code, f"the snippet ran longer than {TIMEOUT_SECONDS:g} s (SNIPPETS_TIMEOUT) and was stopped")
    elif result.exit_code != returncode:
        fail(
            code,
            f"the snippet exited with code {result.exit_code} (expected {returncode}). Fix it, or if the "
            f'error is the point, add returncode="{result.exit_code}" to its fence',
            result.output,
        )
    elif result.wrote_stderr and returncode == 0 and extra.get("stderr") != "expected":
        fail(code, 'the snippet wrote to stderr. Fix it, or if that is the point, add stderr="expected" to its fence', result.output)


def fail(code: str, message: str, output: str = "") -> None:
    log.warning(f"{_page['path']}:{snippet_line(code)}: {message}\n{textwrap.indent(output, '    ')}".rstrip())


def strip_claims(code: str) -> str:
    return CLAIM_LINE.sub("", code).rstrip("\n")


def snippet_line(code: str) -> int | str:
    """Line of the page where the snippet's code starts, as the author's editor counts."""
    first_line = code.strip("\n").split("\n", 1)[0]
    index = _page["markdown"].find(first_line)
    return _page["markdown"].count("\n", 0, index) + 1 if index >= 0 else "?"


def cache_keys(code: str) -> tuple[str, str]:
    """Key of this exact code, and key of its code without comments (shared by translations)."""
    interpreter = [CACHE_FORMAT, sys.executable, sys.version]
    code = code.strip("\n") + "\n"  # a fence's code arrives with or without its last newline
    try:
        tokens = [
            (token.type, token.string)
            for token in tokenize.generate_tokens(io.StringIO(code).readline)
            if token.type != tokenize.COMMENT
        ]
    except (tokenize.TokenError, SyntaxError):
        tokens = [code]
    return tuple(hashlib.sha256(json.dumps([*interpreter, part]).encode()).hexdigest() for part in (code, tokens))


def cached_result(code: str) -> Result | None:
    exact, shared = cache_keys(code)
    for key in (exact, shared):
        if key in _results:
            return _results[key]
        path = _cache_dir / f"{key}.json"
        if path.exists():
            _results[key] = Result(**json.loads(path.read_text(encoding="utf-8")))
            return _results[key]
    return None


def run_snippet(code: str) -> Result:
    result = cached_result(code)
    if result is None:
        result = execute(code)
        exact, shared = cache_keys(code)
        keys = [exact] if result.wrote_stderr else [exact, shared]
        for key in keys:
            _results[key] = result
            if not result.timed_out:
                _cache_dir.mkdir(parents=True, exist_ok=True)
                (_cache_dir / f"{key}.json").write_text(json.dumps(asdict(result)), encoding="utf-8")
    return result


def execute(code: str) -> Result:
    """Run `python snippet.py` in an empty directory, as a reader would."""
    with tempfile.TemporaryDirectory() as workdir:
        script = Path(workdir, "snippet.py")
        script.write_text(code.strip("\n") + "\n", encoding="utf-8")
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1"}

        def run(stderr: int) -> subprocess.CompletedProcess[bytes]:
            return subprocess.run(
                [sys.executable, script.name], cwd=workdir, env=env, timeout=TIMEOUT_SECONDS,
                stdout=subprocess.PIPE, stderr=stderr, check=False,
            )

        try:
            done = run(stderr=subprocess.PIPE)
            wrote_stderr = bool(done.stderr)
            if wrote_stderr:  # run again to get both streams in the order a terminal shows them
                done = run(stderr=subprocess.STDOUT)
        except subprocess.TimeoutExpired:
            return Result(output="", exit_code=-1, wrote_stderr=False, timed_out=True)
    # Tracebacks name the script by its full path; show it as a reader would see it.
    output = done.stdout.decode("utf-8", "replace").replace(str(script), script.name)
    return Result(output=output, exit_code=done.returncode, wrote_stderr=wrote_stderr)
