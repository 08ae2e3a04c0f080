#!/usr/bin/env bash
# Renders every example case in examples/ into a directory (default out/): the PDF, and the
# Digital Post message in OUTDIR/memo/ (created 2026-11-23T12:00:00Z unless SOURCE_DATE_EPOCH
# says otherwise, so the files are the same from run to run; examples/memo/ holds these).
# Usage: scripts/render-examples.sh [BREVGEN] [OUTDIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
brevgen=${1:-$here/build/brevgen}
out=${2:-$here/out}
mkdir -p "$out/memo"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795435200}
status=0
for case in "$here"/examples/*.json; do
  name=$(basename "$case" .json)
  case $name in afsender*) continue ;; esac
  kind=${name%-arbejdsgiver}          # indkaldelse-arbejdsgiver is an indkaldelse
  [ "$name" = information-arbejdsgiver ] && kind=$name
  if "$brevgen" render "$kind" "$case" -o "$out/$name.pdf"; then
    echo "wrote $out/$name.pdf"
  else
    status=1
  fi
  if "$brevgen" render "$kind" "$case" --memo -o "$out/memo/$name.xml"; then
    echo "wrote $out/memo/$name.xml"
  else
    status=1
  fi
done
exit $status
