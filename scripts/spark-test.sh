#!/usr/bin/env bash
# hirelint on Apache Spark, tested: PySpark in local mode with 2 workers runs hirelint over a
# generated job-board dump two ways, `rdd.pipe` with the binary and `mapInPandas` with the
# Python package, and both results must equal one plain `hirelint check --jsonl` run over the
# same dump (same findings, same record ids). The job is scripts/spark_job.py; docs/batch.md
# shows it as the recipe.
#
# Installs what it needs: a Java runtime from Debian (when `java` is missing; as root or with
# sudo), and pinned pyspark, pandas and pyarrow from PyPI into the virtual environment of
# scripts/python-test.sh (target/py-venv), where it also builds the Python package.
#
# The dump: ../shared/bench/gen_corpus.py (or $HIRELINT_GEN_CORPUS) writes SPARK_DOCS documents
# (default 400); without the generator, the example documents in fixtures/ are the dump.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TERM_COLOR=never
export CARGO_TARGET_DIR="$root/target"

PYSPARK_VERSION=4.3.0
PANDAS_VERSION=2.3.3
PYARROW_VERSION=26.0.1
docs=${SPARK_DOCS:-400}

say() { echo "spark-test: $*" >&2; }

if ! command -v java >/dev/null 2>&1; then
    say "installing a Java runtime with apt-get"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || { say "java is missing and I am not root; install openjdk-17-jre-headless"; exit 2; }
        SUDO="sudo"
    fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq >/dev/null
    $SUDO apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
fi

# shellcheck source=scripts/py-venv.sh
. "$root/scripts/py-venv.sh"
pip install --quiet "pyspark==$PYSPARK_VERSION" "pandas==$PANDAS_VERSION" \
    "pyarrow==$PYARROW_VERSION"

# The binary for rdd.pipe and the single run, and the package for mapInPandas.
cargo build --locked --quiet
(cd python && maturin develop --quiet)

work="$root/target/spark"
rm -rf "$work"
mkdir -p "$work"
gen=${HIRELINT_GEN_CORPUS:-$root/../shared/bench/gen_corpus.py}
if [ -f "$gen" ]; then
    say "generating $docs documents with $gen"
    python "$gen" --docs "$docs" --seed 17 --quiet "$work/corpus"
    corpus="$work/corpus"
else
    say "no generator at $gen: the dump is made of fixtures/"
    corpus="$root/fixtures"
fi

python scripts/spark_job.py --bin "$root/target/debug/hirelint" --corpus "$corpus" \
    --work "$work" --workers 2 --partitions 4
