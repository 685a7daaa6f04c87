#!/bin/sh
# Validate SARIF logs with the official SARIF multitool (npm package
# @microsoft/sarif-multitool): a log fails when the validator reports any
# result of level "error" for it (SPEC.md section 6).
#
# usage: tests/sarif_validate.sh GWLINT [ITEM...]
#   GWLINT  the gwlint binary (used for ITEMs that are not SARIF logs)
#   ITEM    a *.sarif file: validated as it is;
#           a directory: every *.sarif file under it;
#           any other file: linted with `GWLINT -f sarif ITEM` from the
#           current directory, and the log validated (gwlint must exit 0
#           or 1).
#   Without ITEMs: the logs in testdata/sarif/, and the inputs under
#   testdata/ (the pass-*/fail-* cases of testdata/rules/, every file of
#   the other directories but cli/, lsp/ and rulefiles/) linted from the
#   repository root; when there are none, two inputs of our own (one with
#   findings, one without).
#
# Environment:
#   SARIF_MULTITOOL_DIR  where the multitool is, or gets installed with npm
#                        (needs the network, once): a directory holding
#                        node_modules/, or a node_modules directory itself.
#                        Default: REPO/build/sarif-tool.
#   DOTNET_SYSTEM_GLOBALIZATION_INVARIANT  set to 1 automatically when the
#                        multitool cannot start without libicu.
#
# Prints PASS/FAIL per log, then "N passed, N failed"; exits 1 when any log
# failed, 2 on a usage or setup error. Needs node (npm needs it anyway).
set -u

me=$(basename "$0")
die() {
    printf '%s: error: %s\n' "$me" "$*" >&2
    exit 2
}

[ $# -ge 1 ] || die "usage: $me GWLINT [ITEM...]"
gwlint=$1
shift
repo=$(cd "$(dirname "$0")/.." && pwd) || die "cannot find the repository"
command -v node >/dev/null 2>&1 ||
    die "node is required (it reads the validator's output)"

# ---- the multitool ----

tooldir=${SARIF_MULTITOOL_DIR:-$repo/build/sarif-tool}
case $(uname -s) in
Linux) plat=linux ;;
Darwin) plat=darwin ;;
*) die "no SARIF multitool package for $(uname -s)" ;;
esac
find_tool() {
    for nm in "$tooldir/node_modules" "$tooldir"; do
        t=$nm/@microsoft/sarif-multitool-$plat/Sarif.Multitool
        if [ -f "$t" ]; then
            printf '%s\n' "$t"
            return 0
        fi
    done
    return 1
}
if ! multitool=$(find_tool); then
    command -v npm >/dev/null 2>&1 ||
        die "the SARIF multitool is not in $tooldir and npm is not installed"
    prefix=$tooldir
    [ "$(basename "$tooldir")" = node_modules ] && prefix=$(dirname "$tooldir")
    mkdir -p "$prefix" || die "cannot create $prefix"
    printf '%s: installing @microsoft/sarif-multitool into %s\n' "$me" \
        "$prefix" >&2
    npm install --no-audit --no-fund --prefix "$prefix" \
        @microsoft/sarif-multitool >&2 || die "npm install failed"
    multitool=$(find_tool) || die "npm installed no Sarif.Multitool for $plat"
fi
[ -x "$multitool" ] || chmod u+x "$multitool" ||
    die "cannot make $multitool executable"

# The .NET runtime inside the multitool needs libicu unless globalization
# is invariant: probe rather than guess from library paths.
if [ -z "${DOTNET_SYSTEM_GLOBALIZATION_INVARIANT:-}" ] &&
    ! "$multitool" --version >/dev/null 2>&1; then
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
    export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT
    printf '%s: running the multitool with invariant globalization (no libicu)\n' \
        "$me" >&2
fi
"$multitool" --version >/dev/null 2>&1 || die "$multitool does not run"

# ---- collect the logs ----

# Every log is validated as $work/v/K.sarif (a copy, or gwlint's output):
# plain names whatever the originals are called, and a single multitool
# run over "$work/v/*.sarif" however many there are (it takes seconds to
# start).
work=$(mktemp -d "${TMPDIR:-/tmp}/sarif-validate.XXXXXX") || die "mktemp failed"
work=$(cd "$work" && pwd -P) || die "mktemp failed"
trap 'rm -rf "$work"' EXIT
trap 'exit 2' HUP INT TERM
mkdir "$work/v" || die "cannot create $work/v"
: >"$work/names" # "K<TAB>what the log is" for every log
: >"$work/fails" # "K<TAB>reason" for logs gwlint did not write
k=0

add_log() { # add_log LOG: validate an existing log
    k=$((k + 1))
    cp "$1" "$work/v/$k.sarif" || die "cannot read $1"
    printf '%s\t%s\n' "$k" "$1" >>"$work/names"
}

lint() { # lint DIR FILE: run gwlint in DIR on FILE and validate its log
    k=$((k + 1))
    printf '%s\t%s\n' "$k" "$2" >>"$work/names"
    (cd "$1" && "$gwlint" -f sarif "$2") >"$work/$k.out" 2>"$work/$k.err"
    rc=$?
    if [ $rc -gt 1 ]; then
        printf '%s\tgwlint exited %s: %s\n' "$k" "$rc" \
            "$(head -n 1 "$work/$k.err")" >>"$work/fails"
        return 0
    fi
    mv "$work/$k.out" "$work/v/$k.sarif"
}

add_item() { # add_item ITEM, relative to the current directory
    if [ -d "$1" ]; then
        find "$1" -type f -name '*.sarif' | LC_ALL=C sort >"$work/found"
        while IFS= read -r f; do add_log "$f"; done <"$work/found"
    elif [ -f "$1" ]; then
        case $1 in
        *.sarif) add_log "$1" ;;
        *) lint "$(pwd)" "$1" ;;
        esac
    else
        die "no such file or directory: $1"
    fi
}

case $gwlint in
/*) ;;
*/*) gwlint=$(pwd)/$gwlint ;;
esac

if [ $# -gt 0 ]; then
    for item in "$@"; do add_item "$item"; done
else
    [ -d "$repo/testdata/sarif" ] && add_item "$repo/testdata/sarif"
    if [ -d "$repo/testdata" ]; then
        # Inputs only: not expected outputs, command-line cases, LSP
        # transcripts, nor the context files and generators beside the
        # rule cases.
        (
            cd "$repo" || exit 2
            find testdata -type f \
                ! -path 'testdata/cli/*' ! -path 'testdata/lsp/*' \
                ! -path 'testdata/sarif/*' ! -path 'testdata/rulefiles/*' \
                ! -path 'testdata/rules/*' \
                ! -name '*.txt' ! -name '*.out' ! -name '*.rc' \
                ! -name '*.args' ! -name '*.sarif' ! -name '*.in'
            find testdata/rules -type f \( -name 'pass-*' -o -name 'fail-*' \) \
                ! -name '*.txt' ! -name '*.out' ! -name '*.rc' \
                ! -name '*.args' ! -name '*.sarif' ! -name '*.in'
        ) 2>/dev/null | LC_ALL=C sort >"$work/inputs"
        while IFS= read -r f; do lint "$repo" "$f"; done <"$work/inputs"
    fi
    if [ $k -eq 0 ]; then
        mkdir "$work/own"
        cat >"$work/own/gateway settings.yaml" <<'YAML'
gateway.configuration.uri: "http://contoso.management.azure-api.net/subscriptions/x"
gateway.auth.token: ""
gateway.endpoint: "https://contoso.configuration.azure-api.net"
service.type: Loadbalancer
YAML
        cat >"$work/own/clean.yaml" <<'YAML'
gateway.configuration.uri: "contoso.configuration.azure-api.net"
gateway.auth.token: "GatewayKey gw&209912312359&c2lnbmF0dXJl"
service.type: LoadBalancer
YAML
        lint "$work/own" "gateway settings.yaml"
        lint "$work/own" clean.yaml
    fi
fi
[ $k -gt 0 ] || die "no SARIF logs to validate"

# ---- validate ----

# The multitool exits 0 whatever it finds (its findings are in its own
# SARIF output) and skips empty files silently, so the checker below also
# parses every log itself, and fails every log on a multitool error or a
# skipped file, not knowing which was skipped.
# It also skips logs over --max-file-size-in-kb (default 10000): raise the
# limit past the largest log. A 10,000-file log takes it minutes.
vrc=0
if [ -n "$(ls "$work/v")" ]; then
    kb=10000
    for f in "$work"/v/*.sarif; do
        size=$(($(wc -c <"$f") / 1024 + 1))
        [ $size -gt $kb ] && kb=$size
    done
    "$multitool" validate "$work/v/*.sarif" --max-file-size-in-kb "$kb" \
        -o "$work/validation.sarif" >"$work/validator.txt" 2>&1
    vrc=$?
fi

node - "$work" "$vrc" <<'JS'
const fs = require('fs');
const path = require('path');
const [work, vrcText] = process.argv.slice(2);
const tsv = (f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean)
    .map((l) => [l.slice(0, l.indexOf('\t')), l.slice(l.indexOf('\t') + 1)]);
const names = tsv(path.join(work, 'names'));
const early = new Map(tsv(path.join(work, 'fails')));
const vdir = path.join(work, 'v');
const problems = new Map(); // K -> messages, for logs that exist
const general = [];         // problems not tied to one log

for (const [k] of names) {
    if (early.has(k))
        continue;
    const p = [];
    problems.set(k, p);
    try {
        const j = JSON.parse(fs.readFileSync(path.join(vdir, k + '.sarif'),
                                             'utf8'));
        if (!j || j.version !== '2.1.0' || !Array.isArray(j.runs))
            p.push('not a SARIF 2.1.0 log');
    } catch (e) {
        p.push('not JSON: ' + e.message);
    }
}

let out = null;
if (problems.size) {
    try {
        out = JSON.parse(fs.readFileSync(path.join(work, 'validation.sarif'),
                                         'utf8'));
    } catch (e) {
        general.push(`the multitool wrote no readable output (exit ${vrcText})`);
    }
}
if (out) {
    const run = (out.runs || [])[0] || {};
    const keyOf = (uri) => {
        let p = uri || '';
        if (p.startsWith('file://'))
            p = p.slice('file://'.length);
        try { p = decodeURIComponent(p); } catch (e) { /* keep p */ }
        const m = /^(\d+)\.sarif$/.exec(path.basename(p));
        return m && path.resolve(path.dirname(p)) === vdir ? m[1] : null;
    };
    for (const r of run.results || []) {
        if ((r.level || 'warning') !== 'error')
            continue;
        const loc = ((r.locations || [])[0] || {}).physicalLocation || {};
        const uri = (loc.artifactLocation || {}).uri;
        const k = keyOf(uri);
        const m = r.message || {};
        const text = m.text || (m.arguments || []).join(': ');
        const msg = `${r.ruleId} (line ${(loc.region || {}).startLine || '?'}):` +
            ` ${text}`;
        if (k !== null && problems.has(k))
            problems.get(k).push(msg);
        else
            general.push(`${uri}: ${msg}`);
    }
    for (const inv of run.invocations || [])
        for (const n of [...(inv.toolExecutionNotifications || []),
                         ...(inv.toolConfigurationNotifications || [])])
            if ((n.level || 'warning') === 'error' ||
                /^ERR|Skipped/.test((n.descriptor || {}).id || ''))
                general.push('multitool: ' + ((n.message || {}).text || ''));
}
if (vrcText !== '0' && general.length === 0 && problems.size)
    general.push(`the multitool exited ${vrcText}`);

let passed = 0, failed = 0;
for (const [k, name] of names) {
    const p = problems.get(k);
    if (early.has(k)) {
        failed++;
        console.log(`FAIL ${name}: ${early.get(k)}`);
    } else if (p.length === 0 && general.length === 0) {
        passed++;
        console.log(`PASS ${name}`);
    } else {
        failed++;
        console.log(`FAIL ${name}`);
        for (const m of p)
            console.log(`    ${m}`);
    }
}
for (const g of general)
    console.log(`error: ${g}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
JS
rc=$?
if [ $rc -ne 0 ] && [ -s "$work/validator.txt" ]; then
    echo "--- multitool output ---"
    grep -v '^$' "$work/validator.txt"
fi
exit $rc
