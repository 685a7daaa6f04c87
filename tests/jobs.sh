#!/bin/sh
# The second thread changes nothing but the time: over many files, with
# and without a config, in every output format and with -v, the output,
# the messages and the exit status with GWLINT_JOBS=2 are those of
# GWLINT_JOBS=1, byte for byte.
set -u
gwlint=$1
repo=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0

python3 "$repo/bench/gen.py" "$tmp/corpus" 300 >/dev/null || exit 1

same() { # dir args...
    dir=$1
    shift
    for fmt in text json sarif github; do
        for j in 1 2; do
            (cd "$dir" && GWLINT_JOBS=$j GITHUB_STEP_SUMMARY= "$gwlint" -v \
                --now 2026-11-27T12:00Z --format "$fmt" "$@" \
                >"$tmp/out$j" 2>"$tmp/err$j"
             echo "rc=$?" >>"$tmp/err$j")
        done
        n=$((n + 1))
        if ! cmp -s "$tmp/out1" "$tmp/out2" ||
            ! cmp -s "$tmp/err1" "$tmp/err2"; then
            echo "FAIL: $dir $* --format $fmt differs with a second thread"
            diff "$tmp/out1" "$tmp/out2" | head -5
            diff "$tmp/err1" "$tmp/err2" | head -5
            fail=$((fail + 1))
        fi
    done
}

same "$tmp/corpus" .
same "$repo/testdata" rules commands arm tfplan helm
same "$repo/examples" .
for d in "$repo"/testdata/config/*/; do
    same "$d" .
done
echo "$n runs compared, $fail differ"
[ "$fail" -eq 0 ]
