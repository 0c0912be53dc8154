#!/usr/bin/env bash
# report.html of a run with many tests (default 10,000): how long Greenlight takes to render it, and how
# long Debian's chromium takes until the page is interactive (the page's script records
# performance.now() on <body data-ready-ms> once the tests table, filter and pager work).
#
#   bench/report-10k.sh [COUNT]
#
# The run is synthetic (a copy of the sample's suite shapes, every 20th test failing with a stack and
# requests in traffic.jsonl), made in a temporary folder and removed afterwards. Not a timed test: the
# figure depends on the machine. Issue 16 asks for under 2 s at 10,000 tests.
set -euo pipefail
count=${1:-10000}
repo=$(cd "$(dirname "$0")/.." && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# GREENLIGHT_DLL=path/to/greenlight.dll uses a build you already have instead of building Release.
dll=${GREENLIGHT_DLL:-}
if [ -z "$dll" ]; then
  dotnet build "$repo/src/Greenlight.Cli" -c Release -nologo -clp:ErrorsOnly >/dev/null
  dll="$repo/src/Greenlight.Cli/bin/Release/net10.0/greenlight.dll"
fi
run="$work/.greenlight/runs/20260101-000000-bench"
mkdir -p "$run"

/usr/bin/python3 - "$run" "$count" <<'PY'
import json, sys, datetime
run, count = sys.argv[1], int(sys.argv[2])
t0 = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
iso = lambda s: (t0 + datetime.timedelta(seconds=s)).isoformat()
suites = [("p%d-suite-%d" % (p, i), "P%d" % p) for p in range(1, 7) for i in range(1, 4)]
per = count // len(suites) + 1
tests, traffic, failed = [], [], 0
clock = 20.0
for suite, phase in suites:
    for i in range(per):
        if len(tests) == count:
            break
        name = "Bench.%s.Test%05d_DoesSomething" % (suite.replace("-", "_"), i)
        fails = len(tests) % 20 == 19
        failed += fails
        tests.append({"iteration": 1, "suite": suite, "name": name, "outcome": "failed" if fails else "passed",
                      "duration_ms": 40 + len(tests) % 300, "proven": not fails, "reasons": [], "requests": 2,
                      "proof_level": "request", "evidence": [], "message": "Expected 200 but was 500: boom" if fails else None,
                      "stack_trace": "   at Bench.Tests.%s() in /src/Tests.cs:line %d" % (name, i) if fails else None,
                      "started_at": iso(clock), "attempts": 1, "flaky": False, "flip_rate": None})
        for k in range(2):
            traffic.append({"started": iso(clock + 0.01 * k), "latency_ms": 3.2, "service": "api", "method": "GET",
                            "path": "/items/%d" % i, "status": 500 if fails and k else 200, "test": name})
        clock += 0.05
trail = [{"at": iso(0), "stage": "iteration", "subject": "1", "text": "iteration 1", "ok": None},
         {"at": iso(1), "stage": "deploy", "subject": "api", "text": "building and starting api", "ok": None},
         {"at": iso(9), "stage": "deploy", "subject": "api", "text": "api ready", "ok": True}]
start = 20.0
records = []
for suite, phase in suites:
    n = sum(1 for t in tests if t["suite"] == suite)
    f = sum(1 for t in tests if t["suite"] == suite and t["outcome"] == "failed")
    trail.append({"at": iso(start), "stage": "test", "subject": suite, "text": "running %s (%s, dotnet)" % (suite, phase), "ok": None})
    trail.append({"at": iso(start + n * 0.05), "stage": "test", "subject": suite, "text": "%s: %d passed, %d failed, 0 errors, 0 skipped" % (suite, n - f, f), "ok": f == 0})
    records.append({"id": suite, "priority": phase, "runner": "dotnet", "outcome": "failed" if f else "passed", "started_at": iso(start),
                    "duration_ms": int(n * 50), "total": n, "passed": n - f, "failed": f})
    start += n * 0.05
trail.append({"at": iso(start + 1), "stage": "iteration", "subject": "1", "text": "iteration 1: RED", "ok": False})
summary = {"schema_version": 2, "run_id": "20260101-000000-bench", "project": "bench", "config_path": "greenlight.yaml",
           "started_at": iso(0), "ended_at": iso(start + 1), "verdict": "RED", "exit_code": 1,
           "reasons": ["%d of %d tests failed" % (failed, len(tests))], "next_action": "",
           "services": [{"name": "api", "critical": True, "url": "http://127.0.0.1:5000/", "deployed": True, "build_ms": 6000, "start_ms": 2000}],
           "phases": [{"priority": "P%d" % p, "suites": [s for s, q in suites if q == "P%d" % p]} for p in range(1, 7)],
           "suites": records, "timings": {"total_ms": int((start + 1) * 1000)}}
for name, rows in (("tests.jsonl", tests), ("traffic.jsonl", traffic), ("trail.jsonl", trail)):
    with open("%s/%s" % (run, name), "w") as out:
        out.writelines(json.dumps(r) + "\n" for r in rows)
with open(run + "/run.json", "w") as out:
    json.dump(summary, out)
PY

cd "$work"
. "$repo/bench/lib.sh"
rounds=${ROUNDS:-5}
bench_start report-10k
rendered_all=(); ready_all=(); opened_all=()
for round in $(seq 1 "$rounds"); do
  started=$(date +%s%N)
  dotnet "$dll" report "$run" --format html >/dev/null
  rendered=$(( ($(date +%s%N) - started) / 1000000 ))
  size=$(stat -c %s "$run/report.html")

  started=$(date +%s%N)
  dom=$("$chromium" --headless --no-sandbox --disable-gpu --dump-dom "file://$run/report.html" 2>/dev/null)
  opened=$(( ($(date +%s%N) - started) / 1000000 ))
  ready=$(grep -o 'data-ready-ms="[0-9]*"' <<<"$dom" | grep -o '[0-9]*' || true)
  rows=$(grep -o 'class="test-row' <<<"$dom" | wc -l)
  [ -n "$ready" ] || { echo "round $round: the page never became interactive" >&2; exit 1; }
  echo "round $round: report.html $size bytes rendered in $rendered ms; interactive at $ready ms; chromium whole run $opened ms; $rows rows in the DOM"
  rendered_all+=("$rendered"); ready_all+=("$ready"); opened_all+=("$opened")
done
echo "tests:                 $count"
echo "rendered by greenlight report (process included), ms: $(bench_stats "${rendered_all[@]}")"
echo "time to interactive in chromium (performance.now() when the table, filter and pager are ready), ms: $(bench_stats "${ready_all[@]}")"
echo "chromium, whole run (start, load, dump, exit), ms: $(bench_stats "${opened_all[@]}")"
bench_end
