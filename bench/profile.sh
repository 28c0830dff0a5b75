#!/usr/bin/env bash
# Profiles one benchmark scenario: starts a Release build of Lotkeeper on 127.0.0.1, drives it with wrk at 64
# connections, samples the server with perf while the load runs, and prints where its CPU time goes.
#
# Usage: bench/profile.sh push|lookup|push-postgres [seconds sampled, default 10]
# push and lookup run on SQLite; push-postgres on a throwaway PostgreSQL cluster on a free loopback port.
# Prints requests/s, and the server's CPU time and bytes written per request, read from /proc. For push-postgres it
# adds the CPU time of the PostgreSQL processes per request and what their busy backends waited on, sampled each
# second. Then come the share of samples per binary (kernel, JIT-compiled .NET code, the .NET runtime, SQLite), the
# hottest functions by their own samples, and the kernel system calls by samples including their callees.
# Needs perf (Debian package linux-perf; installed when missing) and permission to sample other processes (root).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scenario=${1:-push}
seconds=${2:-10}
case "$scenario" in
    push | lookup | push-postgres) ;;
    *) echo "Unknown scenario '$scenario': use push, lookup or push-postgres." >&2; exit 2 ;;
esac

for tool in wrk perf; do
    if ! command -v "$tool" >/dev/null; then
        package=$tool
        [ "$tool" = perf ] && package=linux-perf
        echo "Installing $package." >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
    fi
done

echo "Building Release." >&2
dotnet build -c Release -v quiet -nologo src/Lotkeeper >/dev/null
lotkeeper="$root/src/Lotkeeper/bin/Release/net10.0/lotkeeper.dll"

work=$(mktemp -d /tmp/lotkeeper-profile.XXXXXX)
server_pid=""
wrk_pid=""
pg_bin=""
pg_data=""
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
    [ -n "$wrk_pid" ] && kill "$wrk_pid" 2>/dev/null || true
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    if [ -n "$pg_data" ]; then as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
cli() { dotnet "$lotkeeper" "$@" >/dev/null 2>&1; }
serve_args=(serve --urls "http://127.0.0.1:$port" --Lotkeeper:RateLimit:PermitsPerSecond=0)
if [ "$scenario" = lookup ]; then
    # Lookups read 20 thousand generated running permits with a token made for the run.
    cli clients add DEMO --name Profile --zone-policy auto-create
    export LOTKEEPER_TOKEN
    LOTKEEPER_TOKEN=$(dotnet "$lotkeeper" tokens issue DEMO --name profile --permissions all)
    cli permits generate DEMO --count 20000 --zones 100 --running-percent 100 --plate-prefix GEN --seed 7
    export LOTKEEPER_PLATES=20000
    serve_args+=(--Lotkeeper:Bootstrap:CreateDemoClient=false)
fi
if [ "$scenario" = push-postgres ]; then
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
        echo "PostgreSQL server binaries not found: install the postgresql package." >&2
        exit 1
    fi
    chmod 755 "$work"
    mkdir -p "$work/pg"
    [ "$(id -u)" = 0 ] && chown postgres "$work/pg"
    pg_data="$work/pg/data"
    pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    as_postgres "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
    as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg/log" -w \
        -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$work/pg" start >/dev/null
    serve_args+=(--provider postgresql
        --connection-string "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres")
fi

# pg_ticks: CPU ticks used so far by the PostgreSQL cluster's processes, or 0 without one.
pg_ticks() {
    [ -n "$pg_data" ] || { echo 0; return; }
    local postmaster
    postmaster=$(head -n 1 "$pg_data/postmaster.pid")
    for pid in "$postmaster" $(pgrep -P "$postmaster"); do
        awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || true
    done | awk '{ n += $1 } END { print n + 0 }'
}

# The perf map lets perf name JIT-compiled methods; without write-xor-execute the code sits in mappings perf reads.
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 dotnet "$lotkeeper" "${serve_args[@]}" >stdout 2>stderr &
server_pid=$!
for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$port/health/live" >/dev/null 2>&1 && break
    sleep 0.1
done
if [ "$scenario" != lookup ]; then
    export LOTKEEPER_TOKEN
    LOTKEEPER_TOKEN=$(awk '/^DEMO token:/ { print $3 }' stdout)
fi

cat "$root/bench/wrk/${scenario%-postgres}.lua" "$root/bench/wrk/report.lua" >script.lua
# Load runs 10 seconds before sampling starts, so that the tiered compiler has settled, and 2 seconds after it ends.
wrk -t2 -c64 -d"$((seconds + 12))s" --timeout 30s -s script.lua "http://127.0.0.1:$port" >wrk.out 2>&1 &
wrk_pid=$!
sleep 10
read -r cpu0 < <(awk '{ print $14 + $15 }' "/proc/$server_pid/stat")
read -r bytes0 < <(awk '/^wchar/ { print $2 }' "/proc/$server_pid/io")
read -r done0 < <(curl -s "http://127.0.0.1:$port/metrics" | awk '/^http_server_request_duration_seconds_count/ { n += $2 } END { print n + 0 }')
pg0=$(pg_ticks)
if [ -n "$pg_data" ]; then
    for _ in $(seq 1 "$seconds"); do
        sleep 1
        as_postgres "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -Atc \
            "SELECT coalesce(wait_event_type || '/' || wait_event, 'running') FROM pg_stat_activity
             WHERE backend_type = 'client backend' AND state = 'active' AND pid <> pg_backend_pid()"
    done >waits &
    sampler_pid=$!
fi
perf record -q -F 999 -g -p "$server_pid" -o perf.data -- sleep "$seconds" >/dev/null 2>&1
read -r cpu1 < <(awk '{ print $14 + $15 }' "/proc/$server_pid/stat")
read -r bytes1 < <(awk '/^wchar/ { print $2 }' "/proc/$server_pid/io")
read -r done1 < <(curl -s "http://127.0.0.1:$port/metrics" | awk '/^http_server_request_duration_seconds_count/ { n += $2 } END { print n + 0 }')
pg1=$(pg_ticks)
wait "$wrk_pid" || true
wrk_pid=""

ticks=$(getconf CLK_TCK)
python3 - "$((done1 - done0))" "$seconds" "$((cpu1 - cpu0))" "$ticks" "$((bytes1 - bytes0))" "$((pg1 - pg0))" <<'SUMMARY'
import sys
requests, seconds, ticks, per_second, written, pg = (int(value) for value in sys.argv[1:])
print(f"Requests/s while sampled: {requests / seconds:.0f}")
print(f"Server CPU time per request: {ticks / per_second / requests * 1e6:.0f} us")
print(f"Bytes written per request (files and sockets): {written / requests:.0f}")
if pg:
    print(f"PostgreSQL CPU time per request: {pg / per_second / requests * 1e6:.0f} us")
SUMMARY
if [ -n "$pg_data" ]; then
    wait "$sampler_pid"
    echo
    echo "Busy PostgreSQL backends per sample, by wait event ('running' is on CPU), over $seconds samples:"
    sort waits | uniq -c | sort -rn | awk -v n="$seconds" '{ printf "  %5.1f  %s\n", $1 / n, $2 }'
fi

# perf stops with SIGPIPE when head has read enough, so these pipelines may fail without anything being wrong.
report() { perf report -i perf.data --stdio --no-children -g none "$@" 2>/dev/null | grep -v '^#' | grep -v '^$' || true; }
echo
echo "Samples per binary ([JIT] is compiled .NET code):"
report --sort dso | head -8 || true
echo
echo "Hottest functions by their own samples:"
report --sort sym | head -25 | cut -c1-160 || true
echo
echo "Kernel system calls, with their callees:"
perf report -i perf.data --stdio --children -g none --sort sym 2>/dev/null | grep '__x64_sys_' | head -8 || true
