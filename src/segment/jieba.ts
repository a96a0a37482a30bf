/**
 * Word segmentation with nodejieba (dictionary + HMM for unknown words), with zhkg's user dictionary.
 * Every token carries its UTF-16 offsets in the input text, so later stages can align words and characters.
 */
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Token } from '../types.js';
import { dataPath } from '../paths.js';

const require = createRequire(import.meta.url);

interface Jieba {
  load(opts: { dict?: string; userDict?: string; idfDict?: string; stopWordDict?: string }): void;
  tag(s: string): Array<{ word: string; tag: string }>;
  cut(s: string, hmm?: boolean): string[];
}

let jieba: Jieba | undefined;

/** A surrogate code unit without its pair (in `u` mode a well-formed pair is one code point, never Cs). */
const LONE_SURROGATE = /\p{Cs}/gu;

/**
 * A temporary folder holding `idf.utf8`, a one-word IDF table (and stop-word list), and `dict.utf8`, a one-word
 * dictionary, written for the purpose; undefined when they cannot be written. Remove it with `removeQuietly`.
 */
function tinyTables(): { dir: string; idf: string; dict: string } | undefined {
  let dir: string | undefined;
  try {
    dir = mkdtempSync(join(tmpdir(), 'zhkg-jieba-'));
    const idf = join(dir, 'idf.utf8');
    const dict = join(dir, 'dict.utf8');
    writeFileSync(idf, '的 1.0\n');
    writeFileSync(dict, '的 1 uj\n');
    return { dir, idf, dict };
  } catch {
    if (dir !== undefined) removeQuietly(dir);
    return undefined;
  }
}

/** Removes a folder of `tinyTables`; one that cannot be removed stays behind (a few bytes), nothing fails. */
function removeQuietly(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // left in the temporary folder
  }
}

/**
 * The loaded nodejieba module (loaded once, with data/jieba-userdict.utf8 when present).
 *
 * nodejieba's `load` also builds its keyword extractor, which parses an IDF table (6 MB) and a stop-word
 * list that zhkg never uses (it only calls `tag`, which reads the dictionary and the HMM model): a one-word
 * table stands in for both, ~10 % of the load's CPU less, tags unchanged.
 */
export function getJieba(): Jieba {
  if (jieba) return jieba;
  const mod = require('nodejieba') as Jieba;
  const userDict = dataPath('jieba-userdict.utf8');
  const user = existsSync(userDict) ? { userDict } : {};
  // No temporary folder to write the stand-in to: the full tables, as nodejieba has them.
  const tiny = tinyTables();
  try {
    mod.load(tiny ? { ...user, idfDict: tiny.idf, stopWordDict: tiny.idf } : user);
  } finally {
    if (tiny) removeQuietly(tiny.dir);
  }
  return (jieba = mod);
}

/**
 * Frees the dictionaries nodejieba loaded in this thread. Its addon keeps them per thread and has no
 * destructor, so a terminated worker would leave them behind (~250 MB each: the dictionary is loaded twice,
 * for segmentation and for its TextRank extractor). Loading again deletes the loaded ones first; the new
 * ones are a one-word dictionary and IDF table, written for the purpose and removed at once. For a worker
 * thread about to be terminated: it segments nothing more. Nothing is done when this thread has not loaded them.
 */
export function releaseJieba(): void {
  if (jieba === undefined) return;
  const tiny = tinyTables();
  if (!tiny) return; // nothing to load in their place: they stay
  try {
    const mod = require('nodejieba') as Jieba;
    mod.load({ dict: tiny.dict, userDict: tiny.dict, idfDict: tiny.idf, stopWordDict: tiny.idf });
    jieba = undefined;
  } finally {
    removeQuietly(tiny.dir);
  }
}

/** Whether `text` holds a surrogate code unit (paired or not). */
function hasSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) if ((text.charCodeAt(i) & 0xf800) === 0xd800) return true;
  return false;
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
  // Most texts hold no surrogate at all: a scan of the codes says so without the Unicode regex.
  const sound = hasSurrogate(text) ? text.replace(LONE_SURROGATE, '\ufffd') : text;
  const tagged = getJieba().tag(sound);
  const tokens: Token[] = [];
  let pos = 0;
  for (const { word, tag } of tagged) {
    if (word.length === 0) continue;
    const at = sound.startsWith(word, pos) ? pos : sound.indexOf(word, pos);
    if (at < 0) continue;
    // Where nothing was replaced, jieba's word is the text's (no slice made).
    tokens.push({ word: sound === text ? word : text.slice(at, at + word.length), tag, start: at, end: at + word.length });
    pos = at + word.length;
  }
  return tokens;
}
