#!/usr/bin/env node
// Runs firebase-tools' Cloud Storage emulator HTTP app alone, without `firebase emulators:start`, which needs
// Java 21 and downloads a rules jar from the internet. The GCS JSON API routes never consult security rules, so
// the app works without the rules runtime. This reaches into firebase-tools internals: keep its version pinned.
//
// Usage: node gcs-emulator.js --port <p> [--host 127.0.0.1] [--project <id>] [--as-shipped]
// Set TMPDIR to a folder of the test run: the emulator keeps uploaded bytes there.
// Resumable sessions follow GCS (gcs-resumable-sessions.js: 308 per chunk, the object on the last one, x-goog-hash
// checked); --as-shipped leaves the emulator's own behaviour (the first PUT ends the session), to show the difference.
'use strict';
const path = require('path');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const host = arg('host', '127.0.0.1');
const port = Number(arg('port', '9199'));
const projectId = arg('project', 'adminportal-test');
const lib = path.join(__dirname, 'node_modules', 'firebase-tools', 'lib', 'emulator');

const { StorageEmulator } = require(path.join(lib, 'storage', 'index.js'));
const { EmulatorRegistry } = require(path.join(lib, 'registry.js'));
const { createApp } = require(path.join(lib, 'storage', 'server.js'));
if (!process.argv.includes('--as-shipped')) {
  require(path.join(__dirname, 'gcs-resumable-sessions.js')).install(path.join(lib, 'storage'));
}

async function main() {
  const emulator = new StorageEmulator({ projectId, host, port, auto_download: false });
  // Without the registry entry the app answers 500 "Cannot determine host and port of storage".
  EmulatorRegistry.set('storage', emulator);
  const app = await createApp(projectId, emulator);
  const server = app.listen(port, host, () => console.log(`GCS emulator listening on http://${host}:${port}`));
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
