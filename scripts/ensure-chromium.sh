#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through Playwright (Playwright cannot download its own
# browser here). Install it with apt-get when we are root; otherwise say what to install.
set -euo pipefail
chromium="${1:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium package for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need Chromium at $chromium." >&2
echo "Install it as root with:  apt-get install chromium   (or set CHROMIUM=/path/to/chromium)" >&2
exit 1
