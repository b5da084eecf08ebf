"""MkDocs hook: every ```python exec="on"``` block runs as its own `python snippet.py`.

The block is a superfences custom fence (registered here, the documented way) whose formatter is
markdown-exec's public `base_format`; this hook gives it a `run` that
- runs the block through hooks/runner.py (a fresh interpreter, an empty directory, its own process
  group, a timeout and an output cap), so the page shows exactly what a reader sees when saving
  the block to a file and running it, and no block can change what another prints;
- hides the `#>` claim lines (tests/test_examples.py checks them) and shows the real output
  instead, escaped as text and labelled with the interpreter that produced it, addresses masked;
- caches results on disk by code and interpreter; blocks that differ only in comments (the two
  languages of a page) share a result unless it wrote to stderr; uncached blocks of the whole
  site run in parallel before the pages render, and entries no block uses any more are removed;
- fails the build (a warning under `strict: true`) naming the page and line when a block exits
  non-zero, writes to stderr, runs too long or prints too much, unless its fence says so
  (`returncode="1"`, `stderr="expected"`).

Blocks are found by pytest-examples' `find_examples`, as the claim checks find them; each block's
page and line reach the formatter as a fence option added before the page renders.

Environment: SNIPPETS_TIMEOUT, SNIPPETS_MAX_OUTPUT (hooks/runner.py), SNIPPETS_CACHE_DIR (default
.cache/snippets next to mkdocs.yml; safe to delete), SNIPPETS_EXECUTE=0 (show code only, for the
benchmark's floor).
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import re
import subprocess
import textwrap
import tokenize
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import Any

import runner
from build_settings import EXECUTE, TEXT, interpreter_id, output_label, source_path, text_for, write_atomically
from markdown_exec import MarkdownConverter, base_format, validator
from mkdocs.plugins import event_priority, get_plugin_logger
from pytest_examples import find_examples
from stable_output import mask_addresses
from version_claims import SUPPORTED, VersionClaim, describe_interpreter, parse

log = get_plugin_logger("snippets")

CLAIM_LINE = re.compile(r"^[ \t]*#[>?].*(?:\n|$)", re.MULTILINE)  # `#>` claims, `#?` per-version claims
# Any fence asking to execute Python, whatever its length or marker: each must be one pytest-examples finds.
EXEC_FENCE = re.compile(r"^ *(?:`{3,}|~{3,})[ {.]*py[^\n]*\bexec=", re.MULTILINE)
WHERE = "snippet_at"  # fence option: "docs/en/page.md:42", the fence's line in the page's source
CODE_HASH = "snippet_hash"  # fence option: the code as the claim checks read it
CONTROL = {code: chr(0x2400 + code) for code in [*range(0x09), *range(0x0B, 0x20)]} | {0x7F: "\u2421"}
VERSION_TABLE_MARKER = "<!-- version-claims -->"
SOURCE_BLOCK_OPTIONS = {"title", "hl_lines", "linenums"}  # what pymdownx.highlight reads on the code block
RENDERED = re.compile(r"<!-- snippet (\S+) -->")  # left by each rendered snippet, removed from the page

_cache_dir = Path()


def on_config(config: Any) -> None:
    global _cache_dir
    project = Path(config.config_file_path).parent
    cache_root = Path(os.environ.get("SNIPPETS_CACHE_DIR", project / ".cache" / "snippets"))
    _cache_dir = cache_root / interpreter_id()
    superfences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    superfences.setdefault("custom_fences", []).append(
        {"name": "python", "class": "python", "validator": validator, "format": python_fence}
    )
    # The sitemap's dates come from the last commit, so two builds of a commit are identical.
    if "SOURCE_DATE_EPOCH" not in os.environ:
        commit_time = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=project, capture_output=True, text=True, check=False
        ).stdout.strip()
        if commit_time:
            os.environ["SOURCE_DATE_EPOCH"] = commit_time


def on_pre_build(config: Any) -> None:
    """Run every snippet of the site that has no result yet, in parallel; forget unused results."""
    if not EXECUTE:
        return
    # One snippet per comment-free code: the other languages' copies reuse its result.
    snippets = {cache_keys(example.source)[1]: example.source for example in find_examples(config.docs_dir)}
    missing = [code for code in snippets.values() if cached_result(code) is None]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(run_snippet, missing))
    used = {f"{key}.json" for code in snippets.values() for key in cache_keys(code)}
    for entry in _cache_dir.glob("*") if _cache_dir.is_dir() else []:
        if entry.name not in used:
            entry.unlink(missing_ok=True)  # also half-written entries of a build that was stopped


@event_priority(100)  # before any other hook changes the page's lines
def on_page_markdown(markdown: str, page: Any, config: Any, **_: Any) -> str:
    source = Path(page.file.abs_src_path)
    markdown = mark_snippets(markdown, source, source_path(config, page))
    if VERSION_TABLE_MARKER in markdown:
        table = render_version_table(source, text_for(config.theme["language"]))
        markdown = markdown.replace(VERSION_TABLE_MARKER, table)
    return markdown


def mark_snippets(markdown: str, source: Path, name: str) -> str:
    """Add each snippet's page, line and code hash to its fence line, for the formatter."""
    raw = source.read_text(encoding="utf-8")
    offset = len(raw) - len(markdown)  # MkDocs hands over the page without its front matter
    if offset < 0 or raw[offset:] != markdown:
        log.warning(f"{name}: the page changed before the snippets hook saw it; snippet lines cannot be named")
        return markdown
    examples = list(find_examples(source))
    found = {example.start_line for example in examples}
    for match in EXEC_FENCE.finditer(raw):
        line = raw.count("\n", 0, match.start()) + 1
        if line not in found:
            log.warning(
                f"{name}:{line}: the claim checks cannot find this block, so its claims would go unchecked. "
                "Open it with exactly three backticks and `python`, as ```python exec=\"on\""
            )
    for example in reversed(examples):
        end_of_fence_line = example.start_index - 1 - offset
        options = f' {WHERE}="{name}:{example.start_line}" {CODE_HASH}="{code_hash(example.source)}"'
        markdown = markdown[:end_of_fence_line] + options + markdown[end_of_fence_line:]
    return markdown


def on_page_content(html: str, page: Any, config: Any, **_: Any) -> str:
    """Every snippet of the page rendered as a snippet: one whose fence superfences could not read
    (an option it cannot parse, say) would show as text and silently not run."""
    rendered = set(RENDERED.findall(html))
    name = source_path(config, page)
    for example in find_examples(page.file.abs_src_path) if page.file.src_uri.endswith(".md") else []:
        if f"{name}:{example.start_line}" not in rendered:
            log.warning(f"{name}:{example.start_line}: this block is shown as text, not run: superfences cannot read "
                        'its fence line (options are name="value", names of letters, digits and _)')
    return RENDERED.sub("", html)


def code_hash(code: str) -> str:
    return hashlib.sha256((code.strip("\n") + "\n").encode()).hexdigest()[:16]


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
        for example in find_examples(source):
            try:
                claims = parse(example.source)
            except ValueError:
                continue  # reported on the snippet's own page
            anchors = re.findall(r"^#+ .*\{\s*#([\w-]+)\s*\}", markdown[: example.start_index], re.MULTILINE)
            link = os.path.relpath(source, page.parent).replace(os.sep, "/") + (f"#{anchors[-1]}" if anchors else "")
            for claim in claims:
                printed = example.source.splitlines()[claim.line - 1].strip().replace("|", "\\|")
                values = [f"`{claim.value_for(build)}`" for build in SUPPORTED]
                reasons = "<br>".join(f"{versions_label(other, text)}: {other.reason}" for other in claim.exceptions)
                rows.append(f"| [{title}]({link}) | `{printed}` | {' | '.join(values)} | {reasons} |")
    return "\n".join(rows)


def python_fence(source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **_: Any) -> str:
    """The superfences formatter of ```python``` fences that markdown-exec's validator accepted (exec="on")."""
    return format_python(code=source, md=md, **options)


def format_python(*, code: str, md: Any, returncode: int = 0, session: str = "", **options: Any) -> str:
    extra = options.pop("extra", {})
    where, expected_hash = extra.pop(WHERE, "?:?"), extra.pop(CODE_HASH, "")
    stderr = extra.pop("stderr", "")
    unknown = sorted(set(extra) - SOURCE_BLOCK_OPTIONS)
    if unknown:
        fail(where, f"unknown fence option {', '.join(unknown)}: a snippet's fence takes markdown-exec's options, "
                    f"stderr=\"expected\" and the code block's {', '.join(sorted(SOURCE_BLOCK_OPTIONS))}")
    language = where.split("/")[1] if where.count("/") > 1 else "en"
    run = functools.partial(show_output, where=where, language=language, stderr=stderr, md=md)
    if session:
        fail(where, f'remove session="{session}": every snippet runs on its own, as a reader would run it')
    if expected_hash and expected_hash != code_hash(code):
        fail(where, "the claim checks read this block differently from the build (does a line inside it "
                    "start with ```?). Keep backtick runs out of the block's lines")
    options.pop("html", None)  # the output is HTML this hook renders, escaped
    options["source"] = options.get("source") or "above"
    html = base_format(
        language="python", run=run, code=code, md=md, html=True, returncode=returncode,
        transform_source=lambda code: (code, strip_claims(code)), extra=extra, **options,
    )
    return f"<!-- snippet {where} -->{html}"


def show_output(code: str, *, where: str, language: str, stderr: str, md: Any, returncode: int = 0, **_: Any) -> str:
    """The HTML under a snippet: its output box, the address note and the per-version notes."""
    text = text_for(language)
    blocks = []
    if EXECUTE:
        result = run_snippet(code)
        report_failures(where, result, returncode, stderr)
        output = mask_addresses(result.output.rstrip("\n"))
        if output:
            blocks.append(text_block(output, title=output_label(language)))
        if output != result.output.rstrip("\n"):
            blocks.append(text["addresses"])
    blocks += version_notes(code, text, where)
    return MarkdownConverter(md).convert("\n\n".join(blocks))


def text_block(text: str, title: str) -> str:
    """A fence showing `text` as printed: no run of backticks in it can close the fence, and control
    characters appear as their visible symbols (U+2400 block) instead of reaching the HTML."""
    text = text.translate(CONTROL)
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
    return f'{fence}text title="{title}"\n{text}\n{fence}'


def version_notes(code: str, text: dict[str, str], where: str) -> list[str]:
    """Under a snippet with `#?` lines: each version-dependent print and its values per version."""
    try:
        claims = parse(code)
    except ValueError as error:  # "line 3: ..." counts from the snippet's first line
        number, message = str(error).split(": ", 1)
        page, fence_line = where.rsplit(":", 1)
        at = f"{page}:{int(fence_line) + int(number.split()[1])}" if fence_line.isdigit() else where
        fail(at, f"{message} (see hooks/version_claims.py)")
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


def report_failures(where: str, result: runner.Run, returncode: int, stderr: str) -> None:
    on = f" (on {describe_interpreter()})"
    problem = result.problem(returncode)
    if problem:
        fail(where, problem + on, "" if result.timed_out or result.too_much_output else result.output)
    elif result.wrote_stderr and returncode == 0 and stderr != "expected":
        fail(where, f'the snippet wrote to stderr{on}. Fix it, or if that is the point, add stderr="expected" to its fence', result.output)


def fail(where: str, message: str, output: str = "") -> None:
    log.warning(f"{where}: {message}\n{textwrap.indent(output, '    ')}".rstrip())


def strip_claims(code: str) -> str:
    return CLAIM_LINE.sub("", code).rstrip("\n")


def cache_keys(code: str) -> tuple[str, str]:
    """Key of this exact code, and key of its code without comments (shared by translations)."""
    code = code.strip("\n") + "\n"  # a fence's code arrives with or without its last newline
    try:
        tokens = [
            (token.type, token.string)
            for token in tokenize.generate_tokens(io.StringIO(code).readline)
            if token.type != tokenize.COMMENT
        ]
    except (tokenize.TokenError, SyntaxError):
        tokens = [code]
    return tuple(hashlib.sha256(json.dumps(part).encode()).hexdigest() for part in (code, tokens))


_results: dict[str, runner.Run] = {}  # this build's results, timeouts included


def cached_result(code: str) -> runner.Run | None:
    for key in cache_keys(code):
        if key in _results:
            return _results[key]
        path = _cache_dir / f"{key}.json"
        if not path.exists():
            continue
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            if entry.get("key") != key:
                raise ValueError("it belongs to another snippet")
            _results[key] = runner.Run(**entry["result"])
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:  # unreadable, truncated, not ours
            log.info(f"{path}: unreadable snippet cache entry ({type(error).__name__}: {error}); discarded, running the snippet again")
            path.unlink(missing_ok=True)
            continue
        return _results[key]
    return None


def run_snippet(code: str) -> runner.Run:
    result = cached_result(code)
    if result is None:
        result = runner.run(code)
        exact, shared = cache_keys(code)
        for key in [exact] if result.wrote_stderr else [exact, shared]:
            _results[key] = result
            if not (result.timed_out or result.too_much_output):
                write_atomically(_cache_dir / f"{key}.json", json.dumps({"key": key, "result": asdict(result)}))
    return result
