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
  libqpdf-dev  # batch --print: combines the paper-mail letters
  catch2
  # fonts and the build-time subsetting step
  python3 python3-fonttools fonts-liberation2 fonts-dejavu-core fonts-noto-core
  # colour profile for PDF/A output intents
  icc-profiles-free
  # test tools: text extraction, PDF structure check, schema validation, preflight
  poppler-utils qpdf python3-jsonschema libpdfbox2-java libactivation-java libjaxb-api-java default-jre-headless
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

# Test tools from npm (OpenAPI lint, JSON Schema, validating proxy), pinned in
# tests/js/package-lock.json. Node.js and npm come from Debian when the machine has none.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends nodejs npm
fi
js="$(dirname "$0")/../tests/js"
# npm ci starts from scratch every time: skip it when the installed tree is from this lock.
if ! cmp -s "$js/package-lock.json" "$js/node_modules/.installed-from-lock"; then
  npm ci --prefix "$js" --no-audit --no-fund
  cp "$js/package-lock.json" "$js/node_modules/.installed-from-lock"
fi
