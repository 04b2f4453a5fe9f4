# Two commands do all the setup on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run demo test lint bench dist clean translations

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) main.py

demo: $(STAMP)
	$(PY) main.py --demo

# The suite on SQLite and, when a PostgreSQL server can be started here, on PostgreSQL too
# (PYTEST_ARGS=--db=both makes a server that cannot start a failure; see tests/conftest.py).
# PYTEST_WORKERS pytest-xdist workers, each with its own throwaway PostgreSQL cluster (private socket
# dir, no TCP port) and its own tmp dirs; PYTEST_WORKERS=0 runs serially in one process.
PYTEST_WORKERS ?= 2
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# ruff (pyflakes, pycodestyle, bugbear; pyproject [tool.ruff]) and the import contracts ([tool.importlinter]).
lint: $(STAMP)
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports --no-cache

bench: $(STAMP)
	$(PY) bench/run_all.py

dist: $(STAMP)
	$(PY) -m pip install --quiet -e '.[dist]'
	$(VENV)/bin/pyside6-lrelease -silent resources/translations/jijian_en.ts -qm resources/translations/jijian_en.qm
	$(PY) -c "from resources import compiled_catalogue; assert compiled_catalogue('en')"
	$(PY) -m PyInstaller --noconfirm --clean build.spec
	QT_QPA_PLATFORM=offscreen ./dist/jijian-desk/jijian --version
	QT_QPA_PLATFORM=offscreen ./dist/jijian-desk/jijian-desk --version
	rm -rf build/smoke && JIJIAN_PASSWORD=smoke-pass-1 QT_QPA_PLATFORM=offscreen ./dist/jijian-desk/jijian \
	  --data-dir build/smoke --user smoke init --org-name 冒烟测试镇纪委 --org-code SMOKE --county-name 测试县纪委

# Regenerate the English catalogue from gui/ (keeps every translation made; the .qm is a build output).
translations: $(STAMP)
	$(PY) scripts/update_translations.py

clean:
	rm -rf build dist .pytest_cache
