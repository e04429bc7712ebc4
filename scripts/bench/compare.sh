#!/usr/bin/env bash
# scripts/bench/compare.sh: the end-to-end comparison of issue 4, rerunnable on any machine.
#
# What it does (all under $WORK, default $SCRATCH/bench-compare):
#   1. builds wolkvox-etl in release (swift build -c release --scratch-path $SCRATCH);
#   2. starts the mock (`mock-server --record`) with about 1,000,000 cdr_1 rows in the range
#      (--scale 0.85 of the default volume, no spikes, FROM + DAYS), and runs the tool once: the
#      mock saves every 200 body it sends (REPORT_DATEINI_DATEEND.json) and counts the calls;
#   3. against `mock-server --replay` of those files, runs each contender RUNS times under
#      /usr/bin/time -v and keeps the medians: the tool (fresh output root each run, so the same
#      windows are asked), DuckDB (read_json + casts + COPY ... PARTITION_BY (dt) gzip, 2 threads,
#      installed from PyPI into $WORK/venv when missing), a plain Python script (json.load +
#      per-row casts + gzip per day) and `gzip -6` alone on the tool's own NDJSON bytes (the floor);
#   4. prints a markdown table (wall, CPU = user+sys, peak RSS, rows/s) and the API calls the tool
#      made (the mock's own count) against the lower bound: the sum over 31-day spans of
#      ceil(rows / 60000); appends it all to $RESULTS.
#
# Usage: scripts/bench/compare.sh [--compare] [--growth] [--rss] [--all]
#                                 [--runs N] [--scale X] [--from YYYY-MM-DD] [--days N]
#                                 [--no-build] [--results FILE]
#   --compare  the table above (the default when no mode is given)
#   --growth   the tool alone on 1x, 4x and 16x the rows (DAYS/16, DAYS/4, DAYS): time ~ rows, RSS flat
#   --rss      the tool alone on 1 day, 1 month (31 days) and 6 months (182 days) from FROM
# Environment: SCRATCH (default .build), WORK, RESULTS. Needs python3 (with venv), gzip, /usr/bin/time.
# A run takes about 10 minutes for --compare with RUNS=3 on 2 cores (Python is the slow one).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/scripts/bench"
SCRATCH=${SCRATCH:-$ROOT/.build}
WORK=${WORK:-$SCRATCH/bench-compare}
RESULTS=${RESULTS:-$WORK/results.md}
RUNS=3 SCALE=0.85 FROM=2024-01-01 DAYS=576 BUILD=1 MODES=()

while [ $# -gt 0 ]; do
    case "$1" in
    --compare | --growth | --rss) MODES+=("${1#--}") ;;
    --all) MODES=(compare growth rss) ;;
    --runs) RUNS=$2; shift ;;
    --scale) SCALE=$2; shift ;;
    --from) FROM=$2; shift ;;
    --days) DAYS=$2; shift ;;
    --no-build) BUILD=0 ;;
    --results) RESULTS=$2; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
[ ${#MODES[@]} -gt 0 ] || MODES=(compare)
mkdir -p "$WORK"
case "$RESULTS" in /*) ;; *) RESULTS="$PWD/$RESULTS" ;; esac
BIN="$SCRATCH/release/wolkvox-etl"
MOCK_PID=""

say() { echo "== $*" >&2; }
day_plus() { date -u -d "$1 + $2 days" +%F; }
cleanup() { if [ -n "$MOCK_PID" ]; then kill -TERM "$MOCK_PID" 2>/dev/null || true; wait "$MOCK_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

build() {
    if [ "$BUILD" = 1 ] || [ ! -x "$BIN" ]; then
        say "building wolkvox-etl (release)"
        (cd "$ROOT" && swift build -c release --scratch-path "$SCRATCH" --product wolkvox-etl >&2)
    fi
}

python_env() {
    if ! "$WORK/venv/bin/python" -c 'import duckdb' 2>/dev/null; then
        say "installing duckdb into $WORK/venv"
        python3 -m venv "$WORK/venv"
        "$WORK/venv/bin/pip" install --quiet duckdb >&2
    fi
    PY="$WORK/venv/bin/python"
}

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

write_pipeline() {
    cat >"$WORK/pipeline.yaml" <<'YAML'
version: 1
name: bench-cdr_1
source:
  report: cdr_1
  base_url: ${BENCH_MOCK_URL}
  token: mock-token
  timezone: America/Bogota
  from: 2024-01-01
  to: 2024-01-01
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
}

# run_tool OUT TIME_FILE FROM TO: one run into a fresh root, timed; fails loudly if it did not land all.
run_tool() {
    local out=$1 timing=$2 first=$3 last=$4
    rm -rf "$out"
    if ! BENCH_MOCK_URL="$MOCK_URL" BENCH_OUT="$out" /usr/bin/time -v -o "$timing" \
        "$BIN" run "$WORK/pipeline.yaml" --from "$first" --to "$last" --no-resume --progress never \
        >"$WORK/tool.log" 2>&1; then
        echo "wolkvox-etl run failed (see $WORK/tool.log):" >&2
        tail -5 "$WORK/tool.log" >&2
        exit 1
    fi
}

# record FIRST LAST: records the range's bodies into $REC (always anew: the planner may have changed).
record() {
    local first=$1 last=$2
    REC="$WORK/recordings/$first-$last-x$SCALE"
    rm -rf "$REC" "$REC.replay"
    say "recording cdr_1 $first..$last (scale $SCALE) into $REC"
    start_mock record "$REC" --volume-scale "$SCALE" --no-spikes
    run_tool "$WORK/out-record" "$WORK/time-record.txt" "$first" "$last"
    stop_mock
    sleep 35 # the recording run's deleted files age before the timed runs (see time_tool)
    cp "$WORK/mock-stats.json" "$REC.stats.json"
    ROWS=$("$PY" "$HERE/summarize.py" rows "$WORK/out-record" cdr_1)
    CALLS=$(sed -n 's/.*"requests": \([0-9]*\).*/\1/p' "$REC.stats.json")
    BOUND=$("$PY" "$HERE/summarize.py" bound "$WORK/out-record" cdr_1 "$first" "$last")
    JSON_MB=$(du -cm "$REC"/*.json | tail -1 | cut -f1)
    RESPONSES=$(find "$REC" -name '*.json' | wc -l)
}

# time_tool FIRST LAST PREFIX: RUNS timed runs against the replay; sets TOOL_TIMES.
time_tool() {
    local first=$1 last=$2 prefix=$3
    local before
    # Replayed from a hard-linked copy: what it adds must not reach DuckDB's and Python's input.
    rm -rf "$REC.replay"
    cp -al "$REC" "$REC.replay"
    before=$(find "$REC.replay" -name '*.json' | wc -l)
    start_mock replay "$REC.replay" --volume-scale "$SCALE" --no-spikes
    TOOL_TIMES=()
    # Each run lands into a folder of its own, all removed afterwards: on ext4 without a journal,
    # creating files within 30 s of deleting thousands costs a scan of the recently deleted inodes
    # (up to 0.7 s of kernel CPU here), a cost of the harness, not of a nightly run.
    for i in $(seq "$RUNS"); do
        say "wolkvox-etl run $i/$RUNS ($first..$last)"
        run_tool "$WORK/out-tool-$i" "$WORK/$prefix-tool-$i.txt" "$first" "$last"
        TOOL_TIMES+=("$WORK/$prefix-tool-$i.txt")
    done
    stop_mock
    rm -rf "$WORK/out-tool"
    mv "$WORK/out-tool-$RUNS" "$WORK/out-tool"
    rm -rf "$WORK"/out-tool-*
    sleep 35
    GENERATED=$(($(find "$REC.replay" -name '*.json' | wc -l) - before))
    if grep -q '"faults": [1-9]\|"refusedBusy": [1-9]' "$WORK/mock-stats.json"; then
        echo "note: replay mock stats: $(cat "$WORK/mock-stats.json")" >&2
    fi
}

machine() {
    echo "Machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/Mem/ {print $2}') GB RAM;" \
        "$(swift --version 2>/dev/null | head -1 | sed 's/ (.*//'), release build; $(date -u +%F)."
}

compare() {
    local last
    last=$(day_plus "$FROM" $((DAYS - 1)))
    record "$FROM" "$last"
    # The default engine (libdeflate where the system has it), then zlib for comparison.
    time_tool "$FROM" "$last" compare
    local preferred=("${TOOL_TIMES[@]}")
    WOLKVOX_ETL_DEFLATE=zlib time_tool "$FROM" "$last" compare-zlib
    local zlib=("${TOOL_TIMES[@]}")
    python_env
    local duck=() plain=() floor=()
    for i in $(seq "$RUNS"); do
        say "duckdb run $i/$RUNS"
        rm -rf "$WORK/out-duckdb"
        /usr/bin/time -v -o "$WORK/compare-duckdb-$i.txt" "$PY" "$HERE/duckdb_job.py" "$REC" "$WORK/out-duckdb" >&2
        duck+=("$WORK/compare-duckdb-$i.txt")
    done
    for i in $(seq "$RUNS"); do
        say "plain python run $i/$RUNS"
        rm -rf "$WORK/out-python"
        /usr/bin/time -v -o "$WORK/compare-python-$i.txt" "$PY" "$HERE/plain_python.py" "$REC" "$WORK/out-python" >&2
        plain+=("$WORK/compare-python-$i.txt")
    done
    say "gzip -6 on the tool's NDJSON bytes"
    find "$WORK/out-tool/cdr_1" -name '*.ndjson.gz' | sort | xargs cat | gzip -dc >"$WORK/all.ndjson"
    local ndjson_mb
    ndjson_mb=$(du -m "$WORK/all.ndjson" | cut -f1)
    for i in $(seq "$RUNS"); do
        /usr/bin/time -v -o "$WORK/compare-gzip-$i.txt" gzip -6 -c "$WORK/all.ndjson" >/dev/null
        floor+=("$WORK/compare-gzip-$i.txt")
    done
    rm -f "$WORK/all.ndjson"
    {
        echo "### cdr_1, $FROM..$last: $ROWS rows in $RESPONSES responses ($JSON_MB MB of JSON), median of $RUNS"
        echo
        machine
        echo
        echo "| contender | wall | CPU (user+sys) | peak RSS | rows/s |"
        echo "| --- | ---: | ---: | ---: | ---: |"
        "$PY" "$HERE/summarize.py" row "wolkvox-etl run" "$ROWS" "${preferred[@]}"
        "$PY" "$HERE/summarize.py" row "wolkvox-etl run, WOLKVOX_ETL_DEFLATE=zlib" "$ROWS" "${zlib[@]}"
        "$PY" "$HERE/summarize.py" row "DuckDB $("$PY" -c 'import duckdb; print(duckdb.__version__)') (2 threads)" "$ROWS" "${duck[@]}"
        "$PY" "$HERE/summarize.py" row "plain Python $(python3 -c 'import platform; print(platform.python_version())')" "$ROWS" "${plain[@]}"
        "$PY" "$HERE/summarize.py" row "gzip -6 alone ($ndjson_mb MB NDJSON)" "$ROWS" "${floor[@]}"
        echo
        echo "API calls: $CALLS (the mock's count of the recording run); lower bound $BOUND" \
            "(sum over 31-day spans of ceil(rows / 60000)): $(awk "BEGIN {printf \"%.2f\", $CALLS / $BOUND}")x."
        echo "Windows the timed runs asked that the recording run had not (served generated, not replayed): $GENERATED."
        echo
    } | tee -a "$RESULTS"
}

# tool_ranges TITLE LABEL:DAYS...: the tool alone on each range from FROM.
tool_ranges() {
    local title=$1
    shift
    local lines=()
    for spec in "$@"; do
        local label=${spec%%:*} days=${spec##*:} last
        last=$(day_plus "$FROM" $((days - 1)))
        record "$FROM" "$last"
        time_tool "$FROM" "$last" "range-$days"
        lines+=("$("$PY" "$HERE/summarize.py" row "$label: $FROM..$last, $ROWS rows, $CALLS calls (bound $BOUND)" "$ROWS" "${TOOL_TIMES[@]}")")
    done
    {
        echo "### $title (wolkvox-etl alone, median of $RUNS)"
        echo
        machine
        echo
        echo "| range | wall | CPU (user+sys) | peak RSS | rows/s |"
        echo "| --- | ---: | ---: | ---: | ---: |"
        printf '%s\n' "${lines[@]}"
        echo
    } | tee -a "$RESULTS"
}

build
write_pipeline
python_env
for mode in "${MODES[@]}"; do
    case "$mode" in
    compare) compare ;;
    growth) tool_ranges "Growth: 1x, 4x, 16x the rows" "1x:$((DAYS / 16))" "4x:$((DAYS / 4))" "16x:$DAYS" ;;
    rss) tool_ranges "Memory by range" "1 day:1" "1 month:31" "6 months:182" ;;
    esac
done
say "results appended to $RESULTS"
