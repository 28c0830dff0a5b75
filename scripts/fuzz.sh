#!/usr/bin/env bash
# Runs the permits API fuzz test with 100000 generated bodies per endpoint (400000 in all) against SQLite.
# Usage: scripts/fuzz.sh [COUNT_PER_ENDPOINT] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
export LOTKEEPER_FUZZ_COUNT="${1:-100000}"
export LOTKEEPER_FUZZ_SEED="${2:-20260615}"
echo "Fuzzing with $LOTKEEPER_FUZZ_COUNT bodies per endpoint, seed $LOTKEEPER_FUZZ_SEED" >&2
# The server logs one line per rejected request; only warnings and errors are printed here.
export Logging__Console__LogLevel__Default=Warning
dotnet test tests/Lotkeeper.Tests --filter "FullyQualifiedName~SqliteFuzzTests" --logger "console;verbosity=normal"
