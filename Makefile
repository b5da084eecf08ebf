# Two commands do all the set-up on a fresh machine:
#   make serve   preview the site (both languages) at http://127.0.0.1:8000/
#   make test    run the whole test suite (what CI runs)
PYTHON ?= python3
# The one interpreter that builds, tests and deploys the site; requirements/site.txt is locked for
# it, and CI's site job and the Pages workflow use the same version.
SITE_PYTHON := 3.11
CHROMIUM ?= chromium
export CHROMIUM
VENV := .venv
BIN := $(VENV)/bin

.PHONY: serve test build claims lock browser

# Rebuilds only the edited pages (--dirty), and reports warnings without stopping (MKDOCS_STRICT=false):
# a failing snippet shows its traceback on the page. Restart it after changing the navigation.
# Snippets run on the site's interpreter alone; `make serve SNIPPETS_INTERPRETERS=all` runs them on every one.
serve: $(VENV)/installed
	MKDOCS_STRICT=false $(BIN)/mkdocs serve --dirty

# The site's tests on this interpreter (browser tests included), then the printed claims on every
# CPython >= 3.10 found.
test: $(VENV)/installed node_modules/installed browser
	$(BIN)/pytest
	$(BIN)/nox --session claims

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

# Debian's Chromium and a Korean font for the browser tests (Playwright's own browser download
# does not work here). Needs root, as apt-get does. CHROMIUM=<command> uses another Chromium.
browser:
	@command -v $(CHROMIUM) >/dev/null || \
		(apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk)
