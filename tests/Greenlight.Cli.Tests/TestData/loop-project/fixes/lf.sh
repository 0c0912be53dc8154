#!/bin/sh
# Restores LF line endings in the service.
set -e
sed -i 's/\r$//' service.py
