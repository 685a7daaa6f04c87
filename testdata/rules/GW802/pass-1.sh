#!/bin/bash
az k8s-extension create --name apim-gateway --cluster-name arc-edge-01 \
  --resource-group rg-edge --cluster-type ConnectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --scope namespace --target-namespace apim \
  --auto-upgrade-minor-version true \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net service.type=LoadBalancer \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN"
