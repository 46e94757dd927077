#!/usr/bin/env bash
# The server under load: reads of a journey map as JSON (and, where the server has them, its SVG render and its
# cached analysis) with wrk, against a Release build on a temporary SQLite database on 127.0.0.1.
#
#   bench/load/run.sh                 # 10 s per target, 64 connections, 2 threads
#   DURATION=30s CONNECTIONS=128 bench/load/run.sh
#   WAYFINDER_LOAD_TOKEN=wf_… bench/load/run.sh   # a viewer's token of demo to send; by default the script sets the
#                                                 # first admin up with the printed link and makes one
#   SERVER_DLL=/tmp/old/src/Wayfinder.Web/bin/Release/net10.0/Wayfinder.Web.dll bench/load/run.sh   # another build
#
# Not a test: it prints a table (requests/s, p50, p99 per target) and the machine's load; bench/README.md keeps the
# numbers measured. Targets: ≥ 2,000 map reads/s with p99 < 20 ms at 64 connections (floor: 1,000/s, 50 ms).
set -euo pipefail

DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-20s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$(mktemp -d)"
SERVER_PID=""

cleanup() {
    if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# wrk from the distribution when missing (as root, or through sudo); else bombardier if it is there.
install_wrk() {
    command -v wrk >/dev/null && return 0
    local policy
    policy="$(apt-cache policy wrk 2>/dev/null || true)"
    if [[ "$policy" == *"Candidate: "[0-9]* ]]; then
        if [[ "$(id -u)" == 0 ]]; then apt-get -o DPkg::Lock::Timeout=300 install -y wrk >/dev/null; else sudo apt-get -o DPkg::Lock::Timeout=300 install -y wrk >/dev/null; fi
    fi
    command -v wrk >/dev/null
}
TOOL=wrk
if ! install_wrk; then
    if command -v bombardier >/dev/null; then TOOL=bombardier; else
        echo "neither wrk nor bombardier is installed, and apt has no wrk: install one of them (apt-get install wrk)" >&2; exit 1
    fi
fi

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"

# SERVER_DLL: another build of the server to measure (e.g. an older commit's, as a baseline); else this tree's, built now.
DLL="${SERVER_DLL:-$ROOT/src/Wayfinder.Web/bin/Release/net10.0/Wayfinder.Web.dll}"
if [[ -z "${SERVER_DLL:-}" ]]; then
    echo "building the server (Release)…" >&2
    dotnet build "$ROOT/src/Wayfinder.Web" -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null
fi
# The per-token rate limit is lifted: this measures the server's throughput, not the limiter. The setup link is logged
# by Wayfinder's own logger, kept at Information.
(cd "$WORK" && ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Logging__LogLevel__Wayfinder=Information \
    Access__TokenPermitsPerMinute=100000000 exec dotnet "$DLL" --urls "$BASE" --db "Data Source=$WORK/wayfinder.db" >"$WORK/server.log" 2>&1) &
SERVER_PID=$!
for _ in $(seq 1 120); do
    curl -fsS "$BASE/readyz" >/dev/null 2>&1 && break
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server stopped:" >&2; cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.5
done
curl -fsS "$BASE/readyz" >/dev/null || { echo "the server did not become ready on $BASE" >&2; exit 1; }

# A viewer's token of demo: WAYFINDER_LOAD_TOKEN, else made as a team's admin would, with the one-time setup link the
# server printed (the admin is signed in by the setup; a token is made with the antiforgery token of that session).
if [[ -z "${WAYFINDER_LOAD_TOKEN:-}" ]]; then
    CODE=""
    for _ in $(seq 1 60); do
        CODE="$(grep -o 'setup?code=[A-Za-z0-9_-]*' "$WORK/server.log" | head -1 | cut -d= -f2 || true)"
        [[ -n "$CODE" ]] && break
        sleep 0.5
    done
    [[ -n "$CODE" ]] || { echo "the server printed no setup link:" >&2; cat "$WORK/server.log" >&2; exit 1; }
    JAR="$WORK/cookies"
    curl -fsS -c "$JAR" -b "$JAR" -H 'Content-Type: application/json' \
        -d "{\"code\": \"$CODE\", \"user_name\": \"load\", \"password\": \"a load test's password\"}" "$BASE/api/v1/setup" >/dev/null
    ANTIFORGERY="$(curl -fsS -c "$JAR" -b "$JAR" "$BASE/api/v1/account/antiforgery" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
    WAYFINDER_LOAD_TOKEN="$(curl -fsS -c "$JAR" -b "$JAR" -H "X-Wayfinder-Antiforgery: $ANTIFORGERY" -H 'Content-Type: application/json' \
        -d '{"name": "load", "workspace": "demo", "role": "viewer", "expires_in_days": 1}' "$BASE/api/v1/account/tokens" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
fi
AUTH=(-H "Authorization: Bearer $WAYFINDER_LOAD_TOKEN")

JOURNEY="$(curl -fsS "${AUTH[@]}" "$BASE/api/v1/workspaces/demo/documents" \
    | python3 -c 'import json,sys; print(next(e["id"] for e in json.load(sys.stdin) if e["kind"] == "journey"))')"

# The baseline: the liveness endpoint, which touches neither the database nor a document (the server's and wrk's own
# cost on this machine, now); each target's rate is also given as a share of it.
TARGETS=(
    "baseline: liveness|/healthz"
    "map as JSON|/api/v1/workspaces/demo/documents/journey/$JOURNEY"
    "map as SVG|/api/v1/workspaces/demo/documents/journey/$JOURNEY/render.svg"
    "analysis (cached)|/api/v1/workspaces/demo/journeys/$JOURNEY/analysis"
)

# wrk prints latencies as 1.23ms, 456.00us or 1.02s: in milliseconds.
to_ms() { python3 -c 'import re,sys; v,u=re.fullmatch(r"([\d.]+)(us|ms|s|m)",sys.argv[1]).groups(); print("%.2f" % (float(v)*dict(us=0.001,ms=1,s=1000,m=60000)[u]))' "$1"; }

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
ROWS=()
BASELINE_RPS=""
for target in "${TARGETS[@]}"; do
    name="${target%%|*}"; path="${target#*|}"
    status="$(curl -s -o /dev/null -w '%{http_code}' "${AUTH[@]}" "$BASE$path")"
    if [[ "$status" != 200 ]]; then
        echo "skipping $name: GET $path answers $status (not on this server yet?)" >&2
        ROWS+=("| $name | \`GET $path\` | skipped: $status | | | |")
        continue
    fi
    # Warm, unmeasured: the analysis is computed once then cached, and the JIT's tiers settle (a cold first run reads
    # several times slower than a warm one).
    if [[ "$TOOL" == wrk ]]; then wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${AUTH[@]}" "$BASE$path" >/dev/null; else
        bombardier -c "$CONNECTIONS" -d "$WARMUP" "${AUTH[@]}" "$BASE$path" >/dev/null; fi
    echo "loading $name for $DURATION ($CONNECTIONS connections, $THREADS threads)…" >&2
    if [[ "$TOOL" == wrk ]]; then
        out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${AUTH[@]}" "$BASE$path")"
        echo "$out" >&2
        rps="$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' <<<"$out")"
        p50="$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
        p99="$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
        errors="$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')"
    else
        out="$(bombardier -c "$CONNECTIONS" -d "$DURATION" -l -p r -o json "${AUTH[@]}" "$BASE$path")"
        read -r rps p50 p99 errors < <(python3 -c 'import json,sys; r=json.load(sys.stdin)["result"]; p=r["latency"]["percentiles"]; print(round(r["rps"]["mean"]), p["50"]/1000, p["99"]/1000, r["req4xx"]+r["req5xx"]+len(r.get("errors") or []))' <<<"$out")
    fi
    BASELINE_RPS="${BASELINE_RPS:-$rps}"
    ratio="$(python3 -c 'import sys; print("%.2f" % (float(sys.argv[1]) / float(sys.argv[2])))' "$rps" "$BASELINE_RPS")"
    ROWS+=("| $name | \`GET $path\` | $rps | $ratio | $p50 | $p99 |${errors:+ $errors}")
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "$TOOL, $DURATION per target after $WARMUP of warm-up, $CONNECTIONS connections, $THREADS threads; $(nproc) cores; $(uname -sr)"
echo
echo "| target | request | requests/s | ÷ baseline | p50 ms | p99 ms |"
echo "|---|---|---:|---:|---:|---:|"
printf '%s\n' "${ROWS[@]}"
echo
echo "load average (1, 5, 15 min): before $LOAD_BEFORE, after $LOAD_AFTER"
