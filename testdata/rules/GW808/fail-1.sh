#!/usr/bin/env bash
# Install the gateway with a token fetched from the management API.
set -euo pipefail

SUB=$(az account show --query id -o tsv)
RAW=$(az rest --method post \
  --url "https://management.azure.com/subscriptions/$SUB/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/contoso/gateways/edge/generateToken?api-version=2022-08-01" \
  --body '{"keyType": "primary", "expiry": "2026-12-20T12:00:00Z"}' \
  --query value -o tsv)
TOKEN="GatewayKey $RAW"

az k8s-extension create \
  --name apim-gateway \
  --cluster-name arc-edge-01 \
  --resource-group rg-edge \
  --cluster-type connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway \
  --release-train preview \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net service.type=LoadBalancer \
  --config-protected-settings gateway.auth.token=$TOKEN
