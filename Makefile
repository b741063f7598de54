# Two commands do all the set-up: `make serve` and `make test`. Each installs what is missing and nothing more:
# the system packages (PostgreSQL 15, Chromium, Python's venv) from Debian's, when run as root (else it prints the
# command to run), then uv, then the locked packages in .venv and .venv-hyperion.

UV_VERSION := 0.13.8
PYTHON ?= python3
UV := .tools/bin/uv
VENV := .venv
RUN := $(VENV)/bin
# The same examples, run again on the Alembic and SQLAlchemy versions that Hyperion pins
HYPERION_VENV := .venv-hyperion

.PHONY: install system serve site test snapshots example format bench bench-suite

install: system $(VENV)/.installed $(HYPERION_VENV)/.installed

# What the tests need from the system, as "file:Debian package"
SYSTEM_NEEDS := /usr/lib/postgresql/15/bin/initdb:postgresql-15 /usr/bin/chromium:chromium

system:
	@missing=""; \
	for need in $(SYSTEM_NEEDS); do [ -x "$${need%%:*}" ] || missing="$$missing $${need##*:}"; done; \
	[ -x $(UV) ] || $(PYTHON) -c 'import ensurepip' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing the system packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing >/dev/null; \
		else \
			echo "Missing system packages; to install them:  sudo apt-get install -y$$missing"; \
		fi; \
	fi

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet
	touch $@

$(HYPERION_VENV)/.installed: pyproject.toml uv.lock | $(UV)
	UV_PROJECT_ENVIRONMENT=$(HYPERION_VENV) $(UV) sync --frozen --quiet --no-default-groups --group hyperion
	touch $@

serve: install
	SITE_URL=http://127.0.0.1:8000/ $(RUN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

# The site as GitHub Pages serves it (.github/workflows/guide.yml publishes it from main)
site: install
	$(RUN)/mkdocs build --strict --site-dir site

# make test: every check. The writer's loop, on SQLite, in seconds:
#   make test EXAMPLE=ba0022e5a923        the tests of one revision
#   make test PAGE=docs/commandes.md      the commands, blocks, typography and rendering of one page
# The same selections work for make snapshots (EXAMPLE there also writes the PostgreSQL SQL, that the page shows).
page_key = $(subst -,_,$(basename $(notdir $(PAGE))))
ifdef EXAMPLE
SELECTION = tests/revisions/test_revisions.py tests/revisions/test_failed_revisions.py -k "$(EXAMPLE) and sqlite"
else ifdef PAGE
SELECTION = tests/pages/test_commands.py tests/pages/test_french.py tests/pages/test_site.py \
	tests/pages/test_inline_examples.py -k "($(basename $(notdir $(PAGE))) or $(page_key)) and not postgresql"
endif

# The whole suite on every core: one PostgreSQL server per worker; an idle worker takes tests queued for another
EVERY_CORE = -n auto --dist worksteal

test: install
ifdef PAGE
	@test -f "$(PAGE)" || { echo "$(PAGE): no such page"; exit 2; }
endif
	$(RUN)/pytest -q $(if $(SELECTION),,$(EVERY_CORE)) $(SELECTION)

# A new revision of the examples, with its page sections and a data check to write
example: install
	@test -n "$(MESSAGE)" || { echo 'usage: make example MESSAGE="Ajouter la colonne …"'; exit 2; }
	@cd examples && PATH="$(abspath $(RUN)):$$PATH" alembic revision -m "$(MESSAGE)" | tee /dev/stderr \
		| sed -n 's|.*/versions/\([0-9a-f]*\)_.*|\nÀ coller dans la page :  {{ revision("\1") }}\nPuis : écrire upgrade, downgrade, pre_test_upgrade et test_upgrade, mettre à jour models.py, make snapshots EXAMPLE=\1, make bench EXAMPLE=\1.|p'

# The project's Python as ruff wants it (tests/test_code.py checks it)
format: install
	$(RUN)/ruff format guide examples tests
	$(RUN)/ruff check --fix guide examples tests

# Refresh the snapshots (SQL, outputs of the blocks, errors, versions), then check them.
SNAPSHOT_SELECTION = $(if $(EXAMPLE),tests/revisions/test_revisions.py tests/revisions/test_postgresql_views.py -k "$(EXAMPLE)",$(SELECTION))
snapshots: install
	$(RUN)/pytest --snapshot-update --update-examples -q $(SNAPSHOT_SELECTION) \
		|| $(RUN)/pytest --last-failed -q $(SNAPSHOT_SELECTION)

# What PostgreSQL does on 1,000,000 rows of core_user: each revision, each row of the safety table, the
# large-table strategies (EXAMPLE=<id>: one revision; ONLY=revisions|operations|batches: one part)
bench: install
	$(RUN)/python -m guide.bench.run $(if $(ONLY),--only $(ONLY)) $(EXAMPLE)

# How long the checks take: make test, the writer's loop, each revision's test with the history as it is and doubled,
# and what each page weighs (medians of RUNS runs, 3 by default; ONLY=make-test|writer|revisions|weight: one part)
bench-suite: install
	$(RUN)/python -m guide.bench.suite $(if $(RUNS),--runs $(RUNS)) $(if $(ONLY),--only $(ONLY))
