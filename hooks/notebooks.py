"""MkDocs hook: the runnable example as an executed notebook page in each language.

`examples/object_lifecycle.py` is a jupytext percent script: code cells, and prose cells
tagged with their language (`# %% [markdown] tags=["ko"]`). For each language this hook
- executes the code once (cached by script and interpreter, like the snippets), and fails the
  build naming the script, the cell and its line when a cell raises;
- writes `docs/<language>/object-lifecycle.ipynb` (that language's prose, the shared executed
  code; generated, git-ignored) before MkDocs collects the files;
- after static-i18n has sorted the files, wraps the notebooks again as mkdocs-jupyter pages:
  static-i18n rebuilds every File and so drops mkdocs-jupyter's wrapper, and the notebook is
  copied as a raw file instead of rendered (ultrabug/mkdocs-static-i18n#198);
- trims mkdocs-jupyter's page: its 575 KB inlined JupyterLab stylesheet and the MathJax/Mermaid
  scripts it loads from CDNs give way to docs/assets/notebook.css;
- puts the script and the executed notebook next to the page for download.
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jupytext
from bs4 import BeautifulSoup, Comment
from build_settings import EXECUTE, SNIPPETS_CACHE_FORMAT, output_label
from build_settings import interpreter_id, write_atomically
import nbformat
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs_jupyter.plugin import NotebookFile
from nbclient import NotebookClient
from stable_output import mask_addresses

log = get_plugin_logger("notebooks")

LANGUAGES = ("ko", "en")
PAGE = "object-lifecycle"  # docs/<language>/object-lifecycle.ipynb, built from:
SCRIPT = Path("examples/object_lifecycle.py")
DOWNLOADS = ("object_lifecycle.py", "object_lifecycle.ipynb")
CELL_TIMEOUT_SECONDS = 60

_project = Path()
_cache = Path()


def on_config(config: Any) -> None:
    global _project, _cache
    _project = Path(config.config_file_path).parent
    _cache = Path(os.environ.get("NOTEBOOK_CACHE_DIR", _project / ".cache" / "notebooks")) / interpreter_id()


def on_pre_build(config: Any) -> None:
    executed = executed_notebook(_project / SCRIPT)
    for language in LANGUAGES:
        path = Path(config.docs_dir) / language / f"{PAGE}.ipynb"
        text = nbformat.writes(notebook_for(executed, language))
        if not path.exists() or path.read_text(encoding="utf-8") != text:  # `mkdocs serve` watches docs/
            path.write_text(text, encoding="utf-8")


@event_priority(-110)  # after static-i18n's on_files (-100)
def on_files(files: Any, config: Any) -> Any:
    for file in [file for file in files if file.src_uri.endswith(".ipynb") and not isinstance(file, NotebookFile)]:
        page = NotebookFile(file, **config)
        # static-i18n decided where the page goes (ko at the root, en under en/): keep that place,
        # and give the language switcher the same page in each language, as it has for .md pages.
        page.dest_path, page.abs_dest_path, page.url = file.dest_path, file.abs_dest_path, file.url
        shared_url = file.url.removeprefix(f"{file.locale_alternate_of}/")
        file.alternates = {
            language: SimpleNamespace(url=shared_url if language == LANGUAGES[0] else f"{language}/{shared_url}")
            for language in LANGUAGES
        }
        files.remove(file)
        files.append(page)
    return files


def executed_notebook(script: Path) -> nbformat.NotebookNode:
    """The script as a notebook with every code cell's outputs, executed once per script and interpreter."""
    source = script.read_text(encoding="utf-8")
    if not EXECUTE:
        return script_as_notebook(source)
    key = hashlib.sha256("\0".join([SNIPPETS_CACHE_FORMAT, sys.executable, sys.version, source]).encode()).hexdigest()
    cached = _cache / f"{key}.ipynb"
    for stale in _cache.glob("*") if _cache.is_dir() else []:
        if stale != cached:
            stale.unlink(missing_ok=True)  # entries of earlier versions of the script, half-written ones
    if cached.exists():
        try:
            notebook = nbformat.read(cached, as_version=4)
            nbformat.validate(notebook)
            return notebook
        except Exception as error:  # nbformat raises many kinds for a bad file
            log.info(f"{cached}: unreadable notebook cache entry ({type(error).__name__}); discarded, executing again")
            cached.unlink(missing_ok=True)
    log.info(f"Executing {script.relative_to(_project)}")
    notebook = script_as_notebook(source)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    with tempfile.TemporaryDirectory(prefix="notebook-") as workdir:  # what the cells write stays out of the project
        client = NotebookClient(notebook, timeout=CELL_TIMEOUT_SECONDS, allow_errors=True, kernel_name="python3",
                                record_timing=False, coalesce_streams=True, resources={"metadata": {"path": workdir}})
        client.execute()
    errors = [(index, output) for index, cell in enumerate(notebook.cells) if cell.cell_type == "code"
              for output in cell.outputs if output.output_type == "error"]
    for index, error in errors:
        log.warning(
            f"{script.relative_to(_project)}:{cell_line(source, index)}: cell {index + 1} raised "
            f"{error.ename}: {error.evalue}. Fix the cell: the notebook page must run without errors."
        )
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if "text" in output:
                output.text = mask_addresses(output.text)
            if "text/plain" in output.get("data", {}):
                output.data["text/plain"] = mask_addresses(output.data["text/plain"])
    if not errors:
        write_atomically(cached, nbformat.writes(notebook))
    return notebook


def script_as_notebook(source: str) -> nbformat.NotebookNode:
    notebook = jupytext.reads(source, fmt="py:percent")
    for number, cell in enumerate(notebook.cells, 1):
        cell.id = f"cell-{number}"  # jupytext picks random ids: two builds would differ
    return notebook


def cell_line(source: str, index: int) -> int | str:
    """Line of the script where cell `index` starts (cells start at `# %%` markers)."""
    starts = [number for number, line in enumerate(source.splitlines(), 1) if line.startswith("# %%")]
    return starts[index] if index < len(starts) else "?"


def notebook_for(executed: nbformat.NotebookNode, language: str) -> nbformat.NotebookNode:
    """The shared code cells with this language's prose cells."""
    notebook = copy.deepcopy(executed)
    notebook.cells = [
        cell for cell in notebook.cells
        if cell.cell_type == "code" or language in cell.metadata.get("tags", [])
    ]
    for cell in notebook.cells:
        cell.metadata.pop("lines_to_next_cell", None)
    notebook.metadata["language"] = language
    return notebook


HEADING_ANCHOR = re.compile(r"\s*\{\s*#([\w-]+)\s*\}\s*$")


def on_page_content(html: str, page: Any, config: Any, **_: Any) -> str:
    if not page.file.src_uri.endswith(f"{PAGE}.ipynb"):
        return html
    html, titles = material_notebook_html(html, config.theme["language"])
    fix_toc(page.toc, titles)
    page.title = HEADING_ANCHOR.sub("", page.title or "")
    return html


def material_notebook_html(html: str, language: str) -> tuple[str, dict[str, str]]:
    """mkdocs-jupyter's notebook HTML, restyled as the rest of the site.

    Drops the inlined JupyterLab stylesheet (575 KB), the CDN scripts (MathJax, Mermaid) and the
    notebook's own copy buttons; code and output become Material code blocks (copy button, light
    and dark palettes), outputs labelled like the snippets'; `{ #anchor }` headings get that id.
    Returns the HTML and each heading's text by id, for the table of contents.
    """
    soup = BeautifulSoup(html, "html.parser")
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    for tag in soup.select("style, script, .zeroclipboard-container, .clipboard-copy-txt, .jp-InputPrompt, "
                           ".jp-OutputPrompt, .jp-Collapser"):
        tag.decompose()
    for block in soup.select("div.highlight-ipynb"):
        as_code_block(soup, block.pre)
        block.unwrap()
    label = output_label(language)
    for pre in soup.select(".jp-RenderedText > pre"):
        as_code_block(soup, pre, label)
    titles = {}
    for heading in soup.select("h1, h2, h3, h4, h5, h6"):
        anchor = heading.find("a", class_="anchor-link")
        text = heading.find(string=HEADING_ANCHOR)
        if text:
            heading["id"] = HEADING_ANCHOR.search(text)[1]
            text.replace_with(HEADING_ANCHOR.sub("", text))
        if anchor:
            anchor["href"] = f"#{heading.get('id', '')}"
            anchor["class"] = ["headerlink"]
        titles[heading.get("id", "")] = heading.get_text().removesuffix(anchor.get_text() if anchor else "").strip()
    return str(soup), titles


def as_code_block(soup: BeautifulSoup, pre: Any, title: str = "") -> None:
    """Turn `<pre>` into what Material renders for a fence: div.highlight > [span.filename] pre > code."""
    code = soup.new_tag("code")
    children = list(pre.children)
    if children and children[0].name == "span" and not children[0].contents:
        children = children[1:]  # pygments' empty span stays before <code>, as in Material's fences
    for child in children:
        code.append(child.extract())
    pre.append(code)
    block = pre.wrap(soup.new_tag("div", attrs={"class": "highlight"}))
    if title:
        block.insert(0, soup.new_tag("span", attrs={"class": "filename"}, string=title))


def fix_toc(toc: Any, titles: dict[str, str]) -> None:
    """Table of contents entries as the headings read (`{ #id }` links, inline code kept)."""
    for item in toc:
        match = HEADING_ANCHOR.search(item.title)
        if match:
            item.id = match[1]
        item.title = titles.get(item.id, HEADING_ANCHOR.sub("", item.title))
        fix_toc(item.children, titles)


def on_post_page(output: str, page: Any, **_: Any) -> str:
    if page.file.src_uri.endswith(f"{PAGE}.ipynb"):
        target = Path(page.file.abs_dest_path).parent
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_project / SCRIPT, target / DOWNLOADS[0])
        shutil.copyfile(page.file.abs_src_path, target / DOWNLOADS[1])
    return output
