#!/bin/sh
# Stands in for a platform (Cloud Run, Kubernetes) switching traffic to a revision: stops the
# revision serving now and starts RELEASE as REVISION in the background. Used by deploy.sh and rollback.sh.
# usage: switch.sh REVISION RELEASE
set -eu
here=$(cd "$(dirname "$0")" && pwd)
state="$here/../.platform"
mkdir -p "$state"
port=$(cat "$here/../port.txt")
# Only ever signal our own service: a revision that crashed has exited, and its pid may be reused.
serving() { [ -f "$state/pid" ] && tr '\0' ' ' < "/proc/$(cat "$state/pid")/cmdline" 2>/dev/null | grep -qF "$here/service.py"; }
if serving; then
  kill "$(cat "$state/pid")" 2>/dev/null || true
  # wait until the old revision has let go of the port
  i=0; while serving && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
fi
setsid /usr/bin/python3 "$here/service.py" "$port" "$2" >>"$state/service.log" 2>&1 </dev/null &
echo $! > "$state/pid"
echo "$1" > "$state/serving"
# Like `gcloud run deploy`, return once the revision answers, or once it is clear it will not.
i=0
while [ $i -lt 100 ]; do
  if /usr/bin/python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/health', timeout=1)" 2>/dev/null; then
    echo "revision $1 ($2) is serving" >&2; exit 0
  fi
  serving || { echo "revision $1 ($2) exited; traffic switched anyway" >&2; exit 0; }
  sleep 0.1; i=$((i+1))
done
echo "revision $1 ($2) did not answer in 10 s" >&2
