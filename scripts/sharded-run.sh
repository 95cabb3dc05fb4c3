#!/usr/bin/env bash
# A worked example of running hirelint as a map step over shards of a job-board dump.
#
#   scripts/sharded-run.sh DUMP.jsonl [SHARDS] [OUT.jsonl]
#
# The dump is split into SHARDS pieces by line, each piece is checked by its own hirelint
# process (here with xargs -P on one machine; GNU parallel --sshlogin or Spark's RDD.pipe
# spread the same command over many), and the findings are merged in shard order. Because
# every record is checked on its own and findings carry the record id, the merged output is
# the same as one run over the whole dump (tests/it/workflow.rs checks this).
set -euo pipefail
dump=${1:?usage: sharded-run.sh DUMP.jsonl [SHARDS] [OUT.jsonl]}
shards=${2:-4}
out=${3:-findings.jsonl}
bin=${HIRELINT:-hirelint}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. Split: whole lines only, SHARDS pieces of about equal size.
split --number="l/$shards" --numeric-suffixes=1 --suffix-length=4 "$dump" "$work/shard-"

# 2. Map: one hirelint per shard, in parallel; the summary line is dropped from each.
ls "$work"/shard-* | xargs -P "$shards" -I{} sh -c \
  "\"$bin\" check --jsonl {} --format jsonl --fail-on never | grep -v '\"type\":\"summary\"' > {}.out"

# 3. Reduce: concatenate in shard order.
cat "$work"/shard-*.out > "$out"
echo "$(wc -l < "$out") findings from $shards shards in $out" >&2
