#!/bin/bash
az k8s-extension create --name apim-gateway --cluster-name arc-edge-01 \
  --resource-group rg-edge --cluster-type connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net service.type=LoadBalancer \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN"

az k8s-extension create --name apim-gateway-2 --cluster-name arc-edge-02 \
  --resource-group rg-edge --cluster-type connectedClusters \
  --extension-type microsoft.apimanagement.gateway --release-train Stable \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net service.type=LoadBalancer \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN"
