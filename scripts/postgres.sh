#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests: in a temp folder, on 127.0.0.1 and a free port, fsync off.
#   eval "$(scripts/postgres.sh start)"   # exports WAYFINDER_TEST_POSTGRES (a connection string) and WAYFINDER_TEST_POSTGRES_DIR
#   scripts/postgres.sh stop "$WAYFINDER_TEST_POSTGRES_DIR"
# Installs the Debian package `postgresql` when its binaries are missing. initdb refuses root, so the cluster runs as `postgres`.
# Progress goes to stderr; only the export lines go to stdout.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres -- "$@"; fi
}

case "${1:-}" in
  start)
    if [ ! -x "$bin/initdb" ] || ! id postgres >/dev/null 2>&1; then
      echo "installing postgresql (the tests' PostgreSQL server)" >&2
      $SUDO apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
    fi
    # /tmp is enterable by everyone, so `postgres` can reach the folder.
    dir=$(mktemp -d /tmp/wayfinder-pg-XXXXXX)
    chmod 755 "$dir"
    $SUDO chown postgres "$dir" 2>/dev/null || chown postgres "$dir"
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # A free port: ask the kernel for one, then start on it (retried if another process took it in between).
    for _ in 1 2 3 4 5; do
      port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
        || echo $((20000 + RANDOM % 20000)))
      if as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
          -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null; then
        echo "export WAYFINDER_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
        echo "export WAYFINDER_TEST_POSTGRES_DIR='$dir'"
        exit 0
      fi
    done
    cat "$dir/server.log" >&2
    exit 1
    ;;
  stop)
    dir="${2:?the cluster folder}"
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
