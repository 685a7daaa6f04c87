#!/bin/sh
# Secrets never reach any output (SPEC §5): plant canary token signatures
# and ingestion keys in every kind of input gwlint reads, run every output
# format, and fail when stdout or stderr holds any 8-character run of a
# canary.
set -u
gwlint=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# Canaries: distinct, base64-looking, never a substring of anything else.
SIG=Qx7CanarySigZ0vR2mK9pW4tY6uI8oE1aS3dF5gH7jL9zX2cV4bN6mQ8wE0rT2yU4iO6pA8sD0fG2hJ4kL6zX8cV0bN2mQ4wE6rT8yU0iO2pA4sD6fG8hJ0kL2z==
KEY=Ik9CanaryIngestK3yW5eR7tY9uI1oP3aS5dF7gH9jK1lZ3xC5vB7nM9qW1eR3tY5uI7oP9aS1dF3gH5jK7lZ9xC1vB3nM5qW7eR9tY1uI3oP5aS7dF==
TOK="GatewayKey canarygw&202612011200&$SIG"

mk() { printf '%s\n' "$2" >"$tmp/$1"; }

# settings files, flat and nested, plain and protected
mk settings.json "{\"gateway.configuration.uri\": \"contoso.configuration.azure-api.net\", \"gateway.auth.token\": \"$TOK\", \"monitoring.ingestionKey\": \"$KEY\"}"
mk protected-settings.json "{\"gateway.auth.token\": \"$TOK\", \"monitoring.ingestionKey\": \"$KEY\"}"
mk nested.yaml "gateway:
  configuration:
    uri: contoso.configuration.azure-api.net
  auth:
    token: \"$TOK\"
monitoring:
  ingestionKey: $KEY"
mk flat.yaml "gateway.configuration.uri: contoso.configuration.azure-api.net
gateway.auth.token: '$TOK'
monitoring.ingestionKey: '$KEY'"
# the extension shape, secrets in the plain map (GW205 names the key)
mk extension.json "{\"properties\": {\"extensionType\": \"Microsoft.ApiManagement.Gateway\", \"configurationSettings\": {\"gateway.configuration.uri\": \"contoso.configuration.azure-api.net\", \"gateway.auth.token\": \"$TOK\", \"monitoring.ingestionKey\": \"$KEY\"}}}"
# malformed tokens: every GW201 path, expired, too long-lived
mk bad-tokens.json "{\"gateway.configuration.uri\": \"contoso.configuration.azure-api.net\",
 \"gateway.auth.token\": \"canarygw&202612011200&$SIG\"}"
mk bad-prefix.yaml "gateway.configuration.uri: contoso.configuration.azure-api.net
gateway.auth.token: 'gatewaykey  canarygw&202612011200&$SIG'"
mk bad-expiry.yaml "gateway.configuration.uri: contoso.configuration.azure-api.net
gateway.auth.token: 'GatewayKey canarygw&2026120112&$SIG'"
mk bad-sig.yaml "gateway.configuration.uri: contoso.configuration.azure-api.net
gateway.auth.token: 'GatewayKey canarygw&202612011200&$SIG!!'"
mk no-amp.yaml "gateway.configuration.uri: contoso.configuration.azure-api.net
gateway.auth.token: 'GatewayKey $SIG'"
mk expired.yaml "gateway.configuration.uri: contoso.configuration.azure-api.net
gateway.auth.token: 'GatewayKey canarygw&202001011200&$SIG'"
mk long.yaml "gateway.configuration.uri: contoso.configuration.azure-api.net
gateway.auth.token: 'GatewayKey canarygw&209901011200&$SIG'"
# secrets under old, other-profile and unknown keys, and as placeholders
mk legacy.json "{\"gateway.endpoint\": \"contoso.configuration.azure-api.net\", \"gateway.authKey\": \"$TOK\", \"gateway.auth.key\": \"$TOK\", \"gateway.token\": \"$TOK\", \"monitoring.ingestionkey\": \"$KEY\"}"
mk bad-key.yaml "gateway.configuration.uri: contoso.configuration.azure-api.net
monitoring.customResourceId: /subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ApiManagement/service/contoso
monitoring.workspaceId: 4c1d9e3b-77aa-4f10-9a2e-0c2b7f9d1e55
monitoring.ingestionKey: '$KEY!!'"
# files that do not parse: the excerpt under GW001 must still be masked
mk broken.json "{\"gateway.auth.token\": \"$TOK\" x, \"monitoring.ingestionKey\": \"$KEY\" }"
mk broken.yaml "gateway:
  auth:
    token: $TOK ]
  ingestionKey: $KEY ["
mk dup.json "{\"gateway.auth.token\": \"$TOK\", \"gateway.auth.token\": \"$TOK\", \"gateway.configuration.uri\": \"x.configuration.azure-api.net\"}"
# a secret in the value of a key that expects something else
mk wrong.json "{\"gateway.configuration.uri\": \"$TOK\", \"service.type\": \"$TOK\"}"
# an ARM template: a token as a parameter's default, two extensions
mk template.json "{\"\$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", \"contentVersion\": \"1.0.0.0\",
 \"parameters\": {\"tok\": {\"type\": \"securestring\", \"defaultValue\": \"$TOK\"}},
 \"resources\": [{\"type\": \"Microsoft.KubernetesConfiguration/extensions\", \"properties\": {\"extensionType\": \"Microsoft.ApiManagement.Gateway\",
   \"configurationSettings\": {\"gateway.configuration.uri\": \"contoso.configuration.azure-api.net\", \"gateway.auth.token\": \"[parameters('tok')]\"}}},
  {\"type\": \"Microsoft.KubernetesConfiguration/extensions\", \"properties\": {\"extensionType\": \"Microsoft.ApiManagement.Gateway\",
   \"configurationSettings\": {\"gateway.configuration.uri\": \"x.management.azure-api.net\", \"monitoring.ingestionKey\": \"$KEY\"},
   \"configurationProtectedSettings\": {\"gateway.auth.token\": \"canarygw&202612011200&$SIG\"}}}]}"
# a Terraform plan with the secrets in its planned values
mk plan.json "{\"format_version\": \"1.2\", \"terraform_version\": \"1.9.5\", \"resource_changes\": [{\"address\": \"azurerm_arc_kubernetes_cluster_extension.gw\", \"type\": \"azurerm_arc_kubernetes_cluster_extension\",
 \"change\": {\"actions\": [\"create\"], \"after\": {\"extension_type\": \"Microsoft.ApiManagement.Gateway\",
  \"configuration_settings\": {\"gateway.configuration.uri\": \"contoso.configuration.azure-api.net\", \"gateway.auth.token\": \"$TOK\", \"monitoring.ingestionKey\": \"$KEY!!\"},
  \"configuration_protected_settings\": {\"gateway.auth.token\": \"GatewayKey canarygw&2026120112&$SIG\"}},
 \"after_unknown\": {}, \"after_sensitive\": {\"configuration_protected_settings\": true}}}]}"
# Helm values: the chart's key and an Arc key
mk values.yaml "gateway:
  configuration:
    uri: contoso.configuration.azure-api.net
  auth:
    key: 'canarygw&202612011200&$SIG'
    token: '$TOK'
monitoring:
  ingestionKey: $KEY"

# commands in a script, PowerShell, Markdown and workflows: a literal token
# (GW206), an unquoted one the shell splits (GW808), a malformed one
# (GW201), a secret as a stray word, in plain and protected settings
mk deploy.sh "#!/bin/sh
TOKEN=\"$TOK\"
az k8s-extension create -n gw -c c -g rg -t connectedClusters --extension-type Microsoft.ApiManagement.Gateway \\
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net monitoring.ingestionKey=$KEY \\
  --config-protected-settings gateway.auth.token=\$TOKEN
az k8s-extension create -n gw2 -c c -g rg -t connectedClusters --extension-type Microsoft.ApiManagement.Gateway \\
  --config-protected-settings 'gateway.authKey=canarygw&2026&$SIG' gateway.auth.token=GatewayKey canarygw&202612011200&$SIG"
# single-quoted settings with a variable (GW814): its advice and its fix
# copy the setting, which must not copy a secret beside the variable
mk quoted.sh "#!/bin/sh
az k8s-extension create -n gw -c c -g rg -t connectedClusters --extension-type Microsoft.ApiManagement.Gateway \\
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net 'monitoring.ingestionKey=$KEY\$X' \\
  --config-protected-settings 'gateway.auth.token=GatewayKey canarygw&202612011200&$SIG\$X' 'gateway.authKey=\${P}$SIG'"
# a secret beside an expansion, in double quotes and in YAML: the
# expansion does not make the rest of the value safe to show
mk beside.sh "#!/bin/sh
az k8s-extension create -n gw -c c -g rg -t connectedClusters --extension-type Microsoft.ApiManagement.Gateway \\
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net \\
  --config-protected-settings \"gateway.authKey=\${P}$SIG\" \"gateway.auth.token=\$ID&202612011200&$SIG\" \"monitoring.ingestionKey=\$K$KEY\""
mk beside.yaml "gateway.configuration.uri: contoso.configuration.azure-api.net
gateway.auth.token: \${P}$SIG
monitoring.ingestionKey: \"\$(k)$KEY\""
mk deploy.ps1 "\$token = 'GatewayKey canarygw&202612011200&$SIG'
az k8s-extension create -n gw -c c -g rg -t connectedClusters --extension-type Microsoft.ApiManagement.Gateway \`
  --configuration-settings \"gateway.auth.token=\$token\" \"monitoring.ingestionKey=$KEY\" $SIG"
mk how-to.md "# Install
\`\`\`azurecli
az k8s-extension create -n gw -c c -g rg -t connectedClusters --extension-type Microsoft.ApiManagement.Gateway --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net --config-protected-settings gateway.auth.token='GatewayKey canarygw&2026120112&$SIG' x$SIG
\`\`\`"
mk workflow.yml "jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: >
          az k8s-extension create -n gw -c c -g rg -t connectedClusters
          --extension-type Microsoft.ApiManagement.Gateway
          --configuration-settings \"gateway.auth.token=$TOK\" 'monitoring.ingestionKey=$KEY'"

# Every 8-character run of every canary, one per line, for grep -F -f.
for c in "$SIG" "$KEY"; do
    n=${#c}
    i=0
    while [ $((i + 8)) -le "$n" ]; do
        printf '%s\n' "$c" | cut -c$((i + 1))-$((i + 8))
        i=$((i + 1))
    done
done >"$tmp/runs"

canaries() { # file -> the first 8-char run of a canary that occurs in it
    grep -oF -f "$tmp/runs" -- "$1" | head -n 1
}

for f in "$tmp"/*.json "$tmp"/*.yaml "$tmp"/*.yml "$tmp"/*.sh "$tmp"/*.ps1 \
    "$tmp"/*.md; do
    for fmt in text json sarif github; do
        "$gwlint" --now 2026-11-27T12:00Z --verbose -f "$fmt" "$f" \
            >"$tmp/out" 2>&1
        leak=$(canaries "$tmp/out")
        if [ -n "$leak" ]; then
            fail=$((fail + 1))
            echo "FAIL: $(basename "$f") -f $fmt leaks '$leak':"
            grep -F -- "$leak" "$tmp/out" | head -3
        else
            pass=$((pass + 1))
        fi
    done
done
# the whole directory in one run, stdin, and -o
"$gwlint" --now 2026-11-27T12:00Z -f sarif -o "$tmp/all.sarif" "$tmp" \
    >"$tmp/out" 2>&1
cat "$tmp/all.sarif" >>"$tmp/out"
"$gwlint" --now 2026-11-27T12:00Z --stdin-filename x.json - \
    <"$tmp/settings.json" >>"$tmp/out" 2>&1
leak=$(canaries "$tmp/out")
if [ -n "$leak" ]; then
    fail=$((fail + 1))
    echo "FAIL: directory/stdin run leaks '$leak'"
else
    pass=$((pass + 1))
fi
echo "secrets: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
