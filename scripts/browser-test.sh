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

# The local web page of `hirelint serve`, with a review panel's labels file.
echo "browser-test: starting hirelint serve" >&2
work=target/serve-test
rm -rf "$work" && mkdir -p "$work"
python3 - "$work/ad.docx" <<'PY'
import sys, zipfile
body = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in
               ["Sales assistant", "We want a rockstar who thrives under pressure."])
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w='
               '"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
               + body + "</w:body></w:document>")
PY
"${CARGO_TARGET_DIR:-target}/debug/hirelint" serve --port 0 --no-config \
  --labels "$work/labels.toml" 2> "$work/serve.log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 100); do
  url=$(grep -o 'http://[0-9.:]*/' "$work/serve.log" | head -n 1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "browser-test: hirelint serve did not start:" >&2
  cat "$work/serve.log" >&2
  exit 1
fi
node tests/browser/serve.mjs "$url" "$work/labels.toml" "$work/ad.docx" target/serve
