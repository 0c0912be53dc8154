#!/usr/bin/env bash
# Benchmarks the AgentChat WebSocket path: builds, starts auth + backend on free loopback ports
# (think time 0), drives them with AgentChat.Bench at a few socket counts, and writes the figures
# as a table for docs/benchmarks.md, "AgentChat WebSocket path".
# Usage: bench/agentchat-ws.sh   (env: SIZES="1000 2000 3000 5000", RATE=50, SECONDS_PER_SIZE=30,
#        SOCKETS_PER_USER=10, PIN=1: the services on CPU 0 and the load generator on CPU 1, taskset;
#        COUNTERS=1: the backend's runtime counters from dotnet-counters, installed into a temp folder)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

sizes=${SIZES:-1000 2000 3000 5000}
pin=${PIN:-1}
server_cpu=(); generator_cpu=()
if [ "$pin" = 1 ] && [ "$(nproc)" -ge 2 ]; then server_cpu=(taskset -c 0); generator_cpu=(taskset -c 1); fi
rate=${RATE:-50}
duration=${SECONDS_PER_SIZE:-30}
per_user=${SOCKETS_PER_USER:-10}
[ "$duration" -le 60 ] || { echo "SECONDS_PER_SIZE must be <= 60" >&2; exit 2; }

# Every socket is a descriptor on both ends, and both ends run on this machine.
ulimit -n "$(ulimit -Hn)"
echo "bench: fd limit $(ulimit -n)"

dotnet build sample/AgentChat.Auth -c Release -nologo -clp:ErrorsOnly
dotnet build sample/AgentChat.Backend -c Release -nologo -clp:ErrorsOnly
dotnet build bench/AgentChat.Bench -c Release -nologo -clp:ErrorsOnly

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

export AGENTCHAT_JWT_KEY=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export AGENTCHAT_E2E_BYPASS_KEY=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')

# start NAME DLL LOG [VAR=VALUE...]: starts a service on port 0 and prints its address. It runs in
# a command substitution, so its pid goes to LOG.pid for the caller (stopped after each size).
start() {
  local name=$1 dll=$2 log=$3; shift 3
  env "$@" "${server_cpu[@]}" dotnet "$dll" --urls http://127.0.0.1:0 >"$log" 2>&1 &
  echo $! >"$log.pid"
  for _ in $(seq 1 600); do
    local address
    address=$(grep -m1 '"message":"listening on' "$log" | jq -r .address 2>/dev/null || true)
    if [ -n "$address" ]; then echo "$address"; return 0; fi
    sleep 0.1
  done
  echo "bench: $name did not start; last log lines:" >&2; tail -5 "$log" >&2; return 1
}

# summarise_counters CSV SIZE: the backend's GC and thread-pool figures over the load.
summarise_counters() {
  [ -s "$1" ] || { echo "bench: no counters for $2 sockets"; return 0; }
  python3 - "$1" "$2" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
series = {}
for row in rows[1:]:
    if len(row) >= 5:
        try: series.setdefault(row[2], []).append(float(row[4]))
        except ValueError: pass
for key in sorted(series):
    if any(word in key for word in ("gc.pause.time", "gc.collections", "gc.heap.total_allocated", "thread_pool.queue.length",
                                    "thread_pool.thread.count", "memory.working_set", "lock_contentions", "cpu.time")):
        values = series[key]
        print(f"counters {sys.argv[2]} sockets: {key}: max {max(values):.4g}, mean {sum(values) / len(values):.4g} over {len(values)} s")
PY
}

counters_tool=""
if [ -n "${COUNTERS:-}" ]; then
  dotnet tool install --tool-path "$work/tools" dotnet-counters >/dev/null && counters_tool="$work/tools/dotnet-counters"
fi

results="$work/results.jsonl"
bench_start agentchat-ws
echo "bench: pinned: ${pin} (services: ${server_cpu[*]:-any CPU}; generator: ${generator_cpu[*]:-any CPU})"
for size in $sizes; do
  dir="$work/$size"; mkdir -p "$dir"
  auth=$(start auth sample/AgentChat.Auth/bin/Release/net10.0/AgentChat.Auth.dll "$dir/auth.log" AGENTCHAT_DB="$dir/auth.db")
  backend=$(start backend sample/AgentChat.Backend/bin/Release/net10.0/AgentChat.Backend.dll "$dir/backend.log" \
    AGENTCHAT_DB="$dir/backend.db" AGENTCHAT_THINK_MS=0 AGENTCHAT_MAX_CONNECTIONS=$((size + 100)) AGENTCHAT_AUTH_URL="$auth")
  pids=("$(cat "$dir/auth.log.pid")" "$(cat "$dir/backend.log.pid")")
  counters=""
  if [ -n "$counters_tool" ]; then
    # The backend's runtime counters (GC pauses and collections, thread pool queue) while the load runs.
    # A background job ignores SIGINT here, so the collector stops by itself when the load is over.
    "$counters_tool" collect --process-id "${pids[1]}" --counters System.Runtime --refresh-interval 1 \
      --duration "$(t=$((duration + 30)); printf '00:00:%02d:%02d' $((t / 60)) $((t % 60)))" --format csv --output "$dir/counters.csv" >/dev/null 2>&1 &
    counters=$!
  fi
  echo "bench: $size sockets against $backend (auth $auth), $rate runs/s for ${duration}s"
  set +e
  timeout $((duration + 180)) "${generator_cpu[@]}" dotnet bench/AgentChat.Bench/bin/Release/net10.0/AgentChat.Bench.dll \
    --backend "$backend" --auth "$auth" --sockets "$size" --sockets-per-user "$per_user" --rate "$rate" --seconds "$duration" | tail -1 | tee -a "$results"
  status=${PIPESTATUS[0]}
  set -e
  echo "bench: exit $status"
  if [ -n "$counters" ]; then
    wait "$counters" 2>/dev/null || true
    summarise_counters "$dir/counters.csv" "$size"
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pids=()
done

bench_end
echo
echo "| sockets held | runs/s | s | runs sent | runs complete | events | p50 ms | p99 ms | max ms | lost runs | seq gaps | duplicates | misdelivered | error events |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
jq -r '"| \(.socketsHeld)/\(.sockets) | \(.runsPerSecond) | \(.seconds) | \(.runsSent) | \(.runsComplete) | \(.events) | \(.p50Ms) | \(.p99Ms) | \(.maxMs) | \(.runsLost) | \(.gaps) | \(.duplicates + .afterTerminal) | \(.misdelivered) | \(.errorEvents) |"' "$results"
echo
echo "Target: 5,000 sockets, p99 at most 20 ms, zero lost, duplicated, out-of-order or misdelivered events."
jq -r '"- \(.sockets) sockets: integrity \(if (.runsLost + .gaps + .duplicates + .afterTerminal + .misdelivered + .errorEvents) == 0 then "clean" else "NOT clean" end); p99 \(.p99Ms) ms: \(if .p99Ms <= 20 then "met" else "not met" end)."' "$results"
