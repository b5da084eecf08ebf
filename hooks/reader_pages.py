"""MkDocs hook: what readers expect that the build does not give on its own.

- The notebook page (hooks/notebooks.py) is built from examples/object_lifecycle.py: its edit and
  view-source links and its last-updated date are the script's; its description (a Markdown page's
  is in its front matter) is here.
- Dates come from git only: outside a git checkout (the tests' copies of the project) and in a
  shallow clone the date plugin is turned off, so no build takes a date from the clock. (The Pages
  workflow needs `fetch-depth: 0` to publish dates.)
- A 404 page per language: static-i18n renders 404.html once per language into the same place, so
  the last language's would win. The default language's stays at the site root (the one GitHub
  Pages serves for every missing address) and each other language's goes to <language>/404.html.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority
from notebooks import LANGUAGES, PAGE, SCRIPT

DATE_PLUGIN = "git-revision-date-localized"
_not_found_pages: dict[str, str] = {}
NOTEBOOK_DESCRIPTION = {
    "ko": "객체의 생성부터 해제까지를 따라가며 이 사이트의 내용을 차례로 출력하는 예제 object_lifecycle.py를, 사이트를 빌드할 때 실행한 노트북입니다.",
    "en": "The example object_lifecycle.py, which follows an object from creation to freeing and prints what this site's pages show, run as a notebook when the site was built.",
}


@event_priority(100)  # before the date plugin reads git
def on_config(config: Any) -> None:
    dates = config.plugins.get(DATE_PLUGIN)
    project = Path(config.config_file_path).parent
    git = subprocess.run(["git", "-C", str(project), "rev-parse", "--is-shallow-repository"],
                         capture_output=True, text=True, check=False)
    # Outside git, or in a shallow clone (which knows one commit: every page would get its date, and
    # the plugin's warning would stop a strict build), pages go undated.
    if dates is not None and (git.returncode != 0 or git.stdout.strip() == "true"):
        dates.config["enabled"] = False


@event_priority(-50)  # after the date plugin (which skips the notebook: it is not in git)
def on_page_markdown(markdown: str, page: Any, config: Any, **_: Any) -> str:
    if page.file.src_uri.endswith(f"{PAGE}.ipynb"):
        page.meta.setdefault("description", NOTEBOOK_DESCRIPTION[config.theme["language"]])
        if config.repo_url and config.edit_uri:
            page.edit_url = f"{config.repo_url.rstrip('/')}/{config.edit_uri.split('docs/')[0]}{SCRIPT.as_posix()}"
        dates = config.plugins.get(DATE_PLUGIN)
        if dates is not None and dates.config["enabled"]:
            _, timestamp = dates.util.get_git_commit_timestamp(str(Path(config.config_file_path).parent / SCRIPT))
            locale = config.theme["language"]
            page.meta["git_revision_date_localized"] = dates.util.get_date_formats_for_timestamp(
                timestamp, locale=locale, add_spans=True)[dates.config["type"]]
    return markdown


def on_post_template(output: str, template_name: str, config: Any) -> str:
    if template_name != "404.html":
        return output
    language = config.theme["language"]
    _not_found_pages[language] = output
    if language == LANGUAGES[0]:
        return output
    target = Path(config.site_dir) / language / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return _not_found_pages.get(LANGUAGES[0], output)
