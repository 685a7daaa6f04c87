#!/bin/bash
# service.type is set twice; az keeps the later value.
az k8s-extension create --name apim-gateway --cluster-name arc-edge-01 \
  --resource-group rg-edge --cluster-type connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net service.type=LoadBalancer \
  --configuration-settings service.type=NodePort service.http.nodePort=30080 \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN"

# a second gateway: its settings are its own, not repeats of the first
az k8s-extension create --name apim-gateway --cluster-name arc-edge-02 \
  --resource-group rg-edge --cluster-type connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net service.type=LoadBalancer \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN_2"
