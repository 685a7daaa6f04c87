#!/bin/sh
# Golden tests: run gwlint over testdata/ and compare its output byte for
# byte with the expected files (mandoc/tidy style).
#
#   testdata/rules/<ID>/fail-N.<ext>  must report <ID>; output == fail-N.txt
#   testdata/rules/<ID>/pass-N.<ext>  must not report <ID>
#   testdata/cli/NAME.args            a command line; output == NAME.out
#                                     (stdout then stderr), status in NAME.rc
#   NAME.args beside a rule test      extra flags for that input
#
# Every run uses --now 2026-11-27T12:00Z unless the args say otherwise, and
# runs from testdata/ so that paths in outputs are relative to it.
# GWLINT_UPDATE_GOLDEN=1 rewrites the expected files instead of comparing.
set -u
gwlint=$1
data=$2
cd "$data" || exit 2
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
NOW=--now=2026-11-27T12:00Z

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
        diff -u "$1" "$2" | head -40
    fi
}

args_of() { # input -> extra args (from NAME.args beside it)
    a="${1%.*}.args"
    [ -f "$a" ] && cat "$a"
}

for dir in rules/*/; do
    id=$(basename "$dir")
    for f in "$dir"fail-* "$dir"pass-*; do
        [ -e "$f" ] || continue
        case "$f" in *.txt|*.args) continue ;; esac
        extra=$(args_of "$f")
        # shellcheck disable=SC2086
        "$gwlint" $NOW --color never $extra "$f" >"$tmp/out" 2>&1
        echo "[exit $?]" >>"$tmp/out"
        case "$(basename "$f")" in
        fail-*)
            if grep -q "\[$id " "$tmp/out"; then
                compare "${f%.*}.txt" "$tmp/out" "$f"
            else
                bad "$f: no $id finding"
                cat "$tmp/out"
            fi
            ;;
        pass-*)
            if grep -q "\[$id " "$tmp/out"; then
                bad "$f: reports $id"
                cat "$tmp/out"
            else
                ok
            fi
            ;;
        esac
    done
done

for a in cli/*.args loaders/*/*.args output/*.args; do
    [ -e "$a" ] || continue
    base=${a%.args}
    # shellcheck disable=SC2046
    (eval "set -- $(cat "$a")"; "$gwlint" "$@") >"$tmp/out" 2>"$tmp/err"
    rc=$?
    cat "$tmp/err" >>"$tmp/out"
    echo "$rc" >"$tmp/rc"
    compare "$base.out" "$tmp/out" "$a"
    compare "$base.rc" "$tmp/rc" "$a (exit status)"
done

echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
