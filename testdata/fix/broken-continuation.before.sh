#!/bin/sh
# White space after the backslashes (a space; a space, a tab and a space)
# is deleted; the rest of the script stays.
az k8s-extension create --name gw --cluster-type connectedClusters \ 
  --cluster-name c1 --resource-group rg --scope cluster \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \ 	 
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net service.type=LoadBalancer \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN"
