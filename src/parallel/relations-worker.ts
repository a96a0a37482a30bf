/**
 * Relations worker: makes articles' relation facts as the store keeps them (`RelationCache.entry`: an entry per
 * article) for the relation pass (./relation-pass.ts), which folds them into the graph on the main thread
 * (`RelationCache.reuseInto`). Given once the corpus's naming, weak entities, entity table and division index.
 */
import { parentPort } from 'node:worker_threads';
import { namingOf } from '../resolve/index.js';
import { RelationCache } from '../relations/cache.js';
import { adoptDivisionIndex, divisionIndexFromTables } from '../lexicon/divisions.js';
import type { RelationsAnswer, RelationsInit, RelationsRequest } from './relations-protocol.js';
import type { Entity } from '../types.js';

if (!parentPort) throw new Error('zhkg: src/parallel/relations-worker must run as a worker thread');
const port = parentPort;
let cache: RelationCache | undefined;

port.on('message', (m: RelationsInit | RelationsRequest) => {
  if ('init' in m) {
    const { naming, weak, entities, divisions } = m.init;
    if (divisions) adoptDivisionIndex(divisionIndexFromTables(divisions));
    cache = new RelationCache(namingOf(naming), new Set(weak), new Map(entities.map((e) => [e.key, e as Entity])));
    return;
  }
  let answer: RelationsAnswer;
  try {
    if (!cache) throw new Error('relations worker: no corpus given');
    const made = cache;
    answer = { id: m.id, entries: m.articles.map((a, k) => made.entry(a, m.drafts[k]!) ?? null) };
  } catch (err) {
    answer = { id: m.id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(answer);
});
