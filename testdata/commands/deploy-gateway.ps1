# Deploys the API Management self-hosted gateway as an Azure Arc extension.
param(
    [string]$ResourceGroup = "rg-apim-edge",
    [string]$ClusterName = "arc-edge-01"
)

$ErrorActionPreference = "Stop"
$apimName = "contoso"
$token = Get-Content -Raw ./gateway-token.txt

# az k8s-extension create is run once per cluster; see README.md
Write-Host "Installing the gateway on $ClusterName"

az k8s-extension create `
    --name apim-gateway `
    --cluster-name $ClusterName `
    --resource-group $ResourceGroup `
    --cluster-type connectedClusters `
    --extension-type Microsoft.ApiManagement.Gateway `
    --scope namespace `
    --target-namespace apim-gateway `
    --configuration-settings "gateway.configuration.uri=$apimName.configuration.azure-api.net" `
    --config-protected-settings gateway.auth.token=$token.value `
    --configuration-settings service.type=LoadBalancer `
    --release-train preview

az k8s-extension update --name apim-gateway --cluster-name $ClusterName `
    --resource-group $ResourceGroup --cluster-type connectedClusters `
    --configuration-settings 'service.type=Loadbalancer' --yes
