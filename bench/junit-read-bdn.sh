#!/usr/bin/env bash
# BenchmarkDotNet, in process: the tokenizer's pass, the streaming per-suite counts and Greenlight's
# reader over a million generated JUnit cases (docs/benchmarks.md, "Reading JUnit XML").
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
dotnet build bench/Greenlight.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
bench_start junit-read-bdn
(cd "$(mktemp -d)" && dotnet "$OLDPWD/bench/Greenlight.Benchmarks/bin/Release/net10.0/Greenlight.Benchmarks.dll" --filter '*JUnitStreamBenchmark*' \
  | sed -n '/^| Method/,/^$/p; /^BenchmarkDotNet v/p; /^Runtime=/p')
bench_end
