#!/usr/bin/env bash
# End-to-end benchmark of hirelint, with ripgrep on the same corpus as the yardsticks.
#
#   scripts/bench.sh                      # 20,000 documents (about 94 MB), 5 runs of everything
#   scripts/bench.sh --docs 2000 --runs 3 # quicker, while developing
#
# From a fresh clone this one command:
#   1. installs what is missing (ripgrep, GNU time, hyperfine if the package exists) with
#      apt-get, as root or through sudo;
#   2. builds `cargo build --release`;
#   3. generates a deterministic corpus with ../shared/bench/gen_corpus.py (or $HIRELINT_CORPUS_GEN)
#      into target/bench-corpus/<key>, where the key is made of the generator's arguments,
#      so later runs with the same arguments reuse it;
#   4. writes the bundled phrase list (every `phrases` and `exceptions` list of rules/**/*.toml,
#      including [when], [unless] and [present]) to target/bench-corpus/phrases.txt;
#   5. measures, interleaved round by round so that the machine's noise hits all alike:
#        hirelint check --format json --fail-on never CORPUS            (default threads)
#        rg -c -i -F -f ../shared/bench/phrases.txt CORPUS               (the yardstick: a fixed
#                                                                         list of 100 phrases)
#        rg -i -F -f phrases.txt -c CORPUS                               (the bundled phrases)
#        rg -F -f phrases.txt -c CORPUS                                  (reference only)
#        hirelint ... --threads 1  and  --threads 2                      (parallel speed-up)
#      medians of --runs runs each, after an untimed warm-up run of hirelint and of rg that
#      also checks that both read every document; every timed run goes through
#      /usr/bin/time -v for the peak memory (maximum resident set size, hirelint) and the CPU
#      time (user + system), which a busy shared machine disturbs less than the wall time.
#      On a 2-core machine `--threads 2` is the default, so the default run stands for it;
#   6. measures start-up (rules loaded, one small file checked) on benches/data/one-line.md and
#      on tests/data/docs/interview.md, median of --startup-runs runs each, with hyperfine if
#      installed, else a Python timing loop;
#   7. prints a table against the targets and writes the figures to target/bench-results.json.
#      The headline is hirelint's time as a ratio to the fixed-list rg run: that list does not
#      grow with the rules, so the ratio says what the analysis costs over reading the bytes and
#      finding phrases. The ratio to rg with the bundled phrases is reported beside it.
#
# See docs/benchmark.md.

set -euo pipefail

DOCS=20000
SEED=1
RUNS=5
STARTUP_RUNS=30
GEN_ARGS=""
CORPUS=""
INSTALL=1
BUILD=1
OUT="target/bench-results.json"

usage() {
    cat <<'EOF'
usage: scripts/bench.sh [options]

  --docs N           documents in the generated corpus (default 20000, about 94 MB)
  --seed S           generator seed (default 1)
  --gen-args "..."   more generator arguments, e.g. "--html-share 0.5" (part of the cache key)
  --corpus DIR       benchmark an existing folder instead of generating a corpus
  --runs N           timed runs of each end-to-end command (default 5); medians are reported
  --startup-runs N   timed runs of the start-up command (default 30)
  --out FILE         where to write the figures as JSON (default target/bench-results.json)
  --no-install       do not install missing tools with apt-get
  --no-build         do not run cargo build --release (use the existing binary)
  -h, --help         this help

Environment: HIRELINT_CORPUS_GEN, the corpus generator (default ../shared/bench/gen_corpus.py);
HIRELINT_BENCH_PHRASES, the fixed phrase list for the yardstick (default ../shared/bench/phrases.txt).
EOF
}

while [ $# -gt 0 ]; do
    case "$1" in
        --docs) DOCS="$2"; shift 2 ;;
        --seed) SEED="$2"; shift 2 ;;
        --gen-args) GEN_ARGS="$2"; shift 2 ;;
        --corpus) CORPUS="$2"; shift 2 ;;
        --runs) RUNS="$2"; shift 2 ;;
        --startup-runs) STARTUP_RUNS="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        --no-install) INSTALL=0; shift ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "bench.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
GEN="${HIRELINT_CORPUS_GEN:-$ROOT/../shared/bench/gen_corpus.py}"
FIXED_PHRASES="${HIRELINT_BENCH_PHRASES:-$ROOT/../shared/bench/phrases.txt}"
BIN="$ROOT/target/release/hirelint"
CACHE="$ROOT/target/bench-corpus"
STARTUP_DOC="tests/data/docs/interview.md"
STARTUP_SMALL_DOC="benches/data/one-line.md"

say() { printf '\033[1mbench:\033[0m %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# 1. Tools
# ---------------------------------------------------------------------------------------------

APT_UPDATED=0
apt_install() {
    # apt_install PACKAGE...: install with apt-get as root or through sudo; fails quietly.
    [ "$INSTALL" = 1 ] || return 1
    command -v apt-get >/dev/null 2>&1 || return 1
    local sudo=""
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null 2>&1 || return 1
        sudo="sudo"
    fi
    say "installing $* with apt-get"
    if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null 2>&1; then
        if [ "$APT_UPDATED" = 0 ]; then
            APT_UPDATED=1
            $sudo apt-get update -qq >/dev/null 2>&1 || true
        fi
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null 2>&1 || return 1
    fi
}

command -v python3 >/dev/null 2>&1 || apt_install python3 || die "python3 (3.11 or newer) is needed"
python3 -c 'import sys, tomllib' 2>/dev/null || die "python3 3.11 or newer is needed (for tomllib)"
command -v cargo >/dev/null 2>&1 || die "cargo is needed (https://rustup.rs)"
command -v rg >/dev/null 2>&1 || apt_install ripgrep \
    || die "ripgrep (rg) is needed: apt-get install ripgrep, or cargo install ripgrep"
if ! /usr/bin/time -v true >/dev/null 2>&1; then
    apt_install time || true
    /usr/bin/time -v true >/dev/null 2>&1 || die "GNU time (/usr/bin/time -v) is needed: apt-get install time"
fi
command -v hyperfine >/dev/null 2>&1 || apt_install hyperfine \
    || say "hyperfine not available; start-up is timed with a Python loop"

# ---------------------------------------------------------------------------------------------
# 2. Build
# ---------------------------------------------------------------------------------------------

if [ "$BUILD" = 1 ]; then
    say "cargo build --release"
    cargo build --release --quiet
fi
[ -x "$BIN" ] || die "$BIN is missing; run cargo build --release"
# Benchmark a copy, so that a rebuild during a long run cannot change the binary under it.
mkdir -p "$ROOT/target/bench-bin"
cp "$BIN" "$ROOT/target/bench-bin/hirelint"
BIN="$ROOT/target/bench-bin/hirelint"

# ---------------------------------------------------------------------------------------------
# 3. Corpus
# ---------------------------------------------------------------------------------------------

mkdir -p "$CACHE"
if [ -z "$CORPUS" ]; then
    [ -f "$GEN" ] || die "corpus generator not found at $GEN (set HIRELINT_CORPUS_GEN)"
    KEY="d${DOCS}-s${SEED}"
    if [ -n "$GEN_ARGS" ]; then
        KEY="$KEY-$(printf '%s' "$GEN_ARGS" | sha1sum | cut -c1-10)"
    fi
    CORPUS="$CACHE/$KEY"
    if [ -f "$CORPUS/.gen_corpus.json" ]; then
        say "reusing corpus $CORPUS"
    else
        say "generating $DOCS documents (seed $SEED) into $CORPUS"
        rm -rf "$CORPUS.tmp" "$CORPUS"
        # shellcheck disable=SC2086
        python3 "$GEN" --docs "$DOCS" --seed "$SEED" $GEN_ARGS --quiet "$CORPUS.tmp"
        mv "$CORPUS.tmp" "$CORPUS"
    fi
fi
[ -d "$CORPUS" ] || die "no corpus folder at $CORPUS"

# ---------------------------------------------------------------------------------------------
# 4. Phrase list for ripgrep
# ---------------------------------------------------------------------------------------------

[ -f "$FIXED_PHRASES" ] \
    || die "fixed phrase list not found at $FIXED_PHRASES (set HIRELINT_BENCH_PHRASES)"
FIXED_PHRASES="$(cd "$(dirname "$FIXED_PHRASES")" && pwd)/$(basename "$FIXED_PHRASES")"

PHRASES="$CACHE/phrases.txt"
python3 - "$ROOT/rules" "$PHRASES" <<'PY'
import pathlib, sys, tomllib

root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
phrases = set()

def walk(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "examples":
                continue
            if key in ("phrases", "exceptions") and isinstance(value, list):
                phrases.update(p.strip().lower() for p in value if isinstance(p, str) and p.strip())
            else:
                walk(value)
    elif isinstance(node, list):
        for item in node:
            walk(item)

for path in sorted(root.rglob("*.toml")):
    walk(tomllib.loads(path.read_text(encoding="utf-8")))
out.write_text("".join(p + "\n" for p in sorted(phrases)), encoding="utf-8")
print(f"bench: {len(phrases)} distinct phrases written to {out}", file=sys.stderr)
PY

# ---------------------------------------------------------------------------------------------
# 5-7. Measure and report
# ---------------------------------------------------------------------------------------------

export BENCH_BIN="$BIN" BENCH_CORPUS="$CORPUS" BENCH_PHRASES="$PHRASES" BENCH_FIXED_PHRASES="$FIXED_PHRASES" BENCH_RUNS="$RUNS" \
    BENCH_STARTUP_RUNS="$STARTUP_RUNS" BENCH_STARTUP_DOC="$STARTUP_DOC" BENCH_STARTUP_SMALL_DOC="$STARTUP_SMALL_DOC" BENCH_OUT="$OUT"
exec python3 - <<'PY'
import json, os, platform, re, shlex, shutil, statistics, subprocess, sys, tempfile, time

BIN = os.environ["BENCH_BIN"]
CORPUS = os.environ["BENCH_CORPUS"]
PHRASES = os.environ["BENCH_PHRASES"]
FIXED_PHRASES = os.environ["BENCH_FIXED_PHRASES"]
RUNS = int(os.environ["BENCH_RUNS"])
STARTUP_RUNS = int(os.environ["BENCH_STARTUP_RUNS"])
STARTUP_DOC = os.environ["BENCH_STARTUP_DOC"]
STARTUP_SMALL_DOC = os.environ["BENCH_STARTUP_SMALL_DOC"]
OUT = os.environ["BENCH_OUT"]
CORES = os.cpu_count() or 1
EXTS = (".md", ".markdown", ".html", ".htm", ".txt")


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def corpus_size():
    files = size = 0
    for d, dirs, names in os.walk(CORPUS):
        dirs[:] = [x for x in dirs if not x.startswith(".")]
        for n in names:
            if not n.startswith(".") and n.lower().endswith(EXTS):
                files += 1
                size += os.path.getsize(os.path.join(d, n))
    return files, size


def run(cmd, memory=False, stdout=subprocess.DEVNULL, ok=(0,)):
    """Runs cmd once; returns (wall s, peak RSS KiB or None, user+sys CPU s or None)."""
    tmp = None
    if memory:
        tmp = tempfile.NamedTemporaryFile(prefix="bench-time-", delete=False)
        tmp.close()
        cmd = ["/usr/bin/time", "-v", "-o", tmp.name] + cmd
    for attempt in (1, 2):
        if hasattr(stdout, "seek"):
            stdout.seek(0)
            stdout.truncate()
        t0 = time.perf_counter()
        p = subprocess.run(cmd, stdout=stdout, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t0
        # On a shared machine a run is sometimes killed from outside: run it once more.
        killed = p.returncode < 0 or (
            tmp is not None and "Command terminated by signal" in open(tmp.name).read())
        if not killed or attempt == 2:
            break
        log("run killed by a signal from outside; running it again")
    if p.returncode not in ok:
        sys.exit(f"bench: {' '.join(cmd)} exited with {p.returncode}:\n{p.stderr.decode()[-2000:]}")
    rss = cpu = None
    if tmp:
        text = open(tmp.name).read()
        os.unlink(tmp.name)
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
        rss = int(m.group(1)) if m else None
        u = re.search(r"User time \(seconds\): ([\d.]+)", text)
        s_ = re.search(r"System time \(seconds\): ([\d.]+)", text)
        cpu = float(u.group(1)) + float(s_.group(1)) if u and s_ else None
    return wall, rss, cpu


def loadavg():
    try:
        return " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return "?"


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        return "?"


files, size = corpus_size()
mb = size / 1e6
load_start = loadavg()
log(f"corpus {CORPUS}: {files} documents, {mb:.1f} MB; {CORES} cores; load {load_start}")

hl = [BIN, "check", "--format", "json", "--fail-on", "never"]
commands = {
    "hirelint": hl + [CORPUS],
    # The yardstick: a fixed list of 100 phrases, which does not grow with the rules.
    "rg_fixed": ["rg", "-c", "-i", "-F", "-f", FIXED_PHRASES, CORPUS],
    # The bundled phrases (every phrases and exceptions list of the rules).
    "rg": ["rg", "-i", "-F", "-f", PHRASES, "-c", CORPUS],
    # For reference only: without -i, rg can use its plain multi-literal search.
    "rg_case": ["rg", "-F", "-f", PHRASES, "-c", CORPUS],
    "threads1": hl + ["--threads", "1", CORPUS],
    "threads2": hl + ["--threads", "2", CORPUS],
}
# On a 2-core machine the default is 2 threads: `--threads 2` is the default run, so it is
# not run twice (set BENCH_SEPARATE_THREADS=1 to run it anyway).
reuse_threads2 = CORES == 2 and os.environ.get("BENCH_SEPARATE_THREADS") != "1"
if reuse_threads2:
    del commands["threads2"]

# Warm-up (untimed): fills the page cache and checks that both tools read every document.
log("warm-up: hirelint (checking that it reads every document)")
with tempfile.TemporaryFile() as out:
    run(commands["hirelint"], stdout=out)
    out.seek(0)
    summary = json.load(out)["summary"]
if summary["files"] != files:
    sys.exit(f"bench: hirelint checked {summary['files']} files, the corpus has {files}")
if summary.get("errors") or summary.get("skipped"):
    log(f"warning: hirelint reported errors or skipped files: "
        f"{(summary.get('errors') or [])[:3]} {(summary.get('skipped') or [])[:3]}")
log(f"warm-up: {summary['findings']} findings in {summary['files']} files")
rg_files = subprocess.run(["rg", "--files", CORPUS], capture_output=True, text=True).stdout.count("\n")
if rg_files != files:
    sys.exit(f"bench: rg would search {rg_files} files, the corpus has {files}")
run(commands["rg"], ok=(0, 1))
run(commands["rg_fixed"], ok=(0, 1))

times = {k: [] for k in commands}
peaks = {k: [] for k in commands}
cpus = {k: [] for k in commands}
for i in range(RUNS):
    for name, cmd in commands.items():
        is_rg = name.startswith("rg")
        wall, rss, cpu = run(cmd, memory=True, ok=(0, 1) if is_rg else (0,))
        times[name].append(wall)
        cpus[name].append(cpu)
        if rss is not None and not is_rg:
            peaks[name].append(rss)
        log(f"run {i + 1}/{RUNS} {name:9} {wall:8.3f} s wall {cpu:8.2f} s CPU"
            + (f"  {rss / 1024:7.1f} MiB" if rss and not is_rg else ""))
if reuse_threads2:
    times["threads2"], peaks["threads2"], cpus["threads2"] = (
        times["hirelint"], peaks["hirelint"], cpus["hirelint"])

# Start-up: rules compiled and one small file checked. Two files: a three-line ad, which needs
# no pattern compiled, and an interview script, whose questions make 19 patterns compile on
# first use.
startup_tool = "hyperfine" if shutil.which("hyperfine") else "python loop"


def startup(doc):
    cmd = [BIN, "check", "--fail-on", "never", doc]
    if shutil.which("hyperfine"):
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
            pass
        subprocess.run(
            ["hyperfine", "-N", "--style", "none", "--warmup", "3", "--runs", str(STARTUP_RUNS),
             "--export-json", tmp.name, shlex.join(cmd)],
            check=True, stdout=subprocess.DEVNULL)
        ts = json.load(open(tmp.name))["results"][0]["times"]
        os.unlink(tmp.name)
    else:
        for _ in range(3):
            run(cmd)
        ts = [run(cmd)[0] for _ in range(STARTUP_RUNS)]
    return ts, run(cmd, memory=True)[1]


startup_small_times, startup_small_rss = startup(STARTUP_SMALL_DOC)
startup_times, startup_rss = startup(STARTUP_DOC)
startup_small = statistics.median(startup_small_times)

med = {k: statistics.median(v) for k, v in times.items()}
cpu_med = {k: statistics.median(v) for k, v in cpus.items()}
cpu_ratio = cpu_med["hirelint"] / cpu_med["rg"]
cpu_ratio_fixed = cpu_med["hirelint"] / cpu_med["rg_fixed"]
peak = {k: max(v) if v else None for k, v in peaks.items()}
startup = statistics.median(startup_times)
ratio_rg = med["hirelint"] / med["rg"]
ratio_fixed = med["hirelint"] / med["rg_fixed"]
# Per round, hirelint against the rg run of the same round.
rounds_rg = [h / r for h, r in zip(times["hirelint"], times["rg"])]
rounds_fixed = [h / r for h, r in zip(times["hirelint"], times["rg_fixed"])]
with open(FIXED_PHRASES, encoding="utf-8") as f:
    fixed_count = sum(1 for x in f if x.strip())
with open(PHRASES, encoding="utf-8") as f:
    bundled_count = sum(1 for x in f if x.strip())
speedup = med["threads1"] / med["threads2"]
peak_all = max(p for k, p in peak.items() if p)

results = {
    "corpus": CORPUS, "documents": files, "bytes": size, "runs": RUNS,
    "cores": CORES, "cpu": platform.processor() or platform.machine(),
    "load_average_start": load_start, "load_average_end": loadavg(),
    "hirelint": version([BIN, "--version"]), "rg": version(["rg", "--version"]),
    "findings": summary["findings"],
    "times_s": times, "median_s": med, "cpu_s": cpus, "cpu_median_s": cpu_med,
    "cpu_ratio_hirelint_rg": cpu_ratio, "peak_rss_kib": peak,
    "throughput_mb_s": mb / med["hirelint"], "documents_per_s": files / med["hirelint"],
    "rg_fixed_phrases": FIXED_PHRASES, "rg_fixed_phrase_count": fixed_count,
    "rg_fixed_throughput_mb_s": mb / med["rg_fixed"],
    "ratio_hirelint_rg_fixed": ratio_fixed, "ratio_hirelint_rg_fixed_per_round": rounds_fixed,
    "cpu_ratio_hirelint_rg_fixed": cpu_ratio_fixed,
    "rg_bundled_phrase_count": bundled_count,
    "rg_throughput_mb_s": mb / med["rg"],
    "ratio_hirelint_rg_per_round": rounds_rg,
    "rg_case_sensitive_throughput_mb_s": mb / med["rg_case"],
    "ratio_hirelint_rg": ratio_rg, "speedup_1_to_2_threads": speedup,
    "threads2_is_default_run": reuse_threads2,
    "startup_tool": startup_tool, "startup_times_s": startup_times, "startup_median_s": startup,
    "startup_peak_rss_kib": startup_rss,
    "startup_small_doc": STARTUP_SMALL_DOC, "startup_small_times_s": startup_small_times,
    "startup_small_median_s": startup_small, "startup_small_peak_rss_kib": startup_small_rss,
}
os.makedirs(os.path.dirname(os.path.abspath(OUT)), exist_ok=True)
with open(OUT, "w") as f:
    json.dump(results, f, indent=1)


def verdict(ok):
    return "ok" if ok else "MISSED"


rows = [
    ("hirelint, default threads", f"{med['hirelint']:.3f} s",
     f"{mb / med['hirelint']:.2f} MB/s, {files / med['hirelint']:.0f} docs/s; "
     f"{cpu_med['hirelint']:.2f} s CPU", "", ""),
    (f"rg -i -F, fixed list ({fixed_count})", f"{med['rg_fixed']:.3f} s",
     f"{mb / med['rg_fixed']:.1f} MB/s, {files / med['rg_fixed']:.0f} docs/s; "
     f"{cpu_med['rg_fixed']:.2f} s CPU", "", ""),
    ("ratio hirelint / rg fixed", f"{ratio_fixed:.1f}x",
     f"CPU time ratio {cpu_ratio_fixed:.1f}x; per round "
     + ", ".join(f"{x:.1f}" for x in rounds_fixed), "<= 6x", verdict(ratio_fixed <= 6)),
    (f"rg -i -F, bundled ({bundled_count})", f"{med['rg']:.3f} s",
     f"{mb / med['rg']:.1f} MB/s, {files / med['rg']:.0f} docs/s; {cpu_med['rg']:.2f} s CPU", "", ""),
    ("ratio hirelint / rg bundled", f"{ratio_rg:.1f}x",
     f"CPU time ratio {cpu_ratio:.1f}x; per round " + ", ".join(f"{x:.1f}" for x in rounds_rg),
     "<= 3x", verdict(ratio_rg <= 3)),
    ("rg -F, bundled, case-sensitive", f"{med['rg_case']:.3f} s",
     f"{mb / med['rg_case']:.1f} MB/s (reference only)", "", ""),
    ("hirelint --threads 1", f"{med['threads1']:.3f} s",
     f"{mb / med['threads1']:.2f} MB/s; {cpu_med['threads1']:.2f} s CPU", "", ""),
    ("hirelint --threads 2", f"{med['threads2']:.3f} s",
     f"{mb / med['threads2']:.2f} MB/s; {cpu_med['threads2']:.2f} s CPU"
     + (" (= default run)" if reuse_threads2 else ""), "", ""),
    ("speed-up 1 -> 2 threads", f"{speedup:.2f}x", "", ">= 1.8x", verdict(speedup >= 1.8)),
    ("peak memory (max RSS)", f"{peak_all / 1024:.1f} MiB",
     "max over all corpus runs", "< 64 MiB", verdict(peak_all < 64 * 1024)),
    ("start-up, 3-line ad", f"{startup_small * 1000:.1f} ms",
     f"median of {len(startup_small_times)}, {startup_tool}; {startup_small_rss / 1024:.1f} MiB",
     "< 20 ms", verdict(startup_small < 0.020)),
    ("start-up, interview script", f"{startup * 1000:.1f} ms",
     f"median of {len(startup_times)}; {startup_rss / 1024:.1f} MiB; compiles 19 patterns",
     "< 20 ms", verdict(startup < 0.020)),
]
w = [max(len(r[i]) for r in rows + [("measure", "median", "detail", "target", "")]) for i in range(5)]
line = "+" + "+".join("-" * (x + 2) for x in w) + "+"
print()
print(f"hirelint benchmark: {files} documents, {mb:.1f} MB, {RUNS} runs each (medians), "
      f"{CORES} cores, load {load_start} -> {results['load_average_end']}")
print(line)
for r in [("measure", "median", "detail", "target", "")] + rows:
    print("| " + " | ".join(c.ljust(w[i]) for i, c in enumerate(r)) + " |")
    if r[0] == "measure":
        print(line)
print(line)
print("peak memory per command: " + ", ".join(
    f"{k} {v / 1024:.1f} MiB" for k, v in peak.items() if v))
print(f"figures written to {OUT}")
PY
