#!/bin/sh
# `make serve` puts HAProxy (Debian's package) in front of the app processes. Make sure it is there, or say how to get it.
set -e
haproxy="${HAPROXY:-$(command -v haproxy || echo /usr/sbin/haproxy)}"
if [ -x "$haproxy" ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing HAProxy for make serve (Debian package 'haproxy')..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends haproxy >/dev/null
    exit 0
fi
echo "make serve needs HAProxy (the load balancer in front of the app processes), and it is not installed." >&2
echo "Install it (on Debian or Ubuntu: sudo apt-get install haproxy), or point HAPROXY at a haproxy binary." >&2
exit 1
