#!/usr/bin/env bash
# Runs the README's two commands on a fresh clone in a temporary folder: `npm install && npm start`
# must serve the demo world within 60 s, log the demo provincial regulator in and list its province.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
# A free port: a leftover server on a fixed port would answer /readyz for us.
PORT=${QUICKSTART_PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
# npm start runs in its own process group so that cleanup stops the server too, not only npm.
cleanup() { [[ -n ${PID:-} ]] && kill -- "-$PID" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

git clone -q "$SRC" "$WORK/lianjian"
cd "$WORK/lianjian"
echo "-- npm install"
npm install --no-audit --no-fund --prefer-offline >/dev/null
echo "-- npm start"
start=$(date +%s%N)
LIANJIAN_PORT=$PORT setsid npm start >"$WORK/start.log" 2>&1 &
PID=$!
ready=""
for _ in $(seq 1 600); do
  if curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then ready=1; break; fi
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.1
done
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
if [[ -z $ready ]]; then echo "not ready; log:"; cat "$WORK/start.log"; exit 1; fi
echo "-- ready in ${elapsed_ms} ms (target < 60000)"
[[ $elapsed_ms -lt 60000 ]] || { echo "too slow"; exit 1; }
grep -q "demo-province" "$WORK/start.log" || { echo "demo accounts not printed"; cat "$WORK/start.log"; exit 1; }

jar="$WORK/cookies"
curl -sf -c "$jar" -H 'content-type: application/json' -d '{"username":"demo-province","password":"Demo#2026"}' "http://127.0.0.1:$PORT/api/auth/login" >/dev/null
body=$(curl -sf -b "$jar" "http://127.0.0.1:$PORT/api/organizations?pageSize=500")
node -e '
  const b = JSON.parse(process.argv[1]);
  if (!(b.total > 100)) throw new Error(`expected the province to have over 100 organisations, got ${b.total}`);
  const outside = b.items.filter((o) => !o.regionCode.startsWith("33"));
  if (outside.length) throw new Error(`demo-province sees organisations outside Zhejiang: ${outside.map((o) => o.regionCode)}`);
  console.log(`-- demo-province lists ${b.total} organisations, all in 33xxxx`);
' "$body"
for list in licenses products; do
  curl -sf -b "$jar" "http://127.0.0.1:$PORT/api/$list?pageSize=1" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const b=JSON.parse(s);if(!(b.total>0))throw new Error("empty");console.log(`-- '"$list"': ${b.total}`)})'
done
curl -sf "http://127.0.0.1:$PORT/docs/" >/dev/null && echo "-- docs page served"
# The web app: a browser asking for / gets the built index.html (the app's root element and script).
index=$(curl -sf -H 'Accept: text/html' "http://127.0.0.1:$PORT/")
grep -q '<div id="root">' <<<"$index" && grep -q '<script type="module"' <<<"$index" || { echo "/ is not the web app's index.html:"; head -c 500 <<<"$index"; exit 1; }
echo "-- web app index.html served at /"
descendants() { local p; for p in $(pgrep -P "$1"); do echo "$p"; descendants "$p"; done; }
server_pid=$(for p in $(descendants "$PID"); do ps -o pid=,args= -p "$p"; done | awk '/cli.mjs serve/ {print $1}' | tail -1)
rss_kb=$(ps -o rss= -p "$server_pid" | tr -d ' ')
echo "-- server memory after start: $((rss_kb / 1024)) MB RSS (target < 300)"
