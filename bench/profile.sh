#!/usr/bin/env bash
# Profiles one benchmark scenario on SQLite: starts a Release build of Lotkeeper on 127.0.0.1, drives it with wrk at
# 64 connections, samples the server with perf while the load runs, and prints where its CPU time goes.
#
# Usage: bench/profile.sh push|lookup [seconds sampled, default 10]
# Prints: requests/s; the server's CPU time and bytes written per request (from /proc); the share of samples per
# binary (kernel, JIT-compiled .NET code, the .NET runtime, SQLite); the hottest functions by their own samples; and
# the kernel system calls by samples including their callees.
# Needs perf (Debian package linux-perf; installed when missing) and permission to sample other processes (root).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scenario=${1:-push}
seconds=${2:-10}
case "$scenario" in
    push | lookup) ;;
    *) echo "Unknown scenario '$scenario': use push or lookup." >&2; exit 2 ;;
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
cleanup() {
    [ -n "$wrk_pid" ] && kill "$wrk_pid" 2>/dev/null || true
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
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

# The perf map lets perf name JIT-compiled methods; without write-xor-execute the code sits in mappings perf reads.
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 dotnet "$lotkeeper" "${serve_args[@]}" >stdout 2>stderr &
server_pid=$!
for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$port/health/live" >/dev/null 2>&1 && break
    sleep 0.1
done
if [ "$scenario" = push ]; then
    export LOTKEEPER_TOKEN
    LOTKEEPER_TOKEN=$(awk '/^DEMO token:/ { print $3 }' stdout)
fi

cat "$root/bench/wrk/$scenario.lua" "$root/bench/wrk/report.lua" >script.lua
# Load runs 10 seconds before sampling starts, so that the tiered compiler has settled, and 2 seconds after it ends.
wrk -t2 -c64 -d"$((seconds + 12))s" --timeout 30s -s script.lua "http://127.0.0.1:$port" >wrk.out 2>&1 &
wrk_pid=$!
sleep 10
read -r cpu0 < <(awk '{ print $14 + $15 }' "/proc/$server_pid/stat")
read -r bytes0 < <(awk '/^wchar/ { print $2 }' "/proc/$server_pid/io")
read -r done0 < <(curl -s "http://127.0.0.1:$port/metrics" | awk '/^http_server_request_duration_seconds_count/ { n += $2 } END { print n + 0 }')
perf record -q -F 999 -g -p "$server_pid" -o perf.data -- sleep "$seconds" >/dev/null 2>&1
read -r cpu1 < <(awk '{ print $14 + $15 }' "/proc/$server_pid/stat")
read -r bytes1 < <(awk '/^wchar/ { print $2 }' "/proc/$server_pid/io")
read -r done1 < <(curl -s "http://127.0.0.1:$port/metrics" | awk '/^http_server_request_duration_seconds_count/ { n += $2 } END { print n + 0 }')
wait "$wrk_pid" || true
wrk_pid=""

ticks=$(getconf CLK_TCK)
python3 - "$((done1 - done0))" "$seconds" "$((cpu1 - cpu0))" "$ticks" "$((bytes1 - bytes0))" <<'SUMMARY'
import sys
requests, seconds, ticks, per_second, written = (int(value) for value in sys.argv[1:])
print(f"Requests/s while sampled: {requests / seconds:.0f}")
print(f"Server CPU time per request: {ticks / per_second / requests * 1e6:.0f} us")
print(f"Bytes written per request (files and sockets): {written / requests:.0f}")
SUMMARY

report() { perf report -i perf.data --stdio --no-children -g none "$@" 2>/dev/null | grep -v '^#' | grep -v '^$'; }
echo
echo "Samples per binary ([JIT] is compiled .NET code):"
report --sort dso | head -8
echo
echo "Hottest functions by their own samples:"
report --sort sym | head -25 | cut -c1-160
echo
echo "Kernel system calls, with their callees:"
perf report -i perf.data --stdio --children -g none --sort sym 2>/dev/null | grep '__x64_sys_' | head -8
