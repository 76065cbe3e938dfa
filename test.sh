#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs what is missing (Chromium), builds, runs every test,
# and ends with the line "N passed, N failed" counted from the test results.
set -uo pipefail
cd "$(dirname "$0")"

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
if [ ! -x "$chromium" ]; then missing+=(chromium); fi
# The README's curl examples are run as written by a test (bash + curl).
if ! command -v curl >/dev/null; then missing+=(curl); fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} (Debian packages) for the browser tests and the README's examples..."
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
        echo "Could not install ${missing[*]}: the browser tests need /usr/bin/chromium, the README's examples curl."
        exit 1
    fi
fi

# Real storage peers for the cloud tests (s3rver, Azurite, the GCS emulator, maildev), pinned in tests/peers.
if ! bash tests/peers/install.sh; then
    echo "Could not install the test peers (npm ci in tests/peers)."
    echo "0 passed, 1 failed"
    exit 1
fi

if ! dotnet build AdminPortal.sln -c Release -nologo -clp:ErrorsOnly; then
    echo "0 passed, 1 failed"
    exit 1
fi

rm -rf TestResults
dotnet test AdminPortal.sln -c Release --no-build --nologo --logger trx --results-directory TestResults
status=$?

passed=0
failed=0
for trx in TestResults/*.trx; do
    [ -e "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
done

if [ "$passed" -eq 0 ] && [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1
fi
echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
    exit 1
fi
