#!/usr/bin/env bash
# Benchmarks Lotkeeper against a minimal Kestrel baseline on loopback and prints one table:
# scenario, requests/s, p50 and p99 latency, Lotkeeper/baseline ratio, peak RSS.
#
# Usage: bench/run.sh [seconds per scenario, default 15]
# Environment: CONNECTIONS (default 64), THREADS (wrk threads, default 2), PERMITS (stored permits for the lookup
# and stats scenarios, default 1000000), SCENARIOS (which scenario groups run, default all
# of "baseline sqlite postgres lookup"; the ratio column needs baseline).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
duration=${1:-15}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
permits=${PERMITS:-1000000}
groups=" ${SCENARIOS:-baseline sqlite postgres lookup} "
export LOTKEEPER_THREADS=$threads

# wanted GROUP: true when GROUP is among the groups to run.
wanted() { [[ $groups == *" $1 "* ]]; }

if ! command -v wrk >/dev/null; then
    echo "Installing wrk." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

echo "Building Release." >&2
dotnet build -c Release -v quiet -nologo src/Lotkeeper >/dev/null
dotnet build -c Release -v quiet -nologo bench/Baseline >/dev/null
lotkeeper="$root/src/Lotkeeper/bin/Release/net10.0/lotkeeper.dll"
baseline="$root/bench/Baseline/bin/Release/net10.0/Baseline.dll"

work=$(mktemp -d /tmp/lotkeeper-bench.XXXXXX)
chmod 755 "$work"
server_pid=""
pg_bin=""
pg_data=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    if [ -n "$pg_data" ]; then as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_live() {
    for _ in $(seq 1 300); do
        curl -sf "http://127.0.0.1:$1/health/live" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "The server on port $1 did not start." >&2
    return 1
}

# start_server NAME ARGS...: starts dotnet with ARGS in $work/NAME, sets server_pid and port.
start_server() {
    local name=$1
    shift
    mkdir -p "$work/$name"
    port=$(free_port)
    (cd "$work/$name" && exec dotnet "$@" --urls "http://127.0.0.1:$port" >"$work/$name/stdout" 2>"$work/$name/stderr") &
    server_pid=$!
    wait_live "$port"
}

stop_server() {
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
}

peak_rss_mb() {
    awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$server_pid/status"
}

# run_wrk SCRIPT URL [CONNECTIONS]: a warm-up, then the measured run; prints "rps p50 p99 errors". The warm-up lasts
# 5 seconds because under full load the runtime's tiered compiler was still recompiling hot methods 10 seconds in.
run_wrk() {
    local clients=${3:-$connections}
    cat "bench/wrk/$1.lua" bench/wrk/report.lua >"$work/script.lua"
    LOTKEEPER_WARMUP=1 wrk -t"$threads" -c"$clients" -d5s --timeout 30s -s "$work/script.lua" "$2" >/dev/null 2>&1 || true
    wrk -t"$threads" -c"$clients" -d"${duration}s" --timeout 30s -s "$work/script.lua" "$2" 2>&1 \
        | awk '/^RESULT/ { print $2, $3, $4, $5 }'
}

rows=()
push_rss="-"
# Rate limiting is off: the benchmark drives one token far past any sensible per-token limit on purpose.
unlimited="--Lotkeeper:RateLimit:PermitsPerSecond=0"
# record SCENARIO "rps p50 p99 errors" BASELINE_RPS RSS
record() {
    read -r rps p50 p99 errors <<<"$2"
    local ratio="-"
    if [ -n "$3" ] && [ "$3" != "-" ]; then ratio=$(python3 -c "print(f'{$rps / $3:.2f}')"); fi
    rows+=("$(printf '| %s | %s | %s | %s | %s | %s | %s |' "$1" "$rps" "$p50" "$p99" "$ratio" "$4" "$errors")")
}

demo_token() {
    for _ in $(seq 1 100); do
        local token
        token=$(awk '/^DEMO token:/ { print $3 }' "$work/$1/stdout")
        [ -n "$token" ] && { echo "$token"; return 0; }
        sleep 0.1
    done
    return 1
}

# Baseline: the same request shapes with no storage.
base_rps="-"
base_get_rps="-"
if wanted baseline; then
    echo "Baseline." >&2
    start_server baseline "$baseline"
    export LOTKEEPER_TOKEN=baseline
    base_push=$(run_wrk push "http://127.0.0.1:$port")
    record "baseline POST" "$base_push" "-" "$(peak_rss_mb)"
    base_rps=$(echo "$base_push" | cut -d' ' -f1)
    base_get=$(LOTKEEPER_PLATES=1000 run_wrk lookup "http://127.0.0.1:$port")
    record "baseline GET" "$base_get" "-" "$(peak_rss_mb)"
    base_get_rps=$(echo "$base_get" | cut -d' ' -f1)
    stop_server
fi

# Push on SQLite with durable commits, then update and delete the permits it created.
if wanted sqlite; then
    echo "Push, update and delete on SQLite." >&2
    start_server sqlite "$lotkeeper" serve "$unlimited"
    export LOTKEEPER_TOKEN=$(demo_token sqlite)
    record "push, SQLite" "$(run_wrk push "http://127.0.0.1:$port")" "$base_rps" "$(peak_rss_mb)"
    push_rss=$(peak_rss_mb)
    stop_server

    # Updates and deletes need live permits that no other request touches: 300 thousand generated ones, more than
    # the delete run gets through, so that every delete finds a live permit.
    sqlite_db="Data Source=$work/sqlite/data/lotkeeper.db"
    dotnet "$lotkeeper" permits generate DEMO --count 300000 --running-percent 100 --connection-string "$sqlite_db" \
        >/dev/null 2>&1
    dotnet "$lotkeeper" permits list DEMO --limit 300000 --json --connection-string "$sqlite_db" \
        | python3 -c 'import json, sys; [print(p["referenceId"]) for p in json.load(sys.stdin)]' >"$work/references"
    export LOTKEEPER_REFERENCES="$work/references"
    start_server sqlite "$lotkeeper" serve "$unlimited"
    record "update, SQLite" "$(run_wrk update "http://127.0.0.1:$port")" "$base_rps" "$(peak_rss_mb)"
    record "delete, SQLite" "$(run_wrk delete "http://127.0.0.1:$port")" "$base_rps" "$(peak_rss_mb)"
    stop_server
fi

# Push on PostgreSQL: a throwaway cluster on a free loopback port.
if wanted postgres; then
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; then
        echo "Push on PostgreSQL." >&2
        mkdir -p "$work/pg"
        [ "$(id -u)" = 0 ] && chown postgres "$work/pg"
        pg_data="$work/pg/data"
        pg_port=$(free_port)
        as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
        as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg/log" -w \
            -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$work/pg" start >/dev/null
        start_server postgres "$lotkeeper" serve "$unlimited" --provider postgresql \
            --connection-string "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
        export LOTKEEPER_TOKEN=$(demo_token postgres)
        record "push, PostgreSQL" "$(run_wrk push "http://127.0.0.1:$port")" "$base_rps" "$(peak_rss_mb)"
        stop_server
    else
        echo "PostgreSQL server binaries not found; skipping the PostgreSQL scenario." >&2
    fi
fi

# Lookups and stats on a database filled by the generator (large transactions, not HTTP pushes): first 10 thousand
# permits, then 1 million, every one running now, spread over 100 zones.
if wanted lookup; then
    echo "Lookups at 10 thousand permits." >&2
    big="Data Source=$work/big/data/lotkeeper.db"
    mkdir -p "$work/big"
    cli() { (cd "$work/big" && dotnet "$lotkeeper" "$@" --connection-string "$big"); }
    cli clients add DEMO --name "Benchmark" --zone-policy auto-create >/dev/null
    export LOTKEEPER_TOKEN=$(cli tokens issue DEMO --name bench --permissions all)
    generate() {
        cli permits generate DEMO --count "$1" --first-number "$2" --zones 100 --running-percent 100 \
            --plate-prefix GEN --seed 7 >/dev/null 2>&1
    }
    small=10000
    generate "$small" 0
    start_server big "$lotkeeper" serve "$unlimited" --Lotkeeper:Bootstrap:CreateDemoClient=false
    small_lookup=$(LOTKEEPER_PLATES=$small run_wrk lookup "http://127.0.0.1:$port")
    record "lookup, 10 thousand permits" "$small_lookup" "$base_get_rps" "$(peak_rss_mb)"
    stop_server

    echo "Lookups, stats and mixed at $permits permits (generating them takes a few minutes)." >&2
    generate $((permits - small)) "$small"
    start_server big "$lotkeeper" serve "$unlimited" --Lotkeeper:Bootstrap:CreateDemoClient=false
    export LOTKEEPER_PLATES=$permits
    large_lookup=$(run_wrk lookup "http://127.0.0.1:$port")
    record "lookup, $permits permits" "$large_lookup" "$base_get_rps" "$(peak_rss_mb)"
    cli permits list DEMO --limit 20000 --json \
        | python3 -c 'import json, sys; [print(p["referenceId"]) for p in json.load(sys.stdin)]' >"$work/big-references"
    export LOTKEEPER_REFERENCES="$work/big-references"
    record "mixed 70/25/5, $permits permits" "$(run_wrk mixed "http://127.0.0.1:$port")" "$base_get_rps" "$(peak_rss_mb)"
    # Stats reads the kept counts (per-zone totals plus the marks since the last compaction), so it runs with the
    # same connections as the other scenarios. generate compacts the counts once at its end.
    record "stats, $permits permits in 100 zones" "$(run_wrk stats "http://127.0.0.1:$port")" \
        "$base_rps" "$(peak_rss_mb)"
    stop_server
fi

echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB; wrk -t$threads -c$connections -d${duration}s."
echo
echo "Peak RSS of the SQLite server during the push run: ${push_rss} MB."
echo
echo "| Scenario | Requests/s | p50 ms | p99 ms | Lotkeeper/baseline | Peak RSS MB | Non-2xx or errors |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
if wanted lookup; then
    echo
    python3 - "$small_lookup" "$large_lookup" "$permits" <<'RATIO'
import sys
small, large = (line.split() for line in sys.argv[1:3])
print(f"Lookup latency at {sys.argv[3]} permits over that at 10 thousand: "
      f"p50 {float(large[1]) / float(small[1]):.2f}, p99 {float(large[2]) / float(small[2]):.2f}")
RATIO
fi
