#!/usr/bin/env bash
# Throwaway ClickHouse servers on 127.0.0.1 for the benchmark and for trying the ClickHouse store by hand: N servers
# (default 2), each with its own ports and data folder under a temp folder, configured as the N shards of cluster
# `wayfinder`. (The tests start their own servers from C#: tests/Wayfinder.Evidence.ClickHouse.Tests/ClickHouseServers.cs.)
#   eval "$(scripts/clickhouse.sh start 2)"   # exports WAYFINDER_CLICKHOUSE_DIR and WAYFINDER_CLICKHOUSE_HOSTS (host:port,…)
#   wayfinder analyze JOURNEY --events "clickhouse://$WAYFINDER_CLICKHOUSE_HOSTS/analytics?cluster=wayfinder"
#   scripts/clickhouse.sh stop "$WAYFINDER_CLICKHOUSE_DIR"
# Installs Debian's clickhouse-server when missing. Progress goes to stderr; only the export lines go to stdout.
set -euo pipefail
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
binary=/usr/sbin/clickhouse-server

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000))
}

case "${1:-}" in
  start)
    count="${2:-2}"
    if [ ! -x "$binary" ]; then
      echo "installing clickhouse-server" >&2
      $SUDO apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq clickhouse-server >/dev/null
    fi
    dir=$(mktemp -d /tmp/wayfinder-ch-XXXXXX)
    http=(); tcp=()
    for i in $(seq 1 "$count"); do http+=("$(free_port)"); tcp+=("$(free_port)"); done
    shards=""
    for i in $(seq 0 $((count - 1))); do
      shards+="<shard><replica><host>127.0.0.1</host><port>${tcp[$i]}</port></replica></shard>"
    done
    hosts=""
    for i in $(seq 0 $((count - 1))); do
      d="$dir/s$((i + 1))"; mkdir -p "$d"
      cat > "$d/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$d/server.log</log><errorlog>$d/error.log</errorlog></logger>
  <http_port>${http[$i]}</http_port>
  <tcp_port>${tcp[$i]}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>$d/data/</path>
  <tmp_path>$d/tmp/</tmp_path>
  <user_files_path>$d/user_files/</user_files_path>
  <format_schema_path>$d/format_schemas/</format_schema_path>
  <users_config>$d/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <max_concurrent_queries>100</max_concurrent_queries>
  <mark_cache_size>536870912</mark_cache_size>
  <query_log><database>system</database><table>query_log</table><flush_interval_milliseconds>1000</flush_interval_milliseconds></query_log>
  <remote_servers><wayfinder>$shards</wayfinder></remote_servers>
</yandex>
XML
      cat > "$d/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>16000000000</max_memory_usage><log_queries>1</log_queries></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
XML
      nohup "$binary" --config-file="$d/config.xml" >"$d/stdout.log" 2>&1 &
      echo $! > "$d/pid"
      for _ in $(seq 1 300); do
        if curl -sf "http://127.0.0.1:${http[$i]}/ping" >/dev/null 2>&1; then break; fi
        sleep 0.1
      done
      curl -sf "http://127.0.0.1:${http[$i]}/ping" >/dev/null || { cat "$d/error.log" >&2 2>/dev/null; exit 1; }
      hosts+="${hosts:+,}127.0.0.1:${http[$i]}"
    done
    echo "started $count ClickHouse server(s): $hosts (cluster 'wayfinder')" >&2
    echo "export WAYFINDER_CLICKHOUSE_DIR='$dir'"
    echo "export WAYFINDER_CLICKHOUSE_HOSTS='$hosts'"
    ;;
  stop)
    dir="${2:?the folder printed by start}"
    for pid in "$dir"/s*/pid; do
      [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true
    done
    sleep 0.5
    for pid in "$dir"/s*/pid; do
      [ -f "$pid" ] && kill -9 "$(cat "$pid")" 2>/dev/null || true
    done
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start [N] | stop DIR" >&2
    exit 2
    ;;
esac
