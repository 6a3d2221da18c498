#!/usr/bin/env bash
# Installs the Debian packages the end-to-end tests need, when missing: Chromium and
# ChromeDriver (browser tests) and the PostgreSQL server (the shared store's tests start a
# throwaway server from its binaries). One apt-get update and one install for all of them.
# Only what is named is installed (--no-install-recommends: no avahi, udev or printing).
# Needs root (CI and the development machines run as root); elsewhere it says what to do.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
# a font with Arabic glyphs, so screenshots show text (with --no-install-recommends none comes along)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || command -v initdb >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "marsad: missing Debian packages: ${missing[*]}; install them to run the browser and PostgreSQL tests (they are skipped otherwise)." >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
