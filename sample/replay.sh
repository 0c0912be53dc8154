#!/usr/bin/env bash
# Replays field incidents that live in the working tree rather than in a switch (sample/README.md).
#
#   sample/replay.sh crlf      # rewrite the backend's agent definitions with CRLF line endings, as a
#                              # Windows checkout without .gitattributes would: the backend's parser
#                              # then refuses to start, naming the file and line
#   sample/replay.sh restore   # put the file back as committed (git checkout)
#   sample/replay.sh status    # say whether a replay is in place
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
definitions=sample/AgentChat.Backend/Agents/agents.def

has_crlf() { grep -q $'\r$' "$definitions"; }

case "${1:-}" in
  crlf)
    # Idempotent: a line that already ends in CR keeps exactly one.
    sed -i 's/\r*$/\r/' "$definitions"
    echo "replay: $definitions now has CRLF line endings ($(grep -c $'\r$' "$definitions") lines); undo with: sample/replay.sh restore"
    ;;
  restore)
    git ls-files --error-unmatch "$definitions" >/dev/null   # never delete a file git cannot give back
    # eol=lf normalises on compare, so git may see no change and keep the CRLF file: remove it first.
    rm -f "$definitions"
    git checkout -- "$definitions"
    echo "replay: $definitions restored from git"
    ;;
  status)
    if has_crlf; then echo "replay: crlf in place ($definitions)"; else echo "replay: none in place"; fi
    ;;
  *)
    echo "usage: sample/replay.sh crlf|restore|status" >&2
    exit 2
    ;;
esac
