// Preloaded (`node --import`, after tsx) by `npm run bench` into the bench and every process it starts: the
// package's own modules (src/) load from their compiled form in dist/src/, the code the `zhkg` command runs,
// instead of tsx's transform of the sources; the bench's own scripts stay TypeScript. dist/ is rebuilt first
// when a source is newer (scripts/fresh-dist.ts). `npx tsx bench/run.ts …` measures the sources instead.
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import { ensureFreshDist } from '../scripts/fresh-dist.ts';

// (a worker thread's process has checked already: a build's workers do not walk the sources again)
if (isMainThread) ensureFreshDist();
register('./compiled-hooks.mjs', import.meta.url);
