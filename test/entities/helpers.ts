/** Shared test helpers: a rule context for a snippet, and the texts of candidates of one family. */
import { segment } from '../../src/segment/jieba.js';
import { buildContext, type Candidate, type PlaceIndex, type RuleContext } from '../../src/entities/rules/context.js';
import { loadLexicons } from '../../src/entities/rules/lexicon.js';
import { placeIndex } from '../../src/entities/places.js';

/**
 * Context for `text`; a `|` in the text marks a PDF gap (removed white space) and is taken out.
 * `withIndex: false` runs the rules without the national division index.
 */
export function ctxOf(marked: string, withIndex = true): RuleContext {
  const gaps: number[] = [];
  let text = '';
  for (const ch of marked) {
    if (ch === '|') gaps.push(text.length);
    else text += ch;
  }
  const places: PlaceIndex | undefined = withIndex ? placeIndex() : undefined;
  return buildContext(text, segment(text), gaps, loadLexicons(), places);
}

export function texts(ctx: RuleContext, cands: readonly Candidate[], kind?: string): string[] {
  return cands.filter((c) => !kind || c.kind === kind).map((c) => ctx.text.slice(c.start, c.end));
}
