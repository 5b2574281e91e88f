#!/usr/bin/env bash
# Trainer's reset: returns this clone to the commit it is on, from any point of any lab.
#   1. stops the lab servers started from this clone (anything listening on the lab ports whose working
#      directory is inside the clone; other processes are left alone and named),
#   2. undoes every change to tracked files (staged or not),
#   3. deletes untracked files and every build output (target/, cdktf.out/, node_modules/).
# IDE settings (.idea/, .vscode/, *.iml) are kept. Commits you made yourself are kept too.
# Usage: docs/labs/reset.sh            (LAB_PORTS overrides the ports, default "8080 8089")
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd -P)"
cd "$root"
git rev-parse --is-inside-work-tree >/dev/null

stopped=0
for port in ${LAB_PORTS:-8080 8089}; do
  if ! command -v lsof >/dev/null; then
    echo "reset: lsof is not installed; stop any server on port $port yourself (Ctrl-C in its terminal)"
    continue
  fi
  for pid in $(lsof -t -iTCP:"$port" -sTCP:LISTEN 2>/dev/null || true); do
    cwd="$(lsof -a -p "$pid" -d cwd -Fn 2>/dev/null | sed -n 's/^n//p' | head -n 1)"
    case "$cwd" in
      "$root" | "$root"/*)
        kill "$pid" 2>/dev/null || true
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$pid" 2>/dev/null || true
        echo "reset: stopped the server on port $port (pid $pid)"
        stopped=$((stopped + 1))
        ;;
      *)
        echo "reset: port $port is used by pid $pid, not started from this clone ($cwd): left running"
        ;;
    esac
  done
done

changed="$(git status --porcelain --untracked-files=no | wc -l | tr -d ' ')"
git reset -q -- .
git checkout -q -- .
removed="$(git clean -ndx -e .idea -e .vscode -e '*.iml' | wc -l | tr -d ' ')"
git clean -fdxq -e .idea -e .vscode -e '*.iml'

echo "reset: $stopped server(s) stopped, $changed changed tracked file(s) restored, $removed untracked file(s) or build folder(s) removed"
if [ -z "$(git status --porcelain)" ]; then
  echo "reset: git status: clean at $(git log -1 --format='%h %s')"
else
  git status --short
  echo "reset: git status is not clean" >&2
  exit 1
fi
