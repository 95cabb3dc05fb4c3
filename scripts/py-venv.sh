# Sourced by scripts/python-test.sh and scripts/spark-test.sh: the one virtual environment of
# the Python tests (target/py-venv, made with $PYTHON or python3 when missing), activated, with
# `pip` as a quiet function and the pinned maturin installed. Expects $root (the repository).
MATURIN_VERSION=1.16.0
venv="$root/target/py-venv"
[ -x "$venv/bin/python" ] || "${PYTHON:-python3}" -m venv "$venv"
export VIRTUAL_ENV="$venv"
export PATH="$venv/bin:$PATH"
# No download cache: pyspark and pyarrow alone are some 700 MB, and CI disks can be small.
pip() { "$venv/bin/python" -m pip --disable-pip-version-check --no-input --no-cache-dir "$@"; }
pip install --quiet "maturin==$MATURIN_VERSION"
