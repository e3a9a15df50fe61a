# Lectern: the commands the README gives. Everything sets itself up in .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ARCHIVE ?= resources/guide

.PHONY: run test bench bench-smoke screenshot package deb package-test clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/lectern $(ARCHIVE)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(MAKE) --no-print-directory bench-smoke

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

bench-smoke: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench --smoke

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis bench/results

screenshot: $(STAMP)
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python -m reader.gui.screenshot docs/screenshot.png

# Installers (see packaging/README.md). The bundle and the .deb land in dist/.
package: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,package]'
	$(BIN)/python packaging/make_icons.py --png-only
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/lectern.spec

deb: package
	$(BIN)/python packaging/linux/build_deb.py

package-test: deb
	bash packaging/linux/package_test.sh
