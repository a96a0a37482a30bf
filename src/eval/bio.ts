/**
 * People's Daily style BIO files (`char TAG` per line, blank line between sentences) and CoNLL-style
 * entity scoring: a predicted mention counts only when its start, end and kind all equal a gold one;
 * precision/recall/F1 are micro-averaged over all mentions.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { EntityKind, Mention } from '../types.js';

/** BIO type names of the corpus → zhkg entity kinds. */
export const BIO_KIND: Readonly<Record<string, EntityKind>> = { PER: 'PERSON', LOC: 'PLACE', ORG: 'ORGANIZATION' };
/** The kinds the People's Daily corpus annotates. */
export const BIO_KINDS: readonly EntityKind[] = ['PERSON', 'PLACE', 'ORGANIZATION'];

export interface BioSentence {
  text: string;
  spans: Mention[];
}

/**
 * Spans of one sentence from its per-character BIO tags. Like conlleval, an I- tag that does not continue a
 * span of the same type starts a new one; unknown types are ignored (their characters count as O).
 */
export function bioTagsToSpans(text: string, tags: readonly string[]): Mention[] {
  if (tags.length !== text.length) throw new Error(`bioTagsToSpans: ${tags.length} tags for ${text.length} chars`);
  const spans: Mention[] = [];
  let start = -1;
  let kind: EntityKind | undefined;
  const close = (end: number): void => {
    if (kind !== undefined && start >= 0) spans.push({ start, end, text: text.slice(start, end), kind });
    start = -1;
    kind = undefined;
  };
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!;
    const m = /^([BIES])-(.+)$/.exec(tag);
    const k = m ? BIO_KIND[m[2]!] : undefined;
    if (!m || k === undefined) {
      close(i);
      continue;
    }
    const prefix = m[1]!;
    if (prefix === 'B' || prefix === 'S' || kind !== k) {
      close(i);
      start = i;
      kind = k;
    }
    if (prefix === 'E' || prefix === 'S') close(i + 1);
  }
  close(tags.length);
  return spans;
}

/** Parses the text of a BIO file. Throws on a line that is not `char TAG`. */
export function parseBio(content: string): BioSentence[] {
  const out: BioSentence[] = [];
  let chars: string[] = [];
  let tags: string[] = [];
  const flush = (): void => {
    if (chars.length === 0) return;
    const text = chars.join('');
    // A "char" may be an astral character (two UTF-16 units): give each unit the tag (I- for the second).
    const unitTags: string[] = [];
    chars.forEach((c, i) => {
      const t = tags[i]!;
      unitTags.push(t);
      for (let j = 1; j < c.length; j++) unitTags.push(t.startsWith('B-') ? 'I-' + t.slice(2) : t);
    });
    out.push({ text, spans: bioTagsToSpans(text, unitTags) });
    chars = [];
    tags = [];
  };
  const lines = content.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.trim() === '') {
      flush();
      continue;
    }
    const m = /^(.+?)[ \t]+(\S+)$/.exec(line) ?? /^([ \t\u3000])[ \t]+(\S+)$/.exec(line);
    if (!m) throw new Error(`parseBio: line ${n + 1} is not "char TAG": ${JSON.stringify(line)}`);
    chars.push(m[1]!);
    tags.push(m[2]!);
  }
  flush();
  return out;
}

/** Reads a BIO file (UTF-8). */
export function readBio(path: string): BioSentence[] {
  const bytes = readFileSync(path);
  return parseBio((path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface SpanScores {
  overall: PRF;
  /** One entry per kind that occurs in gold or predictions (and always the three corpus kinds). */
  byKind: Partial<Record<EntityKind, PRF>>;
}

/** Precision, recall and F1 from counts (0 where undefined). */
export function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, tp, fp, fn };
}

/**
 * Exact-span scoring. `gold[i]` and `pred[i]` are the mentions of sentence i (same number of sentences).
 * Duplicate predictions of the same span and kind count once.
 */
export function scoreSpans(gold: ReadonlyArray<readonly Mention[]>, pred: ReadonlyArray<readonly Mention[]>): SpanScores {
  if (gold.length !== pred.length) throw new Error(`scoreSpans: ${gold.length} gold sentences but ${pred.length} predicted`);
  const counts = new Map<EntityKind, { tp: number; fp: number; fn: number }>();
  const bump = (k: EntityKind): { tp: number; fp: number; fn: number } => {
    let c = counts.get(k);
    if (!c) counts.set(k, (c = { tp: 0, fp: 0, fn: 0 }));
    return c;
  };
  for (const k of BIO_KINDS) bump(k);
  for (let i = 0; i < gold.length; i++) {
    const key = (m: Mention): string => `${m.start}:${m.end}:${m.kind}`;
    const g = new Map<string, EntityKind>();
    for (const m of gold[i]!) g.set(key(m), m.kind);
    const p = new Map<string, EntityKind>();
    for (const m of pred[i]!) p.set(key(m), m.kind);
    for (const [k, kind] of p) {
      if (g.has(k)) bump(kind).tp++;
      else bump(kind).fp++;
    }
    for (const [k, kind] of g) if (!p.has(k)) bump(kind).fn++;
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const byKind: Partial<Record<EntityKind, PRF>> = {};
  for (const [kind, c] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    byKind[kind] = prf(c.tp, c.fp, c.fn);
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  return { overall: prf(tp, fp, fn), byKind };
}

export interface BioEvaluation extends SpanScores {
  sentences: number;
  chars: number;
}

/**
 * Runs `recognize` on every sentence of a BIO file and scores it. Only predictions of `kinds` (default: the
 * corpus's PERSON/PLACE/ORGANIZATION) are scored, so a recognizer that also finds PROGRAM is not penalized.
 */
export function evaluateBio(path: string, recognize: (text: string) => Mention[], kinds: readonly EntityKind[] = BIO_KINDS): BioEvaluation {
  const sentences = readBio(path);
  const keep = new Set(kinds);
  const gold = sentences.map((s) => s.spans.filter((m) => keep.has(m.kind)));
  const pred = sentences.map((s) => recognize(s.text).filter((m) => keep.has(m.kind)));
  const chars = sentences.reduce((n, s) => n + s.text.length, 0);
  return { ...scoreSpans(gold, pred), sentences: sentences.length, chars };
}
