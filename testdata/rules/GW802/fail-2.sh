#!/bin/bash
# An AKS cluster, and a --name that lost its value.
az k8s-extension create --name --cluster-name aks-01 \
  --resource-group rg-aks --cluster-type managedClusters \
  --extension-type Microsoft.ApiManagement.Gateway --release-train preview \
  --configuration-settings gateway.configuration.uri=contoso.configuration.azure-api.net service.type=LoadBalancer \
  --config-protected-settings "gateway.auth.token=$GATEWAY_TOKEN"
