# Lectern: the commands the README gives. Everything sets itself up in .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ARCHIVE ?= resources/guide
# Translations: .ts sources are committed, .qm files are built here (never committed).
LANGS  := zh_CN zh_TW
TS_DIR := resources/translations
TS     := $(LANGS:%=$(TS_DIR)/lectern_%.ts)
# English needs a catalogue too, of plural forms only ("1 post", "2 posts": the code writes "%n posts").
TS_EN  := $(TS_DIR)/lectern_en.ts
QM     := $(TS:.ts=.qm) $(TS_EN:.ts=.qm)

.PHONY: run test fuzz bench bench-smoke screenshot package deb package-test clean ts qm system-packages

# The Debian packages of resources/system-packages.txt this target needs: `run` ones for `make run`, `run` and
# `test` ones for every other target. Installed when missing (apt-get as root, else sudo -n, else the script
# prints the command to run), before anything else; a set-up machine pays one dpkg-query.
SYSTEM_TAGS := run test
run: SYSTEM_TAGS := run
system-packages:
	@$(PYTHON) packaging/system_deps.py --install $(SYSTEM_TAGS)

$(STAMP): pyproject.toml | system-packages
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Update the .ts sources from every tr()/translate()/QT_TRANSLATE_NOOP in the GUI; translate the new
# entries (pyside6-linguist or a text editor) until tests/test_translations.py passes.
ts: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete -locations relative reader/gui/*.py -ts $(TS)
	$(BIN)/pyside6-lupdate -pluralonly -no-obsolete -locations relative reader/gui/*.py -ts $(TS_EN)

qm: $(QM)

$(TS_DIR)/%.qm: $(TS_DIR)/%.ts | $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

run: $(STAMP) qm
	$(BIN)/lectern $(ARCHIVE)

test: $(STAMP) qm
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(MAKE) --no-print-directory bench-smoke

# The hostile-input fuzz tests with many more examples (make test runs a few dozen each).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests/test_fuzz.py

bench: $(STAMP) qm
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

bench-smoke: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench --smoke

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis bench/results bench/.corpora $(QM)

SHOT := xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python -m reader.gui.screenshot
screenshot: $(STAMP) qm
	$(SHOT) docs/screenshot.png
	$(SHOT) docs/screenshot-archived.png --archived --post _posts/2024-03-02-keyboard.md
	$(SHOT) docs/screenshot-english.png --post _posts/2024-09-10-images-and-privacy.md
	$(SHOT) docs/screenshot-chinese.png --post _posts/2025-03-08-yidu-xingbiao.md
	for theme in light dark sepia; do \
		$(SHOT) docs/screenshot-$$theme.png --theme $$theme --post _posts/2024-03-16-jianpan.md || exit 1; done

# Installers (see packaging/README.md). The bundle and the .deb land in dist/.
package: $(STAMP) qm
	$(BIN)/python -m pip install --quiet -e '.[test,package]'
	$(BIN)/python packaging/make_icons.py --png-only
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/lectern.spec

deb: package
	$(BIN)/python packaging/linux/build_deb.py

package-test: deb
	bash packaging/linux/package_test.sh
