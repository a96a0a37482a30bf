/** The order of relation facts, shared by relation extraction (its sorted output) and the graph builder (which evidence an edge keeps). */
import type { RelationFact } from '../types.js';

const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** The order of the fact keys (relation, source, target, label, article, sentence), field by field, without building them. */
export function compareFacts(a: RelationFact, b: RelationFact): number {
  return (
    cmp(a.relation, b.relation) ||
    cmp(a.source, b.source) ||
    cmp(a.target, b.target) ||
    cmp(a.label, b.label) ||
    cmp(a.evidence.article, b.evidence.article) ||
    cmp(a.evidence.sentence, b.evidence.sentence)
  );
}
