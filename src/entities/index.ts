/**
 * Entity recognition entry point: `recognize(text, options)` returns the entity mentions of one text.
 * (Baseline from jieba part-of-speech tags; replaced by the model + rules recognizer.)
 */
import type { Mention, Token, EntityKind } from '../types.js';
import { segment } from '../segment/jieba.js';

export interface RecognizeOptions {
  /** Tokens of `text` from `segment(text)`, when the caller already has them. */
  tokens?: Token[];
  /**
   * Normalized indices i where the PDF repair removed white space between text[i-1] and text[i]
   * (often lost quotation marks around a program's name).
   */
  gaps?: readonly number[];
}

const TAG_KIND: Record<string, EntityKind> = { nr: 'PERSON', nrfg: 'PERSON', nrt: 'PERSON', ns: 'PLACE', nt: 'ORGANIZATION' };

export function recognize(text: string, options: RecognizeOptions = {}): Mention[] {
  const tokens = options.tokens ?? segment(text);
  const out: Mention[] = [];
  for (const t of tokens) {
    const kind = TAG_KIND[t.tag];
    if (kind) out.push({ start: t.start, end: t.end, text: t.word, kind });
  }
  return out;
}
