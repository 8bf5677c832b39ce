#!/bin/sh
# The browser tests drive a real Chromium. Make sure one is there, or say how to get one.
set -e
chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium for the browser tests (Debian package 'chromium')..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    exit 0
fi
echo "The browser tests need Chromium at $chromium, and it is not there." >&2
echo "Install it (on Debian: sudo apt-get install chromium), or point CHROMIUM at a Chromium binary." >&2
exit 1
