#!/bin/sh
# A bad revision: the service now crashes on start.
set -e
printf 'FAULT=startup-crash\n' > service.env
