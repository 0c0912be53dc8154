#!/usr/bin/env bash
# Start time of the greenlight command (docs/benchmarks.md, "Start of the tool"): the same CLI
# published twice from this tree, plain (JIT) and ReadyToRun (precompiled, linux-x64), timed
# interleaved for `--version` and for `plan` on bench/fixtures/outside-api (reads and validates the
# config and plans its suite; a `command` suite lists no tests, so nothing else runs). Also `dotnet run --project src/Greenlight.Cli -- --version`
# (the README's form, with its build check) for scale.
# Usage: bench/tool-start.sh [ROUNDS]   (default 10, at least 5)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. bench/lib.sh
rounds=${1:-10}
[ "$rounds" -ge 5 ] || { echo "tool-start: at least 5 rounds" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet publish src/Greenlight.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=false -o "$out/jit" -nologo -clp:ErrorsOnly >/dev/null
dotnet publish src/Greenlight.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out/r2r" -nologo -clp:ErrorsOnly >/dev/null
dotnet build src/Greenlight.Cli -nologo -clp:ErrorsOnly >/dev/null
echo "published: jit $(du -sm "$out/jit" | cut -f1) MB, ReadyToRun $(du -sm "$out/r2r" | cut -f1) MB"

now() { date +%s.%N; }
ms() { awk "BEGIN{printf \"%d\", ($2 - $1) * 1000}"; }
timed() { local s e; s=$(now); "$@" >/dev/null 2>&1; e=$(now); ms "$s" "$e"; }

bench_start tool-start
declare -A t
for round in $(seq 1 "$rounds"); do
  for kind in jit r2r; do
    t[$kind-version]="${t[$kind-version]:-} $(timed "$out/$kind/greenlight" --version)"
    t[$kind-plan]="${t[$kind-plan]:-} $(cd bench/fixtures/outside-api && timed "$out/$kind/greenlight" plan)"
  done
  t[dotnet-run]="${t[dotnet-run]:-} $(timed dotnet run --project src/Greenlight.Cli -- --version)"
done
for key in jit-version r2r-version jit-plan r2r-plan dotnet-run; do
  # shellcheck disable=SC2086
  echo "$key ms: $(bench_stats ${t[$key]})"
done
bench_end
