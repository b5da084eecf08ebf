# Two commands do all the set-up on a fresh machine:
#   make serve   preview the site (both languages) at http://127.0.0.1:8000/
#   make test    run the whole test suite (what CI runs)
PYTHON ?= python3
# The one interpreter that builds, tests and deploys the site; requirements/site.txt is locked for
# it, and CI's site job and the Pages workflow use the same version.
SITE_PYTHON := 3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: serve test build claims lock browser

# Rebuilds only the edited pages (--dirty), and reports warnings without stopping (MKDOCS_STRICT=false):
# a failing snippet shows its traceback on the page. Restart it after changing the navigation.
# Snippets run on the site's interpreter alone; `make serve SNIPPETS_INTERPRETERS=all` runs them on every one.
serve: $(VENV)/installed
	MKDOCS_STRICT=false $(BIN)/mkdocs serve --dirty

# The site's tests on this interpreter (browser tests included), and the printed claims on every
# supported CPython found. The claims run on the second core while pytest runs (in their own nox
# envdir: the tests run nox too); their log is printed after pytest's, and either failing fails.
# pytest leaves the claims to nox, which checks them on this interpreter too (claims-$(SITE_PYTHON)).
test: $(VENV)/installed node_modules/installed browser
	@log=$$(mktemp); $(BIN)/nox --envdir .nox-claims --session claims > $$log 2>&1 & claims=$$!; \
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest --deselect tests/test_examples.py::test_claims; tests=$$?; \
	wait $$claims; checked=$$?; cat $$log; rm -f $$log; exit $$(( tests || checked ))

# Runs every snippet on every supported CPython found here (hooks/interpreters.py), as Pages does.
build: $(VENV)/installed
	SNIPPETS_INTERPRETERS=all $(BIN)/mkdocs build --strict

# Rewrite the `#>` claim lines under each print with what this interpreter prints.
claims: $(VENV)/installed
	$(BIN)/pytest tests/test_examples.py --update-examples

# Re-resolve the locked versions after editing pyproject.toml: the site's for SITE_PYTHON alone, the
# claim checks' for every CPython >= 3.10.
lock: $(VENV)/installed
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile --group pyproject.toml:dev --python-version $(SITE_PYTHON) \
		--python-platform x86_64-unknown-linux-gnu --generate-hashes -o requirements/site.txt
	$(BIN)/uv pip compile --group pyproject.toml:claims --universal --python-version 3.10 \
		--generate-hashes -o requirements/claims.txt

$(VENV)/installed: requirements/site.txt
	@$(PYTHON) -c 'import sys; v = "%d.%d" % sys.version_info[:2]; sys.exit(v != "$(SITE_PYTHON)" and \
		f"The site builds on CPython $(SITE_PYTHON) only, $(PYTHON) is {v}: run make PYTHON=python$(SITE_PYTHON) ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/site.txt
	touch $@

# axe-core for the browser tests, from the npm registry at the locked version.
node_modules/installed: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# A Chromium (and on Linux a Korean font) for the browser tests, the first that works of: CHROMIUM=<command> if given; Playwright's
# own build (downloaded into the user's cache: any OS, no root); a `chromium` already installed; Debian's
# chromium with a Korean font (apt-get, so only as root). tests/test_browser.py picks the same one.
browser: $(VENV)/installed
	@if [ -n "$(CHROMIUM)" ]; then command -v "$(CHROMIUM)" >/dev/null || { echo "CHROMIUM=$(CHROMIUM) not found" >&2; exit 1; }; \
	elif $(BIN)/python -m playwright install chromium >/dev/null 2>&1; then echo "Browser tests: Playwright's Chromium"; \
	elif command -v chromium >/dev/null; then echo "Browser tests: $$(command -v chromium)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk; \
	else echo "No Chromium for the browser tests: install one (e.g. apt-get install chromium fonts-noto-cjk as root) or pass CHROMIUM=<command>" >&2; exit 1; fi
	@[ "$$(uname)" != Linux ] || fc-list :lang=ko 2>/dev/null | grep -q . || \
		{ [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && apt-get install -y --no-install-recommends fonts-noto-cjk; } || \
		echo "No Korean font: the Korean typography tests need one (fonts-noto-cjk)" >&2
