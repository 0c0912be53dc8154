#!/usr/bin/env bash
# The measuring protocol every benchmark script sources (docs/benchmarks.md, "How we measure"):
#   bench_start NAME   waits until the machine is quiet (1-minute load below 1, for up to
#                      BENCH_WAIT seconds, default 600), then prints date, commit and load at start.
#                      Refuses to measure on a busy machine unless BENCH_UNDER_LOAD=1, in which case
#                      every figure is marked as taken under load (not a result).
#   bench_end          prints the load at the end.
#   bench_stats N...   median, min and max of the numbers given.
# A/B comparisons are interleaved by the scripts themselves (A, B, A, B, ...), at least 5 pairs.

bench_load() { cut -d' ' -f1-3 /proc/loadavg; }
bench_load1() { cut -d' ' -f1 /proc/loadavg; }

bench_busy() { # prints the processes using the CPU now, other than this script's own
  ps -eo pid,pcpu,etime,args --sort=-pcpu | awk 'NR > 1 && $2 >= 5.0' | head -5
}

bench_start() { # NAME
  local name=$1 waited=0 limit=${BENCH_WAIT:-600}
  while awk "BEGIN{exit !($(bench_load1) >= 1.0)}"; do
    if [ "${BENCH_UNDER_LOAD:-}" = 1 ]; then
      echo "bench $name: UNDER LOAD ($(bench_load)): these figures are not results" >&2
      break
    fi
    if [ "$waited" -ge "$limit" ]; then
      echo "bench $name: the machine is not quiet after ${limit}s (load $(bench_load)); busy:" >&2
      bench_busy >&2
      echo "bench $name: refusing to measure (BENCH_UNDER_LOAD=1 measures anyway, marked as not a result)" >&2
      exit 3
    fi
    [ "$waited" -eq 0 ] && echo "bench $name: waiting for the 1-minute load to fall below 1 (now $(bench_load))" >&2
    sleep 10
    waited=$((waited + 10))
  done
  BENCH_NAME=$name
  BENCH_LOAD_START=$(bench_load)
  echo "bench $name: $(date -u +%Y-%m-%dT%H:%M:%SZ) commit $(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --short HEAD)$(git -C "$(dirname "${BASH_SOURCE[0]}")" diff --quiet HEAD -- ../src ../sample ../bench || echo '+uncommitted') on $(nproc) cores; load at start $BENCH_LOAD_START"
}

bench_end() {
  echo "bench ${BENCH_NAME:-?}: load at end $(bench_load) (at start $BENCH_LOAD_START)"
}

bench_stats() { # numbers... → "median M (min..max, n=N)"
  printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {
    if (NR == 0) { print "no values"; exit }
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "median %s (%s..%s, n=%d)\n", m, v[1], v[NR], NR }'
}
