#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang and runs each for SECONDS (default 60) or RUNS
# executions, seeded from fixtures/ and examples/. Crashes land in fuzz/artifacts/.
#   fuzz/run.sh [SECONDS] [HARNESS...]        RUNS=1000000 fuzz/run.sh 0 fuzz_json
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}; shift || true
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(fuzz_json fuzz_xml fuzz_markup fuzz_batch fuzz_manifest fuzz_http fuzz_render fuzz_png fuzz_mustache fuzz_glyph)
mkdir -p fuzz/artifacts
for h in "${harnesses[@]}"; do
  corpus=build-fuzz/corpus/$h
  mkdir -p "$corpus"
  case $h in
    fuzz_json) seeds=(fixtures/valid/*.json fixtures/invalid/*.json examples/*.json) ;;
    fuzz_xml) seeds=(fixtures/valid/*.xml fixtures/invalid/*.xml examples/*.xml) ;;
    fuzz_markup) seeds=(fixtures/markup/*.xml) ;;
    fuzz_batch) seeds=(fuzz/seeds/batch/*) ;;
    fuzz_manifest) seeds=(fuzz/seeds/manifest/* fixtures/batch/*.jsonl) ;;
    fuzz_http) seeds=(fuzz/seeds/http/*) ;;
    fuzz_png) seeds=(templates/*.png fuzz/seeds/png/*) ;;
    fuzz_mustache) seeds=(templates/*.xml templates/partials/*.xml) ;;
    fuzz_glyph) seeds=(fuzz/seeds/glyph/*) ;;
    *) seeds=(examples/*.json examples/*.xml fixtures/valid/*) ;;
  esac
  cp -n "${seeds[@]}" "$corpus/" 2>/dev/null || true
  limit=(-max_total_time="$seconds")
  [ -n "${RUNS:-}" ] && limit=(-runs="$RUNS")
  echo "== $h"
  "build-fuzz/fuzz/$h" "${limit[@]}" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix=fuzz/artifacts/"$h"- -print_final_stats=1 "$corpus" 2>&1 | tail -n 12
done
