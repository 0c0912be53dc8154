#!/usr/bin/env bash
# Every benchmark, one after another, each waiting for a quiet machine before it measures
# (bench/lib.sh: 1-minute load below 1; nothing else may run meanwhile: no builds, tests or helpers).
# Output goes to bench/results/<UTC time>/<benchmark>.txt; the figures are then written into
# docs/benchmarks.md with date, commit and the loads each file records.
# Usage: bench/run-all.sh [NAME...]   (default: proxy junit-read junit-read-bdn tool-start report-10k run-overhead agentchat-ws)
set -uo pipefail
cd "$(dirname "$0")/.."
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(proxy junit-read junit-read-bdn tool-start report-10k run-overhead agentchat-ws)
dir="bench/results/$(date -u +%Y%m%dT%H%MZ)"
mkdir -p "$dir"
status=0
for name in "${names[@]}"; do
  echo "run-all: $name → $dir/$name.txt"
  if ! "bench/$name.sh" >"$dir/$name.txt" 2>&1; then
    echo "run-all: $name failed; see $dir/$name.txt" >&2
    status=1
  fi
  tail -3 "$dir/$name.txt"
done
exit $status
