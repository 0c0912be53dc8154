#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh machine, then runs every test.
set -euo pipefail
cd "$(dirname "$0")"

need=()
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import pytest' 2>/dev/null || need+=(python3-pytest)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
# The adapter tests npm-install jest, mocha, newman and Playwright Test into their temp folders.
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
# The outside-suites CLI test runs a go test -json suite.
command -v go >/dev/null 2>&1 || need+=(golang)
# Browser tests (Playwright for .NET) drive Debian's chromium.
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]} (apt-get)"
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: need root to install ${need[*]}; install them and run again" >&2
    exit 2
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

dotnet build Greenlight.slnx -c Debug -nologo -clp:ErrorsOnly
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test --solution Greenlight.slnx --no-build -c Debug "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain closing line with the totals, whatever dotnet test's own summary looks like.
passed=$(awk '/^  succeeded:/ {s+=$2} END {print s+0}' "$log")
failed=$(awk '/^  failed:/ {s+=$2} END {print s+0}' "$log")
echo "tests: ${passed} passed, ${failed} failed"
exit "$status"
