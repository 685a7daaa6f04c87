$token = az rest --method post --url $tokenUrl --body '{"keyType":"primary"}' | ConvertFrom-Json
$apim = "contoso"
az k8s-extension create --name apim-gateway --cluster-name arc-edge-01 `
    --resource-group rg-edge --cluster-type connectedClusters `
    --extension-type Microsoft.ApiManagement.Gateway --release-train preview `
    --configuration-settings "gateway.configuration.uri=$apim.configuration.azure-api.net" service.type=LoadBalancer `
    --config-protected-settings "gateway.auth.token=GatewayKey $($token.value)"
