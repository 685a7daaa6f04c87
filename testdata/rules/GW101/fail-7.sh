#!/bin/sh
# helm install of the gateway chart without a key or an existing Secret
helm install apim-gw azure-apim-gateway/azure-api-management-gateway \
  --namespace apim-gateway \
  --set gateway.configuration.uri=contoso.configuration.azure-api.net \
  --set service.type=LoadBalancer
