#!/bin/bash
# Pin the gateway extension to the version we tested.
az k8s-extension create --name apim-gateway --cluster-name arc-edge-01 \
  --resource-group rg-edge --cluster-type connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --version 1.0.4 --auto-upgrade-minor-version false \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net service.type=LoadBalancer \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN"
