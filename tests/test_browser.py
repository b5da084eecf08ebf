"""The built site in a real browser: Debian's Chromium driven by Playwright.

Every page of both languages loads with no console error, no failed request, no request to
another host and no serious or critical axe-core violation; the language switcher, search, the
copy button and the light/dark toggle work; `mkdocs serve` serves an edit. Screenshots go to
artifacts/screenshots/.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import LANGUAGES, ROOT
from helpers import build_environ, free_port, make_project, mkdocs_build, wait_until_served
from playwright.sync_api import Browser, Page, sync_playwright

AXE = ROOT / "node_modules/axe-core/axe.min.js"
SCREENSHOTS = ROOT / "artifacts/screenshots"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
    "--disable-background-networking", "--disable-component-update",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory):
    site = tmp_path_factory.mktemp("browser") / "site"
    build = mkdocs_build(ROOT, site)
    assert build.returncode == 0, build.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), functools.partial(QuietHandler, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Browser:
    chromium = shutil.which(os.environ.get("CHROMIUM", "chromium"))
    assert chromium, "Debian's chromium is needed: `make test` installs it (apt-get install chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, site_url: str) -> Page:
    context = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page = context.new_page()
    yield page
    context.close()


def built_pages() -> list[str]:
    """Every page of both languages, as site paths ("/", "/en/reference-counting/", ...)."""
    paths = ["/"]
    for language in LANGUAGES:
        prefix = "/" if language == LANGUAGES[0] else f"/{language}/"
        docs = ROOT / "docs" / language
        pages = {path.relative_to(docs).with_suffix("") for path in [*docs.rglob("*.md"), *docs.rglob("*.ipynb")]}
        paths += [prefix + ("" if page.name == "index" else f"{page.as_posix()}/") for page in sorted(pages)]
    return sorted(set(paths))


@pytest.mark.parametrize("path", built_pages())
def test_page_loads_cleanly_offline_and_accessibly(page: Page, site_url: str, path: str) -> None:
    console_errors, failed, remote = [], [], []
    page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    page.on("requestfailed", lambda request: failed.append(f"{request.url} ({request.failure})"))
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.url} ({response.status})"))
    page.on("request", lambda request: urlsplit(request.url).netloc not in ("", urlsplit(site_url).netloc)
            and not request.url.startswith(("data:", "blob:")) and remote.append(request.url))
    page.goto(path, wait_until="load")
    assert page.locator("article").count() == 1, f"{path} did not render"
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} -> "
        + "; ".join(node["target"][0] if isinstance(node["target"][0], str) else json.dumps(node["target"]) for node in violation["nodes"][:3])
        for violation in results["violations"] if violation["impact"] in ("serious", "critical")
    ]
    assert (console_errors, failed, remote, serious) == ([], [], [], []), path


@pytest.mark.parametrize(("start", "target", "language"), [
    ("/reference-counting/", "/en/reference-counting/", "en"),
    ("/en/reference-counting/", "/reference-counting/", "ko"),
    ("/object-lifecycle/", "/en/object-lifecycle/", "en"),
])
def test_language_switcher_keeps_the_page(page: Page, start: str, target: str, language: str) -> None:
    page.goto(start)
    page.locator(".md-header .md-select").hover()
    page.locator(f'.md-select__link[hreflang="{language}"]').click()
    page.wait_for_url(f"**{target}")
    assert page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize(("start", "query", "expected", "language"), [
    ("/", "참조", "/reference-counting/", "ko"),
    ("/", "참조를", "/reference-counting/", "ko"),
    ("/en/", "reference", "/en/reference-counting/", "en"),
])
def test_search_finds_the_page_in_the_readers_language(page: Page, start: str, query: str, expected: str, language: str) -> None:
    page.goto(start, wait_until="networkidle")
    page.locator(".md-search__input").click()
    for character in query:  # as an input method commits Hangul: text, then a key event
        page.keyboard.insert_text(character)
        page.keyboard.press("End")
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for()
    hrefs = [urlsplit(href).path for href in results.evaluate_all("links => links.map(link => link.href)")]
    assert any(href.startswith(expected) for href in hrefs), hrefs
    in_english = [href.startswith("/en/") for href in hrefs]
    assert all(in_english) if language == "en" else not any(in_english), hrefs


def test_the_copy_button_copies_the_code(page: Page) -> None:
    page.goto("/reference-counting/", wait_until="networkidle")
    block = page.locator("article div.highlight").first
    block.hover()
    block.locator('.md-code__button[data-md-type="copy"]').click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == block.locator("code").inner_text().rstrip("\n")
    assert copied.startswith("import sys") and "#>" not in copied


def test_light_and_dark_toggle(page: Page) -> None:
    page.goto("/", wait_until="networkidle")
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{scheme}'")
    assert {scheme, page.locator("body").get_attribute("data-md-color-scheme")} == {"default", "slate"}


@pytest.mark.parametrize(("path", "name"), [
    ("/", "ko-home"), ("/en/", "en-home"),
    ("/reference-counting/", "ko-reference-counting"), ("/en/reference-counting/", "en-reference-counting"),
    ("/object-lifecycle/", "ko-object-lifecycle"),
])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(browser: Browser, site_url: str, path: str, name: str, scheme: str) -> None:
    context = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(path, wait_until="networkidle")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"{name}-{scheme}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert page.locator("body").get_attribute("data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
    context.close()
    assert shot.stat().st_size > 10_000


def test_mkdocs_serve_serves_both_languages_and_an_edit(page: Page, tmp_path: Path) -> None:
    body = "처음 쓴 문장입니다."
    project = make_project(tmp_path, {"ko/index.md": f"# 홈 {{ #home }}\n\n{body}\n", "en/index.md": "# Home { #home }\n\nFirst text.\n"})
    # A first build writes the generated notebook pages into docs/, as a first `mkdocs serve` would.
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=build_environ(project), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_served(f"{url}/en/", "First text.")
        page.goto(f"{url}/")
        assert page.locator("article").inner_text().count(body) == 1
        page.goto(f"{url}/en/")
        assert "First text." in page.locator("article").inner_text()
        page.goto("about:blank")  # so livereload does not reload it while we navigate
        (project / "docs/ko/index.md").write_text("# 홈 { #home }\n\n고친 문장입니다.\n", "utf-8")
        wait_until_served(f"{url}/", "고친 문장입니다.")
        page.goto(f"{url}/")
        assert "고친 문장입니다." in page.locator("article").inner_text()
    finally:
        server.terminate()
        server.wait()
