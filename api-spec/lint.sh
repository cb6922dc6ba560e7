#!/usr/bin/env bash
# Lints api-spec/openapi.json as client teams do: Redocly, and Spectral with the OWASP API Security ruleset
# (api-spec/.spectral.yaml). Installs the pinned linters into a temporary folder with npm (needs the npm registry).
# Exits non-zero when either linter reports an error; warnings are printed, not fatal.
# Not part of the test suite.
set -euo pipefail

REDOCLY_CLI_VERSION=2.77.0
SPECTRAL_CLI_VERSION=6.16.3
SPECTRAL_OWASP_VERSION=2.0.1

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "Installing @redocly/cli@$REDOCLY_CLI_VERSION, @stoplight/spectral-cli@$SPECTRAL_CLI_VERSION, @stoplight/spectral-owasp-ruleset@$SPECTRAL_OWASP_VERSION"
(
    cd "$work"
    npm init -y >/dev/null
    npm install --no-audit --no-fund --ignore-scripts --loglevel=error \
        "@redocly/cli@$REDOCLY_CLI_VERSION" \
        "@stoplight/spectral-cli@$SPECTRAL_CLI_VERSION" \
        "@stoplight/spectral-owasp-ruleset@$SPECTRAL_OWASP_VERSION" >/dev/null
)

# The ruleset resolves its extends from node_modules beside it, and its overrides name openapi.json beside it.
cp "$here/.spectral.yaml" "$here/openapi.json" "$work/"
if [[ -f "$here/redocly.yaml" ]]; then
    cp "$here/redocly.yaml" "$work/"
fi

status=0
echo "== Redocly"
(cd "$work" && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true ./node_modules/.bin/redocly lint openapi.json) || status=1
echo "== Spectral (spectral:oas + OWASP API Security)"
(cd "$work" && ./node_modules/.bin/spectral lint --ruleset .spectral.yaml --fail-severity error openapi.json) || status=1

if [[ $status -ne 0 ]]; then
    echo "api-spec/openapi.json has lint errors" >&2
fi
exit $status
