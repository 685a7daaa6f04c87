#!/usr/bin/env bash
# Deploy the API Management self-hosted gateway to the staging cluster with
# the gateway's Helm chart.
set -euo pipefail

APIM_NAME=contoso
NAMESPACE=apim-gateway

helm repo add azure-apim-gateway https://azure.github.io/api-management-self-hosted-gateway/helm-charts/
helm repo update

helm upgrade --install apim-gw azure-apim-gateway/azure-api-management-gateway \
  --namespace "$NAMESPACE" --create-namespace \
  --version 1.15.1 \
  --set gateway.configuration.uri="https://${APIM_NAME}.management.azure-api.net" \
  --set gateway.auth.token="$GATEWAY_TOKEN" \
  --set service.type=Loadbalancer,service.ports.http=80,service.ports.https=443 \
  --set replicaCount=two \
  --set-string observability.logs.std.format=Json \
  --set ingress.annotations.kubernetes\\.io/ingress\\.class=azure-api-management/gateway

# the ingress controller of another chart: not the gateway's
helm install ingress-nginx ingress-nginx/ingress-nginx --set controller.replicaCount=2
