#!/usr/bin/env bash
# The Python package (python/): from a fresh clone, a virtual environment under target/py-venv
# with pinned maturin and pytest from PyPI, the extension built and installed into it
# (`maturin develop`), the CLI built, and the pytest suite, which compares the package's
# findings with the CLI's `--format json` on every fixture.
#
# Needs python3 (3.9 or later, with venv) and cargo; the network only for PyPI and crates.io.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TERM_COLOR=never
# One target folder for the CLI and the extension: the dependencies they share build once.
export CARGO_TARGET_DIR="$root/target"

PYTEST_VERSION=9.2.0

# shellcheck source=scripts/py-venv.sh
. "$root/scripts/py-venv.sh"
pip install --quiet "pytest==$PYTEST_VERSION"

# The CLI, for the comparison (the debug build: its dependencies are optimised, see Cargo.toml).
cargo build --locked --quiet
export HIRELINT_BIN="$root/target/debug/hirelint"

# The extension, installed into the virtual environment. Not `--locked`: python/Cargo.lock
# follows the main crate's lock, and a dependency added to the main crate on another branch
# would otherwise stop this script until the lock is refreshed.
(cd python && maturin develop --quiet)

cd python
python -m pytest -q tests "$@"
