#!/usr/bin/env bash
# Reading a million JUnit cases (docs/benchmarks.md, "Reading JUnit XML"): in fresh processes,
# interleaved round by round, Python's iterparse, the streaming read into per-suite counts and
# failures (the same work), the XML tokenizer's own pass (the floor) and Greenlight's reader, which
# keeps every case. Time and peak memory per round; median and range over the rounds.
# Usage: bench/junit-read.sh [ROUNDS] [CASES]   (defaults 5 and 1,000,000; needs /usr/bin/python3)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

rounds=${1:-5}
cases=${2:-1000000}
[ "$rounds" -ge 5 ] || { echo "junit-read: at least 5 rounds" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
file="$dir/junit.xml"

dotnet build bench/Greenlight.Benchmarks -c Release -nologo -clp:ErrorsOnly >/dev/null
bench=bench/Greenlight.Benchmarks/bin/Release/net10.0/Greenlight.Benchmarks
"$bench" generate "$file" "$cases"

# Per testsuite element: name and counts; per failing case: class, name, first line of the message.
# Elements are cleared once read, as a streaming reader should.
cat > "$dir/counts.py" <<'PY'
import sys, time, resource
import xml.etree.ElementTree as ET

start = time.perf_counter()
suites, failures = [], []
counts = None
for event, elem in ET.iterparse(sys.argv[1], events=("start", "end")):
    tag = elem.tag
    if event == "start":
        if tag == "testsuite":
            counts = [elem.get("name") or "", 0, 0, 0, 0]
        continue
    if tag == "testcase":
        counts[1] += 1
        for child in elem:
            if child.tag in ("failure", "error"):
                counts[2 if child.tag == "failure" else 3] += 1
                message = (child.get("message") or "").split("\n", 1)[0]
                failures.append((elem.get("classname"), elem.get("name"), message))
            elif child.tag == "skipped":
                counts[4] += 1
        elem.clear()
    elif tag == "testsuite":
        suites.append(tuple(counts))
        elem.clear()
elapsed = time.perf_counter() - start
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"suites={len(suites)} cases={sum(s[1] for s in suites)} failed={len(failures)} seconds={elapsed:.3f} peak_working_set_mb={peak_mb:.1f}")
PY

bench_start junit-read
echo "file: $(du -m "$file" | cut -f1) MB, $cases test cases, $rounds rounds"
declare -A secs mem
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
for round in $(seq 1 "$rounds"); do
  for side in python stream tokenize reader; do
    case $side in
      python) line=$(/usr/bin/python3 "$dir/counts.py" "$file") ;;
      stream) line=$("$bench" stream "$file") ;;
      tokenize) line=$("$bench" tokenize "$file") ;;
      reader) line=$("$bench" peak "$file") ;;
    esac
    echo "round $round $side: $line"
    secs[$side]="${secs[$side]:-} $(echo "$line" | field seconds)"
    mem[$side]="${mem[$side]:-} $(echo "$line" | field peak_working_set_mb)"
  done
done
for side in python stream tokenize reader; do
  # shellcheck disable=SC2086
  echo "$side: seconds $(bench_stats ${secs[$side]}); peak MB $(bench_stats ${mem[$side]})"
done
bench_end
