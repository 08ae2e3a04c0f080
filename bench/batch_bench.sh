#!/usr/bin/env bash
# Batch throughput: N one-page letters (examples/indkaldelse-arbejdsgiver.json with its own
# id and journal number each) rendered by `brevgen batch` with --jobs 1 and --jobs 2; one
# JSON line per run with wall time, letters per second and peak RSS (GNU time).
#   bench/batch_bench.sh [BREVGEN] [N]        (defaults: build/brevgen, 10000)
# Target (DESIGN): 10 000 letters in <= 10 s on 2 cores, <= 100 MB.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/brevgen}
n=${2:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$here/make_extract.py" "$n" > "$work/extract.ndjson"
# Each run writes into its own directory and nothing is deleted until the end: on ext4
# without a journal, creating files within ~30 s of deleting thousands makes the kernel's
# inode allocator skip every "recently deleted" inode, and file creation dominates.
for jobs in 1 2; do
  out="$work/out-$jobs"
  /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$bin" batch "$work/extract.ndjson" -o "$out" --jobs "$jobs" 2> "$work/err" \
    || { cat "$work/err" >&2; exit 1; }
  read -r seconds rss_kb user sys < "$work/time"
  ok=$(grep -c '"status":"ok"' "$out/manifest.jsonl")
  # CPU per letter (user + system, all threads) does not depend on what else the machine
  # runs; wall time and letters/s do.
  awk -v n="$n" -v ok="$ok" -v jobs="$jobs" -v s="$seconds" -v kb="$rss_kb" -v cpu_s="$user" -v sys_s="$sys" 'BEGIN {
    printf "{\"letters\": %d, \"ok\": %d, \"jobs\": %d, \"seconds\": %.2f, \"letters_per_s\": %.0f, \"cpu_ms_per_letter\": %.2f, \"peak_rss_mb\": %.1f}\n",
           n, ok, jobs, s, n / s, (cpu_s + sys_s) * 1000 / n, kb / 1024 }'
done
