#!/bin/bash
# An empty line inside a continued helm command: the --set pairs after it
# never reach helm.
helm upgrade --install apim-gw azure-apim-gateway/azure-api-management-gateway \
  --namespace apim --create-namespace \

  --set gateway.configuration.uri=contoso.configuration.azure-api.net \
  --set=gateway.auth.key="GatewayKey gw&202612010000&c2VjcmV0c2lnbmF0dXJlMTIzNDU2Nzg5MGFiY2RlZg==" \
  --set service.type=LoadBalancer
