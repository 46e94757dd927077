#!/usr/bin/env bash
# Runs every test of Wayfinder and ends with the totals on a line of their own: "N passed, N failed, N skipped".
# Works on a fresh machine: installs what the renderings need (fontconfig, DejaVu fonts) and Chromium for the browser
# tests when missing, and starts a
# throwaway PostgreSQL 15 (scripts/postgres.sh, installed with apt when missing) for the server's PostgreSQL tests,
# named to them in WAYFINDER_TEST_POSTGRES and stopped at the end.
set -uo pipefail
cd "$(dirname "$0")/.."

"$(dirname "$0")/setup.sh" || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

# The web app's browser tests drive Debian's Chromium through Playwright (which downloads no browser of its own).
if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium (for the web app's browser tests)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium; } >/dev/null \
    || echo "could not install chromium: the browser tests will fail" >&2
fi

# The ClickHouse store's tests start two servers of Debian's clickhouse-server themselves (a two-shard cluster).
if [ ! -x /usr/sbin/clickhouse-server ]; then
  echo "installing clickhouse-server (for the ClickHouse store's tests)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq clickhouse-server; } >/dev/null \
    || echo "could not install clickhouse-server: the ClickHouse tests will fail" >&2
fi

# Without a server the PostgreSQL tests fail and say why; they never pass unrun.
if postgres_env="$(./scripts/postgres.sh start)"; then
  eval "$postgres_env"
  trap './scripts/postgres.sh stop "$WAYFINDER_TEST_POSTGRES_DIR"' EXIT
else
  echo "could not start PostgreSQL: the PostgreSQL tests will fail" >&2
fi

results="$(pwd)/TestResults"
rm -rf "$results"
status=0
dotnet build Wayfinder.slnx --configuration Release -nologo -clp:ErrorsOnly || status=$?
if [ "$status" -eq 0 ]; then
  # One results folder per test project, so no two trx files can collide.
  for project in tests/*/*.csproj; do
    name=$(basename "$project" .csproj)
    dotnet test "$project" --configuration Release --no-build --logger trx --results-directory "$results/$name" "$@" || status=$?
  done
fi

passed=0; failed=0; skipped=0
shopt -s nullglob
trx_files=("$results"/*/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ "${#trx_files[@]}" -eq 0 ] && [ "$status" -ne 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
