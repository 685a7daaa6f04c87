#!/bin/sh
# The token comes from the pipeline's secret store.
: "${GATEWAY_TOKEN:?set GATEWAY_TOKEN}"

az k8s-extension create --name apim-gateway --cluster-name arc-staging \
  --resource-group rg-staging --cluster-type connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net service.type=LoadBalancer \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN"
