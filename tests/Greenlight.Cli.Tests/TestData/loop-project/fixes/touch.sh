#!/bin/sh
# Changes the service without fixing anything: the same failure comes back.
set -e
echo "# touched by a remediation that fixes nothing" >> service.py
