# The two set-up commands of the README. Both work on a fresh Debian machine with
# Python 3.11+; `make test` also installs the system libraries Qt, the browser tests
# and the keyring tests need (with apt-get, when run as root).

VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
SYSTEM_PACKAGES := libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 \
	libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
	libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 \
	xvfb xauth chromium fonts-noto-cjk gnome-keyring dbus-x11 dbus-daemon

.PHONY: demo test install system-packages

$(BIN)/cloud-checkup: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/cloud-checkup

system-packages:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			$(SYSTEM_PACKAGES) >/dev/null; \
	else \
		echo "Not root or no apt-get: install these yourself if tests need them:"; \
		echo "  $(SYSTEM_PACKAGES)"; \
	fi

# Opens the window on the demo account; with no display, runs the headless demo scan.
demo: install
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		$(BIN)/cloud-checkup; \
	else \
		echo "No display found: running the demo checkup without a window."; \
		echo "(On a desktop, 'make demo' opens the app.)"; \
		$(BIN)/cloud-checkup scan --demo --ai --html demo-report.html --json demo-report.json && \
		echo "Reports written to demo-report.html and demo-report.json"; \
	fi

test: system-packages install
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest
