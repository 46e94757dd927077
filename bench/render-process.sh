#!/usr/bin/env bash
# Whole-process render benchmark: `wayfinder render ID --format svg|png|pdf` as a user runs it, start to end.
# Writes a workspace with the 15 stages x 12 lanes long-text map of bench/Wayfinder.Bench/BenchMaps.cs (as journey
# YAML) and the demo workspace, then runs each render RUNS times and reports the median wall time, the peak RSS
# (/usr/bin/time) and the ratio to the baseline measured in the same run: `wayfinder --version` (process start only).
#
#   bench/render-process.sh                 # RUNS=7; builds src/Wayfinder.Cli (Release) first
#   WAYFINDER=path/to/wayfinder bench/render-process.sh   # measure another build (e.g. a copy of an older bin/)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-7}

# shellcheck source=bench/process-common.sh
. bench/process-common.sh render-bench
ws="$work/bench"
mkdir -p "$ws/journeys" "$ws/personas"

# The workspace of BenchMaps.Workspace(): three channels, two evidence links, one persona.
cat >"$ws/wayfinder.yaml" <<'YAML'
name: Bench
channels:
  - { id: web, name: Website, kind: digital, glyph: web }
  - { id: app, name: Mobile app, kind: digital, glyph: app }
  - { id: store, name: Store, kind: physical }
evidence:
  - { id: i1, kind: interview, title: Interviews }
  - { id: s1, kind: survey, title: Survey }
YAML
cat >"$ws/personas/p.yaml" <<'YAML'
kind: persona
id: p
title: Pat
name: Pat Doe
role: Buyer
quote: Make it simple, please.
YAML

# BenchMaps.Map(15): every lane type once, an item in every cell, long and short texts alternating.
stages=15
lanes=(goals actions touchpoints thoughts emotion pain_points opportunities kpis backstage questions ideas channels)
channels=(web app store)
{
  echo "kind: journey"
  echo "id: bench-$stages"
  echo "title: A $stages-stage journey"
  echo "business_goal: Raise conversion"
  echo "personas: [p]"
  echo "stages:"
  for ((i = 1; i <= stages; i++)); do
    echo "  - { id: s$i, name: 'Stage $i: find out what is on offer', goal: I want to know my options before I commit }"
  done
  echo "lanes:"
  for l in "${!lanes[@]}"; do
    type=${lanes[$l]}
    echo "  - id: l$l"
    echo "    type: $type"
    echo "    items:"
    for ((i = 0; i < stages; i++)); do
      if ((i % 2 == 0)); then text="Compares prices on three sites and asks a friend which one they trust most"; else text="Signs up"; fi
      echo "      - stage: s$((i + 1))"
      echo "        text: $text"
      case $type in
        touchpoints | channels) echo "        channel: ${channels[$((i % 3))]}" ;;
        emotion) echo "        score: $(((i % 5) - 2))" ;;
        kpis) printf '        target: "45%%"\n        actual: "38%%"\n        status: does_not_meet\n' ;;
        opportunities) printf '        customer_value: 4\n        effort: 2\n' ;;
      esac
      if ((i % 3 == 0)); then echo "        evidence: [i1, s1]"; fi
    done
  done
} >"$ws/journeys/bench-$stages.yaml"

demo="$work/demo"
$cli init "$demo" >/dev/null 2>&1
$cli validate --workspace "$ws" >/dev/null 2>&1 || { echo "render-process.sh: the bench workspace does not validate:" >&2; $cli validate --workspace "$ws" >&2; exit 1; }

# One timed run: prints "seconds max_rss_kb".
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  cat "$work/time"
}

# Median seconds and the largest peak RSS (MB) of RUNS runs, after one unmeasured warm-up (disk cache).
bench() {
  "$@" >/dev/null 2>&1 || true
  local times=() rss=0
  for ((r = 0; r < runs; r++)); do
    read -r t m < <(measure "$@")
    times+=("$t")
    ((m > rss)) && rss=$m
  done
  echo "$(median "${times[@]}") $((rss / 1024))"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $runs runs each, median" >&2
read -r base base_rss < <(bench $cli --version)
printf '| %-44s | %8s | %6s | %8s |\n' "command" "median s" "ratio" "peak MB"
printf '|%s|%s|%s|%s|\n' "----------------------------------------------" "---------:" "-------:" "---------:"
printf '| %-44s | %8s | %6s | %8s |\n' "wayfinder --version (baseline)" "$base" "1.00" "$base_rss"
for target in "bench-15:$ws" "first-flight:$demo"; do
  id=${target%%:*}
  dir=${target#*:}
  for format in svg png pdf; do
    read -r t rss < <(bench $cli render "$id" --workspace "$dir" --format "$format" -o "$work/out.$format" --force)
    ratio=$(awk -v a="$t" -v b="$base" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
    printf '| %-44s | %8s | %6s | %8s |\n' "render $id --format $format" "$t" "$ratio" "$rss"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
