#!/bin/sh
# Regenerates the generated GW005 inputs (run from this directory):
#   fail-1.json  JSON nested 100 deep (limit: 64)
#   fail-2.yaml  YAML maps nested 100 deep
#   fail-5.yaml  1,001 aliases (limit: 1,000)
#   pass-2.json  JSON nested exactly 64 deep
#   pass-3.yaml  YAML nested exactly 64 deep
# fail-3.yaml (alias bomb) and fail-4.yaml (alias cycle) are written by hand.
set -eu
json() { # depth
    awk -v depth="$1" 'BEGIN {
        printf "{\n  \"gateway.configuration.uri\": \"contoso.configuration.azure-api.net\",\n  \"service.type\": \"LoadBalancer\",\n  \"nodeSelector\": "
        for (i = 1; i < depth; i++) printf "{\"l%d\": ", i
        printf "\"x\""
        for (i = 1; i < depth; i++) printf "}"
        printf "\n}\n"
    }'
}
yaml() { # depth
    awk -v depth="$1" 'BEGIN {
        print "gateway:"
        print "  configuration:"
        print "    uri: contoso.configuration.azure-api.net"
        print "affinity:"
        ind = "  "
        for (i = 1; i < depth - 1; i++) { printf "%sl%d:\n", ind, i; ind = ind "  " }
        printf "%sleaf: x\n", ind
    }'
}
json 100 >fail-1.json
yaml 100 >fail-2.yaml
json 64 >pass-2.json
yaml 64 >pass-3.yaml
awk 'BEGIN {
    print "gateway.configuration.uri: contoso.configuration.azure-api.net"
    print "service.type: LoadBalancer"
    print "image.tag: &tag \"2.11.1\""
    print "tolerations:"
    for (i = 1; i <= 1001; i++) print "  - *tag"
}' >fail-5.yaml
