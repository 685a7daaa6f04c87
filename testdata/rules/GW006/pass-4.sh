#!/bin/sh
# Suppressions in a script: alone on the line above the finding, and on it.
# gwlint: ignore[GW805] reason="the stable train comes in January"
az k8s-extension create --name gw --cluster-type connectedClusters \
  --cluster-name c1 --resource-group rg --scope cluster \
  --extension-type Microsoft.ApiManagement.Gateway \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN" \
  --configuration-settings service.type=Loadbalancer  # gwlint: ignore[GW401]
