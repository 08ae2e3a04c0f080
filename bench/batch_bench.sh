#!/usr/bin/env bash
# Batch throughput beside the renderer, in one run: N one-page letters
# (examples/indkaldelse-arbejdsgiver.json with its own id and journal number each) rendered
# by `brevgen batch` for each --jobs value, and the same letter rendered N times in one
# process by bench/brevgen_bench (the renderer's warm time). One JSON line per batch run:
# wall, user and system seconds, letters per second, peak RSS (GNU time), wall ms per letter
# and its ratio to the renderer's warm median ms per letter (issue goal: <= 1.1 with --jobs 1),
# and to the renderer's mean: a batch's wall time per letter is a mean too (every slow
# letter counts), so the mean is the like-for-like figure; the median is what compare.sh
# reports as the renderer's warm time.
#   bench/batch_bench.sh [BREVGEN] [N] [BENCH]   (defaults: build/brevgen, 2000,
#                                                 build/bench/brevgen_bench; JOBS="1 2")
# Target (DESIGN): 10 000 letters in <= 10 s on 2 cores, <= 100 MB.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/brevgen}
n=${2:-2000}
bench=${3:-$(dirname "$bin")/bench/brevgen_bench}
jobs_list=${JOBS:-1 2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$here/make_extract.py" "$n" > "$work/extract.ndjson"
warm_ms= warm_mean_ms=
if [ -x "$bench" ]; then
  mkdir -p "$work/warm"
  read -r warm_ms warm_mean_ms < <("$bench" indkaldelse "$here/../examples/indkaldelse-arbejdsgiver.json" "$n" "$work/warm" |
            python3 -c 'import json,sys; j = json.load(sys.stdin); print(j["median_ms"], j["mean_ms"])')
  echo "{\"renderer_warm_median_ms\": $warm_ms, \"renderer_warm_mean_ms\": $warm_mean_ms, \"letters\": $n}"
fi
# Each run writes into its own directory and nothing is deleted until the end: on ext4
# without a journal, creating files within ~30 s of deleting thousands makes the kernel's
# inode allocator skip every "recently deleted" inode, and file creation dominates.
for jobs in $jobs_list; do
  out="$work/out-$jobs"
  /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$bin" batch "$work/extract.ndjson" -o "$out" --jobs "$jobs" 2> "$work/err" \
    || { cat "$work/err" >&2; exit 1; }
  read -r seconds rss_kb user sys < "$work/time"
  ok=$(grep -c '"status":"ok"' "$out/manifest.jsonl")
  # CPU per letter (user + system, all threads) does not depend on what else the machine
  # runs; wall time and letters/s do.
  awk -v n="$n" -v ok="$ok" -v jobs="$jobs" -v s="$seconds" -v kb="$rss_kb" -v u="$user" -v sy="$sys" -v warm="${warm_ms:-0}" -v warm_mean="${warm_mean_ms:-0}" 'BEGIN {
    ms = s * 1000 / n
    printf "{\"letters\": %d, \"ok\": %d, \"jobs\": %d, \"wall_s\": %.2f, \"user_s\": %.2f, \"sys_s\": %.2f, \"letters_per_s\": %.0f, \"wall_ms_per_letter\": %.3f, \"cpu_ms_per_letter\": %.3f, \"peak_rss_mb\": %.1f",
           n, ok, jobs, s, u, sy, n / s, ms, (u + sy) * 1000 / n, kb / 1024
    if (warm > 0) printf ", \"ratio_to_renderer_warm\": %.2f, \"ratio_to_renderer_mean\": %.2f", ms / warm, ms / warm_mean
    printf "}\n" }'
done
