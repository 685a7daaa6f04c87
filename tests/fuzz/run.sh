#!/bin/sh
# Build and run every libFuzzer target for SECONDS each (default 60), with
# seed corpora made from testdata/. Prints, per target, the executions and
# the coverage reached; exits non-zero when a target finds a crash, a leak,
# a hang (-timeout) or a sanitizer report. A longer run:
#   tests/fuzz/run.sh 3600
set -eu
secs=${1:-60}
repo=$(cd "$(dirname "$0")/../.." && pwd)
build=${GWLINT_FUZZ_BUILD:-$repo/build-fuzz}
work=${GWLINT_FUZZ_WORK:-$build/fuzz-work}

CC=clang cmake -S "$repo" -B "$build" -DGWLINT_FUZZ=ON -DGWLINT_TESTS=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" >/dev/null

# Seeds: YAML and JSON files for the loaders; every input for the lint
# target, behind a first byte that picks a file name of the same kind.
seed() { # target dir-of-seeds
    mkdir -p "$work/$1"
}
seed yaml
seed json
seed lint
seed config
seed lsp
for f in "$repo"/testdata/config/*.yaml "$repo"/testdata/config/*/*.yaml \
    "$repo"/testdata/config/*/.gwlint.yaml; do
    [ -f "$f" ] && cp "$f" "$work/config/$(echo "$f" | cksum | cut -d' ' -f1)"
done
for f in "$repo"/testdata/lsp/*.in; do
    [ -f "$f" ] && cp "$f" "$work/lsp/$(basename "$f")"
done
i=0
find "$repo/testdata" "$repo/examples" -type f \
    ! -name '*.txt' ! -name '*.out' ! -name '*.rc' ! -name '*.args' |
    sort | while read -r f; do
    i=$((i + 1))
    case "$f" in
    *.yaml | *.yml) cp "$f" "$work/yaml/s$i" ; sel='\001' ;;
    *.json) cp "$f" "$work/json/s$i" ; sel='\000' ;;
    *.sh | *.bash) sel='\004' ;;
    *.ps1) sel='\005' ;;
    *.md) sel='\006' ;;
    *) sel='\013' ;;
    esac
    case "$f" in
    */workflows/*) sel='\007' ;;
    *pipelines*) sel='\010' ;;
    esac
    { printf "$sel"; cat "$f"; } >"$work/lint/s$i"
done

status=0
for t in yaml json lint config lsp; do
    log="$work/$t.log"
    if "$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 \
        -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$work/$t-" "$work/$t" >"$log" 2>&1; then
        runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" |
               grep -o '[0-9]*$')
        cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
        echo "fuzz_$t: ok, $runs executions, $cov"
    else
        echo "fuzz_$t: FAILED (see $log)"
        tail -30 "$log"
        status=1
    fi
done
exit $status
