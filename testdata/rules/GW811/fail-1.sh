#!/bin/bash
# The settings live next to this script.
az k8s-extension create --name apim-gateway --cluster-name arc-edge-01 \
  --resource-group rg-edge --cluster-type connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --config-settings-file ./config/gateway-settings.json \
  --config-protected-settings-file gateway-protected.yaml
