#!/bin/sh
# Single quotes around the variables become double quotes; the rest of
# the script stays.
az k8s-extension create --name gw --cluster-type connectedClusters \
  --cluster-name c1 --resource-group rg --scope cluster \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --configuration-settings 'gateway.configuration.uri=$APIM_HOST' service.type='$SVC' \
  --config-protected-settings 'gateway.auth.token=${GATEWAY_TOKEN}'
