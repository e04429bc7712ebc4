#!/usr/bin/env bash
# scripts/bench/cut-behaviours.sh: issue 10's benchmark. A cold month of cdr_1 shaped like the
# issue's (about 600,000 rows, a day over twice the cap, an hour over the cap), against the mock
# serving each of the three things an API may keep of a window over the cap (the newest rows, the
# oldest, an arbitrary subset) with rows in no order; then the same month again, warm (the state
# the cold run left). For each run: the API calls (the run report's count, checked against the
# mock's own), the lower bound (sum over 31-day spans of ceil(rows / 60000)), rows received /
# rows landed, CPU (user+sys) and peak RSS from /usr/bin/time -v, and CPU of `gzip -6` alone on
# the same landed NDJSON bytes (the floor the issue measures against).
#
# Usage: scripts/bench/cut-behaviours.sh [--no-build] [--keeps "newest oldest arbitrary"]
#                                        [--scale X] [--order shuffled|newest-first|...]
#                                        [--runs N] [--results FILE]
# Environment: SCRATCH (default .build), WORK (default $SCRATCH/bench-cut). Needs gzip, python3,
# /usr/bin/time. About 3 minutes per behaviour on 2 cores, after the release build: each pair of
# runs is played once against the generating mock, recording its answers, then timed against a
# replay of them, RUNS times (medians reported; calls and rows from the last pair).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SCRATCH=${SCRATCH:-$ROOT/.build}
WORK=${WORK:-$SCRATCH/bench-cut}
RESULTS=${RESULTS:-$WORK/results.md}
BUILD=1 KEEPS="newest oldest arbitrary" SCALE=7.0 ORDER=shuffled RUNS=3
# The issue's month: a 148,000-row Friday (its own ~19,000 rows plus these) and, on the 20th, an
# hour of 72,000 rows.
SPIKES=(--spike cdr_1:2025-03-14:0-23:129000 --spike cdr_1:2025-03-20:10-10:71200)

while [ $# -gt 0 ]; do
    case "$1" in
    --no-build) BUILD=0 ;;
    --keeps) KEEPS=$2; shift ;;
    --scale) SCALE=$2; shift ;;
    --order) ORDER=$2; shift ;;
    --runs) RUNS=$2; shift ;;
    --results) RESULTS=$2; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
mkdir -p "$WORK"
BIN="$SCRATCH/release/wolkvox-etl"
MOCK_PID=""
say() { echo "== $*" >&2; }
cleanup() { if [ -n "$MOCK_PID" ]; then kill -TERM "$MOCK_PID" 2>/dev/null || true; wait "$MOCK_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

if [ "$BUILD" = 1 ] || [ ! -x "$BIN" ]; then
    say "building wolkvox-etl (release)"
    (cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --product wolkvox-etl >&2)
fi

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
MOCK_ARGS=(--volume-scale "$SCALE" "${SPIKES[@]}" --row-order "$ORDER")

cat >"$WORK/pipeline.yaml" <<'YAML'
version: 1
name: bench-cut
source:
  report: cdr_1
  base_url: ${BENCH_MOCK_URL}
  token: mock-token
  timezone: America/Bogota
  from: 2025-03-01
  to: 2025-03-31
  concurrency: 2
  max_calls: 100000
transform:
  on_error: reject
load:
  root: ${BENCH_OUT}
  format: [ndjson]
  compression: gzip
  gzip_level: 6
YAML

# run_once OUT LABEL: one run of the month into OUT, timed into $WORK/LABEL.time.
run_once() {
    local out=$1 label=$2
    if ! BENCH_MOCK_URL="$MOCK_URL" BENCH_OUT="$out" /usr/bin/time -v -o "$WORK/$label.time" \
        "$BIN" run "$WORK/pipeline.yaml" --progress never >"$WORK/$label.log" 2>&1; then
        echo "wolkvox-etl run failed (see $WORK/$label.log):" >&2
        tail -5 "$WORK/$label.log" >&2
        exit 1
    fi
}

# gzip_floor OUT: gzip -6 alone, RUNS times, on the landed NDJSON bytes (from the page cache).
gzip_floor() {
    local out=$1
    find "$out/cdr_1" -name '*.ndjson.gz' -print0 | sort -z | xargs -0 cat | gzip -dc >"$WORK/landed.ndjson"
    cat "$WORK/landed.ndjson" >/dev/null
    for i in $(seq "$RUNS"); do
        /usr/bin/time -v -o "$WORK/gzip-$i.time" gzip -6 -c "$WORK/landed.ndjson" >/dev/null
    done
}

# facts OUT KIND KEEPS: one markdown row: calls and rows from OUT's cold (first) or warm (last)
# run report, medians of the RUNS time files of that kind and of gzip -6.
facts() {
    local out=$1 kind=$2 keeps=$3
    python3 - "$out" "$WORK" "$kind" "$keeps" "$RUNS" "$(dirname "${BASH_SOURCE[0]}")" <<'PY'
import glob, json, math, os, statistics, sys
out, work, kind, keeps, runs, here = sys.argv[1:]
sys.path.insert(0, here)
from summarize import read_time
def medians(paths):
    samples = [read_time(p) for p in paths]
    return [statistics.median(s[i] for s in samples) for i in range(3)]
reports = sorted(glob.glob(os.path.join(out, "_wolkvox", "runs", "*.json")))
report = json.load(open(reports[0] if kind == "cold" else reports[-1]))
landed = sum(json.load(open(m))["rows"] for m in glob.glob(os.path.join(out, "cdr_1", "dt=*", "_manifest.json")))
bound = math.ceil(landed / 60000)  # the month is one 31-day span
n = int(runs)
wall, cpu, rss = medians([f"{work}/{keeps}-{kind}-{i}.time" for i in range(1, n + 1)])
_, gzip_cpu, _ = medians([f"{work}/gzip-{i}.time" for i in range(1, n + 1)])
received = report.get("rows_received") or 0
print(f"| {keeps} | {kind} | {report['calls']} / {bound} = {report['calls'] / bound:.2f}x "
      f"| {received / landed:.2f}x | {cpu:.2f} s / {gzip_cpu:.2f} s = {cpu / gzip_cpu:.2f}x | {rss:.0f} MB "
      f"| {wall:.1f} s | {landed:,} | {report['status']} |")
PY
}

{
    echo
    echo "## $(date -u +%F) cut behaviours, cdr_1 month (scale $SCALE, rows $ORDER): $(nproc) cores, $(swift --version 2>/dev/null | head -1 | sed 's/ (.*//')"
    echo
    echo "| API keeps | run | calls / bound | received / landed | CPU / gzip -6 | peak RSS | wall | rows | status |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---|"
} >>"$RESULTS"

for keeps in $KEEPS; do
    out="$WORK/out-$keeps"
    rec="$WORK/recorded-$keeps"
    rm -rf "$out" "$rec" "$WORK/out-record"
    mkdir -p "$rec"
    say "$keeps: recording the answers of a cold and a warm run"
    start_mock record "$rec" "${MOCK_ARGS[@]}" --cap-keeps "$keeps"
    run_once "$WORK/out-record" "$keeps-record-cold"
    run_once "$WORK/out-record" "$keeps-record-warm"
    stop_mock
    rm -rf "$WORK/out-record"
    start_mock replay "$rec" "${MOCK_ARGS[@]}" --cap-keeps "$keeps"
    for i in $(seq "$RUNS"); do
        rm -rf "$out"
        say "$keeps: cold run $i/$RUNS"
        run_once "$out" "$keeps-cold-$i"
        say "$keeps: warm run $i/$RUNS"
        run_once "$out" "$keeps-warm-$i"
    done
    gzip_floor "$out"
    facts "$out" cold "$keeps" | tee -a "$RESULTS"
    facts "$out" warm "$keeps" | tee -a "$RESULTS"
    stop_mock
    say "$keeps: the replaying mock counted $(sed -n 's/.*"requests": \([0-9]*\).*/\1/p' "$WORK/mock-stats.json") requests for $RUNS pairs of runs"
    rm -rf "$rec"
done
rm -f "$WORK/landed.ndjson"
echo "results appended to $RESULTS" >&2
