"""Build-speed benchmark for this site, run by hand: `.venv/bin/python benchmarks/build_speed.py`.

Works on throw-away copies of the project, never on docs/. For the site as it is and for a
synthetic copy with 10x the snippets, prints the median of several runs of:
- floor: a full build with snippet execution switched off (SNIPPETS_EXECUTE=0: no snippet, diagram
  or notebook cell runs);
- cold:  a full build with empty snippet and notebook caches;
- all:   the same with every supported CPython found here (SNIPPETS_INTERPRETERS=all, as `make build`
  and the Pages workflow build), once, for the site as it is; the interpreters' bare environments are
  made before it is timed;
- warm:  a full build with the cache filled by an earlier build;
- serve: from saving an edited page to `mkdocs serve` serving the new page.
Goals: warm <= 1.3 x floor, cold <= 3 x floor, all <= 6 x floor, serve <= 2 s, 10x snippets costs < 10x
the time.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks")]
from helpers import build_environ, free_port, wait_until_served  # noqa: E402  (the tests' helpers)
from pytest_examples import find_examples  # noqa: E402  (the snippet finder the hooks and tests use)

RUNS = 3
SERVE_OPTIONS, SERVE_ENV = ["--dirty"], {"MKDOCS_STRICT": "false"}  # as `make serve` runs it


def copy_project(where: Path, copies: int) -> Path:
    """The project with each snippet repeated `copies` times (each copy different code)."""
    project = where / f"project-x{copies}"
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("hooks", "examples", "overrides", "docs"):
        shutil.copytree(ROOT / folder, project / folder)
    if copies > 1:
        for page in (project / "docs").rglob("*.md"):
            text = page.read_text("utf-8")
            for example in reversed(list(find_examples(page))):
                fence_start = text.rfind("\n", 0, example.start_index - 1) + 1
                block = text[fence_start:example.end_index] + text[example.end_index:].split("\n", 1)[0] + "\n"
                indent = " " * example.indent
                copies_text = "".join(
                    block.replace("\n", f"\n{indent}_copy = {n}\n", 1) + "\n" for n in range(1, copies)
                )
                end = example.end_index + len(text[example.end_index:].split("\n", 1)[0]) + 1
                text = text[:end] + "\n" + copies_text + text[end:]
            page.write_text(text, "utf-8")
    return project


def snippet_count(project: Path) -> int:
    return len(list(find_examples(project / "docs")))


def build(project: Path, cache: Path, execute: bool = True, **extra: str) -> float:
    env = {
        "SNIPPETS_CACHE_DIR": str(cache / "snippets"),
        "NOTEBOOK_CACHE_DIR": str(cache / "notebooks"),
        "SNIPPETS_EXECUTE": "1" if execute else "0",
        **extra,
    }
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(project / "site")],
        cwd=project, env=build_environ(project, **env), check=True,
    )
    return time.perf_counter() - start


def serve_edit(project: Path, cache: Path) -> float:
    port = free_port()
    url = f"http://127.0.0.1:{port}/en/reference-counting/"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *SERVE_OPTIONS, "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=build_environ(project, **SERVE_ENV, SNIPPETS_CACHE_DIR=str(cache / "snippets"), NOTEBOOK_CACHE_DIR=str(cache / "notebooks")),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_served(url, "")
        times = []
        page = project / "docs/en/reference-counting.md"
        for run in range(RUNS):
            marker = f"benchmark-edit-{run}"
            time.sleep(1)  # let the server settle after the previous rebuild
            start = time.perf_counter()
            page.write_text(page.read_text("utf-8") + f"\n{marker}\n", "utf-8")
            wait_until_served(url, marker)
            times.append(time.perf_counter() - start)
        return statistics.median(times)
    finally:
        server.terminate()
        server.wait()


def measure(where: Path, copies: int) -> dict[str, float]:
    project = copy_project(where, copies)
    snippets = snippet_count(project)
    floor = statistics.median(build(project, where / "unused", execute=False) for _ in range(RUNS))
    cold = []
    for run in range(RUNS):
        cold.append(build(project, where / f"cold-{copies}-{run}"))
    warm_cache = where / f"cold-{copies}-0"
    warm = statistics.median(build(project, warm_cache) for _ in range(RUNS))
    serve = serve_edit(project, warm_cache)
    result = {"snippets": snippets, "floor": floor, "cold": statistics.median(cold), "warm": warm, "serve": serve}
    if copies == 1:
        all_cache = where / "all"
        (all_cache / "snippets").mkdir(parents=True)
        (all_cache / "interpreters").symlink_to(ROOT / ".cache/interpreters")  # bare environments, made once
        build(project, where / "all-setup", SNIPPETS_INTERPRETERS="all", SNIPPETS_CACHE_DIR=str(where / "all-setup/snippets"))
        result["all"] = build(project, all_cache, SNIPPETS_INTERPRETERS="all")
    return result


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        results = {copies: measure(Path(tmp), copies) for copies in (1, 10)}
    print(f"{'site':<10}{'snippets':>9}{'floor s':>9}{'cold s':>9}{'warm s':>9}{'serve s':>9}"
          f"{'cold/floor':>12}{'warm/floor':>12}")
    for copies, r in results.items():
        print(f"{f'x{copies}':<10}{r['snippets']:>9}{r['floor']:>9.2f}{r['cold']:>9.2f}{r['warm']:>9.2f}"
              f"{r['serve']:>9.2f}{r['cold'] / r['floor']:>12.2f}{r['warm'] / r['floor']:>12.2f}")
    print(f"x1, every interpreter found, cold: {results[1]['all']:.2f} s = {results[1]['all'] / results[1]['floor']:.2f} x floor "
          "(goal: <= 6 x)")
    growth = results[10]["cold"] / results[1]["cold"]
    print(f"10x snippets: cold build took {growth:.2f}x the time (goal: below 10x)")
    print(f"goals: warm <= 1.3 x floor, cold <= 3 x floor, serve <= 2 s  (CPython {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
