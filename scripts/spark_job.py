"""hirelint on Apache Spark, two ways, checked against one plain run (run by scripts/spark-test.sh).

    python scripts/spark_job.py --bin target/debug/hirelint --corpus DIR --work DIR

1. Writes the documents under --corpus as a job-board dump in JSON Lines (one object per
   document: "id" is its path in the corpus, "format" is html or markdown, "text").
2. The reference: one `hirelint check --jsonl DUMP --format jsonl` run over the whole dump.
3. Spark in local mode with --workers workers (default 2), the dump read in --partitions parts:
   a. `rdd.pipe("hirelint check --jsonl - --format jsonl ...")`: each partition's lines go
      through one hirelint process;
   b. `mapInPandas` with the Python package: one `hirelint.Linter` per Python worker, each
      batch of records checked with `Linter.check_many`, one row per finding with the same
      fields as the JSON output and the record id.
4. Both Spark results must equal the reference: the same findings with the same record ids
   (compared as sorted lists of every field but `path`, which is the id in one and an index
   in the other). Exits 1 when they differ, printing the first differences.

Needs pyspark, pandas and pyarrow, a Java runtime, and the hirelint package importable.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

# The fields of a finding in `--format json`, and their Spark SQL types, for mapInPandas.
SCHEMA = (
    "id string, rule string, family string, severity string, message string, why string, "
    "matched string, fix string, suggestions array<string>, jurisdictions array<string>, "
    "line long, column long, end_line long, end_column long, byte_start long, byte_end long"
)
FIELDS = [part.split()[0] for part in SCHEMA.split(", ")]
FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown", ".txt": "text"}


def write_dump(corpus: Path, dump: Path) -> int:
    """Writes every document under `corpus` (hidden files left out) as one JSON line each."""
    n = 0
    with dump.open("w", encoding="utf-8") as out:
        for path in sorted(corpus.rglob("*")):
            rel = path.relative_to(corpus)
            fmt = FORMATS.get(path.suffix.lower())
            if fmt is None or not path.is_file() or any(p.startswith(".") for p in rel.parts):
                continue
            record = {"id": rel.as_posix(), "format": fmt, "text": path.read_text(encoding="utf-8")}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n


def canonical(record: dict) -> str:
    """One finding as a comparable string: every field but `path`; absent optional fields as null."""
    return json.dumps({f: record.get(f) for f in FIELDS}, sort_keys=True, ensure_ascii=False)


def findings_of_jsonl(lines) -> list[str]:
    out = []
    for line in lines:
        record = json.loads(line)
        if record.get("type") == "summary":
            continue
        out.append(canonical(record))
    return sorted(out)


def cli_command(binary: str, source: str) -> list[str]:
    # --no-config: the same rules whatever folder the workers run in.
    return [binary, "check", "--jsonl", source, "--format", "jsonl", "--fail-on", "never", "--no-config"]


_LINTER = None


def lint_batches(batches):
    """mapInPandas: record batches (id, format, text) in, one row per finding out."""
    import hirelint
    import pandas as pd

    global _LINTER
    if _LINTER is None:  # once per Python worker, not per batch
        _LINTER = hirelint.Linter()
    for batch in batches:
        rows = []
        # check_many takes one format per call: one call per format in the batch.
        for fmt, group in batch.groupby("format", sort=False):
            results = _LINTER.check_many(list(group["text"]), threads=1, format=fmt)
            for record_id, findings in zip(group["id"], results):
                for f in findings:
                    row = {field: f.get(field) for field in FIELDS}
                    row["id"] = record_id
                    rows.append(row)
        yield pd.DataFrame(rows, columns=FIELDS)


def diff(name: str, got: list[str], want: list[str]) -> bool:
    if got == want:
        print(f"spark-job: {name}: {len(got)} findings, equal to the single run")
        return True
    print(f"spark-job: {name}: {len(got)} findings, the single run has {len(want)}: they differ",
          file=sys.stderr)
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    for label, items in (("missing", missing), ("extra", extra)):
        for item in items[:3]:
            print(f"  {label}: {item[:300]}", file=sys.stderr)
    return False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True, help="the hirelint binary")
    ap.add_argument("--corpus", required=True, type=Path, help="a folder of documents")
    ap.add_argument("--work", required=True, type=Path, help="a folder for the dump and outputs")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--partitions", type=int, default=4)
    args = ap.parse_args()
    binary = str(Path(args.bin).resolve())
    args.work.mkdir(parents=True, exist_ok=True)
    dump = args.work / "dump.jsonl"
    n = write_dump(args.corpus, dump)
    if n == 0:
        print(f"spark-job: no documents under {args.corpus}", file=sys.stderr)
        return 2
    print(f"spark-job: {n} records in {dump}")

    t = time.monotonic()
    single = subprocess.run(cli_command(binary, str(dump)), check=True, capture_output=True, text=True)
    want = findings_of_jsonl(single.stdout.splitlines())
    print(f"spark-job: single run: {len(want)} findings in {time.monotonic() - t:.1f} s")
    if not want:
        print("spark-job: the single run found nothing; the comparison would prove nothing", file=sys.stderr)
        return 2

    from pyspark.sql import SparkSession

    # The Python workers must be this interpreter, which has hirelint, pandas and pyarrow.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    # Local mode: Spark's own ports stay on loopback.
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    spark = (
        SparkSession.builder.master(f"local[{args.workers}]")
        .appName("hirelint-spark-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", str(args.partitions))
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    ok = True
    try:
        t = time.monotonic()
        lines = spark.sparkContext.textFile(str(dump), minPartitions=args.partitions)
        parts = lines.getNumPartitions()
        # checkCode: a hirelint process that fails (exit code other than 0) fails the job.
        piped = lines.pipe(" ".join(cli_command(binary, "-")), checkCode=True).collect()
        got = findings_of_jsonl(piped)
        summaries = sum('"type":"summary"' in line for line in piped)
        print(f"spark-job: rdd.pipe over {parts} partitions ({summaries} hirelint runs) "
              f"in {time.monotonic() - t:.1f} s")
        ok &= diff("rdd.pipe", got, want)

        t = time.monotonic()
        records = spark.read.json(str(dump)).repartition(args.partitions)
        rows = records.mapInPandas(lint_batches, schema=SCHEMA).collect()
        got = sorted(canonical(row.asDict(recursive=True)) for row in rows)
        print(f"spark-job: mapInPandas in {time.monotonic() - t:.1f} s")
        ok &= diff("mapInPandas", got, want)
    finally:
        spark.stop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
