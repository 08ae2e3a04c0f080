#!/usr/bin/env bash
# Renders every example case in examples/ into a directory (default out/), JSON and XML.
# Usage: scripts/render-examples.sh [BREVGEN] [OUTDIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
brevgen=${1:-$here/build/brevgen}
out=${2:-$here/out}
mkdir -p "$out"
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
done
exit $status
