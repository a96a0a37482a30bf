/**
 * How zhkg's scripts, benches and browser tests start Debian's Chromium (flags from ../shared/SPEC.md): no
 * sandbox (root in CI), no GPU, no network of its own. One list for all of them.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
