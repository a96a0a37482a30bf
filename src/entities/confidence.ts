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
 * How often a rule's proposal is an entity as proposed, set from the rule families' precision on the bundled
 * page and the genre set (README, Entities: confidence). Rules not listed count 0.6.
 */
export const RULE_RELIABILITY: Readonly<Record<string, number>> = {
  model: 0,
  repeat: 0.6,
  'person:title': 0.85,
  'person:speaker': 0.85,
  'person:byline': 0.9,
  'person:credit': 0.9,
  'person:dictionary': 0.7,
  'place:known': 0.9,
  'place:division': 0.95,
  'place:abbreviation': 0.8,
  'place:chain': 0.9,
  'place:province': 0.9,
  'place:suffix': 0.6,
  'place:natural': 0.8,
  'org:known': 0.9,
  'org:suffix': 0.7,
  'org:source': 0.8,
  'program:known': 0.9,
  'program:quoted': 0.6,
  'program:cue': 0.7,
  'program:apposition': 0.7,
  'program:marked': 0.7,
};

/** Sets `score` (rounded to 3 decimals) and drops `rule`. `score` scores spans with the model (when loaded). */
export function withConfidence(found: RuledMention[], score?: (spans: Mention[]) => void): Mention[] {
  const probe = found.map((m) => ({ start: m.start, end: m.end, text: m.text, kind: m.kind }) as Mention);
  score?.(probe);
  return found.map((m, i) => {
    const pModel = probe[i]!.score ?? 0;
    const pRule = RULE_RELIABILITY[m.rule ?? 'model'] ?? 0.6;
    const { rule: _rule, ...mention } = m;
    return { ...mention, score: Math.round((1 - (1 - pModel) * (1 - pRule)) * 1000) / 1000 };
  });
}
