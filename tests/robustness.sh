#!/bin/sh
# Robustness: inputs that are too big, too deep, malicious, broken or not
# about the gateway at all (SPEC §10, §3). For each one gwlint must
#   - exit 0, 1 or 2, never on a signal, within 10 seconds;
#   - print the expected rule id (GW005, GW001, ...) or, for files that are
#     not about the gateway, no finding at all;
#   - on exit 2, print exactly one line on stderr, starting "gwlint: error: ",
#     and on exit 0 or 1 nothing on stderr.
# The inputs are generated in a temporary directory: the big ones must not
# live in the repository.
#
#   tests/robustness.sh path/to/gwlint
set -u
gwlint=$1
case $gwlint in /*) ;; *) gwlint=$(pwd)/$gwlint ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$tmp" || exit 2
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

URI='"gateway.configuration.uri": "contoso.configuration.azure-api.net"'
SIG=$(awk 'BEGIN { for (i = 0; i < 86; i++) printf "Z"; printf "==" }')
TOKEN="GatewayKey gw-eastus&202612151200&$SIG"

# run NAME EXPECT [ARG...]: EXPECT is a rule id, "none" (no finding and
# exit 0) or "error" (exit 2). Runs from $tmp with --now fixed.
run() {
    name=$1 expect=$2
    shift 2
    timeout 10 "$gwlint" --now 2026-11-27T12:00Z --color never "$@" \
        >out 2>err
    rc=$?
    if [ "$rc" -eq 124 ]; then
        bad "$name: did not finish within 10 seconds"
        return
    fi
    if [ "$rc" -gt 2 ]; then
        bad "$name: exit status $rc (a signal or a crash)"
        head -5 err
        return
    fi
    if [ "$rc" -eq 2 ]; then
        if [ "$(wc -l <err)" -ne 1 ] || ! grep -q '^gwlint: error: ' err; then
            bad "$name: exit 2 without exactly one 'gwlint: error: ' line on stderr"
            head -5 err
            return
        fi
    elif [ -s err ]; then
        bad "$name: exit $rc with output on stderr"
        head -5 err
        return
    fi
    case $expect in
    none)
        if [ "$rc" -ne 0 ] || grep -q '\[GW[0-9]' out; then
            bad "$name: expected no finding and exit 0, got exit $rc"
            head -5 out
            return
        fi
        ;;
    error)
        if [ "$rc" -ne 2 ]; then
            bad "$name: expected exit 2, got $rc"
            return
        fi
        ;;
    *)
        if ! grep -q "\[$expect " out; then
            bad "$name: expected $expect, got exit $rc"
            head -5 out
            return
        fi
        if [ "$rc" -ne 1 ]; then
            bad "$name: $expect found but exit $rc, not 1"
            return
        fi
        ;;
    esac
    ok
}

# ---- size limits ----

# 10 MB of JSON settings (limit 8 MiB).
awk -v uri="$URI" 'BEGIN {
    print "{"; print "  " uri ","
    pad = sprintf("%100s", ""); gsub(/ /, "x", pad)
    for (i = 0; i < 80000; i++)
        printf "  \"service.annotations.note%d\": \"%s\",\n", i, pad
    print "  \"service.type\": \"LoadBalancer\""; print "}"
}' >big.json
run "10 MB JSON" GW005 big.json

# 9 MB of YAML with a gateway key.
awk 'BEGIN {
    print "gateway.configuration.uri: contoso.configuration.azure-api.net"
    pad = sprintf("%100s", ""); gsub(/ /, "y", pad)
    for (i = 0; i < 72000; i++) printf "service.annotations.note%d: %s\n", i, pad
}' >big.yaml
run "9 MB YAML" GW005 big.yaml

# One line over 1 MiB in a small file.
awk -v uri="$URI" 'BEGIN {
    print "{"; print "  " uri ","
    printf "  \"service.annotations.note\": \""
    for (i = 0; i < 1100000; i++) printf "a"
    print "\""; print "}"
}' >longline.json
run "line over 1 MiB" GW005 longline.json

# ---- nesting ----

json_deep() { # depth
    awk -v d="$1" -v uri="$URI" 'BEGIN {
        printf "{%s, \"service.type\": \"LoadBalancer\", \"nodeSelector\": ", uri
        for (i = 1; i < d; i++) printf "{\"a\": "
        printf "\"x\""
        for (i = 1; i < d; i++) printf "}"
        print "}"
    }'
}
yaml_block_deep() { # depth
    awk -v d="$1" 'BEGIN {
        print "gateway.configuration.uri: contoso.configuration.azure-api.net"
        print "affinity:"
        ind = "  "
        for (i = 2; i < d; i++) { printf "%sa:\n", ind; ind = ind "  " }
        printf "%sleaf: x\n", ind
    }'
}
yaml_flow_deep() { # depth
    awk -v d="$1" 'BEGIN {
        print "gateway.configuration.uri: contoso.configuration.azure-api.net"
        printf "affinity: "
        for (i = 2; i < d; i++) printf "{a: "
        printf "x"
        for (i = 2; i < d; i++) printf "}"
        print ""
    }'
}
json_deep 100 >deep100.json
run "JSON 100 deep" GW005 deep100.json
json_deep 10000 >deep10000.json
run "JSON 10,000 deep" GW005 deep10000.json
yaml_block_deep 100 >deep100.yaml
run "YAML 100 deep" GW005 deep100.yaml
yaml_flow_deep 10000 >deep10000.yaml
run "YAML 10,000 deep (flow)" GW005 deep10000.yaml
awk 'BEGIN {
    print "gateway.configuration.uri: contoso.configuration.azure-api.net"
    printf "tolerations: "
    for (i = 0; i < 10000; i++) printf "["
    for (i = 0; i < 10000; i++) printf "]"
    print ""
}' >deepseq.yaml
run "YAML 10,000 nested lists" GW005 deepseq.yaml
json_deep 64 >deep64.json
run "JSON 64 deep (at the limit)" none deep64.json --disable GW003

# ---- aliases ----

cat >bomb.yaml <<'EOF'
gateway.configuration.uri: contoso.configuration.azure-api.net
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
EOF
run "billion laughs" GW005 bomb.yaml

cat >cycle.yaml <<'EOF'
gateway.configuration.uri: contoso.configuration.azure-api.net
affinity: &loop
  nodeAffinity: *loop
EOF
run "alias cycle" GW005 cycle.yaml

awk 'BEGIN {
    print "gateway.configuration.uri: contoso.configuration.azure-api.net"
    print "x: &x y"
    print "tolerations:"
    for (i = 0; i < 5000; i++) print "  - *x"
}' >aliases.yaml
run "5,000 aliases" GW005 aliases.yaml

# ---- broken files ----

cat >whole.json <<EOF
{
  $URI,
  "service.type": "LoadBalancer",
  "telemetry.logs.std": "json"
}
EOF
# The first 90 bytes: cut inside the second member.
awk 'BEGIN { RS = "^$" } { printf "%s", substr($0, 1, 90) }' whole.json \
    >truncated.json
run "truncated JSON" GW001 truncated.json

printf 'gateway.configuration.uri: contoso.configuration.azure-api.net\ngateway.auth.token: "%s' "$TOKEN" >truncated.yaml
run "truncated YAML (open quote)" GW001 truncated.yaml

printf '{\n  %s,\n  "service.type": "Load\000Balancer"\n}\n' "$URI" >nul.json
run "NUL byte in JSON" GW001 nul.json
printf 'gateway.configuration.uri: contoso.configuration.azure-api.net\n\000\000\000\000\n' >nul.yaml
run "NUL bytes in YAML" GW001 nul.yaml

printf '{\n  %s,\n  "dapr.app.id": "passerelle-montr\351al"\n}\n' "$URI" >latin1.json
run "invalid UTF-8 in JSON" GW001 latin1.json
printf 'gateway.configuration.uri: contoso.configuration.azure-api.net\ndapr.app.id: \377\376gw\n' >latin1.yaml
run "invalid UTF-8 in YAML" GW001 latin1.yaml

: >empty.json
run "empty JSON file" none empty.json
: >empty.yaml
run "empty YAML file" none empty.yaml
# json.load refuses an empty file as invalid JSON; an empty YAML document
# is an empty map.
run "empty file named as JSON settings" GW001 --input-type settings-json empty.json
run "empty file named as YAML settings" GW004 --input-type settings-yaml empty.yaml

# Random bytes that happen to say "gateway".
awk 'BEGIN { srand(7); for (i = 0; i < 4096; i++) printf "%c", int(rand() * 255) + 1; print "gateway" }' >noise.yaml
timeout 10 "$gwlint" --color never noise.yaml >out 2>err
rc=$?
if [ "$rc" -le 2 ] && [ "$(wc -l <err)" -le 1 ]; then ok; else bad "random bytes: exit $rc"; fi

# ---- files that are not about the gateway ----

mkdir unrelated unrelated/charts unrelated/.github unrelated/.github/workflows
cat >unrelated/docker-compose.yml <<'EOF'
services:
  gateway:
    image: nginx:1.27
    ports:
      - "8080:80"
    depends_on: [api]
  api:
    image: ghcr.io/contoso/api:2.3.1
    environment:
      API_TOKEN: dev-only
EOF
cat >unrelated/charts/values.yaml <<'EOF'
# values of another chart (ingress-nginx)
controller:
  replicaCount: 2
  service:
    type: LoadBalancer
    annotations:
      service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path: /healthz
  image:
    pullPolicy: IfNotPresent
resources:
  requests:
    cpu: 100m
EOF
cat >unrelated/.github/workflows/ci.yml <<'EOF'
name: ci
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make test
EOF
cat >unrelated/package.json <<'EOF'
{"name": "gateway-docs", "version": "1.0.0", "scripts": {"build": "vite build"}}
EOF
cat >unrelated/tsconfig.json <<'EOF'
{
  // comments are fine in tsconfig, not in JSON
  "compilerOptions": {"strict": true,}
}
EOF
awk -v uri="$URI" 'BEGIN {
    print "{"
    for (i = 0; i < 90000; i++) printf "  \"k%d\": \"%0100d\",\n", i, i
    print "  \"last\": 0"; print "}"
}' >unrelated/huge-data.json
run "a directory of unrelated files" none unrelated
run "docker-compose with a 'gateway' service" none unrelated/docker-compose.yml
run "another chart's values" none unrelated/charts/values.yaml
run "unrelated 10 MB JSON" none unrelated/huge-data.json

# ---- usage errors ----

echo "deploy the gateway on Monday" >notes.txt
run "a file gwlint cannot read" error notes.txt
run "a missing file" error no-such-file.json
run "a bad --now" error --now yesterday whole.json

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
