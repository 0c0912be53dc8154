#!/usr/bin/env bash
# Balance of a sharded run (docs/benchmarks.md, "Shard balance"; docs/scale.md).
#
#   bench/shards.sh [ROUNDS]     # ROUNDS (default 3) sharded runs of the sample, after warm-up runs for history
#
# On the sample (greenlight.yaml at the repository root, its SQLite history: the roles meet in it
# on one machine), after BENCH_WARMUP (default 3) single-process `greenlight run`s so every test
# has a median duration in history: per round, `greenlight run --deploy-only` in the background,
# then shards 1/4 .. 4/4 ONE AFTER ANOTHER (on one machine they would compete for the cores and
# build the same test project at once; the figure is the balance of the split, not the speed-up),
# then `greenlight finish`. Each shard's time is its test stage (run.json timings.tests_ms in
# .greenlight/runs/RUN_ID/shards/I/), which leaves out the process start and the listing/build the
# first shard does for everyone; it includes each shard's incremental build check of the test projects,
# the same work in every shard. Reported per round: each shard's time, the mean, the slowest and
# slowest/mean (the target: at most 1.15), and the finish verdict (it must be GREEN with 90 tests).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. bench/lib.sh
rounds="${1:-3}"
warmup="${BENCH_WARMUP:-3}"
out="$(mktemp -d -t greenlight-shards.XXXXXX)"
echo "shards: writing to $out"
dotnet build src/Greenlight.Cli -c Release -v q -nologo > "$out/build.log"
gl() { dotnet src/Greenlight.Cli/bin/Release/net10.0/greenlight.dll "$@"; }
json() { /usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {'d': d}))" "$@"; }

bench_start shards
for i in $(seq 1 "$warmup"); do
  gl run --json > "$out/warmup-$i.json" 2> "$out/warmup-$i.log" || { echo "shards: warm-up run $i was not GREEN ($out/warmup-$i.log)" >&2; exit 1; }
done

ratios=()
for round in $(seq 1 "$rounds"); do
  gl run --deploy-only > "$out/deploy-$round.log" 2>&1 &
  deploy=$!
  run_id=""
  for _ in $(seq 1 600); do
    run_id="$(sed -n 's/^run id: //p' "$out/deploy-$round.log" | head -1)"
    [ -n "$run_id" ] && break
    kill -0 "$deploy" 2>/dev/null || { echo "shards: deploy-only ended without a run id ($out/deploy-$round.log)" >&2; exit 1; }
    sleep 0.5
  done
  [ -n "$run_id" ] || { echo "shards: no run id after 300 s" >&2; kill "$deploy"; exit 1; }
  times=()
  for shard in 1 2 3 4; do
    gl run --attach "$run_id" --shard "$shard/4" > "$out/shard-$round-$shard.log" 2>&1 || true
    times+=("$(json ".greenlight/runs/$run_id/shards/$shard/run.json" "d['timings']['tests_ms']")")
  done
  gl finish "$run_id" --timeout 60s --json > "$out/finish-$round.json" 2> "$out/finish-$round.log" || true
  wait "$deploy" || true
  verdict="$(json "$out/finish-$round.json" "d['verdict'] + ' ' + str(d['test_counts']['total'])")"
  summary="$(printf '%s\n' "${times[@]}" | awk '{s+=$1; if ($1>m) m=$1} END {printf "mean %.0f ms, slowest %.0f ms, slowest/mean %.3f", s/NR, m, m/(s/NR)}')"
  ratios+=("$(printf '%s\n' "${times[@]}" | awk '{s+=$1; if ($1>m) m=$1} END {printf "%.3f", m/(s/NR)}')")
  echo "round $round: run $run_id; shards ${times[*]} ms; $summary; finish: $verdict"
done
echo "slowest/mean over $rounds rounds: $(bench_stats "${ratios[@]}")"
bench_end
