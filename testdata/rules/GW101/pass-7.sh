#!/bin/sh
# the key is in the values file; the command line alone is not complete
helm upgrade --install apim-gw azure-apim-gateway/azure-api-management-gateway \
  -f values-prod.yaml \
  --set service.type=LoadBalancer
# an existing Secret instead of the key
helm install apim-gw2 azure-apim-gateway/azure-api-management-gateway \
  --set gateway.configuration.uri=contoso.configuration.azure-api.net \
  --set secret.createSecret=false --set secret.existingSecretName=apim-gw-key \
  --set service.type=LoadBalancer
