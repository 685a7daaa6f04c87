#!/bin/bash
# Double quotes expand; single quotes around text without variables are
# fine.
az k8s-extension create --name 'apim-gateway' --cluster-name arc-edge-01 \
  --resource-group rg-edge --cluster-type connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --configuration-settings 'gateway.configuration.uri=contoso.configuration.azure-api.net' \
    'service.type=LoadBalancer' \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN"
