#!/usr/bin/env bash
# Builds the Linux desktop bundle of Cloud Health Checkup with PyInstaller:
#   dist/cloud-checkup/                      the app folder (run ./cloud-checkup in it)
#   dist/cloud-checkup-VERSION-linux-ARCH.tar.gz   the same folder, to hand out
#
# Every build starts from a new virtualenv, so the bundle holds exactly what
# pyproject.toml and packaging/requirements-build.txt ask for.
#
# Usage: packaging/build-linux.sh [--dist DIR] [--work DIR]
# Environment: PYTHON, the Python 3.11+ to build with (default: python3).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
DIST="$ROOT/dist"
WORK="$ROOT/build/packaging"

usage() {
    sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit "${1:-0}"
}

while [ $# -gt 0 ]; do
    case "$1" in
        --dist) DIST="$(realpath -m "$2")"; shift 2 ;;
        --work) WORK="$(realpath -m "$2")"; shift 2 ;;
        -h|--help) usage 0 ;;
        *) echo "build-linux.sh: unknown option $1" >&2; usage 2 ;;
    esac
done

step() { printf '\n== %s\n' "$*"; }

step "Fresh build environment in $WORK/venv"
rm -rf "$WORK" "$DIST/cloud-checkup"
mkdir -p "$WORK" "$DIST"
"$PYTHON" -m venv "$WORK/venv"
BIN="$WORK/venv/bin"
# Only the project's dependencies: the spec freezes the working tree itself, and
# building the project here would leave stale copies under build/.
"$BIN/python" - "$ROOT/pyproject.toml" > "$WORK/requirements.txt" <<'PY'
import sys
import tomllib

with open(sys.argv[1], "rb") as pyproject:
    print("\n".join(tomllib.load(pyproject)["project"]["dependencies"]))
PY
"$BIN/python" -m pip install --quiet -r "$WORK/requirements.txt" \
    -r "$ROOT/packaging/requirements-build.txt"
VERSION="$(cd "$ROOT" && "$BIN/python" -c \
    'import cloud_checkup; print(cloud_checkup.__version__)')"

step "Freezing Cloud Health Checkup $VERSION"
"$BIN/python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK/pyinstaller" \
    "$ROOT/packaging/cloud-checkup.spec"

step "Desktop integration"
APP="$DIST/cloud-checkup"
"$BIN/python" "$ROOT/packaging/render_icon.py" \
    "$ROOT/cloud_checkup/ui/icons/app.svg" "$APP/share/icons/hicolor"
install -D -m 644 "$ROOT/packaging/linux/cloud-checkup.desktop" \
    "$APP/share/applications/cloud-checkup.desktop"
install -m 755 "$ROOT/packaging/linux/install.sh" "$APP/install.sh"

step "Archive"
ARCHIVE="$DIST/cloud-checkup-$VERSION-linux-$(uname -m).tar.gz"
tar -czf "$ARCHIVE" -C "$DIST" cloud-checkup
echo "App folder: $APP ($(du -sh "$APP" | cut -f1))"
echo "Archive:    $ARCHIVE ($(du -sh "$ARCHIVE" | cut -f1))"
echo "Try it:     $APP/cloud-checkup --self-test"
