#!/usr/bin/env bash
# Browser test of the HTML report: builds hirelint, writes target/html-report.html from the
# example documents, then opens it in headless Chromium and runs axe-core (WCAG 2 A/AA, zero
# violations allowed), a keyboard walk and a narrow-screen check, and saves a screenshot to
# target/html-report.png. Exits non-zero on any problem.
#
# On a fresh Debian/Ubuntu machine it installs Chromium with apt-get (as root, or with sudo)
# when /usr/bin/chromium is missing. It needs Node.js 20 or later and npm, and the Rust
# toolchain. Set CHROMIUM=/path/to/chromium to use another browser binary.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export CHROMIUM

if [ ! -x "$CHROMIUM" ]; then
  echo "browser-test: installing chromium with apt-get" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      echo "browser-test: $CHROMIUM is missing and I am not root; install the chromium package" >&2
      exit 2
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

for tool in node npm cargo; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "browser-test: $tool is needed but not installed" >&2
    exit 2
  fi
done

(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)

cargo build --locked --quiet

docs=tests/data/docs
if [ -d fixtures ] && [ -n "$(find fixtures -type f \( -name '*.md' -o -name '*.markdown' \
      -o -name '*.html' -o -name '*.htm' -o -name '*.txt' \) -print -quit)" ]; then
  docs=fixtures
fi
mkdir -p target
echo "browser-test: writing target/html-report.html from $docs/" >&2
"${CARGO_TARGET_DIR:-target}/debug/hirelint" check --format html --fail-on never "$docs" \
  > target/html-report.html

node tests/browser/a11y.mjs target/html-report.html target/html-report.png
