#!/usr/bin/env bash
# Greenlight's overhead over doing the same steps by hand (docs/benchmarks.md, "Overhead of the loop").
#
#   bench/run-overhead.sh [PAIRS]     # PAIRS (default 5, at least 5) of each system, interleaved
#   BENCH_SKIP_SAMPLE=1 / BENCH_SKIP_OUTSIDE=1 leave one system out.
#
# Greenlight is the tool package built from this tree, installed into a temporary tool path
# (`greenlight run --json`, as a user who installed it calls it). Both systems run greenlight and
# the hand-made steps alternately, pair after pair:
#   outside: bench/fixtures/outside-api (one Python service, one `command` suite of ten ~1 s checks),
#            copied to a temp folder. By hand: start service.py on a free port, poll /health every
#            0.1 s, `sh suite.sh` against it, stop it.
#   sample:  greenlight.yaml at the repository root (build and start auth, backend and web, probe,
#            the 86-test E2E suite's tiers and the 4-test browser suite: 90 tests). By hand: the same
#            incremental builds, the three services started at once on free ports, /health polled,
#            the E2E exe per tier and the browser suite's exe in greenlight.yaml's order, services stopped.
# For every greenlight run the breakdown comes from its run folder (started.json, trail.jsonl,
# run.json): process start to the run's start, deploy, probes, proxies, tests, stop, and the end
# (record, history, outputs) to process exit.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. bench/lib.sh
pairs="${1:-5}"
[ "$pairs" -ge 5 ] || { echo "run-overhead: at least 5 pairs" >&2; exit 2; }
out="$(mktemp -d -t greenlight-overhead.XXXXXX)"
echo "run-overhead: writing to $out"

now() { date +%s.%N; }
ms() { awk "BEGIN{printf \"%d\", ($2 - $1) * 1000}"; }
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_healthy() { # url
  for _ in $(seq 1 600); do
    if curl -fs -o /dev/null --max-time 2 "$1/health"; then return 0; fi
    sleep 0.1
  done
  echo "run-overhead: $1 not healthy after 60 s" >&2
  return 1
}

# The tool, packed from this tree and installed where nothing else looks.
dotnet pack src/Greenlight.Cli -c Release -o "$out/artifacts" -nologo -clp:ErrorsOnly >/dev/null
cat >"$out/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="artifacts" value="$out/artifacts" /></packageSources></configuration>
XML
dotnet tool install --tool-path "$out/tools" --configfile "$out/nuget.config" Greenlight >/dev/null
greenlight="$out/tools/greenlight"
echo "run-overhead: $("$greenlight" --version)"
# The tool package is precompiled (ReadyToRun) for this platform: say so beside the figures.
echo "run-overhead: installed $(basename "$(dirname "$(find "$out/tools/.store" -name greenlight.dll | head -1)")") package"
for project in sample/AgentChat.Auth sample/AgentChat.Backend sample/AgentChat.Web sample/AgentChat.E2E sample/AgentChat.Web.E2E; do
  dotnet build "$project" -c Release -nologo -clp:ErrorsOnly >/dev/null
done
outside="$out/outside-api"
cp -r bench/fixtures/outside-api "$outside"

# breakdown LAUNCH END DIR RUNID → "start deploy probe proxy tests stop finish" in ms
breakdown() {
  /usr/bin/python3 - "$1" "$2" "$3/.greenlight/runs/$4" <<'PY'
import datetime, json, sys
launch, end, folder = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
run = json.load(open(folder + "/run.json"))
def at(text): return datetime.datetime.fromisoformat(text).timestamp()
trail = [(at(r["at"]), r["stage"], r["text"], r["ok"]) for r in map(json.loads, open(folder + "/trail.jsonl"))]
started, ended = at(run["started_at"]), at(run["ended_at"])
def first(stage, start=None, done=False):
    return next(t for t, s, x, ok in trail if s == stage and (start is None or x.startswith(start)) and (not done or ok is not None))
def last(stage): return [t for t, s, _, _ in trail if s == stage][-1]
deploy0 = min(t for t, s, _, _ in trail if s in ("build", "deploy")); probe0 = first("probe"); probe1 = [t for t, s, _, ok in trail if s == "probe" and ok is not None][-1]
proxy1 = last("proxy"); test0 = first("test", "running"); test1 = last("test"); stop1 = last("stop")
# start: process start, config, history, gates; deploy: the builds and starts to the last ready; probe: every probe;
# proxy: rollback check and the proxies' start; tests: every suite with its results read and proof;
# stop: liveness, analysis, last good, services stopped; end: record, history, outputs, process exit.
parts = [started - launch, probe0 - deploy0, probe1 - probe0, proxy1 - probe1, test1 - proxy1, stop1 - test1, end - stop1]
print(" ".join(str(int(p * 1000)) for p in parts), run["verdict"])
PY
}

greenlight_run() { # system dir [executable] → row
  local start end rc=0 json exe=${3:-$greenlight}
  json="$out/$1-$RANDOM.json"
  start="$(now)"
  (cd "$2" && "$exe" run --json >"$json" 2>"$json.err") || rc=$?
  end="$(now)"
  echo "$(ms "$start" "$end") $rc $(breakdown "$start" "$end" "$2" "$(jq -r .run_id "$json")")"
}

direct_outside() {
  local start end rc=0 port pid
  start="$(now)"
  port="$(free_port)"
  (cd "$outside" && exec /usr/bin/python3 service.py "$port") >"$out/outside-service.log" 2>&1 &
  pid=$!
  wait_healthy "http://127.0.0.1:$port"
  (cd "$outside" && GREENLIGHT_API_URL="http://127.0.0.1:$port" sh suite.sh) >"$out/outside-direct.log" 2>&1 || rc=$?
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  end="$(now)"
  echo "$(ms "$start" "$end") $rc"
}

direct_sample() {
  local start end rc=0 work pids=() auth_port backend_port web_port auth backend web t1 t2 t3 t4 t5
  work="$(mktemp -d -t overhead-direct.XXXXXX)"
  start="$(now)"
  for project in AgentChat.Auth AgentChat.Backend AgentChat.Web; do
    dotnet build "sample/$project" -c Release -nologo -clp:ErrorsOnly >>"$work/build.log"
  done
  t1="$(now)"
  for project in AgentChat.E2E AgentChat.Web.E2E; do
    dotnet build "sample/$project" -c Release -nologo -clp:ErrorsOnly >>"$work/build.log"
  done
  t2="$(now)"
  auth_port="$(free_port)"; backend_port="$(free_port)"; web_port="$(free_port)"
  auth="http://127.0.0.1:$auth_port"; backend="http://127.0.0.1:$backend_port"; web="http://127.0.0.1:$web_port"
  AGENTCHAT_DB="$work/auth.db" dotnet sample/AgentChat.Auth/bin/Release/net10.0/AgentChat.Auth.dll \
    --urls "$auth" >"$work/auth.log" 2>&1 &
  pids+=($!)
  AGENTCHAT_DB="$work/backend.db" AGENTCHAT_AUTH_URL="$auth" \
    dotnet sample/AgentChat.Backend/bin/Release/net10.0/AgentChat.Backend.dll --urls "$backend" >"$work/backend.log" 2>&1 &
  pids+=($!)
  AGENTCHAT_AUTH_URL="$auth" AGENTCHAT_BACKEND_URL="$backend" \
    dotnet sample/AgentChat.Web/bin/Release/net10.0/AgentChat.Web.dll --urls "$web" >"$work/web.log" 2>&1 &
  pids+=($!)
  wait_healthy "$auth"; wait_healthy "$backend"; wait_healthy "$web"
  t3="$(now)"
  # The order greenlight.yaml gives: p1-critical, p2-high, p2-web, p3-medium-high.
  export GREENLIGHT_AUTH_URL="$auth" GREENLIGHT_BACKEND_URL="$backend" GREENLIGHT_WEB_URL="$web"
  dotnet exec sample/AgentChat.E2E/bin/Release/net10.0/AgentChat.E2E.dll --filter-trait "Priority=P1" --no-progress >"$work/P1.log" 2>&1 || rc=$?
  dotnet exec sample/AgentChat.E2E/bin/Release/net10.0/AgentChat.E2E.dll --filter-trait "Priority=P2" --no-progress >"$work/P2.log" 2>&1 || rc=$?
  dotnet exec sample/AgentChat.Web.E2E/bin/Release/net10.0/AgentChat.Web.E2E.dll --filter-trait "Priority=P2" --no-progress >"$work/web.log" 2>&1 || rc=$?
  dotnet exec sample/AgentChat.E2E/bin/Release/net10.0/AgentChat.E2E.dll --filter-trait "Priority=P3" --no-progress >"$work/P3.log" 2>&1 || rc=$?
  unset GREENLIGHT_AUTH_URL GREENLIGHT_BACKEND_URL GREENLIGHT_WEB_URL
  t4="$(now)"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  end="$(now)"
  if [ "$rc" -ne 0 ]; then cp -r "$work" "$out/direct-failed-$RANDOM"; fi
  rm -rf "$work"
  # service builds, test-project builds, start to healthy, the suites, stop
  echo "$(ms "$start" "$end") $rc $(ms "$start" "$t1") $(ms "$t1" "$t2") $(ms "$t2" "$t3") $(ms "$t3" "$t4") $(ms "$t4" "$end")"
}

# Same values as greenlight.yaml's development defaults; the think time is the backend's default.
unset AGENTCHAT_THINK_MS AGENTCHAT_FAULT AGENTCHAT_AUTH_FAULT
export AGENTCHAT_JWT_KEY="${AGENTCHAT_JWT_KEY:-greenlight-demo-jwt-key-change-me-0123456789}"
export AGENTCHAT_E2E_BYPASS_KEY="${AGENTCHAT_E2E_BYPASS_KEY:-greenlight-demo-bypass-key}"
export AGENTCHAT_SERVICE_SECRET="${AGENTCHAT_SERVICE_SECRET:-greenlight-demo-service-secret}"

report() { # system rows-file
  local g=() d=() r=() x=() f=() s
  while read -r side wall rc rest; do
    case $side in greenlight) g+=("$wall") ;; by-hand) d+=("$wall") ;; esac
  done <"$2"
  for i in "${!g[@]}"; do
    r+=("$(awk "BEGIN{printf \"%.3f\", ${g[$i]} / ${d[$i]}}")")
    x+=("$(( g[i] - d[i] ))")
  done
  echo "$1: greenlight wall ms $(bench_stats "${g[@]}")"
  echo "$1: by hand wall ms    $(bench_stats "${d[@]}")"
  echo "$1: ratio per pair     $(bench_stats "${r[@]}")"
  echo "$1: difference ms      $(bench_stats "${x[@]}")"
  for s in 4 5 6 7 8 9 10; do
    f=()
    while read -r side wall rc rest; do [ "$side" = greenlight ] && f+=("$(echo "$wall $rc $rest" | cut -d' ' -f"$((s - 1))")"); done <"$2"
    echo "$1: greenlight $(echo "start-to-run deploy probe proxy tests stop end-to-exit" | cut -d' ' -f"$((s - 3))") ms $(bench_stats "${f[@]}")"
  done
  [ "$1" = sample ] || return 0
  for s in 4 5 6 7 8; do
    f=()
    while read -r side wall rc rest; do [ "$side" = by-hand ] && f+=("$(echo "$wall $rc $rest" | cut -d' ' -f"$((s - 1))")"); done <"$2"
    echo "$1: by hand $(echo "service-builds test-builds start-to-healthy suites stop" | cut -d' ' -f"$((s - 3))") ms $(bench_stats "${f[@]}")"
  done
}

bench_start run-overhead
for system in outside sample; do
  [ "$system" = outside ] && [ -n "${BENCH_SKIP_OUTSIDE:-}" ] && continue
  [ "$system" = sample ] && [ -n "${BENCH_SKIP_SAMPLE:-}" ] && continue
  rows="$out/$system.rows"
  : >"$rows"
  dir=$([ "$system" = outside ] && echo "$outside" || echo "$root")
  for i in $(seq 1 "$pairs"); do
    row="greenlight $(greenlight_run "$system" "$dir")"; echo "$system pair $i: $row (load $(bench_load1))"; echo "$row" >>"$rows"
    row="by-hand $(direct_$system)"; echo "$system pair $i: $row (load $(bench_load1))"; echo "$row" >>"$rows"
  done
  echo "columns: greenlight wall_ms exit start-to-run deploy probe proxy tests stop end-to-exit verdict"
  echo "         by-hand wall_ms exit [service-builds test-builds start-to-healthy suites stop]"
  report "$system" "$rows"
done
bench_end
