#!/usr/bin/env bash
# Installs the test peers (s3rver, azurite, firebase-tools' storage emulator, maildev) from package-lock.json,
# only when node_modules is missing or older than the lock file: a fresh install takes about four minutes.
set -euo pipefail
cd "$(dirname "$0")"

if [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
    exit 0
fi

echo "Installing the test peers (npm ci)..."
npm ci --no-audit --no-fund --loglevel=error
touch node_modules/.package-lock.json
