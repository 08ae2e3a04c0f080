#!/usr/bin/env bash
# Installs every build, run and test dependency of brevgen from Debian 12 packages.
# Idempotent and non-interactive: safe to run on every CI start.
set -euo pipefail

packages=(
  # build
  build-essential cmake pkg-config git
  # libraries
  libhpdf-dev libkainjow-mustache-dev libpugixml-dev libcpp-httplib-dev
  nlohmann-json3-dev libhyphen-dev hyphen-da libcli11-dev libssl-dev zlib1g-dev libpng-dev
  libdeflate-dev  # Flate for the PDF streams (linked statically)
  wdanish  # the Danish word list compiled in for compound joints (generator/danish/wordlist.py)
  libqpdf-dev  # batch --print: combines the paper-mail letters
  catch2
  # fonts and the build-time subsetting step
  python3 python3-fonttools fonts-liberation2 fonts-dejavu-core fonts-noto-core
  # colour profile for PDF/A output intents
  icc-profiles-free
  # test tools: text extraction, PDF structure check, schema validation, preflight
  poppler-utils qpdf mupdf-tools ghostscript python3-jsonschema libpdfbox2-java libactivation-java libjaxb-api-java default-jre-headless
  libxml2-utils  # xmllint: Digital Post messages against tests/memo/memo-1.2.xsd
  # the plan page's browser test: Debian's chromium, driven from node (tests/js)
  chromium chromium-l10n nodejs  # l10n: the browser in Danish, as the consultant has it
  # sanitizers and fuzzing
  clang libclang-rt-14-dev
  # benchmarks
  hyperfine wrk time
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Node.js and npm for the test tools, from Debian when the machine has none (Debian
# packages npm on its own).
if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  command -v node > /dev/null || "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends nodejs
  command -v npm > /dev/null || "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends npm
fi

# The JavaScript test tools (PDF.js text extraction, the plan page's browser test, the
# OpenAPI lint, JSON Schema and validating-proxy contract tests), exactly as
# tests/js/package-lock.json pins them. No install scripts run: puppeteer-core drives the
# chromium above and downloads no browser. npm ci starts from scratch every time, so it is
# skipped when the installed tree was made from this very lock file.
js="$(dirname "$0")/../tests/js"
if ! cmp -s "$js/package-lock.json" "$js/node_modules/.installed-from-lock"; then
  npm ci --prefix "$js" --ignore-scripts --no-audit --no-fund --loglevel=error
  cp "$js/package-lock.json" "$js/node_modules/.installed-from-lock"
fi
