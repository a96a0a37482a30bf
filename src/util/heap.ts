/**
 * V8's heap growth during builds with a store (issue 11). After each full collection V8 lets the heap grow to
 * up to four times what survived before it collects again, by a factor it picks from the allocation rate.
 * The passes over a stored corpus allocate fast (every file's articles read back, every fact made, then
 * folded) while what survives is only the graph being assembled, so the heap — and the RSS — grew to twice
 * or three times the graph (10 MB corpus from the store: 430 MB of heap for 220 MB live, 860 MB peak RSS).
 * With growth capped at 30 % over what survives, the same build peaked at 575 MB, at 20 % at 541 MB, in the
 * same time within the noise of the shared machine; 20 % keeps a 50 MB corpus near 1.2 GB (docs/scale.md).
 */
import { setFlagsFromString } from 'node:v8';

/** How much the heap may grow over what survived the last full collection, in percent. */
export const HEAP_GROWING_PERCENT = 20;

let tightened = false;

/**
 * Caps V8's heap growth at HEAP_GROWING_PERCENT for the rest of the process (a V8 flag: it holds for every
 * thread, worker threads included), unless the process was started with its own `--heap-growing-percent`.
 * Idempotent. Not undone: the graph a build returns is saved and exported after it, by the same process.
 */
export function tightenHeapGrowth(): void {
  if (tightened) return;
  tightened = true;
  if (process.execArgv.some((a) => /^--heap[-_]growing[-_]percent\b/.test(a))) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
