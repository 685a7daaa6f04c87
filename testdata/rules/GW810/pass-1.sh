#!/bin/bash
az k8s-extension create -n apim-gateway -c arc-edge-01 -g rg-edge -t connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --config gateway.configuration.uri=contoso.configuration.azure-api.net service.type=LoadBalancer \
  --config-protected "gateway.auth.token=$GATEWAY_TOKEN" \
  --no-wait --only-show-errors -o none --subscription "$SUBSCRIPTION"
