# Sourced by the whole-process benchmarks, run from the repository root, as `. bench/process-common.sh NAME`: builds the
# CLI as scripts/run.sh does (Release, ReadyToRun) unless WAYFINDER names another build and sets cli to it, checks for
# /usr/bin/time, makes the scratch folder work (/tmp/wayfinder-NAME.XXXXXX, removed on exit) and defines median.
if [ -z "${WAYFINDER:-}" ]; then
  echo "building src/Wayfinder.Cli (Release, ReadyToRun)..." >&2
  dotnet build src/Wayfinder.Cli -c Release -nologo -clp:ErrorsOnly -p:WayfinderReadyToRun=true >&2
  cli="$PWD/src/Wayfinder.Cli/bin/Release/net10.0/wayfinder"
else
  cli=$WAYFINDER
fi
[ -x /usr/bin/time ] || { echo "$(basename "$0"): /usr/bin/time is needed (apt install time)" >&2; exit 1; }
work=$(mktemp -d "/tmp/wayfinder-$1.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The median of the numbers given.
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
