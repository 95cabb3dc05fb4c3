#!/usr/bin/env bash
# Fuzz every target for a while, one after another. Not part of CI.
#
#   scripts/fuzz.sh              # each target for 600 s
#   scripts/fuzz.sh 60           # each target for 60 s
#   scripts/fuzz.sh 600 html     # only these targets
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). The committed seeds
# in fuzz/corpus/<target>/ are only read; the corpus libFuzzer grows goes to
# fuzz/generated/<target>/ and crashes to fuzz/artifacts/<target>/ (both ignored by git).
# FUZZ_JOBS=2 runs two workers per target; extra libFuzzer flags can go in FUZZ_ARGS.
# FUZZ_SANITIZER picks cargo-fuzz's sanitizer: `none` by default (hirelint has no unsafe
# code, and without AddressSanitizer the targets run two to three times faster; panics,
# overflow checks and debug assertions are on either way), `address` to check the
# dependencies' unsafe code too.
# HIRELINT_FUZZ_SKIP_KNOWN=1 passes over panics already listed in
# fuzz/fuzz_targets/common.rs (KNOWN_BUGS) while they wait for a fix.
set -euo pipefail

cd "$(dirname "$0")/../fuzz"

seconds="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(markdown html text rule_file config)
fi
jobs="${FUZZ_JOBS:-1}"
sanitizer="${FUZZ_SANITIZER:-none}"

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: needs a nightly toolchain and cargo-fuzz:" >&2
    echo "  rustup toolchain install nightly && cargo install cargo-fuzz" >&2
    exit 2
fi

cargo +nightly fuzz build -s "$sanitizer"

status=0
for t in "${targets[@]}"; do
    mkdir -p "generated/$t" "artifacts/$t"
    echo "=== $t: ${seconds}s ===" >&2
    fork=()
    if [ "$jobs" -gt 1 ]; then
        fork=("-fork=$jobs")
    fi
    # -timeout: an input that takes over 30 s is a finding too (a hang, or quadratic time);
    # the limit is generous: fuzz builds (coverage, ASan when on) are several times slower.
    # -rss_limit_mb: a few MB of input must never need gigabytes.
    # shellcheck disable=SC2086
    if ! cargo +nightly fuzz run -s "$sanitizer" "$t" "generated/$t" "corpus/$t" -- \
        -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -max_len=16384 \
        -dict="dict/$t.dict" -print_final_stats=1 "${fork[@]}" ${FUZZ_ARGS:-}; then
        echo "fuzz.sh: $t failed; the reproducer is in fuzz/artifacts/$t/" >&2
        status=1
    fi
done
exit "$status"
