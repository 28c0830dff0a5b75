#!/usr/bin/env bash
# Measures plate lookups through the native enforcement API (GET /v1/{client}/validity) at 10 thousand and at
# 1 million stored permits, in one run on one database. Builds Release, fills the database with
# 'lotkeeper permits generate' (large transactions, not HTTP pushes), starts the server on 127.0.0.1, and prints
# median and p99 latency of sequential lookups for each size.
#
# Settings (environment variables):
#   SMALL=10000 LARGE=1000000   permit counts measured
#   LOOKUPS=5000                timed lookups per size, after 200 warm-up lookups
#   PORT=5087                   loopback port of the server under test
#   PROVIDER=sqlite             or postgresql, with CONNECTION_STRING pointing at an empty database
set -euo pipefail

cd "$(dirname "$0")/.."
SMALL=${SMALL:-10000}
LARGE=${LARGE:-1000000}
LOOKUPS=${LOOKUPS:-5000}
PORT=${PORT:-5087}
PROVIDER=${PROVIDER:-sqlite}

work=$(mktemp -d)
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

CONNECTION_STRING=${CONNECTION_STRING:-"Data Source=$work/bench.db"}

echo "Building Release into $work" >&2
dotnet build -c Release src/Lotkeeper -o "$work/server" -v quiet -nologo >&2
dotnet build -c Release bench/LookupBench -o "$work/driver" -v quiet -nologo >&2

lotkeeper() {
    "$work/server/lotkeeper" --provider "$PROVIDER" --connection-string "$CONNECTION_STRING" "$@"
}

lotkeeper clients add BENCH --name "Lookup benchmark" >/dev/null
token=$(lotkeeper tokens issue BENCH --name bench --permissions enforcement-read)

measure() {
    local permits=$1
    "$work/server/lotkeeper" serve --urls "http://127.0.0.1:$PORT" \
        --provider "$PROVIDER" --connection-string "$CONNECTION_STRING" \
        --Lotkeeper:Bootstrap:CreateDemoClient=false >"$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do
        if curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null; then
            break
        fi
        sleep 0.2
    done

    local result
    result=$("$work/driver/LookupBench" "http://127.0.0.1:$PORT" BENCH "$token" "$work/plates.txt" "$LOOKUPS")
    echo "permits=$permits $result"

    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
}

started=$(date +%s)
lotkeeper permits generate BENCH --count "$SMALL" --zones 20 --seed 1 --sample-file "$work/plates.txt" \
    2>/dev/null >/dev/null
echo "Generated $SMALL permits in $(( $(date +%s) - started )) s" >&2
measure "$SMALL"

started=$(date +%s)
lotkeeper permits generate BENCH --count $(( LARGE - SMALL )) --zones 20 --seed 2 >/dev/null 2>&1
echo "Generated $(( LARGE - SMALL )) more permits in $(( $(date +%s) - started )) s" >&2
measure "$LARGE"
