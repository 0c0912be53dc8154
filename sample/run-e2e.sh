#!/usr/bin/env bash
# Starts the AgentChat auth and backend services on free loopback ports, waits until both are
# healthy, runs the E2E suite against them, then stops them. For developers working on the
# sample without Greenlight.
#
#   sample/run-e2e.sh                                   # the whole suite
#   sample/run-e2e.sh --filter-trait "Priority=P1"      # any arguments go to the test exe
#   AGENTCHAT_FAULT=ws-recursion sample/run-e2e.sh      # replay a fault switch
#   E2E_NO_BUILD=1 sample/run-e2e.sh                    # reuse the last Release build
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if [ -z "${E2E_NO_BUILD:-}" ]; then
  for project in AgentChat.Auth AgentChat.Backend AgentChat.E2E; do
    dotnet build "sample/$project" -c Release -nologo -clp:ErrorsOnly
  done
fi

work="$(mktemp -d -t agentchat-e2e.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "run-e2e: service logs kept in $work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
secret() { head -c 32 /dev/urandom | base64 | tr -d '=+/\n'; }

auth_port="$(free_port)"
backend_port="$(free_port)"
export AGENTCHAT_JWT_KEY="$(secret)$(secret)"
export AGENTCHAT_E2E_BYPASS_KEY="$(secret)"
export AGENTCHAT_SERVICE_SECRET="$(secret)"
export AGENTCHAT_THINK_MS="${AGENTCHAT_THINK_MS:-150}"

AGENTCHAT_DB="$work/auth.db" \
  dotnet sample/AgentChat.Auth/bin/Release/net10.0/AgentChat.Auth.dll --urls "http://127.0.0.1:$auth_port" \
  >"$work/auth.log" 2>&1 &
pids+=($!)
AGENTCHAT_DB="$work/backend.db" AGENTCHAT_AUTH_URL="http://127.0.0.1:$auth_port" \
  dotnet sample/AgentChat.Backend/bin/Release/net10.0/AgentChat.Backend.dll --urls "http://127.0.0.1:$backend_port" \
  >"$work/backend.log" 2>&1 &
pids+=($!)

wait_healthy() { # name url
  for _ in $(seq 1 100); do
    if curl -fsS -o /dev/null --max-time 2 "$2/health"; then echo "run-e2e: $1 healthy at $2"; return 0; fi
    sleep 0.2
  done
  echo "run-e2e: $1 at $2 not healthy after 20 s; the suite runs anyway and will say why" >&2
}
wait_healthy auth "http://127.0.0.1:$auth_port"
wait_healthy backend "http://127.0.0.1:$backend_port"

export GREENLIGHT_AUTH_URL="http://127.0.0.1:$auth_port"
export GREENLIGHT_BACKEND_URL="http://127.0.0.1:$backend_port"
set +e
start=$(date +%s.%N)
sample/AgentChat.E2E/bin/Release/net10.0/AgentChat.E2E --no-progress "$@"
status=$?
echo "run-e2e: suite exit code $status, wall time $(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $start}") s"
exit $status
