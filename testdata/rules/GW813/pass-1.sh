#!/bin/bash
# Comments and empty lines between commands, a space after the backslash
# of a command no flags follow: nothing is cut off.
az k8s-extension create --name apim-gateway --cluster-name arc-edge-01 \
  --resource-group rg-edge --cluster-type connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net service.type=LoadBalancer \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN"
# next: the update

echo done \ 
az k8s-extension update -n apim-gateway -c arc-edge-01 -g rg-edge -t connectedClusters --yes \
  --configuration-settings service.type=NodePort
