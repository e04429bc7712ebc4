# Shared by the benchmark scripts (sourced): the mock-server they time the tool against.
# Needs BIN (the release wolkvox-etl) and WORK (a scratch folder) set by the caller.

# start_mock live|record DIR|replay DIR [MOCK_ARGS...]: starts the mock on a free port,
# generating every answer (live), recording them into DIR or replaying them from it, with
# MOCK_ARGS (volume, spikes, cap behaviour); sets MOCK_URL and MOCK_PID. A replay generates and
# records what the recording lacks: the planner adapts to what it learns and two windows in
# flight finish in either order, so a timed run may ask a window the recording run did not.
start_mock() {
    local mode=$1 tape=()
    shift
    case "$mode" in
    record) tape=(--record "$1"); shift ;;
    replay) tape=(--replay "$1" --record-missing); shift ;;
    esac
    rm -f "$WORK/mock.out" "$WORK/mock-stats.json"
    "$BIN" mock-server --port 0 "$@" "${tape[@]}" \
        --stats-file "$WORK/mock-stats.json" >"$WORK/mock.out" 2>&1 &
    MOCK_PID=$!
    for _ in $(seq 100); do
        MOCK_URL=$(sed -n 's/^wolkvox mock listening on \([^ ]*\).*/\1/p' "$WORK/mock.out")
        [ -n "$MOCK_URL" ] && return 0
        sleep 0.1
    done
    echo "the mock did not start: $(cat "$WORK/mock.out")" >&2
    exit 1
}

# stop_mock: stops it; its request counts are then in $WORK/mock-stats.json.
stop_mock() {
    kill -TERM "$MOCK_PID"
    wait "$MOCK_PID" || true
    MOCK_PID=""
}
