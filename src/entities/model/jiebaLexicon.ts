/**
 * Derives the model's name lexicon from nodejieba's own dictionary (used by training only; the result is
 * stored inside the model file). jieba tags ~100k names: nr/nrt/nrfg (persons), ns (places), nt
 * (organizations), nz (other proper nouns). They are noisy (nr holds idioms too), so they are features
 * the model weighs, not answers.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { LEX_LOC, LEX_NZ, LEX_ORG, LEX_PER } from './features.js';

const TYPE: Record<string, number> = { nr: LEX_PER, nrt: LEX_PER, nrfg: LEX_PER, ns: LEX_LOC, nt: LEX_ORG, nz: LEX_NZ };

/** Path of nodejieba's main dictionary. */
export function jiebaDictPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('nodejieba/package.json')), 'submodules/cppjieba/dict/jieba.dict.utf8');
}

/** Parses jieba dictionary text ("word freq tag" lines) into merged (word, LEX_* flags) entries. */
export function parseJiebaDict(content: string, maxLen = 10): Array<[string, number]> {
  const types = new Map<string, number>();
  for (const line of content.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length < 3) continue;
    const [word, , tag] = parts as [string, string, string];
    const t = TYPE[tag];
    if (t === undefined || word.length < 2 || word.length > maxLen) continue;
    types.set(word, (types.get(word) ?? 0) | t);
  }
  return [...types].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export function readJiebaLexicon(path = jiebaDictPath()): Array<[string, number]> {
  return parseJiebaDict(readFileSync(path, 'utf8'));
}
