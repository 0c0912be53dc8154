#!/usr/bin/env bash
# A whole `greenlight run` on a huge JUnit file (issue 14, "Outputs that scale"; docs/benchmarks.md,
# "A million test cases"): a `runner: command` suite, no services, reading a generated pytest-shaped
# JUnit file (2% failing, 1% skipped) that the suite's command copies in place (a result file must be
# written by the run). Records wall time, peak RSS (/usr/bin/time -v), the sizes of
# run.json, tests.jsonl, worklog.md and history.db, the exit code and the load average at the start.
#
#   bench/junit-million.sh [CASES...]       # default: 1000000 2000000
#   BENCH_KEEP=1 bench/junit-million.sh     # keep the project folders (printed) for a look
#   BENCH_RUNS=3 bench/junit-million.sh 1000000   # run each size three times in one project: each later run
#                                                 # has the earlier ones in history (comparison, last-run durations,
#                                                 # previously failing tests, baselines)
# Each run waits for the 1-minute load to fall below 1 first (bench/lib.sh).
#
# The suite accepts proof level none (there is no service to tie traffic to), so its passes are
# proven and the run is RED only because of the generated failures: exit 1 is the correct code.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. bench/lib.sh
[ -x /usr/bin/time ] || { echo "junit-million: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1000000 2000000)

dotnet build bench/Greenlight.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build src/Greenlight.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
generator=bench/Greenlight.Benchmarks/bin/Release/net10.0/Greenlight.Benchmarks
cli="$root/src/Greenlight.Cli/bin/Release/net10.0/greenlight.dll"
work="$(mktemp -d -t greenlight-million.XXXXXX)"
[ "${BENCH_KEEP:-0}" = 1 ] && echo "junit-million: keeping $work" || trap 'rm -rf "$work"' EXIT

mb() { [ -f "$1" ] && awk "BEGIN{printf \"%.1f\", $(stat -c %s "$1") / 1048576}" || echo "-"; }

echo "| cases | run | JUnit MB | exit | wall | peak RSS MB | run.json MB | tests.jsonl MB | worklog MB | history.db MB | load at start |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for cases in "${counts[@]}"; do
  project="$work/p$cases"
  mkdir -p "$project"
  junit="$work/junit-$cases.xml"
  "$generator" generate "$junit" "$cases"
  cat >"$project/greenlight.yaml" <<YAML
project: junit-million
services: {}
suites:
  - id: junit
    priority: P1
    runner: command
    command: "mkdir -p out && cp $junit out/junit.xml"
    results: out/junit.xml
    timeout: 30m
    proof: { level: none, level_reason: "benchmark: no services, a generated JUnit file" }
YAML
  for n in $(seq 1 "${BENCH_RUNS:-1}"); do
    # Each run waits for a quiet machine (the run before it loads both cores for minutes).
    bench_start "junit-million $cases run $n" >&2
    load="$(bench_load)"
    rc=0
    (cd "$project" && /usr/bin/time -v dotnet "$cli" run >"$project/stdout.txt" 2>"$project/time.txt") || rc=$?
    run="$(ls -td "$project"/.greenlight/runs/*/ 2>/dev/null | head -1)"
    wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$project/time.txt")"
    rss="$(awk '/Maximum resident set size/ {printf "%.0f", $6 / 1024}' "$project/time.txt")"
    echo "| $cases | $n | $(mb "$junit") | $rc | $wall | $rss | $(mb "${run}run.json") | $(mb "${run}tests.jsonl") | $(mb "${run}worklog.md") | $(mb "$project/.greenlight/history.db") | $load |"
    tail -3 "$project/stdout.txt" | sed 's/^/    /' >&2
  done
  rm -f "$junit"
done
