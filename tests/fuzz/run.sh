#!/bin/sh
# Build the libFuzzer targets and run each for SECONDS (default 60), one
# target at a time:
#
#   tests/fuzz/run.sh [-j N] [SECONDS] [TARGET...]
#   tests/fuzz/run.sh --totals
#   tests/fuzz/run.sh --merge [TARGET...]
#
# TARGET is any of yaml json command extract template config lsp (default:
# all). -j N (or GWLINT_FUZZ_JOBS=N) runs each target as N processes
# (libFuzzer -fork=N) for long runs on a machine with cores to spare:
#   tests/fuzz/run.sh -j 4 3600 json yaml
#
# Work lives in build-fuzz/fuzz-work (GWLINT_FUZZ_WORK): corpus/TARGET grows
# across runs, seeds/TARGET is remade each run from testdata/ and
# examples/, TARGET.log is the last run's output, artifacts/ holds what a
# finding left, and totals.tsv gets one line per target and run (date,
# target, executions, cov, ft, seconds, result), so that runs across
# sessions add up; --totals prints the sums; --merge minimises the
# corpora of the targets built by an earlier run. Prints, per target, the
# executions and the coverage; exits non-zero when a target finds a crash,
# a leak, a hang (-timeout), an out-of-memory or a sanitizer report.
# Ctrl-C (SIGINT, or SIGTERM to the fuzzer) stops a long run early: the
# target's executions so far count, with the result "stopped", and no
# further target starts.
# GWLINT_FUZZ_ARGS adds libFuzzer flags; GWLINT_FUZZ_TIMEOUT sets the
# seconds after which an input counts as a hang (default 30);
# GWLINT_FUZZ_BUILD_JOBS sets the build's parallelism (default: the
# number of cores).
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
build=${GWLINT_FUZZ_BUILD:-$repo/build-fuzz}
work=${GWLINT_FUZZ_WORK:-$build/fuzz-work}
all="yaml json command extract template config lsp"
jobs=${GWLINT_FUZZ_JOBS:-1}
# A hang is an input that runs this many seconds of wall-clock time. Every
# input runs in milliseconds; on a shared machine a fuzzer was seen to
# stand still for up to 17 s (inputs it "timed out" on ran in 0.06 s
# again), so the limit leaves room for that. Slow units are printed.
timeout=${GWLINT_FUZZ_TIMEOUT:-30}

if [ "${1:-}" = --totals ]; then
    [ -f "$work/totals.tsv" ] || { echo "no runs in $work/totals.tsv"; exit 0; }
    awk -F'\t' 'NR > 1 { n[$2] += $3; s[$2] += $6; r[$2]++
                         if ($7 != "ok" && $7 != "stopped") bad[$2]++
                         if ($4 > cov[$2]) cov[$2] = $4 }
        END { for (t in n)
                  printf "fuzz_%s: %d runs, %d executions, %d s, best cov %d, %d failed\n",
                         t, r[t], n[t], s[t], cov[t], bad[t] }' \
        "$work/totals.tsv" | sort
    exit 0
fi
if [ "${1:-}" = --merge ]; then
    # Minimise the corpora (libFuzzer -merge=1): the same coverage from
    # fewer files, so that a run spends less of its time loading them.
    shift
    targets=${*:-$all}
    for t in $targets; do
        [ -d "$work/corpus/$t" ] || continue
        rm -rf "$work/corpus/$t.new"
        mkdir -p "$work/corpus/$t.new"
        "$build/tests/fuzz/fuzz_$t" -merge=1 -timeout="$timeout" \
            -rss_limit_mb=2048 "$work/corpus/$t.new" "$work/corpus/$t" \
            >"$work/$t-merge.log" 2>&1 ||
            { echo "fuzz_$t: merge failed (see $work/$t-merge.log)"; exit 1; }
        echo "fuzz_$t: $(find "$work/corpus/$t" -type f | wc -l) files ->" \
            "$(find "$work/corpus/$t.new" -type f | wc -l)"
        rm -rf "$work/corpus/$t"
        mv "$work/corpus/$t.new" "$work/corpus/$t"
    done
    exit 0
fi
if [ "${1:-}" = -j ]; then
    jobs=${2:?-j needs a number}
    shift 2
fi
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-$all}
for t in $targets; do
    case " $all " in
    *" $t "*) ;;
    *) echo "run.sh: no target '$t' (targets: $all)" >&2; exit 2 ;;
    esac
done

# RelWithDebInfo without its -DNDEBUG: the asserts stay on under the fuzzer.
CC=clang cmake -S "$repo" -B "$build" -DGWLINT_FUZZ=ON -DGWLINT_TESTS=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g" \
    >/dev/null
cmake --build "$build" -j "${GWLINT_FUZZ_BUILD_JOBS:-$(nproc)}" >/dev/null

# ---- seeds ----
# Each seed is named by its checksum; targets that read a selector byte
# first (command, extract, template) get the byte that makes the seed what
# it is.
seed() { # target selector-or-empty file
    tmp="$work/seeds/$1/.tmp"
    # shellcheck disable=SC2059 # the selector is an escape such as \001
    { [ -n "$2" ] && printf "$2"; cat "$3"; } >"$tmp"
    mv "$tmp" "$work/seeds/$1/$(cksum <"$tmp" | cut -d' ' -f1)"
}
for t in $all; do
    rm -rf "$work/seeds/$t"
    mkdir -p "$work/seeds/$t" "$work/corpus/$t"
done
mkdir -p "$work/artifacts"

# Every data file of the test suite and the examples, but not the expected
# outputs and command-line arguments of the golden tests, nor the
# configurations and language-server transcripts (seeded below).
find "$repo/testdata" "$repo/examples" -type f \
    ! -name '*.out' ! -name '*.txt' ! -name '*.rc' ! -name '*.args' \
    ! -name '*.in' ! -name '.gwlint.yaml' ! -path '*/testdata/config/*' |
    sort | while IFS= read -r f; do
    case "$f" in
    *.json)
        if grep -q '"format_version"' "$f"; then
            seed template '\001' "$f"
        elif grep -q '"resources"' "$f"; then
            seed template '\000' "$f"
        fi
        seed json '' "$f" ;;
    *.yaml | *.yml)
        if grep -Eq '^ *(jobs|steps|stages|runs):' "$f"; then
            case "$f" in
            *pipeline*) seed extract '\001' "$f" ;;
            *) seed extract '\000' "$f" ;;
            esac
        else
            seed yaml '' "$f"
        fi ;;
    *.md | *.markdown) seed extract '\003' "$f" ;;
    *.sh | *.bash | *.zsh) seed command '\001' "$f" ;;
    *.ps1) seed command '\002' "$f" ;;
    esac
done
for f in "$repo"/testdata/same/*command*.txt; do
    [ -f "$f" ] && seed command '\000' "$f"
done
# testdata/ has few workflows and Markdown files: the same commands and
# scripts in a README code block, a GitHub workflow step and a pipeline
# script step as well.
for f in "$repo"/testdata/same/*command*.txt "$repo"/testdata/commands/*.sh \
    "$repo"/testdata/helm/*.sh; do
    [ -f "$f" ] || continue
    { printf '# Deploy\n\n```bash\n'; cat "$f"; printf '\n```\n'; } \
        >"$work/seeds/.md"
    seed extract '\003' "$work/seeds/.md"
    { printf 'on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n'
      printf '    steps:\n      - run: |\n'; sed 's/^/          /' "$f"; } \
        >"$work/seeds/.yml"
    seed extract '\000' "$work/seeds/.yml"
    { printf 'steps:\n  - script: |\n'; sed 's/^/      /' "$f"; } \
        >"$work/seeds/.yml"
    seed extract '\001' "$work/seeds/.yml"
done
rm -f "$work/seeds/.md" "$work/seeds/.yml"
# The command lines of the command-line tests (--command '...' and the
# words after --), one seed each.
python3 - "$work/seeds/command" "$repo"/testdata/cli/*.args <<'EOF' || true
import hashlib, os, shlex, sys
out = sys.argv[1]
for path in sys.argv[2:]:
    try:
        words = shlex.split(open(path, encoding="utf-8").read())
    except ValueError:
        continue
    cmds, i = [], 0
    while i < len(words):
        if words[i] == "--command" and i + 1 < len(words):
            cmds.append(words[i + 1]); i += 2; continue
        if words[i] == "--":
            cmds.append(" ".join(shlex.quote(w) for w in words[i + 1:])); break
        i += 1
    for c in cmds:
        data = b"\0" + c.encode()
        name = "cli-" + hashlib.sha1(data).hexdigest()[:16]
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
EOF
find "$repo/testdata/config" "$repo/testdata/lsp" -type f \
    \( -name '*.yaml' -o -name '*.yml' \) | sort | while IFS= read -r f; do
    seed config '' "$f"
done
# The server reads the .gwlint.yaml of the workspace a transcript names
# (@ROOT@): a copy of testdata/lsp/ in the work directory, at a path that
# stays the same across runs, as the corpus does.
rm -rf "$work/lsp-root"
cp -R "$repo/testdata/lsp" "$work/lsp-root"
for f in "$repo"/testdata/lsp/*.in; do
    [ -f "$f" ] || continue
    python3 "$repo/tests/lsp_frames.py" feed "$work/lsp-root" <"$f" \
        >"$work/seeds/lsp/.tmp" 2>/dev/null || cp "$f" "$work/seeds/lsp/.tmp"
    mv "$work/seeds/lsp/.tmp" "$work/seeds/lsp/$(basename "$f" .in)"
done

# ---- runs ----
maxlen() {
    case "$1" in
    config) echo 4096 ;;
    *) echo 16384 ;;
    esac
}
field() { # log name: the last value of "name: N" on a status line
    grep -a '^#[0-9]' "$2" | tail -1 | grep -o "$1: *[0-9]*" |
        grep -o '[0-9]*$' || echo 0
}
[ -f "$work/totals.tsv" ] ||
    printf 'date\ttarget\texecutions\tcov\tft\tseconds\tresult\n' \
        >"$work/totals.tsv"
status=0
# The terminal's Ctrl-C reaches the fuzzer too, which prints its final
# statistics and exits 72; this shell records the run, then stops.
stop=0
trap 'stop=1' INT TERM
for t in $targets; do
    [ "$stop" = 1 ] && break
    log="$work/$t.log"
    # One process does not reread its corpus every second for the units
    # of others (-reload, 4 % of the time on a corpus of 1,500 files);
    # -fork=N would otherwise ignore crashes, hangs and out-of-memory.
    fork=-reload=0
    [ "$jobs" -gt 1 ] &&
        fork="-fork=$jobs -ignore_crashes=0 -ignore_timeouts=0 -ignore_ooms=0"
    start=$(date +%s)
    # shellcheck disable=SC2086
    if "$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -timeout="$timeout" \
        -rss_limit_mb=2048 -max_len="$(maxlen "$t")" -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/$t-" $fork ${GWLINT_FUZZ_ARGS:-} \
        "$work/corpus/$t" "$work/seeds/$t" >"$log" 2>&1; then
        result=ok
    elif grep -aq 'libFuzzer: run interrupted; exiting' "$log" &&
        ! grep -aq 'ERROR: \|runtime error:\|deadly signal' "$log"; then
        result=stopped
    elif grep -aq 'ERROR: LeakSanitizer' "$log"; then
        result=leak
    elif grep -aq 'ERROR: libFuzzer: timeout' "$log"; then
        result=timeout
    elif grep -aq 'out-of-memory' "$log"; then
        result=oom
    elif grep -aq 'runtime error:' "$log"; then
        result=ubsan
    elif grep -aq 'ERROR: AddressSanitizer' "$log"; then
        result=asan
    elif grep -aq 'deadly signal' "$log"; then
        result=crash
    else
        result=failed
    fi
    secs_run=$(($(date +%s) - start))
    # The count at the end (-print_final_stats), else the last status
    # line's, which an interrupted or crashed run may leave behind.
    runs=$(grep -a '^stat::number_of_executed_units: ' "$log" | tail -1 |
        sed 's/^[^:]*:[^0-9]*//')
    [ -n "$runs" ] ||
        runs=$(grep -a '^#[0-9]' "$log" | tail -1 | sed 's/^#\([0-9]*\).*/\1/')
    runs=${runs:-0}
    cov=$(field cov "$log")
    ft=$(field ft "$log")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
        "$t" "$runs" "$cov" "$ft" "$secs_run" "$result" >>"$work/totals.tsv"
    slow=$(grep -a '^Slowest unit: ' "$log" | sed 's/^Slowest unit: \([0-9]*\) s.*/; slowest input \1 s/' | tail -1)
    if [ "$result" = ok ] || [ "$result" = stopped ]; then
        echo "fuzz_$t: $result, $runs executions in $secs_run s ($((runs / (secs_run > 0 ? secs_run : 1)))/s), cov $cov, ft $ft$slow"
    else
        echo "fuzz_$t: FAILED ($result) after $runs executions (see $log)"
        grep -a 'Test unit written to' "$log" | tail -3 || true
        tail -30 "$log"
        status=1
    fi
done
exit $status
