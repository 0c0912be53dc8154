#!/usr/bin/env bash
# The recording proxy against a plain YARP forwarder (docs/benchmarks.md, "Recording proxy").
# Usage: bench/proxy.sh [ROUNDS] [SECONDS]   (defaults 7 and 3; see bench/Greenlight.Proxy.Bench/Program.cs)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
dotnet build bench/Greenlight.Proxy.Bench -c Release -nologo -clp:ErrorsOnly >/dev/null
bench_start proxy
dotnet bench/Greenlight.Proxy.Bench/bin/Release/net10.0/Greenlight.Proxy.Bench.dll "${1:-7}" "${2:-3}"
bench_end
