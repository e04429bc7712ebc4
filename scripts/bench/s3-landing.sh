#!/usr/bin/env bash
# scripts/bench/s3-landing.sh: issue 13's benchmark: a month of cdr_1 landed into a bucket on a
# local Ceph RADOS Gateway against the same month landed to disk, wall time and peak RSS.
#
# What it does (all under $WORK, default $SCRATCH/bench-s3):
#   1. builds wolkvox-etl (release unless --debug) unless --no-build;
#   2. starts a throwaway single-node Ceph cluster on loopback with the test suite's own
#      supervisor (Tests/CephTestSupport/CephCluster.swift; it stops the daemons it started when
#      this script exits) and creates a bucket with boto3;
#   3. starts the mock (`mock-server`, default data: FROM and the DAYS after, the documented
#      spikes included unless --no-spikes);
#   4. alternates RUNS runs of each under /usr/bin/time -v: to disk (a fresh folder each run) and
#      to s3://BUCKET/run-N/ (a fresh prefix each run, so every day is uploaded);
#   5. prints a markdown table of the medians (wall, CPU = user+sys, peak RSS, rows/s) and
#      appends it to $RESULTS.
#
# Usage: scripts/bench/s3-landing.sh [--runs N] [--from YYYY-MM-DD] [--days N] [--scale X]
#                                    [--no-spikes] [--debug] [--no-build] [--results FILE]
# Environment: SCRATCH (default .build), WORK, RESULTS. Needs the Ceph packages (ceph-mon ceph-osd
# radosgw ceph-common), python3 with boto3, /usr/bin/time.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/scripts/bench"
SCRATCH=${SCRATCH:-$ROOT/.build}
WORK=${WORK:-$SCRATCH/bench-s3}
RESULTS=${RESULTS:-$WORK/results.md}
RUNS=3 FROM=2025-03-01 DAYS=31 SCALE=1 SPIKES=1 CONFIG=release BUILD=1

while [ $# -gt 0 ]; do
    case "$1" in
    --runs) RUNS=$2; shift ;;
    --from) FROM=$2; shift ;;
    --days) DAYS=$2; shift ;;
    --scale) SCALE=$2; shift ;;
    --no-spikes) SPIKES=0 ;;
    --debug) CONFIG=debug ;;
    --no-build) BUILD=0 ;;
    --results) RESULTS=$2; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
mkdir -p "$WORK"
case "$RESULTS" in /*) ;; *) RESULTS="$PWD/$RESULTS" ;; esac
BIN="$SCRATCH/$CONFIG/wolkvox-etl"
LAST=$(date -u -d "$FROM + $((DAYS - 1)) days" +%F)
MOCK_PID="" CEPH_PID="" CEPH_CTL=""

say() { echo "== $*" >&2; }
cleanup() {
    if [ -n "$MOCK_PID" ]; then kill -TERM "$MOCK_PID" 2>/dev/null || true; wait "$MOCK_PID" 2>/dev/null || true; fi
    # Closing the supervisor's stdin stops the daemons it started and removes its folder.
    if [ -n "$CEPH_CTL" ]; then exec {CEPH_CTL}>&-; fi
    if [ -n "$CEPH_PID" ]; then wait "$CEPH_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

if [ "$BUILD" = 1 ] || [ ! -x "$BIN" ]; then
    say "building wolkvox-etl ($CONFIG)"
    (cd "$ROOT" && swift build -c "$CONFIG" --scratch-path "$SCRATCH" --product wolkvox-etl >&2)
fi

start_ceph() {
    local dir="$WORK/ceph"
    rm -rf "$dir" "$WORK/ceph.out"
    # The one supervisor the tests use, read out of its Swift source rather than copied here.
    python3 - "$ROOT/Tests/CephTestSupport/CephCluster.swift" "$WORK/supervise.sh" <<'PY'
import sys
source = open(sys.argv[1]).read()
script = source.split('static let supervisorScript = #"""\n', 1)[1].split('"""#', 1)[0]
open(sys.argv[2], "w").write(script)
PY
    S3_KEY="BENCH$RANDOM$RANDOM" S3_SECRET="bench-secret-$RANDOM$RANDOM"
    exec {CEPH_CTL}> >(exec bash "$WORK/supervise.sh" "$dir" "$S3_KEY" "$S3_SECRET" >"$WORK/ceph.out" 2>&1)
    CEPH_PID=$!
    local port=""
    for _ in $(seq 600); do
        port=$(sed -n 's/^ready \([0-9]*\)$/\1/p' "$WORK/ceph.out")
        [ -n "$port" ] && break
        grep -q '^failed' "$WORK/ceph.out" && break
        sleep 0.1
    done
    [ -n "$port" ] || { echo "Ceph did not start: $(cat "$WORK/ceph.out")" >&2; exit 1; }
    S3_ENDPOINT="http://127.0.0.1:$port"
    python3 - "$S3_ENDPOINT" "$S3_KEY" "$S3_SECRET" <<'PY'
import sys, boto3
from botocore.config import Config
s3 = boto3.client("s3", endpoint_url=sys.argv[1], aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3],
                  region_name="us-east-1", config=Config(s3={"addressing_style": "path"}))
s3.create_bucket(Bucket="bench")
PY
    say "Ceph RADOS Gateway at $S3_ENDPOINT, bucket 'bench'"
}

. "$HERE/lib.sh"

# write_pipeline FILE ROOT [S3]: the same pipeline into ROOT; with S3, the bucket's settings
# (a folder root refuses them).
write_pipeline() {
    local file=$1 root=$2
    cat >"$file" <<YAML
version: 1
name: bench-s3
source:
  report: cdr_1
  base_url: \${BENCH_MOCK_URL}
  token: mock-token
  timezone: America/Bogota
  from: $FROM
  to: $LAST
  concurrency: 2
  max_calls: 100000
load:
  root: $root
  format: [ndjson]
YAML
    if [ "${3:-}" = s3 ]; then
        cat >>"$file" <<'YAML'
  s3:
    endpoint: ${BENCH_S3_ENDPOINT}
    region: us-east-1
    path_style: true
YAML
    fi
}

# run_tool PIPELINE TIME_FILE: one timed run; fails loudly if it did not land everything.
run_tool() {
    local pipeline=$1 timing=$2
    if ! BENCH_MOCK_URL="$MOCK_URL" BENCH_S3_ENDPOINT="$S3_ENDPOINT" \
        AWS_ACCESS_KEY_ID="$S3_KEY" AWS_SECRET_ACCESS_KEY="$S3_SECRET" AWS_SHARED_CREDENTIALS_FILE=/nonexistent \
        WOLKVOX_LOCK_DIR="$WORK/locks" /usr/bin/time -v -o "$timing" \
        "$BIN" run "$pipeline" --no-resume --progress never >"$WORK/tool.log" 2>&1; then
        echo "wolkvox-etl run of $pipeline failed (see $WORK/tool.log):" >&2
        tail -5 "$WORK/tool.log" >&2
        exit 1
    fi
}

start_ceph
mock_args=(--volume-scale "$SCALE")
[ "$SPIKES" = 1 ] || mock_args+=(--no-spikes)
start_mock live "${mock_args[@]}"
DISK=() BUCKET=()
for i in $(seq "$RUNS"); do
    say "run $i/$RUNS to disk"
    rm -rf "$WORK/out-disk"
    write_pipeline "$WORK/disk.yaml" "$WORK/out-disk"
    run_tool "$WORK/disk.yaml" "$WORK/time-disk-$i.txt"
    DISK+=("$WORK/time-disk-$i.txt")
    say "run $i/$RUNS to s3://bench/run-$i/"
    write_pipeline "$WORK/s3.yaml" "s3://bench/run-$i/" s3
    run_tool "$WORK/s3.yaml" "$WORK/time-s3-$i.txt"
    BUCKET+=("$WORK/time-s3-$i.txt")
done
ROWS=$(python3 "$HERE/summarize.py" rows "$WORK/out-disk" cdr_1)
MB=$(du -cm "$WORK"/out-disk/cdr_1/dt=*/*.gz | tail -1 | cut -f1)
{
    echo "### cdr_1 $FROM..$LAST ($ROWS rows, $MB MB gzipped NDJSON): disk against Ceph RGW on loopback, median of $RUNS"
    echo
    echo "Machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GB RAM; $(swift --version 2>/dev/null | head -1 | sed 's/ (.*//'), $CONFIG build;" \
        "$(radosgw --version 2>/dev/null | head -1 | sed 's/ (.*//'); $(date -u +%F)."
    echo
    echo "| landing | wall | CPU (user+sys) | peak RSS | rows/s |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    python3 "$HERE/summarize.py" row "to disk" "$ROWS" "${DISK[@]}"
    python3 "$HERE/summarize.py" row "to s3:// (Ceph RGW, 127.0.0.1)" "$ROWS" "${BUCKET[@]}"
    echo
} | tee -a "$RESULTS"
