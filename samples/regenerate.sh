#!/usr/bin/env bash
# Regenerates samples/: one raw API response per report, the files the same report lands as, and
# the API's error bodies, all taken from the project's mock API (seed 1, so the dated reports come
# out the same on every run; calls_last_10 and the manifests' run ids and times do not).
#
#   samples/regenerate.sh [PATH/TO/wolkvox-etl]     # default: .build/debug/wolkvox-etl
#
# Builds nothing: build the CLI first (swift build). Needs bash, curl and python3.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
samples="$root/samples"
bin="${1:-.build/debug/wolkvox-etl}"
# A relative path is taken from the caller's directory, then from the package root.
if [[ "$bin" != /* ]]; then
    if [[ -x "$PWD/$bin" ]]; then bin="$PWD/$bin"; else bin="$root/$bin"; fi
fi
[[ -x "$bin" ]] || { echo "regenerate.sh: no executable at $bin (run swift build first)" >&2; exit 2; }
for tool in curl python3; do
    command -v "$tool" >/dev/null || { echo "regenerate.sh: $tool is required" >&2; exit 2; }
done

token="mock-token"
work="$(mktemp -d)"
mock_pid=""
cleanup() {
    if [[ -n "$mock_pid" ]]; then kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# --port 0: the mock picks a free port and prints its URL on its first line.
"$bin" mock-server --port 0 --seed 1 --token "$token" >"$work/mock.log" 2>&1 &
mock_pid=$!
base=""
for _ in $(seq 1 100); do
    base="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/mock.log" | head -n 1 || true)"
    [[ -n "$base" ]] && break
    kill -0 "$mock_pid" 2>/dev/null || { cat "$work/mock.log" >&2; echo "regenerate.sh: the mock did not start" >&2; exit 1; }
    sleep 0.1
done
[[ -n "$base" ]] || { echo "regenerate.sh: the mock printed no URL within 10 s" >&2; exit 1; }
echo "mock API at $base"

# fetch EXPECTED_STATUS OUT_FILE URL [curl args...]: one GET, pretty-printed as valid JSON.
fetch() {
    local expected="$1" out="$2" url="$3"; shift 3
    local status
    status="$(curl -sS -o "$work/body" -w '%{http_code}' "$@" "$url")"
    if [[ "$status" != "$expected" ]]; then
        echo "regenerate.sh: $url answered HTTP $status, expected $expected:" >&2
        head -c 500 "$work/body" >&2; echo >&2
        exit 1
    fi
    mkdir -p "$(dirname "$out")"
    python3 -m json.tool --no-ensure-ascii "$work/body" >"$out"
    echo "  $status ${out#"$root"/}"
}

report_url() { echo "$base/api/v2/reports_manager.php?api=$1&date_ini=$2&date_end=$3"; }

# keep_csv_records IN OUT N: the header and the first N records, cut at a record boundary (a
# quoted field may hold line breaks, so counting lines would cut a record in half). The bytes kept
# are the tool's own: nothing is re-quoted.
keep_csv_records() {
    python3 - "$1" "$2" "$3" <<'PY'
import sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(src, "rb").read()
quoted, records, end = False, 0, len(data)
for i, byte in enumerate(data):
    if byte == 0x22:  # '"'; an escaped "" toggles twice
        quoted = not quoted
    elif byte == 0x0A and not quoted:
        records += 1
        if records == n + 1:  # the header plus n records
            end = i + 1
            break
open(dst, "wb").write(data[:end])
PY
}

# land REPORT DAY: runs a one-day pipeline (or a calls_last_10 snapshot when DAY is empty) into a
# temp root, uncompressed, and copies the first landed day into samples/REPORT/landed/.
land() {
    local report="$1" day="$2"
    local lake="$work/lake-$report" pipeline="$work/$report.yaml"
    {
        echo "version: 1"
        echo "name: samples-$report"
        echo "source:"
        echo "  report: $report"
        echo "  base_url: $base"
        echo "  token: $token"
        echo "  timezone: America/Bogota"
        if [[ -n "$day" ]]; then
            echo "  from: $day"
            echo "  to: $day"
        fi
        echo "load:"
        echo "  root: $lake"
        echo "  format: [ndjson, csv]"
        echo "  compression: none"
    } >"$pipeline"
    "$bin" run "$pipeline" --log-level warning >"$work/run-$report.log" 2>&1 || {
        cat "$work/run-$report.log" >&2
        echo "regenerate.sh: the $report pipeline failed" >&2
        exit 1
    }
    local first
    first="$(find "$lake/$report" -mindepth 1 -maxdepth 1 -type d -name 'dt=*' | sort | head -n 1)"
    [[ -n "$first" ]] || { echo "regenerate.sh: $report landed no day" >&2; exit 1; }
    local dest="$samples/$report/landed"
    rm -rf "$dest"
    mkdir -p "$dest"
    cp "$first/part-00000.ndjson" "$first/_manifest.json" "$dest/"
    keep_csv_records "$first/part-00000.csv" "$dest/part-00000.csv" 20
    echo "  landed ${first##*/} -> ${dest#"$root"/}/"
}

auth=(-H "wolkvox-token: $token")

echo "responses:"
# Each window lies inside the day landed below, so every response record is also a landed row.
fetch 200 "$samples/cdr_1/response.json" "$(report_url cdr_1 20250316090000 20250316105959)" "${auth[@]}"
fetch 200 "$samples/cdr_6/response.json" "$(report_url cdr_6 20250316000000 20250316235959)" "${auth[@]}"
fetch 200 "$samples/chat_4/response.json" "$(report_url chat_4 20250316000000 20250316235959)" "${auth[@]}"
fetch 200 "$samples/diagram_13/response.json" "$(report_url diagram_13 20250316000000 20250316235959)" "${auth[@]}"
fetch 200 "$samples/calls_last_10/response.json" "$base/api/v2/real_time.php?api=calls_last_10" "${auth[@]}"

echo "errors:"
no_records="$(report_url cdr_1 20250316030000 20250316030100)"
fetch 404 "$samples/errors/no-records-404.json" "$no_records" "${auth[@]}"
fetch 401 "$samples/errors/missing-token-401.json" "$no_records"
fetch 403 "$samples/errors/wrong-token-403.json" "$no_records" -H "wolkvox-token: not-the-token"
fetch 400 "$samples/errors/unknown-report-400.json" "$(report_url cdr_99 20250316000000 20250316235959)" "${auth[@]}"
fetch 400 "$samples/errors/missing-parameters-400.json" "$base/api/v2/reports_manager.php?api=cdr_1" "${auth[@]}"
fetch 400 "$samples/errors/range-over-31-days-400.json" "$(report_url cdr_1 20250101000000 20250201235959)" "${auth[@]}"

echo "landed files:"
land cdr_1 2025-03-16
land cdr_6 2025-03-16
land chat_4 2025-03-16
land diagram_13 2025-03-16
land calls_last_10 ""

echo "done: $samples"
