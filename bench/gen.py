#!/usr/bin/env python3
"""Deterministic benchmark corpus for gwlint (SPEC §11).

gen.py OUT N   writes N settings files under OUT/settings (JSON, flat YAML and
nested YAML in turn, realistic sizes of 4-30 keys, about a third with a
fault), OUT/big/ (three 5,000-key files: JSON, flat YAML, nested YAML) and
OUT/scripts/ (deployment scripts and workflows with gateway commands).
The same N gives the same bytes on every machine.
"""
import json
import os
import random
import sys

out, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(20261127)
SIG = "A" * 86 + "=="

GOOD = {
    "gateway.configuration.uri": "contoso-{i}.configuration.azure-api.net",
    "service.type": "LoadBalancer",
    "telemetry.logs.std": "json",
    "telemetry.metrics.cloud": "true",
    "replicaCount": "2",
    "image.pullPolicy": "IfNotPresent",
    "highAvailability.enabled": "true",
    "highAvailability.disruption.maximumUnavailable": "25%",
    "service.http.port": "8080",
    "service.https.port": "8081",
    "gateway.configuration.backup.enabled": "true",
    "gateway.configuration.backup.persistentVolumeClaim.size": "50Mi",
    "gateway.configuration.backup.persistentVolumeClaim.accessMode": "ReadWriteMany",
    "telemetry.metrics.opentelemetry.enabled": "false",
    "dapr.enabled": "false",
    "dapr.logging.level": "info",
    "probes.readiness.httpGet.path": "/status-0123456789abcdef",
    "probes.liveness.httpGet.path": "/status-0123456789abcdef",
    "telemetry.logs.local": "auto",
    "monitoring.workspaceId": "4c1d9e3b-77aa-4f10-9a2e-0c2b7f9d1e55",
    "monitoring.customResourceId": "/subscriptions/6f7e3c3b-2d4a-4c8e-9a61-0b5d2f1e7c44/resourceGroups/rg/providers/Microsoft.ApiManagement/service/contoso-{i}",
}
FAULTS = [
    ("service.type", "Loadbalancer"),
    ("gateway.endpoint", "https://contoso.management.azure-api.net/subscriptions/6f7e3c3b-2d4a-4c8e-9a61-0b5d2f1e7c44/resourceGroups/rg/providers/Microsoft.ApiManagement/service/contoso?api-version=2021-01-01-preview"),
    ("gateway.configuration.uri", "http://contoso.configuration.azure-api.net"),
    ("gateway.auth.key", "x"),
    ("highAvailability.enabled", "True"),
    ("telemetry.metrics.local", "statsd"),
    ("service.http.nodePort", "80"),
    ("gateway.configuraton.backup.enabled", "true"),
    ("gateway.auth.token", "GatewayKey gw&202610301200&" + SIG),
]


def settings(i):
    keys = list(GOOD)
    rng.shuffle(keys)
    k = rng.randint(4, len(keys))
    d = {key: GOOD[key].format(i=i) for key in keys[:k]}
    d["gateway.configuration.uri"] = GOOD["gateway.configuration.uri"].format(i=i)
    if i % 3 == 0:
        fk, fv = FAULTS[(i // 3) % len(FAULTS)]
        d[fk] = fv
    return d


def quote(v):
    return "'" + v.replace("'", "''") + "'"


def flat_yaml(d):
    return "".join(f"{k}: {quote(v)}\n" for k, v in d.items())


def nested_yaml(d):
    tree = {}
    for k, v in d.items():
        node = tree
        parts = k.split(".")
        for p in parts[:-1]:
            nxt = node.setdefault(p, {})
            if not isinstance(nxt, dict):  # a key that is also a prefix
                return flat_yaml(d)
            node = nxt
        if parts[-1] in node:
            return flat_yaml(d)
        node[parts[-1]] = v
    lines = []

    def emit(node, depth):
        for k, v in node.items():
            if isinstance(v, dict):
                lines.append("  " * depth + f"{k}:")
                emit(v, depth + 1)
            else:
                lines.append("  " * depth + f"{k}: {quote(v)}")
    emit(tree, 0)
    return "\n".join(lines) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


for i in range(n):
    d = settings(i)
    kind = i % 3
    if kind == 0:
        write(f"{out}/settings/s{i:05d}.json", json.dumps(d, indent=2) + "\n")
    elif kind == 1:
        write(f"{out}/settings/s{i:05d}.yaml", flat_yaml(d))
    else:
        write(f"{out}/settings/s{i:05d}.yaml", nested_yaml(d))

big = {"gateway.configuration.uri": "contoso.configuration.azure-api.net",
       "service.type": "LoadBalancer"}
for j in range(4998):
    big[f"service.annotations.example.com/k{j:04d}"] = f"value-{j}"
write(f"{out}/big/big.json", json.dumps(big, indent=2) + "\n")
write(f"{out}/big/big-flat.yaml", flat_yaml(big))
nested = {"gateway.configuration.uri": big["gateway.configuration.uri"],
          "service.type": "LoadBalancer"}
for j in range(4998):
    nested[f"service.annotations.k{j:04d}"] = f"value-{j}"
write(f"{out}/big/big-nested.yaml", nested_yaml(nested))

for i in range(max(1, n // 100)):
    write(f"{out}/scripts/deploy{i:03d}.sh", f"""#!/bin/sh
set -eu
az k8s-extension create --cluster-type connectedClusters \\
  --cluster-name arc-{i} --resource-group rg-{i} --name apim-gw \\
  --extension-type Microsoft.ApiManagement.Gateway \\
  --scope namespace --target-namespace apim \\
  --configuration-settings gateway.configuration.uri=contoso-{i}.configuration.azure-api.net \\
  --config-protected-settings "gateway.auth.token=$TOKEN" \\
  --configuration-settings service.type=LoadBalancer \\
  --release-train preview
""")
