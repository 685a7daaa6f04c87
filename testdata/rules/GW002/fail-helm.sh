#!/bin/sh
# helm: a later --set of the same key wins (a warning, not an error)
helm install apim-gw azure-apim-gateway/azure-api-management-gateway \
  --set gateway.configuration.uri=contoso.configuration.azure-api.net \
  --set gateway.auth.key="$GATEWAY_KEY" \
  --set service.type=ClusterIP \
  --set service.type=LoadBalancer
