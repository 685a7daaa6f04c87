#!/bin/sh
az k8s-extension create --name gw --cluster-type connectedClusters \
  --cluster-name c1 --resource-group rg --scope cluster \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --config-settings-file settings.json \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN"
