# themewatch: the two commands a newcomer needs are `make demo` and `make test`.
# Both create the environment in .venv from uv.lock if it is missing or stale.

PYTHON ?= python3
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_COMPILE_BYTECODE := 1

.PHONY: demo test check-lock lock lint bench clean

demo: $(VENV)/.synced
	$(VENV)/bin/themewatch demo

test: $(VENV)/.synced check-lock lint
	bash tools/ensure-chromium.sh
	$(VENV)/bin/python -m pytest -n 2 --dist loadgroup

# uv itself comes from PyPI through a throwaway venv, pinned in tools/bootstrap-requirements.txt.
$(UV): tools/bootstrap-requirements.txt
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check -r tools/bootstrap-requirements.txt
	touch $@

$(VENV)/.synced: uv.lock pyproject.toml $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

# Fails when uv.lock no longer matches pyproject.toml, or requirements.txt no longer matches uv.lock.
check-lock: $(UV)
	$(UV) lock --locked
	$(UV) export --frozen --all-groups --no-emit-project --no-header --quiet | diff -q - requirements.txt >/dev/null \
	  || { echo "requirements.txt is stale: run 'make lock'"; exit 1; }

lock: $(UV)
	$(UV) lock
	$(UV) export --frozen --all-groups --no-emit-project --no-header --quiet --output-file requirements.txt

lint: $(VENV)/.synced
	$(VENV)/bin/ruff check .

bench: $(VENV)/.synced
	$(VENV)/bin/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(TOOLS) data
