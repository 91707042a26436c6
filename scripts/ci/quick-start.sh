#!/usr/bin/env bash
# The README's quick start, as a new user runs it after `npm install`:
# `npm start` must serve the portal. Checks the health route, the home
# page and the first-administrator URL it prints, prints which Node.js the
# server runs on, and stops it.
# Used by .ci/run on the machine's own Node (20 here: npm install fetched a
# supported runtime, which npm start must pick up).
set -euo pipefail
cd "$(dirname "$0")/../.."

port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
dir="$(mktemp -d)"
# A database of its own, so the check leaves nothing behind in data/.
PORT="$port" DATABASE_URL="file:$dir/portal.db" setsid npm start >"$dir/log" 2>&1 &
pid=$!
trap 'kill -TERM -- -"$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT

for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$port/api/v1/health" >"$dir/health" 2>/dev/null; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$dir/log"; echo "quick start: npm start exited" >&2; exit 1; fi
  sleep 0.5
done
[ -s "$dir/health" ] || { cat "$dir/log"; echo "quick start: no answer on port $port" >&2; exit 1; }
curl -fsS "http://127.0.0.1:$port/" | grep -q '<h1[^>]*>Your sign-in token, in a few minutes</h1>' || { echo "quick start: the home page is not the portal's" >&2; exit 1; }

# No administrator yet: the console shows a one-time set-up URL, and its page opens.
# (The URL names APP_URL, localhost:3000 by default; the path is asked of this port.)
setup="$(grep -o '/staff/setup/[A-Za-z0-9_-]\{43\}' "$dir/log" | head -n 1 || true)"
[ -n "$setup" ] || { cat "$dir/log"; echo "quick start: npm start printed no first-administrator set-up URL" >&2; exit 1; }
curl -fsS "http://127.0.0.1:$port$setup" | grep -q 'Set up the first administrator' || { echo "quick start: the printed set-up URL does not open the set-up page" >&2; exit 1; }

# The HTTP server process (scripts/server/start.mjs, which runs Next.js in-process).
server="$(pgrep -f 'scripts/server/start.mjs' -g "$pid" | head -n 1 || true)"
[ -n "$server" ] || { cat "$dir/log"; echo "quick start: no server process found under npm start" >&2; exit 1; }
runtime="$("$(readlink -f "/proc/$server/exe")" --version)"
major="${runtime#v}"; major="${major%%.*}"
[ "$major" -ge 22 ] || { echo "quick start: the server runs on Node.js $runtime; the portal supports 22 and later" >&2; exit 1; }
echo "quick start: npm start serves the portal on Node.js $runtime (npm install ran on $(node --version)); health $(cat "$dir/health")"
