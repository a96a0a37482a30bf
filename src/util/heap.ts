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

/**
 * The growth allowed while a build takes up what the last one kept and reads little more (`loosenHeapGrowth`), in
 * percent; V8's own growth factor is larger still (up to 4× for a fast-allocating program).
 */
export const HEAP_GROWING_PERCENT_LOOSE = 60;

let mode: 'default' | 'tight' | 'loose' = 'default';

const given = (): boolean => process.execArgv.some((a) => /^--heap[-_]growing[-_]percent\b/.test(a));

/**
 * Caps V8's heap growth at HEAP_GROWING_PERCENT from now on (a V8 flag: it holds for every thread, worker threads
 * included), unless the process was started with its own `--heap-growing-percent`. Idempotent; it holds after the
 * build (the graph a build returns is saved and exported after it, by the same process) until `loosenHeapGrowth`.
 */
export function tightenHeapGrowth(): void {
  if (mode === 'tight' || given()) return;
  mode = 'tight';
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/**
 * Lets the heap grow by HEAP_GROWING_PERCENT_LOOSE instead, when it was capped: for a build whose passes will not
 * read the stored corpus (it takes up the last build's resolution, src/pipeline.ts), so that collections are fewer
 * while it deserializes what was kept and assembles, lays out and writes the graph. `tightenHeapGrowth` again when
 * a pass turns out to read the stored corpus after all (the kept edges not taken up). Nothing when not capped.
 */
export function loosenHeapGrowth(): void {
  if (mode !== 'tight') return;
  mode = 'loose';
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT_LOOSE}`);
}

/** What `tightenHeapGrowth` and `loosenHeapGrowth` set last ('default': neither, or the process gave its own). */
export function heapGrowth(): 'default' | 'tight' | 'loose' {
  return mode;
}
