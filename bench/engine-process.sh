#!/usr/bin/env bash
# Whole-process benchmark of the evidence engine: `wayfinder import events` and `wayfinder analyze --json` as a user
# runs them, start to end, beside DuckDB SQL and pandas doing the same work on the same CSV as their own processes, and
# beside the in-process figures of bench/Wayfinder.EvidenceBench. Every step runs RUNS times; the table gives the
# median wall and CPU (user + sys) time and the largest peak RSS (/usr/bin/time), each step's ratio to `wayfinder
# --version` (process start only) measured in the same run, the ratios between the engines, cut ÷ uncut, and the cost
# curve across SIZES. The markdown tables are also written to OUT, ready for bench/README.md.
#
#   bench/engine-process.sh                                  # SIZES="1000000 10000000", RUNS=5
#   SIZES=1000000 RUNS=3 bench/engine-process.sh             # a quick one
#   SIZES=100000000 bench/engine-process.sh                  # 100M events (a 6 GB CSV, 11 GB of memory; not in CI)
#   WAYFINDER=path/to/wayfinder bench/engine-process.sh      # measure another build (e.g. a copy of an older bin/)
#
# Settings: DATA (where events-N.csv are kept and reused, default /tmp/wayfinder-bench), OUT (default
# /tmp/engine-process.md), NEXT (events in the next day's file, default 1000000), BASELINE_RUNS (runs of DuckDB and
# pandas, default 1: they take 10-30x longer), BASELINE_MAX (the largest size the baselines run at, default 10000000:
# DuckDB and pandas hold the whole CSV in memory), INPROCESS=0 skips the in-process figures, WARMUP=0 skips the
# unmeasured first run of each step.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${RUNS:-5}
sizes=${SIZES:-"1000000 10000000"}
data=${DATA:-/tmp/wayfinder-bench}
out=${OUT:-/tmp/engine-process.md}
next_events=${NEXT:-1000000}
baseline_runs=${BASELINE_RUNS:-1}
baseline_max=${BASELINE_MAX:-10000000}
warmup=${WARMUP:-1}

# The EvidenceBench first: its build compiles the shared projects without ReadyToRun, the CLI's then precompiles its own
# output folder (as scripts/run.sh builds it).
echo "building bench/Wayfinder.EvidenceBench (Release)..." >&2
dotnet build bench/Wayfinder.EvidenceBench -c Release -nologo -clp:ErrorsOnly >&2
evidencebench="$root/bench/Wayfinder.EvidenceBench/bin/Release/net10.0/linux-x64/Wayfinder.EvidenceBench"
# shellcheck source=bench/process-common.sh
. bench/process-common.sh engine-bench

# The bench workspace: the EvidenceBench journey (BenchJourney.cs), its channels, the funnel window and inactivity the
# EvidenceBench uses, and a persona whose segment holds about a third of the customers (country DE or FR: 3 in 10).
ws="$work/ws"
mkdir -p "$ws/journeys" "$ws/personas"
cat >"$ws/wayfinder.yaml" <<'YAML'
name: Engine bench
channels:
  - { id: web, name: Website, kind: digital }
  - { id: app, name: App, kind: digital }
  - { id: email, name: Email, kind: digital }
  - { id: store, name: Store, kind: physical }
defaults:
  funnel_window_days: 30
  inactivity_days: 14
YAML
cat >"$ws/personas/third.yaml" <<'YAML'
kind: persona
id: third
title: A third of the customers
name: Dana Third
role: Buyer
segment: country in ("DE", "FR")
YAML
stages=(discover consider buy use recommend)
channels=(web app email store)
{
  echo "kind: journey"
  echo "id: bench"
  echo "title: Benchmark journey"
  echo "stages:"
  for s in "${stages[@]}"; do echo "  - { id: $s, name: $s }"; done
  echo "lanes:"
  echo "  - id: touchpoints"
  echo "    type: touchpoints"
  echo "    name: Touchpoints"
  echo "    items:"
  for s in "${stages[@]}"; do
    for t in 1 2 3 4; do
      echo "      - { id: $s-$t, stage: $s, text: $s-$t, channel: ${channels[$((t - 1))]}, events: [${s}_$t] }"
    done
  done
} >"$ws/journeys/bench.yaml"
# pandas_baseline.py's mapping (as PandasBaseline.cs writes it): event name → [touchpoint, stage number from 1].
{
  printf '{'
  sep=
  for i in "${!stages[@]}"; do
    for t in 1 2 3 4; do printf '%s"%s_%s": ["%s-%s", %s]' "$sep" "${stages[$i]}" "$t" "${stages[$i]}" "$t" "$((i + 1))"; sep=", "; done
  done
  printf '}\n'
} >"$work/pandas-mapping.json"
$cli validate --workspace "$ws" >/dev/null 2>&1 || { echo "engine-process.sh: the bench workspace does not validate:" >&2; $cli validate --workspace "$ws" >&2; exit 1; }
has_compact=no
$cli --help 2>/dev/null | grep -Eq '^ +compact( |$)' && has_compact=yes
python=
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import pandas' >/dev/null 2>&1; then python=$p; break; fi
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 <= 0) print "n/a"; else printf "%.2f", a / b }'; }
sum() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a + b }'; }
nothing() { :; }

# Runs "$@" N times, each after PREP (a function, not timed), after WARM unmeasured runs (disk cache, as for a user's
# second command). Sets wall and cpu (medians, seconds) and rss (the largest peak, MB); when the command fails, sets err
# to its exit code and last stderr lines (a failure is reported, never hidden) and returns 1.
bench() {
  local prep=$1 n=$2 warm=$3
  shift 3
  wall='' cpu='' rss='' err=''
  local walls=() cpus=() peak=0 r rc e u s m
  for ((r = -warm; r < n; r++)); do
    $prep
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" && rc=0 || rc=$?
    if ((rc != 0)); then
      err=$(grep -v '^[[:space:]]*$' "$work/err" | tail -n 3 | tr '\n' ' ' | sed 's/|/\\|/g; s/ *$//')
      ((rc == 137)) && err="killed (out of memory?) $err"
      err="fails (exit $rc): ${err:-no message}"
      return 1
    fi
    ((r < 0)) && continue
    read -r e u s m < <(tail -n 1 "$work/time")
    walls+=("$e")
    cpus+=("$(sum "$u" "$s")")
    ((m > peak)) && peak=$m
  done
  wall=$(median "${walls[@]}")
  cpu=$(median "${cpus[@]}")
  rss=$((peak / 1024))
}

steps="$work/steps.md" ratios="$work/ratios.md" curve="$work/curve.md" inprocess="$work/inprocess.md" checks="$work/checks.md"
: >"$steps"; : >"$ratios"; : >"$curve"; : >"$inprocess"; : >"$checks"
# One line of the steps table (also shown as progress): step, then wall, CPU and peak (or an error in the note).
step() {
  local line
  line=$(printf '| %s | %s | %s | %s | %s | %s | %s |' "$label" "$1" "${2:--}" "${3:--}" "${4:--}" "$(ratio "${2:-}" "$base")" "${5:-}")
  echo "$line" >>"$steps"
  echo "$line" >&2
}
# Runs a step with bench and writes its line; returns 1 when it failed (the line then says how).
measured() {
  local name=$1 note=$2
  shift 2
  if bench "$@"; then
    step "$name" "$wall" "$cpu" "$rss" "$note"
  else
    step "$name" "" "" "" "$err"
    return 1
  fi
}
# Whether a baseline's funnel (comma-separated) is the one `analyze --json` found, as a line of the checks.
agree() {
  local wf=''
  [ -f "$work/analyze.json" ] && wf=$(jq -r '[.metrics.funnel[].customers] | join(",")' "$work/analyze.json")
  echo "- $label funnel: wayfinder ${wf:-(no analysis)}; $1 $2: $([ -n "$wf" ] && [ "$wf" = "$2" ] && echo agree || echo DIFFER)" >>"$checks"
}
human() { awk -v n="$1" 'BEGIN { if (n >= 1e6 && n % 1e6 == 0) print n / 1e6 "M"; else if (n >= 1e3 && n % 1e3 == 0) print n / 1e3 "k"; else print n }'; }
store_files() { find "$1/.wayfinder/store" -type f 2>/dev/null | wc -l; }
store_mb() { du -sm "$1/.wayfinder/store" 2>/dev/null | cut -f1; }
fresh_store() { rm -rf "$ws/.wayfinder" "$ws/out"; }
ws2="$work/ws-append"
copy_store() { rm -rf "$ws2" && cp -r "$ws" "$ws2"; }
copy_and_append() { copy_store && $cli import events "$next" --workspace "$ws2" >/dev/null 2>&1; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average before: $load_before; $(nproc) cores; $runs runs each, median" >&2
label=all
bench nothing "$runs" "$warmup" "$cli" --version || { echo "engine-process.sh: $cli --version $err" >&2; exit 1; }
base=$wall
step "\`wayfinder --version\` (baseline: process start)" "$wall" "$cpu" "$rss" ""
prev_n='' prev_import=''
for n in $sizes; do
  label=$(human "$n")
  csv="$data/events-$n.csv"
  if [ ! -f "$csv" ]; then
    "$evidencebench" --generate-only "$n" --out "$csv" >&2 || { step "generate the CSV" "" "" "" "failed (above)"; continue; }
  else
    size1=$(stat -c %s "$csv"); sleep 2; size2=$(stat -c %s "$csv")
    if [ "$size1" != "$size2" ]; then
      step "generate the CSV" "" "" "" "$csv is still being written; run again when it is done"
      continue
    fi
  fi
  csv_mb=$(($(stat -c %s "$csv") / 1000000))
  echo "# $label events: $csv ($csv_mb MB)" >&2
  an_wall='' an_cpu='' persona_wall='' persona_cpu='' period_wall='' period_cpu='' duck_wall='' duck_cpu='' pandas_wall='' pandas_cpu=''

  if ! measured "\`wayfinder import events\` into an empty store" "" fresh_store "$runs" "$warmup" "$cli" import events "$csv" --workspace "$ws"; then
    echo "| $label | $csv_mb | $err | | | | | | |" >>"$curve"
    fresh_store
  else
    imp_wall=$wall imp_cpu=$cpu imp_rss=$rss
    grep -h 'stored' "$work/out" "$work/err" | tail -n 1 | sed "s/^/- $label import: /" >>"$checks" || true
    files=$(store_files "$ws") mb=$(store_mb "$ws")
    if measured "\`wayfinder analyze bench --json\`" "" nothing "$runs" "$warmup" "$cli" analyze bench --json --workspace "$ws"; then
      an_wall=$wall an_cpu=$cpu an_rss=$rss
      cp "$work/out" "$work/analyze.json"
    fi
    measured "\`analyze bench --json --persona third\` (a third of the customers)" "" nothing "$runs" "$warmup" "$cli" analyze bench --json --persona third --workspace "$ws" && persona_wall=$wall persona_cpu=$cpu
    measured "\`analyze bench --json --period 2026-Q2\`" "" nothing "$runs" "$warmup" "$cli" analyze bench --json --period 2026-Q2 --workspace "$ws" && period_wall=$wall period_cpu=$cpu

    # The next day: NEXT events that all start the day after the big file's last one, imported into a copy of its store.
    last=$(awk -F, 'NR > 1 && $2 > m { m = $2 } END { print substr(m, 1, 10) }' "$csv")
    start=$(date -u -d "$last + 1 day" +%F)
    next="$work/next-$n.csv"
    "$evidencebench" --generate-only "$next_events" --start "$start" --days 1 --out "$next" 2>/dev/null
    next_label="$(human "$next_events") events from $start"
    if measured "\`wayfinder import events\` of the next day ($next_label) into the $label store" "" copy_store "$runs" "$warmup" "$cli" import events "$next" --workspace "$ws2"; then
      after=$(store_files "$ws2")
      if ((after > files)); then
        sed -i '$ s/ |$/ appended: '"$files"' → '"$after"' store files |/' "$steps"
        measured "\`analyze bench --json\` on the appended store (reads the files merged)" "" nothing "$runs" "$warmup" "$cli" analyze bench --json --workspace "$ws2" || true
      else
        sed -i '$ s/ |$/ rewrote the store ('"$files"' files before and after) |/' "$steps"
      fi
      if [ "$has_compact" = yes ]; then
        measured "\`wayfinder compact\` after that import" "" copy_and_append "$runs" "$warmup" "$cli" compact --workspace "$ws2" || true
      else
        step "\`wayfinder compact\` after that import" "" "" "" "n/a (no compact command)"
      fi
    fi
    rm -rf "$ws2"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$csv_mb" "$imp_wall" "$imp_cpu" "$imp_rss" "$mb" "${an_wall:-failed}" "${an_rss:-failed}" \
      "$([ -n "$prev_import" ] && echo "$(ratio "$imp_wall" "$prev_import") for $(ratio "$n" "$prev_n")× the events" || echo "-")" >>"$curve"
    prev_n=$n prev_import=$imp_wall
  fi

  # The baselines, each its own process on the same CSV: load + the same metrics (DuckDbBaseline.cs, pandas_baseline.py).
  if ((n > baseline_max)); then
    step "DuckDB SQL, pandas" "" "" "" "not run above BASELINE_MAX=$(human "$baseline_max") events (they hold the CSV in memory: about 3.5 GB per 10M events for DuckDB)"
  else
    if measured "DuckDB SQL (EvidenceBench --duckdb-only: load + variants, flow graph, funnel, exits)" "" nothing "$baseline_runs" 0 "$evidencebench" --duckdb-only "$csv"; then
      duck_wall=$wall duck_cpu=$cpu
      sed -i '$ s/ |$/ '"$(grep -m1 '^duckdb: load' "$work/out" | sed 's/^duckdb: //; s/[\/&]/\\&/g')"' |/' "$steps"
      agree DuckDB "$(grep -m1 '^duckdb: funnel' "$work/out" | sed 's/.*funnel \([0-9 →]*\);.*/\1/; s/ → /,/g')"
    fi
    if [ -z "$python" ]; then
      step "pandas" "" "" "" "not run: no python3 here imports pandas (Debian: apt install python3-pandas)"
    elif measured "pandas (pandas_baseline.py: the same load + metrics)" "" nothing "$baseline_runs" 0 "$python" bench/Wayfinder.EvidenceBench/pandas_baseline.py "$csv" "$work/pandas-mapping.json" 2592000000000 1209600000000; then
      pandas_wall=$wall pandas_cpu=$cpu
      sed -i '$ s/ |$/ '"$(jq -r '"load \(.load * 100 | round / 100) s, metrics \(.metrics * 100 | round / 100) s"' "$work/out")"' |/' "$steps"
      agree pandas "$(jq -r '.funnel | join(",")' "$work/out")"
    fi
  fi
  rm -f "$work/analyze.json"

  if [ -n "$an_wall" ]; then
    wf=$(sum "$imp_wall" "$an_wall") wf_cpu=$(sum "$imp_cpu" "$an_cpu")
    printf '| %s | %s s (CPU %s s) | %s | %s | %s | %s | %s | %s |\n' "$label" "$wf" "$wf_cpu" \
      "$(ratio "$duck_wall" "$wf")" "$(ratio "$duck_cpu" "$wf_cpu")" "$(ratio "$pandas_wall" "$wf")" "$(ratio "$pandas_cpu" "$wf_cpu")" \
      "$(ratio "$persona_wall" "$an_wall") (CPU $(ratio "$persona_cpu" "$an_cpu"))" "$(ratio "$period_wall" "$an_wall") (CPU $(ratio "$period_cpu" "$an_cpu"))" >>"$ratios"
  fi

  # The in-process figures of the same size (import, metrics, save, reopen, warm metrics in one process).
  if [ "${INPROCESS:-1}" != 0 ]; then
    mkdir -p "$work/inprocess"
    if /usr/bin/time -f "%e s wall, %U user, %S sys, peak %M KB" -o "$work/time" "$evidencebench" "$n" --no-duckdb --no-pandas --dir "$work/inprocess" --csv "$csv" >"$work/out" 2>"$work/err"; then
      grep '^wayfinder:' "$work/out" | sed "s/^/- $label in-process /" >>"$inprocess"
      echo "- $label in-process, the whole EvidenceBench process: $(tail -n 1 "$work/time")" >>"$inprocess"
    else
      echo "- $label in-process: fails: $(tail -n 3 "$work/err" | tr '\n' ' ')" >>"$inprocess"
    fi
    rm -rf "$work/inprocess"
  fi
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average after: $load_after" >&2

{
  echo "Whole processes ($(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(date -u +%F), $(nproc) cores; load average before $load_before, after $load_after; $runs runs each (baselines $baseline_runs), median; CPU = user + sys; peak = largest RSS):"
  echo
  echo "| events | step | wall s | CPU s | peak MB | ÷ --version | note |"
  echo "|---|---|---:|---:|---:|---:|---|"
  cat "$steps"
  echo
  echo "Ratios (import + \`analyze --json\` is the same work as the baselines' load + metrics; a cut ÷ the uncut analysis; wall time, CPU time in brackets):"
  echo
  echo "| events | wayfinder import + analyze | DuckDB ÷ wayfinder | (CPU) | pandas ÷ wayfinder | (CPU) | persona cut ÷ uncut | period cut ÷ uncut |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|"
  cat "$ratios"
  echo
  echo "Cost curve:"
  echo
  echo "| events | CSV MB | import s | import CPU s | import peak MB | store MB | analyze s | analyze peak MB | import time growth |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
  cat "$curve"
  echo
  echo "Checks:"
  echo
  cat "$checks"
  echo
  echo "In-process, beside (\`Wayfinder.EvidenceBench N --no-duckdb --no-pandas\`, one run):"
  echo
  cat "$inprocess"
} | tee "$out"
echo "written to $out" >&2
