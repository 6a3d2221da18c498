#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the end-to-end browser tests, when missing.
# Needs root (CI and the development machines run as root); elsewhere it says what to do.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "marsad: /usr/bin/chromium is missing; install Debian's 'chromium' package to run the browser tests (they are skipped otherwise)." >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium chromium-driver >/dev/null
