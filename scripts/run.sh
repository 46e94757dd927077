#!/usr/bin/env bash
# Runs Wayfinder. Without arguments: the team server (`wayfinder serve`) on http://127.0.0.1:5000 with its database in
# the demo workspace's data folder (samples/demo/.wayfinder/server/), the `demo` workspace seeded on its first run;
# Ctrl+C stops it.
# `scripts/run.sh demo`: the demo workspace (samples/demo) on the command line: validates and lists it, then renders
# every journey as SVG, PNG, PDF and HTML, the persona cards, the value gap charts and the opportunity matrix into
# out/demo/; then imports the demo's events and surveys into a scratch copy and analyzes every journey (out/demo/analysis/).
# With other arguments, runs `wayfinder ARGS` on the demo workspace instead, e.g. `scripts/run.sh templates`
# or `scripts/run.sh value-gap <id>` (pass --workspace DIR to use another workspace).
# Works on a fresh clone: installs the fonts the renderings need and builds the CLI first.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

command -v dotnet >/dev/null 2>&1 || { echo "run.sh: the .NET SDK is needed (https://dot.net); see global.json for the version" >&2; exit 1; }
./scripts/setup.sh
echo "building the wayfinder CLI (Release)..." >&2
build_log=$(mktemp)
if ! dotnet build src/Wayfinder.Cli --configuration Release -nologo -p:WayfinderReadyToRun=true >"$build_log" 2>&1; then
  cat "$build_log" >&2; rm -f "$build_log"; echo "run.sh: the build failed (above)" >&2; exit 1
fi
rm -f "$build_log"
cli="$root/src/Wayfinder.Cli/bin/Release/net10.0/wayfinder.dll"
wayfinder() { dotnet "$cli" "$@"; }

demo=samples/demo
if [ ! -f "$demo/wayfinder.yaml" ]; then
  # No demo in the checkout: write the built-in one into a scratch folder instead.
  demo=out/demo-workspace
  rm -rf "$demo"
  wayfinder init "$demo" >&2
fi

if [ "$#" -eq 0 ]; then
  exec dotnet "$cli" serve --workspace "$demo"
fi

if [ "$1" = demo ] && [ "$#" -eq 1 ]; then
  set --
fi

if [ "$#" -gt 0 ]; then
  for arg in "$@"; do
    case "$arg" in --workspace|-w|--workspace=*) exec dotnet "$cli" "$@" ;; esac
  done
  exec dotnet "$cli" "$@" --workspace "$demo"
fi

out=out/demo
rm -rf "$out"
mkdir -p "$out"
echo "== wayfinder validate --workspace $demo" >&2
wayfinder validate --workspace "$demo"
echo "== wayfinder list --workspace $demo" >&2
wayfinder list --workspace "$demo"
echo "== wayfinder render --all --format svg,png,pdf,html -o $out" >&2
wayfinder render --all --workspace "$demo" --format svg,png,pdf,html -o "$out"
echo "== wayfinder opportunities --format svg -o $out/opportunities.svg" >&2
wayfinder opportunities --workspace "$demo" --format svg -o "$out/opportunities.svg"
shopt -s nullglob
for file in "$demo"/value-gaps/*.yaml; do
  id=$(sed -n 's/^id:[[:space:]]*//p' "$file" | head -1 | tr -d "\"'")
  [ -n "$id" ] || continue
  echo "== wayfinder value-gap $id" >&2
  wayfinder value-gap "$id" --workspace "$demo"
done

# The data side works on a scratch copy, so the event store never lands in the checkout.
scratch=out/demo-data
rm -rf "$scratch"
cp -R "$demo" "$scratch"
echo "== wayfinder import data (the demo's events and surveys, into a scratch copy: $scratch)" >&2
if wayfinder import data --workspace "$scratch"; then
  for file in "$scratch"/journeys/*.yaml; do
    id=$(sed -n 's/^id:[[:space:]]*//p' "$file" | head -1 | tr -d "\"'")
    [ -n "$id" ] || continue
    mkdir -p "$out/analysis/$id"
    echo "== wayfinder analyze $id -o $out/analysis/$id" >&2
    wayfinder analyze "$id" --workspace "$scratch" -o "$out/analysis/$id" >"$out/analysis/$id/summary.txt"
  done
  echo "== wayfinder gaps > $out/knowledge-gaps.txt" >&2
  wayfinder gaps --workspace "$scratch" >"$out/knowledge-gaps.txt"
else
  echo "(the data import failed; skipping the analyses)" >&2
fi

echo >&2
echo "Rendered the demo workspace ($demo) into $out/:" >&2
(cd "$out" && find . -type f | sed 's|^\./||' | sort) | sed "s|^|  $out/|" >&2
echo "Open $out/*.html in a browser, or $out/*.pdf (A3 landscape) to print." >&2
