#!/usr/bin/env bash
# Replays field incidents that live in the working tree rather than in a switch (sample/README.md).
#
#   sample/replay.sh crlf      # rewrite the backend's agent definitions with CRLF line endings, as a
#                              # Windows checkout without .gitattributes would: the backend's parser
#                              # then refuses to start, naming the file and line
#   sample/replay.sh web-build # break the web app's build as a half-applied rename would: its
#                              # Program.cs calls app.MapWebPages, which does not exist (CS1061), so
#                              # `dotnet build sample/AgentChat.Web` fails; auth and backend still build
#   sample/replay.sh restore   # put the files back as committed (git checkout)
#   sample/replay.sh status    # say whether a replay is in place
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
definitions=sample/AgentChat.Backend/Agents/agents.def
web_program=sample/AgentChat.Web/Program.cs

has_crlf() { grep -q $'\r$' "$definitions"; }
has_web_build() { grep -q 'app\.MapWebPages(' "$web_program"; }

case "${1:-}" in
  crlf)
    # Idempotent: a line that already ends in CR keeps exactly one.
    sed -i 's/\r*$/\r/' "$definitions"
    echo "replay: $definitions now has CRLF line endings ($(grep -c $'\r$' "$definitions") lines); undo with: sample/replay.sh restore"
    ;;
  web-build)
    grep -q 'app\.MapWeb(' "$web_program" || has_web_build || { echo "replay: $web_program has no app.MapWeb( call to break" >&2; exit 1; }
    sed -i 's/app\.MapWeb(/app.MapWebPages(/' "$web_program"
    echo "replay: $web_program now calls app.MapWebPages, which does not exist: the web app no longer builds; undo with: sample/replay.sh restore"
    ;;
  restore)
    for file in "$definitions" "$web_program"; do
      # Never delete a file git cannot give back (a copy of the sample may hold only some of them).
      git ls-files --error-unmatch "$file" >/dev/null 2>&1 || continue
      # eol=lf normalises on compare, so git may see no change and keep a CRLF file: remove it first.
      rm -f "$file"
      git checkout -- "$file"
      echo "replay: $file restored from git"
    done
    ;;
  status)
    found=0
    if has_crlf; then echo "replay: crlf in place ($definitions)"; found=1; fi
    if has_web_build; then echo "replay: web-build in place ($web_program)"; found=1; fi
    if [ "$found" = 0 ]; then echo "replay: none in place"; fi
    ;;
  *)
    echo "usage: sample/replay.sh crlf|web-build|restore|status" >&2
    exit 2
    ;;
esac
