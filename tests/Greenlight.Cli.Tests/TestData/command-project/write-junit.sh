#!/bin/sh
# A "command" suite: any tool that writes JUnit XML. One pass, one failure.
mkdir -p out
cat > out/junit.xml <<XML
<?xml version="1.0" encoding="utf-8"?>
<testsuites>
  <testsuite name="shell" tests="2" failures="1">
    <testcase classname="shell.checks" name="api_reachable" time="0.120"/>
    <testcase classname="shell.checks" name="version_matches" time="0.050">
      <failure message="expected version 1.0.0, got 0.9.1">version mismatch</failure>
    </testcase>
  </testsuite>
</testsuites>
XML
exit 1
