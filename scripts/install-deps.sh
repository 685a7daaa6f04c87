#!/bin/sh
# Install what building and testing gwlint needs on Debian 12 (as root):
# the compiler and CMake, the three libraries, cmocka, and the real clients
# the tests drive (Node.js + npm for the SARIF multitool, Python's jsonschema
# for the schema tests, Neovim's LSP client for `gwlint lsp`, pre-commit for
# the hook), and clang's runtime for the libFuzzer targets.
set -eu
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
    build-essential clang libclang-rt-14-dev cmake pkg-config git \
    ca-certificates \
    libyaml-dev libcjson-dev libpcre2-dev libcmocka-dev \
    python3 python3-jsonschema python3-yaml time \
    neovim pre-commit >/dev/null
# Node.js may come from another repository than Debian's (whose nodejs
# conflicts with its npm); install Debian's only when there is none.
if ! command -v npm >/dev/null 2>&1; then
    apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
echo "install-deps: done"
