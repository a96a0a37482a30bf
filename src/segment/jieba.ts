/**
 * Word segmentation with nodejieba (dictionary + HMM for unknown words), with zhkg's user dictionary.
 * Every token carries its UTF-16 offsets in the input text, so later stages can align words and characters.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import type { Token } from '../types.js';
import { dataPath } from '../paths.js';

const require = createRequire(import.meta.url);

interface Jieba {
  load(opts: { userDict?: string }): void;
  tag(s: string): Array<{ word: string; tag: string }>;
  cut(s: string, hmm?: boolean): string[];
}

let jieba: Jieba | undefined;

/** A surrogate code unit without its pair (in `u` mode a well-formed pair is one code point, never Cs). */
const LONE_SURROGATE = /\p{Cs}/gu;

/** The loaded nodejieba module (loaded once, with data/jieba-userdict.utf8 when present). */
export function getJieba(): Jieba {
  if (!jieba) {
    const mod = require('nodejieba') as Jieba;
    const userDict = dataPath('jieba-userdict.utf8');
    mod.load(existsSync(userDict) ? { userDict } : {});
    jieba = mod;
  }
  return jieba;
}

/**
 * Segments and POS-tags `text`. Words are aligned back onto the text; characters jieba drops or changes
 * (it should not, but the binding is native code) are skipped rather than trusted.
 *
 * A lone surrogate cannot cross into UTF-8: the binding would turn it into U+FFFD, and aligning that word
 * could then jump to a real U+FFFD further on and skip every word between. So jieba gets the text with each
 * lone surrogate already replaced (one code unit for one, offsets unchanged), and each token's word is read
 * back from the original text.
 */
export function segment(text: string): Token[] {
  if (text.length === 0) return [];
  const sound = text.replace(LONE_SURROGATE, '\ufffd');
  const tagged = getJieba().tag(sound);
  const tokens: Token[] = [];
  let pos = 0;
  for (const { word, tag } of tagged) {
    if (word.length === 0) continue;
    const at = sound.startsWith(word, pos) ? pos : sound.indexOf(word, pos);
    if (at < 0) continue;
    tokens.push({ word: text.slice(at, at + word.length), tag, start: at, end: at + word.length });
    pos = at + word.length;
  }
  return tokens;
}
