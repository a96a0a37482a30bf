/**
 * An article's tokens, packed to cross to an extraction worker: the pool's build segments on the main thread
 * (one nodejieba dictionary in the process instead of one per worker, see ./pool.ts) and sends each article's
 * tokens as two typed arrays instead of an array of objects. Unpacked, they are the tokens `segment` gave,
 * field for field (`word` is read back from the article's text, as `segment` reads it).
 */
import type { Token } from '../types.js';

/** Tokens of one text: `bounds` holds each token's start and end, `tags` its tag's index in a batch's `tagNames`. */
export interface PackedTokens {
  bounds: Int32Array;
  tags: Uint16Array;
}

/** Packs tokens, adding their tags to `tagNames` (shared by the texts of one batch; `index` is its lookup). */
export function packTokens(tokens: readonly Token[], tagNames: string[], index: Map<string, number>): PackedTokens {
  const bounds = new Int32Array(tokens.length * 2);
  const tags = new Uint16Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    bounds[2 * i] = t.start;
    bounds[2 * i + 1] = t.end;
    let k = index.get(t.tag);
    if (k === undefined) {
      k = tagNames.push(t.tag) - 1;
      if (k > 0xffff) throw new RangeError('packTokens: more than 65,536 tags in one batch');
      index.set(t.tag, k);
    }
    tags[i] = k;
  }
  return { bounds, tags };
}

/** The tokens `packTokens` packed, over the same `text`. */
export function unpackTokens(text: string, packed: PackedTokens, tagNames: readonly string[]): Token[] {
  const { bounds, tags } = packed;
  const tokens: Token[] = new Array<Token>(tags.length);
  for (let i = 0; i < tags.length; i++) {
    const start = bounds[2 * i]!;
    const end = bounds[2 * i + 1]!;
    tokens[i] = { word: text.slice(start, end), tag: tagNames[tags[i]!]!, start, end };
  }
  return tokens;
}
