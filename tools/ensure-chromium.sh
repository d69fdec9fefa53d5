#!/usr/bin/env bash
# Make sure Debian's headless-capable Chromium is at /usr/bin/chromium for the
# browser tests (pytest -m browser). Idempotent and quiet: does nothing when it
# is already installed; otherwise installs the `chromium` package (and
# fonts-liberation, so pages render with real sans-serif glyphs) with apt.
# Playwright's own browser download does not work here (see FIELD-NOTES.md).
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: /usr/bin/chromium is missing and apt-get is not available;" \
         "install Chromium by hand or run tests with -m 'not browser'" >&2
    exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null \
    2> >(grep -v "delaying package configuration" >&2)
test -x /usr/bin/chromium
