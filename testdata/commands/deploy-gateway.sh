#!/usr/bin/env bash
# Deploy the API Management self-hosted gateway to the Arc-enabled
# production cluster, then the Flux extension that syncs the APIs.
set -euo pipefail

RESOURCE_GROUP="rg-gateway-prod"
CLUSTER_NAME="arc-prod-01"
APIM_NAME="contoso-apim"
# The token is rotated by the release pipeline; this one is for the dry run.
TOKEN="GatewayKey gw-prod&202612011200&AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="

az account set --subscription "$SUBSCRIPTION_ID"
az connectedk8s show --name "$CLUSTER_NAME" --resource-group "$RESOURCE_GROUP" >/dev/null

cat <<MSG
About to run:
  az k8s-extension create --name apim-gateway --config-settings oops
MSG
echo "az k8s-extension create: installing the gateway on $CLUSTER_NAME"

az k8s-extension create \
  --name apim-gateway \
  --cluster-name "$CLUSTER_NAME" \
  --resource-group "$RESOURCE_GROUP" \
  --cluster-type connectedClusters \
  --extension-type Microsoft.ApiManagement.Gateway \
  --scope namespace \
  --target-namespace apim-gateway \
  --configuration-settings gateway.configuration.uri=https://${APIM_NAME}.management.azure-api.net/subscriptions/3f2b8c1e-5d4a-4b7e-9a61-2c8d0e4f7a19/resourceGroups/rg-apim/providers/Microsoft.ApiManagement/service/${APIM_NAME}?api-version=2021-01-01-preview \
  --config-protected-settings gateway.auth.token=$TOKEN \
  --configuration-settings service.type=LoadBalancer \
  --configuration-settings service.type=NodePort service.http.nodePort=30080 \
  --release-train preview

# Flux is another extension: nothing here is about the gateway.
az k8s-extension create --name flux --cluster-name "$CLUSTER_NAME" \
  --resource-group "$RESOURCE_GROUP" --cluster-type connectedClusters \
  --extension-type microsoft.flux --configuration-settings "multiTenancy.enforce=false"
