#!/bin/bash
cd "$(dirname "$0")"
az k8s-extension create --name apim-gateway --cluster-name arc-edge-01 \
  --resource-group rg-edge --cluster-type connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --config-settings-file gateway-settings.json \
  --configuration-settings service.type=LoadBalancer \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN"
