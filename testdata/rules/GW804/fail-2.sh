#!/bin/bash
az k8s-extension create --name APIM-Gateway --cluster-name "arc edge 01" \
  --resource-group rg-edge. --cluster-type connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --scope namespace --target-namespace Apim_Gateway \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net service.type=LoadBalancer \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN"
