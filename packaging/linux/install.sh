#!/usr/bin/env sh
# Adds Cloud Health Checkup from this folder to your desktop's app menu and to
# ~/.local/bin, for your user only. Run it again after moving the folder;
# "./install.sh --uninstall" takes the menu entry, icons and command away.
set -eu

HERE="$(cd "$(dirname "$0")" && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
BINDIR="$HOME/.local/bin"
ENTRY="$DATA/applications/cloud-checkup.desktop"
SIZES="16 32 48 64 128 256 512"

uninstall() {
    rm -f "$ENTRY" "$BINDIR/cloud-checkup" \
        "$DATA/icons/hicolor/scalable/apps/cloud-checkup.svg"
    for size in $SIZES; do
        rm -f "$DATA/icons/hicolor/${size}x${size}/apps/cloud-checkup.png"
    done
}

refresh_menus() {
    command -v update-desktop-database >/dev/null 2>&1 &&
        update-desktop-database -q "$DATA/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 &&
        gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    uninstall
    refresh_menus
    echo "Removed Cloud Health Checkup from the app menu."
    exit 0
fi

mkdir -p "$DATA/applications" "$BINDIR"
cp -R "$HERE/share/icons/." "$DATA/icons/"
ln -sf "$HERE/cloud-checkup" "$BINDIR/cloud-checkup"
# Exec takes the absolute path, quoted as the desktop entry spec asks, so the menu
# works whether or not ~/.local/bin is on PATH.
escaped="$(printf '%s' "$HERE/cloud-checkup" | sed 's/[\\"`$]/\\\\&/g')"
sed "s|^Exec=.*|Exec=\"$escaped\"|" \
    "$HERE/share/applications/cloud-checkup.desktop" > "$ENTRY"
chmod 644 "$ENTRY"
refresh_menus
echo "Added Cloud Health Checkup to the app menu ($ENTRY)."
