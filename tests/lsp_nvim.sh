#!/bin/sh
# End-to-end test of `gwlint lsp` with a real editor: Neovim's built-in LSP
# client, headless, configured with tests/nvim/gwlint.lua (the README's
# snippet). It opens a bad settings file, types one fix, applies the quick
# fixes of the others and checks that the diagnostics arrive at the right
# lines and columns and go away; then a one-line JSON file with non-ASCII
# text (UTF-16 positions), a script and a Markdown page.
#
#   lsp_nvim.sh GWLINT TESTS_DIR      exit 77 (skipped) without nvim
set -u
gwlint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tests=$(cd "$2" && pwd)
if ! command -v nvim >/dev/null 2>&1; then
    echo "SKIP: nvim is not installed (apt-get install neovim); the" \
         "end-to-end LSP test needs Neovim's LSP client"
    exit 77
fi
# The editor configuration is the README's snippet, word for word.
if ! python3 "$tests/readme_snippet.py" "$tests/../README.md" neovim |
    cmp -s - "$tests/nvim/gwlint.lua"; then
    echo "FAIL: README.md's Neovim snippet differs from tests/nvim/gwlint.lua"
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bindir=$(dirname "$gwlint")

# A token that expires in 14 days, so that only its missing prefix is wrong
# whatever the clock says; its signature must never reach the editor.
exp=$(date -u -d '+14 days' +%Y%m%d%H%M)
sig=Q2FuYXJ5U2lnbmF0dXJlRm9yTnZpbVRlc3Q=
cat >"$tmp/settings.yaml" <<YAML
gateway.configuration.uri: http://contoso.configuration.azure-api.net
gateway.auth.token: "gw1&$exp&$sig"
service.type: Loadbalancer
YAML
printf '{"%s": "x", "service.type": "Loadbalancer", "gateway.configuration.uri": "contoso.configuration.azure-api.net", "gateway.auth.token": "GatewayKey gw1&%s&%s"}\n' \
    "ünïcödé😀" "$exp" "$sig" >"$tmp/settings.json"
printf '#!/bin/sh\necho "hello"\n' >"$tmp/deploy.sh"
printf '# Notes\n\n```sh\nls -l\n```\n' >"$tmp/NOTES.md"

# What the command line reports, for the messages and start positions.
(cd "$tmp" && "$gwlint" --no-source --color never settings.yaml \
    settings.json >cli.txt 2>&1)

(cd "$tmp" && PATH="$bindir:$PATH" GWLINT_NVIM_DIR="$tmp" \
    GWLINT_NVIM_OUT="$tmp/nvim.txt" \
    timeout 120 nvim --headless --clean -u "$tests/nvim/init.lua" \
    >"$tmp/nvim.log" 2>&1)
rc=$?
if [ $rc -ne 0 ] || ! tail -n 1 "$tmp/nvim.txt" 2>/dev/null | grep -qx done; then
    echo "FAIL: nvim exited with status $rc"
    cat "$tmp/nvim.txt" "$tmp/nvim.log" 2>/dev/null
    exit 1
fi
if grep -q "$sig" "$tmp/nvim.txt"; then
    echo "FAIL: a token signature reached the editor"
    exit 1
fi
python3 "$tests/nvim/check.py" "$tests/nvim/expected.txt" "$tmp/nvim.txt" \
    "$tmp/cli.txt" "$tmp"
