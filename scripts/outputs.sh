#!/usr/bin/env bash
# Writes hirelint's output, in every format and through every way in, to a folder, so two
# builds can be compared byte for byte (a refactor must not change a single byte):
#
#   scripts/outputs.sh BIN OUT_DIR [CORPUS]
#   scripts/outputs.sh target/release/hirelint /tmp/before /tmp/bc3000
#   ... change the code, build ...
#   scripts/outputs.sh target/release/hirelint /tmp/after /tmp/bc3000 && diff -r /tmp/before /tmp/after
#
# CORPUS is a folder of documents made by ../shared/bench/gen_corpus.py (optional); the
# fixtures are always used. Each command's exit code is written beside its output.
set -uo pipefail
BIN=$(realpath "$1"); OUT=$2; CORPUS=${3:-}
mkdir -p "$OUT"
cd "$(dirname "$0")/.."
run() { # name, command...
    local name=$1; shift
    "$@" > "$OUT/$name.out" 2> "$OUT/$name.err"
    echo $? > "$OUT/$name.rc"
}
for fmt in human json sarif github junit checkstyle html jsonl; do
    run "fixtures.$fmt" "$BIN" check --no-progress --color never --format "$fmt" fixtures/
    if [ -n "$CORPUS" ]; then
        run "corpus.$fmt" "$BIN" check --no-progress --color never --format "$fmt" "$CORPUS"
    fi
done
run fixtures.summary "$BIN" check --no-progress --color never --summary fixtures/
run fixtures.diff "$BIN" check --no-progress --color never --diff fixtures/
run stdin.md "$BIN" check --color never --stdin-filename ad.md - < tests/data/docs/interview.md
run stdin.json "$BIN" check --format json - < fixtures/job-ads/bad-office-administrator.md
tmp=/tmp/hirelint-outputs; rm -rf "$tmp"; mkdir -p "$tmp"
run write-baseline "$BIN" check --no-progress --write-baseline "$tmp/baseline.json" fixtures/
cp "$tmp/baseline.json" "$OUT/baseline.json" 2>/dev/null
run with-baseline "$BIN" check --no-progress --color never --baseline "$tmp/baseline.json" fixtures/
printf '%s\n' '{"id":"a","text":"We want a rockstar ninja. Where do you see yourself in 10 years?"}' \
    '{"id":"b","format":"html","text":"<p>You must have a full driving licence for this desk role.</p>"}' > "$tmp/in.jsonl"
run jsonl "$BIN" check --jsonl "$tmp/in.jsonl"
if [ -n "$CORPUS" ]; then
    find "$CORPUS" -type f | sort | head -200 | while read -r f; do
        python3 -c 'import json,sys; print(json.dumps({"id": sys.argv[1], "text": open(sys.argv[1], encoding="utf-8", errors="replace").read()}))' "$f"
    done > "$tmp/corpus.jsonl"
    run corpus-jsonl "$BIN" check --jsonl "$tmp/corpus.jsonl"
fi
run rules-md "$BIN" rules --format md
run explain "$BIN" explain buzzword/hype-titles
rm -rf "$tmp"
