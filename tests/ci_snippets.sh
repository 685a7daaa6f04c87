#!/bin/sh
# The README's CI snippets, run as written: the gwlint steps of the GitHub
# Actions job (read from the README's YAML) on a scratch repository with a
# bad settings file, and the generic gate with a stand-in `az` that records
# whether it ran: not while the settings are wrong, once they are fixed.
#
#   ci_snippets.sh GWLINT SOURCE_DIR
set -u
gwlint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { fail=1; echo "FAIL: $*"; }
snippet() { python3 "$src/tests/readme_snippet.py" "$src/README.md" "$1"; }

mkdir -p "$tmp/bin" "$tmp/repo/deploy/gateway"
printf '#!/bin/sh\necho "$@" >"%s/az-ran"\n' "$tmp" >"$tmp/bin/az"
chmod +x "$tmp/bin/az"
export PATH="$tmp/bin:$(dirname "$gwlint"):$PATH"
cd "$tmp/repo" || exit 2
exp=$(date -u -d '+14 days' +%Y%m%d%H%M)
cat >deploy/gateway/settings.json <<JSON
{
  "gateway.configuration.uri": "contoso.configuration.azure-api.net",
  "service.type": "Loadbalancer"
}
JSON
cat >deploy/gateway/protected.json <<JSON
{
  "gateway.auth.token": "GatewayKey gw1&$exp&c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl"
}
JSON
printf 'services:\n  web:\n    image: nginx\n' >docker-compose.yaml

# 1. The GitHub Actions job: its steps that run gwlint, in order.
snippet github-actions >"$tmp/workflow.yml" || exit 2
python3 - "$tmp/workflow.yml" >"$tmp/steps" <<'PY' || bad "the workflow"
import sys, yaml
wf = yaml.safe_load(open(sys.argv[1]))
assert wf["permissions"]["security-events"] == "write", "permissions"
steps = wf["jobs"]["gwlint"]["steps"]
upload = [s for s in steps if s.get("uses", "").startswith(
    "github/codeql-action/upload-sarif@")]
assert upload and upload[0]["with"]["sarif_file"] == "gwlint.sarif", "upload"
for s in steps:
    run = s.get("run", "")
    if run.startswith("gwlint "):
        print(run.strip())
PY
[ "$(wc -l <"$tmp/steps")" -eq 2 ] || bad "the job should have two gwlint steps"
export GITHUB_STEP_SUMMARY="$tmp/summary.md"
: >"$GITHUB_STEP_SUMMARY"
n=0
while IFS= read -r step; do
    n=$((n + 1))
    sh -c "$step" >"$tmp/step$n.out" 2>&1
    echo "$?" >"$tmp/step$n.rc"
done <"$tmp/steps"
[ "$(cat "$tmp/step1.rc")" = 1 ] &&
    grep -q '^::error file=deploy/gateway/settings.json,line=3,col=19,.*GW401' "$tmp/step1.out" ||
    { bad "the annotations step"; cat "$tmp/step1.out"; }
grep -q 'GW401' "$GITHUB_STEP_SUMMARY" || bad "no job summary"
[ "$(cat "$tmp/step2.rc")" = 0 ] && python3 - gwlint.sarif <<'PY' ||
import json, sys
log = json.load(open(sys.argv[1]))
ids = [r["ruleId"] for r in log["runs"][0]["results"]]
assert "GW401" in ids, ids
PY
    { bad "the SARIF step"; cat "$tmp/step2.out"; }
rm -f gwlint.sarif

# 2. The gate: az must not run while the settings are wrong.
snippet ci-gate >"$tmp/gate.sh" || exit 2
export CLUSTER=aks-arc-1 RESOURCE_GROUP=rg-gateway
sh "$tmp/gate.sh" >"$tmp/gate1.out" 2>&1 && bad "the gate passed bad settings"
[ -e "$tmp/az-ran" ] && bad "az ran after gwlint found an error"
grep -q 'GW401' "$tmp/gate1.out" || { bad "the gate did not say why"; cat "$tmp/gate1.out"; }
sed 's/Loadbalancer/LoadBalancer/' deploy/gateway/settings.json >x &&
    mv x deploy/gateway/settings.json
sh "$tmp/gate.sh" >"$tmp/gate2.out" 2>&1 || { bad "the gate refused good settings"; cat "$tmp/gate2.out"; }
grep -q 'k8s-extension create --name apim-gateway' "$tmp/az-ran" 2>/dev/null ||
    bad "az did not run after a clean lint"

[ $fail -eq 0 ] && echo "ci snippets: the GitHub Actions steps and the gate behave as documented"
exit $fail
