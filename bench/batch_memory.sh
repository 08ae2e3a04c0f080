#!/usr/bin/env bash
# Flat memory: peak RSS of `brevgen batch --jobs 2` over 200 and over 4000 orders (NDJSON
# and XML). The extract is streamed, so the two must stay within 30 % of each other.
#   bench/batch_memory.sh [BREVGEN]           (default: build/brevgen)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/brevgen}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

peak_kb() {  # extract → peak RSS in KB
  rm -rf "$work/out"
  /usr/bin/time -f '%M' -o "$work/time" "$bin" batch "$1" -o "$work/out" --jobs 2 2> "$work/err" \
    || { cat "$work/err" >&2; exit 1; }
  cat "$work/time"
}

status=0
for format in ndjson xml; do
  python3 "$here/make_extract.py" 200 --format "$format" > "$work/small"
  python3 "$here/make_extract.py" 4000 --format "$format" > "$work/large"
  small=$(peak_kb "$work/small")
  large=$(peak_kb "$work/large")
  awk -v f="$format" -v a="$small" -v b="$large" 'BEGIN {
    r = b / a
    printf "{\"format\": \"%s\", \"peak_rss_mb_200\": %.1f, \"peak_rss_mb_4000\": %.1f, \"ratio\": %.2f, \"flat\": %s}\n",
           f, a / 1024, b / 1024, r, r <= 1.3 ? "true" : "false"
    exit r <= 1.3 ? 0 : 1 }' || status=1
done
exit $status
