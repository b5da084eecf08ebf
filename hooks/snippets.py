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

import difflib
import functools
import hashlib
import io
import json
import os
import platform
import re
import subprocess
import sys
import textwrap
import tokenize
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import runner
from build_settings import EXECUTE, TEXT, interpreter_id, source_path, text_for, write_atomically
from interpreters import Interpreter, find, isolated, summary
from markdown_exec import MarkdownConverter, base_format, validator
from mkdocs.plugins import event_priority, get_plugin_logger
from pytest_examples import CodeExample, find_examples
from pytest_examples.run_code import find_print_location
from recorded_claims import claims_for
from stable_output import mask_addresses
from version_claims import SUPPORTED, VersionClaim, current_build, for_build, parse

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

# SNIPPETS_INTERPRETERS=all: run every snippet on every supported CPython found here (hooks/interpreters.py);
# otherwise on the interpreter that runs MkDocs alone.
ALL_INTERPRETERS = os.environ.get("SNIPPETS_INTERPRETERS", "") == "all"


@dataclass(frozen=True)
class Target:
    """An interpreter the build runs snippets on, and where its results are cached."""
    interpreter: Interpreter
    python: str
    cache: Path


_targets: list[Target] = []


def on_config(config: Any) -> None:
    project = Path(config.config_file_path).parent
    cache_root = Path(os.environ.get("SNIPPETS_CACHE_DIR", project / ".cache" / "snippets"))
    own = Interpreter(current_build(), sys.executable, version=platform.python_version())
    if ALL_INTERPRETERS:
        found = find()
        log.info(summary(found).replace("claims are checked", "snippets run"))
        environments = cache_root.parent / "interpreters"
        _targets[:] = [Target(each, isolated(each, environments), cache_root / interpreter_id(each.command, each.version))
                       for each in found.values() if not each.problem]
    if not _targets:
        _targets[:] = [Target(own, sys.executable, cache_root / interpreter_id(sys.executable, own.version))]
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
    missing = [(code, target) for target in _targets for code in snippets.values() if cached_result(code, target) is None]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(lambda job: run_snippet(*job), missing))
    used = {f"{key}.json" for code in snippets.values() for key in cache_keys(code)}
    for target in _targets:
        for entry in target.cache.glob("*") if target.cache.is_dir() else []:
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
    """Every version-dependent claim of the pages in `page`'s language: where it is, the line that
    prints it, and a small table of what each CPython prints (measured here) or is declared to print."""
    language_dir = page.parent
    while language_dir.name not in TEXT:
        language_dir = language_dir.parent
    sections = []
    for source in sorted(language_dir.rglob("*.md")):
        markdown = source.read_text(encoding="utf-8")
        title = re.search(r"^# (.*?)(?:\s*\{.*\})?$", markdown, re.MULTILINE)[1]
        for example in find_examples(source):
            try:
                claims = parse(example.source)
            except ValueError:
                continue  # reported on the snippet's own page
            headings = re.findall(r"^#+ (.*?)\s*\{\s*#([\w-]+)\s*\}", markdown[: example.start_index], re.MULTILINE)
            section, anchor = headings[-1] if headings else (title, "")
            link = os.path.relpath(source, page.parent).replace(os.sep, "/") + (f"#{anchor}" if anchor else "")
            where = f"[{title} › {section}]({link})" if section != title else f"[{title}]({link})"
            for claim in claims:
                printed = example.source.splitlines()[claim.line - 1].strip()
                sections.append("\n".join([f"**{where}** · `{printed}`", "", *claim_table(example, claim, text)]))
    return "\n\n".join(sections)


def claim_table(example: CodeExample, claim: Any, text: dict[str, str]) -> list[str]:
    """Rows of builds that print one value: measured ones with their full versions, then declared ones."""
    rows: dict[tuple[str, str], list[str]] = {}
    measured = set()
    for target in _targets if EXECUTE else []:
        result = run_snippet(example.source, target)
        values = [mask_addresses(printed) for line, printed in result.prints or []
                  if find_print_location(example, line)[0] == claim.line]
        if values:
            measured.add(target.interpreter.build)
            rows.setdefault((values[0], text["measured"]), []).append(labels([target.interpreter], text).removeprefix("CPython "))
    for build in SUPPORTED:
        if build not in measured:
            rows.setdefault((claim.value_for(build), text["declared"]), []).append(build)
    table = [f"| CPython | {text['value']} | {text['source']} |", "|---|---|---|"]
    table += [f"| {', '.join(builds)} | `{value}` | {how} |" for (value, how), builds in rows.items()]
    by_reason: dict[str, list[str]] = {}
    for other in claim.exceptions:
        if other.reason:
            by_reason.setdefault(other.reason, []).append(versions_label(other, text))
    reasons = [f"- {', '.join(labels)}: {reason}" for reason, labels in by_reason.items()]
    return table + ([""] + reasons if reasons else [])


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
    """The HTML under a snippet: its output on each interpreter (one box where they agree, a tab per
    output where they differ), the address note and the per-version notes."""
    text = text_for(language)
    blocks = []
    if EXECUTE:
        shown: dict[str, list[Interpreter]] = {}
        for target in _targets:
            result = run_snippet(code, target)
            report_failures(where, result, returncode, stderr, target.interpreter)
            report_undeclared(where, code, result, target.interpreter)
            shown.setdefault(result.output.rstrip("\n"), []).append(target.interpreter)
        masked = {mask_addresses(output): interpreters for output, interpreters in shown.items()}
        if len(masked) == 1:
            output, interpreters = next(iter(masked.items()))
            if output:
                blocks.append(text_block(output, title=f"{text['output']} · {labels(interpreters, text)}"))
        else:
            tabs = [f'=== "{labels(interpreters, text)}"\n\n' + textwrap.indent(text_block(output, title=text["output"]), "    ")
                    for output, interpreters in masked.items()]
            blocks.append("\n\n".join(tabs))
        if any(output != mask_addresses(output) for output in shown):
            blocks.append(text["addresses"])
    blocks += version_notes(code, text, where)
    return MarkdownConverter(md).convert("\n\n".join(blocks))


def labels(interpreters: list[Interpreter], text: dict[str, str]) -> str:
    """ "CPython 3.12.1, 3.13.0, 3.14.7 자유 스레딩" """
    return "CPython " + ", ".join(f"{each.version}{' ' + text['free-threaded'] if each.free_threaded else ''}" for each in interpreters)


def report_undeclared(where: str, code: str, result: runner.Run, interpreter: Interpreter) -> None:
    """Name each `#>` value the page declares for this build that the interpreter did not print."""
    if result.prints is None or result.timed_out or result.too_much_output:
        return
    page, fence_line = where.rsplit(":", 1)
    try:
        declared = for_build(code, interpreter.build)
        printed = printed_claims(declared, result.prints)
    except (ValueError, SyntaxError):
        return  # reported elsewhere: a bad `#?` line, or a snippet that does not parse
    if printed is None:
        return
    old, new = declared.splitlines(), printed.splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal" and i1 < i2:  # a print with no claim at all is the claim checks' to name
            line = int(fence_line) + i1 + 1 if fence_line.isdigit() else "?"
            fail(f"{page}:{line}", f"{interpreter.label()} printed {' / '.join(new[j1:j2]) or 'nothing'}, the page declares "
                                   f"{' / '.join(old[i1:i2])} for {interpreter.build}. Record it with "
                                   f"`nox -s claims-{interpreter.build} -- --record-version` and write the reason")


def printed_claims(source: str, prints: list[tuple[int, str]]) -> str | None:
    """`source` with its `#>` lines as pytest-examples writes them for these prints, or None if unchanged."""
    return claims_for(prints).updated_print_statements(CodeExample.create(source))


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
    measured = {target.interpreter.build for target in _targets} if EXECUTE else set()
    for claim in claims:
        # Builds that print the same value for the same reason share one line.
        grouped: dict[tuple[str, str, str], list[str]] = {}
        for other in claim.exceptions:
            declared = "" if any(other.covers(build) for build in measured) else f" ({text['declared']})"
            grouped.setdefault((other.value, other.reason, declared), []).append(versions_label(other, text))
        items = [f"- {', '.join(labels)}: `{value}`" + (f" — {reason}" if reason else "") + declared
                 for (value, reason, declared), labels in grouped.items()]
        items.append(f"- {text['other']}: `{claim.value}`")
        body = "\n".join([f"`{lines[claim.line - 1].strip()}`", "", *items])
        notes.append(f'!!! info "{text["versions"]}"\n\n' + textwrap.indent(body, "    "))
    return notes


def versions_label(claim: VersionClaim, text: dict[str, str]) -> str:
    """`<=3.11` as "CPython 3.11 and earlier", `>=3.14t` as "CPython 3.14t and later", in the page's
    language (the home page says what the t of a free-threaded build means)."""
    spec = claim.spec
    label = next((text[op].format(spec[2:]) for op in ("<=", ">=") if spec.startswith(op)), spec.replace("-", "–"))
    return "CPython " + label


def report_failures(where: str, result: runner.Run, returncode: int, stderr: str, interpreter: Interpreter) -> None:
    on = f" (on {interpreter.label()})"
    problem = result.problem(returncode)
    if problem:
        fail(where, problem + on, "" if result.timed_out or result.too_much_output else result.output)
    elif result.wrote_stderr and returncode == 0 and stderr != "expected":
        fail(where, f'the snippet wrote to stderr{on}. Fix it, or if that is the point, add stderr="expected" to its fence', result.output)


def fail(where: str, message: str, output: str = "") -> None:
    log.warning(f"{where}: {message}\n{textwrap.indent(output, '    ')}".rstrip())


def strip_claims(code: str) -> str:
    return CLAIM_LINE.sub("", code).rstrip("\n")


@functools.lru_cache(maxsize=None)  # asked for several times per snippet in a build
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


_results: dict[tuple[Path, str], runner.Run] = {}  # this build's results, timeouts included


def cached_result(code: str, target: Target) -> runner.Run | None:
    for key in cache_keys(code):
        if (target.cache, key) in _results:
            return _results[target.cache, key]
        path = target.cache / f"{key}.json"
        if not path.exists():
            continue
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            if entry.get("key") != key:
                raise ValueError("it belongs to another snippet")
            _results[target.cache, key] = runner.Run(**entry["result"])
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:  # unreadable, truncated, not ours
            log.info(f"{path}: unreadable snippet cache entry ({type(error).__name__}: {error}); discarded, running the snippet again")
            path.unlink(missing_ok=True)
            continue
        return _results[target.cache, key]
    return None


def run_snippet(code: str, target: Target) -> runner.Run:
    """The snippet's run on `target`, its prints recorded (the claim checks prove the record changes nothing)."""
    result = cached_result(code, target)
    if result is None:
        result = runner.run(code, python=target.python, record_prints=True)
        exact, shared = cache_keys(code)
        for key in [exact] if result.wrote_stderr else [exact, shared]:
            _results[target.cache, key] = result
            if not (result.timed_out or result.too_much_output):
                write_atomically(target.cache / f"{key}.json", json.dumps({"key": key, "result": asdict(result)}))
    return result
