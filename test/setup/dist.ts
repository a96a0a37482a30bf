/**
 * Global setup (once per `vitest run`, before any test file): makes sure dist/ — the compiled CLI and the
 * bundled viewer page — is the build of the current sources (scripts/fresh-dist.ts). Tests that start the CLI
 * as a child process run the compiled `dist/src/cli/main.js` (a cold `tsx` child pays the TypeScript transform
 * on top of nodejieba's load), and every build that writes the viewer copies dist/viewer/. CI's `npm ci` has
 * just built it (`prepare`), so there this is a check only; after an edit it rebuilds once, here, instead of
 * several test files rebuilding the same folder at the same time.
 */
import { ensureFreshDist } from '../../scripts/fresh-dist.js';

export default function setup(): void {
  ensureFreshDist();
}
