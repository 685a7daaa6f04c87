#!/bin/sh
# Installs the gateway on the staging cluster.
TOKEN="GatewayKey staging&202612201200&AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="

az k8s-extension create --name apim-gateway --cluster-name arc-staging \
  --resource-group rg-staging --cluster-type connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net service.type=LoadBalancer \
  --config-protected-settings "gateway.auth.token=$TOKEN"
