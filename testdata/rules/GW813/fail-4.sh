#!/bin/bash
# Three breaks in one command: each cuts off the flags up to the next,
# and each is reported where it is.
az k8s-extension create --name apim-gateway --cluster-name arc-edge-01 \ 
  --resource-group rg-edge --cluster-type connectedClusters \

  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  # settings
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net service.type=LoadBalancer \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN"
