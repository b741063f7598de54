# Two commands do all the set-up: `make serve` and `make test`.
# Each installs what is missing (uv, then the locked packages in .venv) and nothing more.

UV_VERSION := 0.13.8
PYTHON ?= python3
UV := .tools/bin/uv
VENV := .venv
RUN := $(VENV)/bin
# The same examples, run again on the Alembic and SQLAlchemy versions that Hyperion pins
HYPERION_VENV := .venv-hyperion

.PHONY: install serve test snapshots

install: $(VENV)/.installed $(HYPERION_VENV)/.installed

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

test: install
	$(RUN)/pytest

# Refresh every snapshot (SQL, command output, printed output of inline blocks), then check them.
snapshots: install
	$(RUN)/pytest --snapshot-update --update-examples -q || $(RUN)/pytest --last-failed -q
