#!/bin/sh
# gwlint: ignore-file[GW805] reason="preview only"
az k8s-extension create --name gw --cluster-type connectedClusters \
  --cluster-name c1 --resource-group rg --scope cluster \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN" \
  --configuration-settings service.type=LoadBalancer  # gwlint: ignore[GW801]
