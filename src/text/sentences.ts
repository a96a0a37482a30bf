/** Sentence splitting of normalized article text: at line breaks and after sentence-final punctuation. */
import type { Sentence } from '../types.js';

const FINAL = new Set(['。', '！', '？', '!', '?', '；', ';']);
const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '》', '"', "'"]);
/** Sentences longer than this are cut at the next comma, to keep evidence readable and co-occurrence local. */
const MAX_SENTENCE = 240;

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const emit = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ index: out.length, start: s, end: e, text: text.slice(s, e) });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      emit(i);
      start = i + 1;
    } else if (FINAL.has(ch)) {
      let e = i + 1;
      while (e < text.length && CLOSERS.has(text[e]!)) e++;
      emit(e);
      i = e - 1;
    } else if (i - start >= MAX_SENTENCE && (ch === '，' || ch === ',')) {
      emit(i + 1);
    }
  }
  emit(text.length);
  return out;
}
