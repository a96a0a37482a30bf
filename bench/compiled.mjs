// Preloaded (`node --import`, after tsx) by `npm run bench` into the bench and every process it starts: the
// package's own modules (src/) load from their compiled form in dist/src/, the code the `zhkg` command runs,
// instead of tsx's transform of the sources; the bench's own scripts stay TypeScript. dist/ is rebuilt first
// when a source is newer (scripts/fresh-dist.ts). `npx tsx bench/run.ts …` measures the sources instead.
import { register } from 'node:module';
import { ensureFreshDist } from '../scripts/fresh-dist.ts';

ensureFreshDist();
register('./compiled-hooks.mjs', import.meta.url);
