#!/bin/sh
# Golden tests of the language server: each testdata/lsp/NAME.in is the
# exact byte stream a client sends to `gwlint lsp` (frames; see
# tests/lsp_frames.py for how to write one); NAME.out is what the server
# answers, one frame body per line, then "[stderr] ..." lines if any and
# "[exit N]". @ROOT@ in a frame stands for the file: URI of testdata/lsp/.
# The server runs with --now 2026-11-27T12:00Z unless NAME.args says
# otherwise. GWLINT_UPDATE_GOLDEN=1 rewrites the expected files.
set -u
gwlint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
data=$2
here=$(cd "$(dirname "$0")" && pwd)
frames="$here/lsp_frames.py"
root=$(cd "$data/lsp" && pwd)
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

compare() { # expected actual label
    if [ "${GWLINT_UPDATE_GOLDEN:-}" = 1 ]; then
        cp "$2" "$1"
        ok
    elif [ ! -f "$1" ]; then
        bad "$3: no expected file $1 (run with GWLINT_UPDATE_GOLDEN=1)"
    elif cmp -s "$1" "$2"; then
        ok
    else
        bad "$3"
        diff -u "$1" "$2" | head -60
    fi
}

for in in "$root"/*.in; do
    [ -e "$in" ] || continue
    base=${in%.in}
    args="--now 2026-11-27T12:00Z"
    [ -f "$base.args" ] && args=$(cat "$base.args")
    python3 "$frames" feed "$root" <"$in" >"$tmp/in" || exit 2
    # shellcheck disable=SC2086
    (cd "$root" && "$gwlint" lsp $args <"$tmp/in" >"$tmp/raw" 2>"$tmp/err")
    rc=$?
    python3 "$frames" deframe "$root" <"$tmp/raw" >"$tmp/out" || exit 2
    sed 's/^/[stderr] /' "$tmp/err" >>"$tmp/out"
    echo "[exit $rc]" >>"$tmp/out"
    compare "$base.out" "$tmp/out" "lsp/$(basename "$in")"
    # Token signatures sent in documents never come back (SPEC 5).
    grep -ao '&[A-Za-z0-9+/=]\{16,\}' "$in" | cut -c2- | sort -u |
        while IFS= read -r sig; do
            if grep -qF "$sig" "$tmp/raw"; then
                echo "FAIL: lsp/$(basename "$in"): a token signature in the output"
                echo leak >>"$tmp/leaks"
            fi
        done
    [ -e "$tmp/leaks" ] && { fail=$((fail + 1)); rm -f "$tmp/leaks"; }
done

echo "lsp golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
