/**
 * Confidence of a mention, in [0, 1]: how sure the recognizer is that exactly this span names an entity of
 * this kind. Two sources of evidence, combined as independent (1 − (1 − p_model)(1 − p_rule)):
 *   - the model's posterior of exactly that span and kind (forward–backward, temperature chosen on dev):
 *     0 for PROGRAM, which the model does not know, and for spans it gives no weight;
 *   - the reliability of the rule that proposed it (RULE_RELIABILITY; 0 for the model's own spans).
 * A span that both the model and a rule propose is surer than either alone; a model span no rule backs keeps
 * its posterior. Entity nodes aggregate their mentions (src/resolve/confidence.ts).
 */
import type { Mention } from '../types.js';
import type { RuledMention } from './combine.js';

/**
 * How often a rule's decision is right, measured by `npx tsx scripts/rule-counts.ts` over People's Daily dev and
 * the genre set (2 Dec 2026, tenth round; titles, divisions, suffixes, datelines and short names again on 3 Dec, after
 * the model's veto and overrule): (right + 1) / (all + 2) over both, so a rule seen rarely stays near 0.5.
 * Rules with no counts there (the PDF-gap program rules) count 0.5. Re-measure when a rule changes.
 */
export const RULE_RELIABILITY: Readonly<Record<string, number>> = {
  model: 0,
  repeat: 0.93,
  'person:title': 0.96,
  'person:mongolian-tail': 0.75,
  'person:speaker': 0.96,
  'person:byline': 0.95,
  'person:credit': 0.75,
  'person:listed': 0.75,
  'person:dictionary': 0.98,
  'place:known': 0.97,
  'place:division': 0.95,
  'place:abbreviation': 0.93,
  'place:chain': 0.84,
  'place:dateline': 0.98,
  'place:province': 0.75,
  'place:suffix': 0.44,
  'place:zone': 0.8,
  'place:natural': 0.82,
  'place:landform': 0.75,
  'place:short': 0.94,
  'place:counted': 0.8,
  'place:route': 0.75,
  'place:region-name': 0.67,
  'org:known': 0.97,
  'org:suffix': 0.88,
  'org:source': 0.94,
  'org:outlet': 0.97,
  'org:executive': 0.75,
  'org:founded': 0.6,
  'org:government': 0.75,
  'program:known': 0.93,
  'program:cue': 0.88,
  'program:launched': 0.91,
  'program:marked': 0.96,
  'program:abbreviation': 0.75,
};

/** Sets `score` (rounded to 3 decimals) and drops `rule`. `score` scores spans with the model (when loaded). */
export function withConfidence(found: RuledMention[], score?: (spans: Mention[]) => void): Mention[] {
  const probe: Mention[] = found.map((m) => ({ start: m.start, end: m.end, text: m.text, kind: m.kind }));
  score?.(probe);
  return found.map((m, i) => {
    const pModel = probe[i]!.score ?? 0;
    const pRule = RULE_RELIABILITY[m.rule ?? 'model'] ?? 0.5;
    const { rule: _rule, ...mention } = m;
    // Set on the copy rather than `{ ...mention, score }` (the same keys in the same order): on Node 20 a property
    // added after a spread costs ~1 µs (a new map per object).
    mention.score = Math.round((1 - (1 - pModel) * (1 - pRule)) * 1000) / 1000;
    return mention;
  });
}
