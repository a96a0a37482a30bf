/**
 * `co_occurs` (any ↔ any, label 共现): one fact per unordered pair of distinct entities per sentence; the
 * graph builder merges them into one edge whose weight is the number of sentences.
 */
import type { EntityMention, RelationFact } from '../types.js';
import { type ArticleView, fact } from './context.js';

export function coOccursFacts(view: ArticleView): RelationFact[] {
  const out: RelationFact[] = [];
  for (const ms of view.bySentence.values()) {
    const first = new Map<string, EntityMention>();
    for (const m of ms) if (!first.has(m.entity)) first.set(m.entity, m);
    const uniq = [...first.values()].sort((a, b) => (a.entity < b.entity ? -1 : 1));
    for (let i = 0; i < uniq.length; i++) {
      for (let j = i + 1; j < uniq.length; j++) {
        const a = uniq[i]!;
        const b = uniq[j]!;
        out.push(
          fact(view, a.entity, b.entity, 'co_occurs', '共现', [
            [a.start, a.end],
            [b.start, b.end],
          ]),
        );
      }
    }
  }
  return out;
}
