#!/bin/bash
RG="rg-edge(westeurope)"
az k8s-extension create --name apim-gateway.v2 --cluster-name arc_edge-01 \
  --resource-group "$RG" --cluster-type connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --scope namespace --target-namespace 1-apim-gateway \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net service.type=LoadBalancer \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN"
