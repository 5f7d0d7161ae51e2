'use strict';

// Headless Chromium as the browser suites start it (see the E2E recipes): the Debian package's binary, or
// REGISTRY_E2E_CHROMIUM, with the flags that keep it quiet and sandbox-free in CI.

const fs = require('node:fs');

const chromiumPath = process.env.REGISTRY_E2E_CHROMIUM || '/usr/bin/chromium';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails loudly rather than skip: scripts/prerequisites.sh installs the Debian chromium package. */
function requireChromium() {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium is missing at ${chromiumPath}; run scripts/prerequisites.sh (it installs the Debian package "chromium")`);
  }
}

module.exports = { chromiumPath, chromiumArgs, requireChromium };
