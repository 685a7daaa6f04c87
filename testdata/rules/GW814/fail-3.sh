#!/bin/bash
# helm gets '${APIM}.configuration.azure-api.net' as the URL and
# '$SERVICE_TYPE' as the service type: single quotes expand nothing.
APIM=contoso
SERVICE_TYPE=LoadBalancer
helm upgrade --install apim-gateway azure-apim-gateway/azure-api-management-gateway \
  --set 'gateway.configuration.uri=${APIM}.configuration.azure-api.net' \
  --set "gateway.auth.key=$GATEWAY_TOKEN" \
  --set service.type='$SERVICE_TYPE'
