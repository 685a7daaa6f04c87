#!/bin/sh
# Single quotes keep the shell from expanding $GATEWAY_TOKEN: az gets the
# variable's name where the token should be.
az k8s-extension create --name apim-gateway --cluster-name arc-edge-01 \
  --resource-group rg-edge --cluster-type connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net service.type=LoadBalancer \
  --config-protected-settings 'gateway.auth.token=$GATEWAY_TOKEN'
