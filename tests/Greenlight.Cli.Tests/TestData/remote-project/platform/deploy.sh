#!/bin/sh
# Stands in for `gcloud run deploy`: a new revision (api-00001, api-00002, ...) of the release
# named in release.txt (the "image"), remembered so rollback.sh can return to it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
state="$here/../.platform"
mkdir -p "$state/revisions"
release=$(cat "$here/../release.txt")
n=$(( $(ls "$state/revisions" | wc -l) + 1 ))
revision=$(printf 'api-%05d' "$n")
echo "$release" > "$state/revisions/$revision"
echo "deploying $release as $revision" >&2
exec sh "$here/switch.sh" "$revision" "$release"
