#!/usr/bin/env bash
# Regenerates the result files written by the producers named as arguments (default: all of
# those below) by running the real tool on the code in each producer's source/ folder.
# Run by hand, never by the test suite: the tests read the committed files. Needs the tools the
# README lists (apt: golang python3-pytest ruby-rspec; npm and NuGet reachable; dotnet SDK).
# Exit codes of the tools are printed, not checked: these suites fail on purpose.
set -euo pipefail

data="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Copies producer/source (or one folder in it) to a scratch folder, dropping the .txt suffix.
stage() {
  local from="$data/$1/source${2:+/$2}" to="$work/$1${2:+/$2}"
  mkdir -p "$to"
  (cd "$from" && find . -type f -name '*.txt') | while read -r file; do
    mkdir -p "$to/$(dirname "$file")"
    cp "$from/$file" "$to/${file%.txt}"
  done
  echo "$to"
}

ran() { echo "$1: exit $2"; }

jest() {
  local dir; dir="$(stage jest repeated)"
  (cd "$dir" && echo '{"private":true}' > package.json \
    && npm install --no-audit --no-fund --silent jest@30.5.2 jest-junit@17.0.0 >/dev/null)
  local code=0
  # Twice: jest-junit adds an entry to jest's results for each file that failed to run, and jest's
  # --json then writes it too; the first run shows jest's JSON alone.
  (cd "$dir" && mkdir -p out && npx jest --ci --json --outputFile=out/jest-repeated.json) || code=$?
  ran jest "$code"
  code=0
  (cd "$dir" && JEST_JUNIT_OUTPUT_DIR=out JEST_JUNIT_OUTPUT_NAME=jest-repeated.junit.xml JEST_JUNIT_REPORT_TEST_SUITE_ERRORS=true \
    npx jest --ci --reporters=default --reporters=jest-junit --json --outputFile=out/jest-repeated-with-jest-junit.json) || code=$?
  ran "jest with jest-junit" "$code"
  cp "$dir/out/jest-repeated.junit.xml" "$dir/out/jest-repeated.json" "$dir/out/jest-repeated-with-jest-junit.json" "$data/jest/"
}

mocha() {
  local dir; dir="$(stage mocha)"
  (cd "$dir" && echo '{"private":true}' > package.json \
    && npm install --no-audit --no-fund --silent mocha@12.0.3 >/dev/null)
  local code=0
  (cd "$dir" && npx mocha --reporter json --reporter-option output=mocha.json agents.spec.js) || code=$?
  ran mocha "$code"
  cp "$dir/mocha.json" "$data/mocha/"
}

pytest() {
  local dir; dir="$(stage pytest repeated)" code=0
  # --keep-duplicates runs a file named twice twice: the same test, same name, two results.
  (cd "$dir" && /usr/bin/python3 -m pytest --junitxml=pytest-repeated.xml -q -p no:cacheprovider \
    --keep-duplicates test_repeated.py test_repeated.py) || code=$?
  ran pytest "$code"
  cp "$dir/pytest-repeated.xml" "$data/pytest/"
}

gotest() {
  local dir; dir="$(stage gotest)" code=0
  (cd "$dir" && GOPROXY=off GOFLAGS=-mod=mod go test -json ./... > gotest.jsonl) || code=$?
  ran "go test" "$code"
  cp "$dir/gotest.jsonl" "$data/gotest/"
}

rspec() {
  local dir; dir="$(stage rspec)" code=0
  (cd "$dir" && command rspec --format json --out rspec.json) || code=$?
  ran rspec "$code"
  cp "$dir/rspec.json" "$data/rspec/"
}

nunit() {
  local dir; dir="$(stage nunit)" code=0
  (cd "$dir" && dotnet build -clp:ErrorsOnly >/dev/null)
  # The adapter's TestOutputXml is NUnit's own engine report; NunitXml.TestLogger writes the same
  # schema from VSTest's events. Explicit tests are listed only when a filter names none.
  (cd "$dir" && dotnet test --no-build --logger "nunit;LogFilePath=out/nunit-logger.xml" \
    -- NUnit.TestOutputXml="$dir/out/engine") || code=$?
  ran "dotnet test" "$code"
  cp "$dir"/out/engine/*.xml "$data/nunit/nunit-engine.xml"
  cp "$dir/out/nunit-logger.xml" "$data/nunit/"
}

for producer in "${@:-jest mocha pytest gotest rspec nunit}"; do
  for name in $producer; do "$name"; done
done
