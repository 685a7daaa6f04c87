#!/bin/bash
# The token is read from the key vault, but passed as a plain setting.
TOKEN=$(az keyvault secret show --vault-name kv-edge --name gateway-token --query value -o tsv)
az k8s-extension create --name apim-gateway --cluster-name arc-edge-01 \
  --resource-group rg-edge --cluster-type connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net \
    service.type=LoadBalancer "gateway.auth.token=$TOKEN"
