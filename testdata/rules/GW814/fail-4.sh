#!/bin/sh
# Double quotes would read the '"' and the backslash inside these single
# quotes, so the finding carries no fix; the message shows the setting in
# double quotes, escaped.
az k8s-extension create --name apim-gateway --cluster-name arc-edge-01 \
  --resource-group rg-edge --cluster-type connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net service.type=LoadBalancer \
    'dapr.app.id=$APP_ID"\x' \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN"
