// Preloaded (`node --import`, after tsx) by `npm run bench` into the bench and every process it starts: the
// package's own modules (src/) load from their compiled form in dist/src/, the code the `zhkg` command runs,
// instead of tsx's transform of the sources; the bench's own scripts stay TypeScript. dist/ is rebuilt first
// when a source is newer (scripts/fresh-dist.ts). `npx tsx bench/run.ts …` measures the sources instead.
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

// A process's main thread checks dist/; its worker threads do not walk the sources again. The check is
// TypeScript, so it is imported here only: a worker thread started from a file (a build's extraction workers)
// runs this preload before tsx can load TypeScript in it, and a static import failed there.
if (isMainThread) (await import('../scripts/fresh-dist.ts')).ensureFreshDist();
register('./compiled-hooks.mjs', import.meta.url);
