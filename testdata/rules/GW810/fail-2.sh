#!/bin/bash
# Typos of the long spellings az still accepts: the suggestion is the
# spelling to write today.
az k8s-extension create --name apim-gateway --cluster-name arc-edge-01 \
  --resource-group rg-edge --cluster-type connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net \
  --configuration-protected-settingz "gateway.auth.token=$GATEWAY_TOKEN" \
  --config-setting service.type=LoadBalancer
