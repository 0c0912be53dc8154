#!/usr/bin/env bash
# Baseline for docs/benchmarks.md "Reading JUnit XML": Python's standard library
# (xml.etree.ElementTree.iterparse) on the same generated million-case file the .NET benchmark reads,
# then Greenlight's reader once in a fresh process for time and peak memory.
# Usage: bench/junit-baseline.sh [CASES]   (needs /usr/bin/python3 and /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/.."

cases="${1:-1000000}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
file="$dir/junit-${cases}.xml"

dotnet build bench/Greenlight.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
bench=bench/Greenlight.Benchmarks/bin/Release/net10.0/Greenlight.Benchmarks
"$bench" generate "$file" "$cases"
echo "file: $(du -m "$file" | cut -f1) MB, ${cases} test cases; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# Keeps what Greenlight's reader keeps (name, class, seconds, outcome, message) for every case,
# and clears each element once read, as a streaming reader should.
cat > "$dir/baseline.py" <<'PY'
import sys, time, resource
import xml.etree.ElementTree as ET

start = time.perf_counter()
cases = []
for _, elem in ET.iterparse(sys.argv[1], events=("end",)):
    if elem.tag != "testcase":
        continue
    outcome, message = "passed", None
    for child in elem:
        if child.tag in ("failure", "error", "skipped"):
            outcome = child.tag
            message = (child.get("message") or child.text or "").split("\n", 1)[0]
    cases.append((elem.get("name"), elem.get("classname"), float(elem.get("time") or 0), outcome, message))
    elem.clear()
elapsed = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
failed = sum(1 for c in cases if c[3] == "failure")
print(f"python iterparse: cases={len(cases)} failed={failed} seconds={elapsed:.3f} peak_rss_mb={peak_mb:.1f}")
PY
/usr/bin/python3 "$dir/baseline.py" "$file"
printf 'greenlight JUnitResultReader: '
"$bench" peak "$file"
