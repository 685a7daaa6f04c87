#!/bin/bash
# Line breaks the shell does not continue: the flags after them never
# reach az. A space after the backslash on line 5, a comment line inside
# the update.
az k8s-extension create --name apim-gateway --cluster-name arc-edge-01 \ 
  --resource-group rg-edge --cluster-type connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net service.type=LoadBalancer \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN"

az k8s-extension update -n apim-gateway -c arc-edge-01 -g rg-edge \
  # the cluster is Arc-connected
  -t connectedClusters \
  --configuration-settings service.type=NodePort --yes
