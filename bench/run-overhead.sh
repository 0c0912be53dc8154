#!/usr/bin/env bash
# Greenlight's overhead over running the same suites directly (issue 4, "Speed"; docs/benchmarks.md,
# "Overhead over the runner").
#
#   bench/run-overhead.sh [RUNS]        # RUNS (default 3) of each side, interleaved
#   BENCH_SKIP_PYTEST=1 bench/run-overhead.sh
#
# Sample (greenlight.yaml at the repo root, all three priority tiers):
#   greenlight: `dotnet greenlight.dll run` (Release build of src/Greenlight.Cli, started directly so
#               `dotnet run`'s own build check is not counted); its phases come from run.json.
#   direct:     what a developer does by hand, the way sample/run-e2e.sh does it: the same incremental
#               builds (auth, backend, E2E), start auth and backend at once on free ports with the same
#               environment as greenlight.yaml, poll /health every 0.1 s, then
#               `dotnet exec AgentChat.E2E.dll --filter-trait Priority=P1|P2|P3`, then stop them.
# Pytest (tests/Greenlight.Cli.Tests/TestData/pytest-project, copied to a temp folder):
#   greenlight run there vs start service.py, poll /health, `/usr/bin/python3 -m pytest tests`, stop.
# Everything is built once before measuring; every measured build is then a no-op incremental build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
runs="${1:-3}"
out="$(mktemp -d -t greenlight-overhead.XXXXXX)"
cli="$root/src/Greenlight.Cli/bin/Release/net10.0/greenlight.dll"
e2e="$root/sample/AgentChat.E2E/bin/Release/net10.0/AgentChat.E2E.dll"
tsv="$out/results.tsv"
echo "run-overhead: writing to $out"

now() { date +%s.%N; }
ms() { awk "BEGIN{printf \"%d\", ($2 - $1) * 1000}"; }
load() { cut -d' ' -f1 /proc/loadavg; }
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_healthy() { # url
  for _ in $(seq 1 600); do
    if curl -fs -o /dev/null --max-time 2 "$1/health"; then return 0; fi
    sleep 0.1
  done
  echo "run-overhead: $1 not healthy after 60 s" >&2
  return 1
}
row() { printf '%s\n' "$*" | tr ' ' '\t' >>"$tsv"; }

for project in sample/AgentChat.Auth sample/AgentChat.Backend sample/AgentChat.E2E src/Greenlight.Cli; do
  dotnet build "$project" -c Release -nologo -clp:ErrorsOnly >/dev/null
done

# Same values as greenlight.yaml's development defaults; the think time is the backend's default.
unset AGENTCHAT_THINK_MS AGENTCHAT_FAULT AGENTCHAT_AUTH_FAULT
export AGENTCHAT_JWT_KEY="${AGENTCHAT_JWT_KEY:-greenlight-demo-jwt-key-change-me-0123456789}"
export AGENTCHAT_E2E_BYPASS_KEY="${AGENTCHAT_E2E_BYPASS_KEY:-greenlight-demo-bypass-key}"
export AGENTCHAT_SERVICE_SECRET="${AGENTCHAT_SERVICE_SECRET:-greenlight-demo-service-secret}"

greenlight_sample() { # run number
  local start end rc=0 json="$out/greenlight-$1.json" l
  l="$(load)"
  start="$(now)"
  dotnet "$cli" run --json >"$json" 2>"$out/greenlight-$1.err" || rc=$?
  end="$(now)"
  /usr/bin/python3 - "$json" "$1" "$(ms "$start" "$end")" "$rc" "$l" >>"$tsv" <<'EOF'
import json, sys
path, run, wall, rc, load = sys.argv[1:]
r = json.load(open(path))
t = r["timings"]
def total(kind): return sum(c.get("duration_ms", 0) for c in r["commands"] if c["kind"] == kind)
tests = [c.get("duration_ms", 0) for c in r["commands"] if c["kind"] == "test"]
print("\t".join(map(str, ["greenlight", run, load, rc, r["verdict"], wall, total("build"), total("start"),
    t["deploy_ms"], t["probe_ms"], t["tests_ms"], *tests])))
EOF
}

direct_sample() { # run number
  local start end l work pids=() auth_port backend_port b0 b1 s0 s1 tiers=() rc=0 t0 t1 e0 e1 ebuild
  l="$(load)"
  work="$(mktemp -d -t overhead-direct.XXXXXX)"
  start="$(now)"
  b0="$(now)"
  dotnet build sample/AgentChat.Auth -c Release -nologo -clp:ErrorsOnly >"$work/build.log"
  dotnet build sample/AgentChat.Backend -c Release -nologo -clp:ErrorsOnly >>"$work/build.log"
  b1="$(now)"
  e0="$(now)"
  dotnet build sample/AgentChat.E2E -c Release -nologo -clp:ErrorsOnly >>"$work/build.log"
  e1="$(now)"
  s0="$(now)"
  auth_port="$(free_port)"
  backend_port="$(free_port)"
  AGENTCHAT_DB="$work/auth.db" dotnet sample/AgentChat.Auth/bin/Release/net10.0/AgentChat.Auth.dll \
    --urls "http://127.0.0.1:$auth_port" >"$work/auth.log" 2>&1 &
  pids+=($!)
  AGENTCHAT_DB="$work/backend.db" AGENTCHAT_AUTH_URL="http://127.0.0.1:$auth_port" \
    dotnet sample/AgentChat.Backend/bin/Release/net10.0/AgentChat.Backend.dll \
    --urls "http://127.0.0.1:$backend_port" >"$work/backend.log" 2>&1 &
  pids+=($!)
  wait_healthy "http://127.0.0.1:$auth_port"
  wait_healthy "http://127.0.0.1:$backend_port"
  s1="$(now)"
  for tier in P1 P2 P3; do
    t0="$(now)"
    GREENLIGHT_AUTH_URL="http://127.0.0.1:$auth_port" GREENLIGHT_BACKEND_URL="http://127.0.0.1:$backend_port" \
      dotnet exec "$e2e" --filter-trait "Priority=$tier" --no-progress >"$work/$tier.log" 2>&1 || rc=$?
    t1="$(now)"
    tiers+=("$(ms "$t0" "$t1")")
  done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  end="$(now)"
  ebuild="$(ms "$e0" "$e1")"
  row direct "$1" "$l" "$rc" "-" "$(ms "$start" "$end")" "$(ms "$b0" "$b1")" "$ebuild" "$(ms "$s0" "$s1")" "-" \
    "$(( ${tiers[0]} + ${tiers[1]} + ${tiers[2]} ))" "${tiers[@]}"
  rm -rf "$work"
}

pytest_project="$(mktemp -d -t overhead-pytest.XXXXXX)"
cp -r tests/Greenlight.Cli.Tests/TestData/pytest-project/. "$pytest_project/"

greenlight_pytest() { # run number
  local start end rc=0 l json="$out/pytest-greenlight-$1.json"
  l="$(load)"
  start="$(now)"
  (cd "$pytest_project" && dotnet "$cli" run --json >"$json" 2>"$out/pytest-greenlight-$1.err") || rc=$?
  end="$(now)"
  row pytest-greenlight "$1" "$l" "$rc" "$(jq -r .verdict "$json")" "$(ms "$start" "$end")" \
    "$(jq '.timings.deploy_ms' "$json")" "$(jq '.timings.probe_ms' "$json")" "$(jq '.timings.tests_ms' "$json")"
}

direct_pytest() { # run number
  local start end rc=0 l port pid t0 t1 s1
  l="$(load)"
  start="$(now)"
  port="$(free_port)"
  (cd "$pytest_project" && exec /usr/bin/python3 service.py "$port") >"$out/pytest-service.log" 2>&1 &
  pid=$!
  wait_healthy "http://127.0.0.1:$port"
  s1="$(now)"
  t0="$(now)"
  (cd "$pytest_project" && GREENLIGHT_API_URL="http://127.0.0.1:$port" /usr/bin/python3 -m pytest -q -p no:cacheprovider tests) \
    >"$out/pytest-direct-$1.log" 2>&1 || rc=$?
  t1="$(now)"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  end="$(now)"
  row pytest-direct "$1" "$l" "$rc" "-" "$(ms "$start" "$end")" "$(ms "$start" "$s1")" "-" "$(ms "$t0" "$t1")"
}

for i in $(seq 1 "$runs"); do
  echo "run-overhead: sample run $i/$runs (load $(load))"
  greenlight_sample "$i"
  direct_sample "$i"
done
if [ -z "${BENCH_SKIP_PYTEST:-}" ]; then
  for i in $(seq 1 "$runs"); do
    greenlight_pytest "$i"
    direct_pytest "$i"
  done
fi
rm -rf "$pytest_project"

echo
echo "sample columns: side run load rc verdict wall_ms service_builds_ms e2e_build_or_starts_ms deploy_or_start_ms probe_ms tests_ms P1 P2 P3"
echo "  (greenlight: builds/starts are run.json command durations, deploy/probe/tests are run.json timings,"
echo "   tests_ms includes the incremental E2E build; direct: e2e build separate, start = launch to both healthy)"
echo "pytest columns: side run load rc verdict wall_ms deploy_or_start_ms probe_ms tests_ms"
cat "$tsv"
