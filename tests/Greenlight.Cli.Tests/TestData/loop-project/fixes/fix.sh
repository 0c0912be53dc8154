#!/bin/sh
# A real fix: read the bundle Greenlight handed over, then remove the fault switch from the service's environment file.
set -e
test -f "$1"
test "$1" = "$GREENLIGHT_BUNDLE"
grep -q '"failing_tests"' "$1"
echo "fixing after reading $1"
sed -i '/^FAULT=/d' service.env
