/**
 * The table caches of a one-shot process (a shell's `zhkg build` or `zhkg extract`): the model's inference tables
 * (model-cache.ts) and the division index (divisions-cache.ts), read back from the files a cold process before
 * this one left, or written there for the next one.
 */
import { divisionsCache } from './divisions-cache.js';
import { modelCache } from './model-cache.js';

/**
 * The model's tables and the division index from the cache when it holds them; then `meanwhile` (which may load
 * what the cache did not give); then what the cache lacked is written there (loaded first if need be).
 */
export function useTableCaches(meanwhile?: () => void): void {
  const model = modelCache.adopt();
  const divisions = divisionsCache.adopt();
  meanwhile?.();
  if (!model) modelCache.write();
  if (!divisions) divisionsCache.write();
}
