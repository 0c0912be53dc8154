#!/bin/sh
# Stands in for `gcloud run services update-traffic --to-revisions=REVISION=100`.
# usage: rollback.sh REVISION   (exit 1 when the revision is unknown, like the real CLI)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
state="$here/../.platform"
if [ -f "$here/../rollback-fails" ]; then echo "ERROR: (gcloud.run.services.update-traffic) PERMISSION_DENIED: rollback refused" >&2; exit 1; fi
[ -f "$state/revisions/$1" ] || { echo "ERROR: revision $1 not found" >&2; exit 1; }
exec sh "$here/switch.sh" "$1" "$(cat "$state/revisions/$1")"
