#!/usr/bin/env bash
# What a Digital Post message costs beyond the PDF in the nightly batch: the same extract
# of N one-page letters (examples/indkaldelse-arbejdsgiver.json, each with its own id and
# journal number) through `brevgen batch` without and with --memo, alternating, R rounds.
# One JSON line per run: wall time, letters per second, CPU per letter (user + system, all
# threads: what the machine's other load does not change), peak RSS (GNU time) and the
# bytes written per letter.
#   bench/batch_memo_bench.sh [BREVGEN] [N] [JOBS] [ROUNDS]   (defaults: build/brevgen, 10000, 2, 2)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/brevgen}
n=${2:-10000}
jobs=${3:-2}
rounds=${4:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$here/make_extract.py" "$n" > "$work/extract.ndjson"
export SOURCE_DATE_EPOCH=1795435200  # the same bytes in every round
# Each run writes into its own directory, deleted only at the end (see batch_bench.sh:
# creating files right after deleting thousands is slow on ext4).
for round in $(seq 1 "$rounds"); do
  for mode in pdf memo; do
    out="$work/out-$mode-$round"
    flag=(); [ "$mode" = memo ] && flag=(--memo)
    /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$bin" batch "$work/extract.ndjson" -o "$out" --jobs "$jobs" "${flag[@]}" \
      2> "$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r seconds rss_kb user sys < "$work/time"
    ok=$(grep -c '"status":"ok"' "$out/manifest.jsonl")
    pdf_bytes=$(find "$out" -name '*.pdf' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
    xml_bytes=$(find "$out" -name '*.xml' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
    awk -v mode="$mode" -v n="$n" -v ok="$ok" -v jobs="$jobs" -v s="$seconds" -v kb="$rss_kb" -v u="$user" -v sy="$sys" \
        -v pb="$pdf_bytes" -v xb="$xml_bytes" 'BEGIN {
      printf "{\"mode\": \"%s\", \"letters\": %d, \"ok\": %d, \"jobs\": %d, \"seconds\": %.2f, \"letters_per_s\": %.0f, \"cpu_ms_per_letter\": %.3f, \"peak_rss_mb\": %.1f, \"pdf_kb_per_letter\": %.1f, \"xml_kb_per_letter\": %.1f}\n",
             mode, n, ok, jobs, s, n / s, (u + sy) * 1000 / n, kb / 1024, pb / n / 1024, xb / n / 1024 }'
  done
done
