#!/bin/bash
# Installs the gateway; the cluster is taken from the az defaults, which
# az k8s-extension does not read.
az k8s-extension create \
  --name apim-gateway \
  --cluster-type connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway \
  --release-train preview \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net service.type=LoadBalancer \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN"
