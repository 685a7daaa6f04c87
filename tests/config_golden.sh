#!/bin/sh
# Golden tests of issue #5 that need more than one command line:
#
#   testdata/fix/NAME.before.EXT  copied to a scratch directory (mode 640)
#                                 and fixed in place with --fix; the file
#                                 must equal NAME.after.EXT, keep its mode,
#                                 leave no temporary file, and the output
#                                 (stdout, stderr, exit status) NAME.out.
#                                 A second --fix changes nothing, and the
#                                 fixed file has no finding of a rule whose
#                                 fix was applied.
#   testdata/fix/dir/             --fix over a directory of two files.
#   testdata/fix/outside/         --fix on a script never touches the
#                                 settings file it references.
#   testdata/config/discovery/    .gwlint.yaml found from sub/dir upwards.
#   testdata/github/              the GITHUB_STEP_SUMMARY table.
#   suppressed findings in SARIF: suppressions[] with the justification.
#   a catastrophic custom pattern over a 64 KiB value ends within 1 second.
#
# GWLINT_UPDATE_GOLDEN=1 rewrites the expected files instead of comparing.
set -u
gwlint=$1
data=$2
case $gwlint in /*) ;; *) gwlint=$(pwd)/$gwlint ;; esac
case $data in /*) ;; *) data=$(pwd)/$data ;; esac
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

# The rule ids of the unsuppressed findings of a JSON report (stdin); with
# "fix", only those that carry a fix.
rules_of() {
    python3 -c '
import json, sys
d = json.load(sys.stdin)
ids = {x["rule"]["id"] for x in d["diagnostics"]
       if "suppressed" not in x and (sys.argv[1] != "fix" or "fix" in x)}
print(" ".join(sorted(ids)))' "$1"
}

# ---- --fix, one file at a time ----
for before in "$data"/fix/*.before.*; do
    base=$(basename "$before")
    name=${base%%.before.*}
    ext=${base##*.}
    work=$tmp/fix
    rm -rf "$work"
    mkdir -p "$work"
    cp "$before" "$work/$name.$ext"
    chmod 640 "$work/$name.$ext"
    (cd "$work" && "$gwlint" $NOW --color never --fix "$name.$ext") \
        >"$tmp/out" 2>&1
    echo "[exit $?]" >>"$tmp/out"
    compare "$data/fix/$name.out" "$tmp/out" "fix/$name (output)"
    compare "$data/fix/$name.after.$ext" "$work/$name.$ext" "fix/$name (file)"
    [ "$(stat -c %a "$work/$name.$ext")" = 640 ] && ok ||
        bad "fix/$name: the mode changed to $(stat -c %a "$work/$name.$ext")"
    [ "$(ls -A "$work" | wc -l)" -eq 1 ] && ok ||
        bad "fix/$name: files left behind: $(ls -A "$work")"
    cp "$work/$name.$ext" "$tmp/again"
    (cd "$work" && "$gwlint" $NOW --fix "$name.$ext") >"$tmp/out2" 2>&1
    if cmp -s "$tmp/again" "$work/$name.$ext" &&
        grep -q '^fixed 0 findings in 0 files$' "$tmp/out2"; then
        ok
    else
        bad "fix/$name: a second --fix changed something"
        cat "$tmp/out2"
    fi
    fixed=$("$gwlint" $NOW -f json "$before" | rules_of fix)
    left=$("$gwlint" $NOW -f json "$work/$name.$ext" | rules_of all)
    for id in $fixed; do
        case " $left " in
        *" $id "*) bad "fix/$name: $id is still reported after --fix" ;;
        *) ok ;;
        esac
    done
done

# ---- --fix over a directory ----
rm -rf "$tmp/dir"
cp -r "$data/fix/dir" "$tmp/dir"
(cd "$tmp" && "$gwlint" $NOW --color never --fix dir) >"$tmp/out" 2>&1
echo "[exit $?]" >>"$tmp/out"
compare "$data/fix/dir.out" "$tmp/out" "fix/dir (output)"
for f in "$tmp"/dir/*; do
    compare "$data/fix/dir.after/$(basename "$f")" "$f" \
        "fix/dir/$(basename "$f")"
done

# ---- --fix never touches a file outside the arguments ----
rm -rf "$tmp/outside"
cp -r "$data/fix/outside" "$tmp/outside"
(cd "$tmp/outside" && "$gwlint" $NOW --color never --fix deploy.sh) \
    >"$tmp/out" 2>&1
echo "[exit $?]" >>"$tmp/out"
compare "$data/fix/outside.out" "$tmp/out" "fix/outside (output)"
cmp -s "$data/fix/outside/settings.json" "$tmp/outside/settings.json" && ok ||
    bad "fix/outside: the referenced settings file was changed"

# ---- discovery of .gwlint.yaml ----
(cd "$data/config/discovery/sub/dir" &&
    "$gwlint" $NOW --color never settings.json) >"$tmp/out" 2>&1
echo "[exit $?]" >>"$tmp/out"
compare "$data/config/discovery.out" "$tmp/out" "config/discovery"
(cd "$data/config/discovery/sub/dir" && "$gwlint" explain ORG100) \
    >"$tmp/out" 2>&1
echo "[exit $?]" >>"$tmp/out"
compare "$data/config/discovery-explain.out" "$tmp/out" \
    "config/discovery (explain)"

# ---- the step summary of --format github ----
printf 'Earlier step output.\n' >"$tmp/summary.md"
(cd "$data" && GITHUB_STEP_SUMMARY="$tmp/summary.md" "$gwlint" $NOW \
    -f github github/many.json config/custom/good.json) >/dev/null 2>&1
compare "$data/github/summary.md" "$tmp/summary.md" "github/summary.md"
: >"$tmp/summary.md"
(cd "$data" && GITHUB_STEP_SUMMARY="$tmp/summary.md" "$gwlint" $NOW \
    -f github fix/nothing.before.json) >/dev/null 2>&1
compare "$data/github/summary-clean.md" "$tmp/summary.md" \
    "github/summary-clean.md"

# ---- suppressed findings stay in SARIF, with the reason ----
(cd "$data" && "$gwlint" $NOW -f sarif --config config/ignore/.gwlint.yaml \
    config/ignore/deploy/extension.json rules/GW006/pass-1.yaml) \
    >"$tmp/s.sarif" 2>&1
python3 -c '
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
for r in run["results"]:
    loc = r["locations"][0]["physicalLocation"]
    print(r["ruleId"], loc["artifactLocation"]["uri"],
          loc["region"]["startLine"], json.dumps(r.get("suppressions")))
' "$tmp/s.sarif" >"$tmp/out" 2>&1
compare "$data/config/suppressions-sarif.out" "$tmp/out" \
    "config/suppressions-sarif"

# ---- a catastrophic pattern ends quickly (not a benchmark) ----
python3 -c '
import json
print(json.dumps({"gateway.configuration.uri": "contoso.configuration.azure-api.net",
                  "service.type": "LoadBalancer",
                  "gateway.note": "a" * 65536 + "!"}))' >"$tmp/big.json"
(cd "$tmp" && timeout 1 "$gwlint" $NOW --color never --no-source \
    --config "$data/config/slow.yaml" big.json) >"$tmp/out" 2>&1
rc=$?
if [ "$rc" -eq 124 ]; then
    bad "a catastrophic pattern over 64 KiB did not end within 1 second"
else
    echo "[exit $rc]" >>"$tmp/out"
    compare "$data/config/slow.out" "$tmp/out" "config/slow"
fi

echo "config golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
