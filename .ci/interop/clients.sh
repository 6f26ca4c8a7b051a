#!/usr/bin/env bash
# Generates a client from openapi.yaml, compiles it and calls the live service through it:
#   .ci/interop/clients.sh typescript   openapi-typescript 7.13.0 types + openapi-fetch 0.17.0, compiled by typescript 5.9.3
#   .ci/interop/clients.sh csharp       Kiota 1.38.0 (.config/dotnet-tools.json), offline, compiled by dotnet build
# The TypeScript check holds a `// @ts-expect-error` that only compiles while qualifier is an enum; the C# check
# uses the generated qualifier and kind enums.
set -euo pipefail
cd "$(dirname "$0")/../.."

case "${1:-}" in
  typescript)
    work="${CI_TMP:-$(mktemp -d)}/typescript-client"
    rm -rf "$work" && mkdir -p "$work"
    cp clients/typescript/package.json clients/typescript/tsconfig.json clients/typescript/check.ts "$work/"
    sed -i "s|../../openapi.yaml|$PWD/openapi.yaml|" "$work/package.json"
    (cd "$work" && npm install --no-audit --no-fund --silent --no-package-lock && npm run -s generate && npm run -s build)
    .ci/interop/serve.sh node "$work/dist/check.js"
    ;;
  csharp)
    dotnet tool restore >/dev/null
    rm -rf clients/csharp/Generated
    KIOTA_OFFLINE_ENABLED=true dotnet kiota generate --language CSharp --openapi openapi.yaml --output clients/csharp/Generated \
      --namespace-name Indicators.Client --class-name IndicatorsApiClient --exclude-backward-compatible --clean-output --log-level Error
    dotnet build clients/csharp --configuration Release --nologo --verbosity quiet
    .ci/interop/serve.sh dotnet clients/csharp/bin/Release/net10.0/IndicatorsClientCheck.dll
    ;;
  *)
    echo "usage: $0 typescript|csharp" >&2
    exit 2
    ;;
esac
