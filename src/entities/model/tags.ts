/**
 * The BIOES tag scheme of the sequence model: tag 0 is O; kind k (PERSON, PLACE, ORGANIZATION) owns tags
 * 1+4k … 4+4k for B, I, E, S. BIOES (rather than BIO) lets the decoder see where a name ends, which matters
 * for exact-span scoring; the transition mask forbids sequences that do not spell whole spans.
 */
import type { EntityKind, Mention } from '../../types.js';

export const MODEL_KINDS: readonly EntityKind[] = ['PERSON', 'PLACE', 'ORGANIZATION'];
export const NUM_TAGS = 1 + 4 * MODEL_KINDS.length;
/** Index of the virtual start state in the transition table (rows 0..NUM_TAGS-1 are tags). */
export const START = NUM_TAGS;

const B = 0;
const I = 1;
const E = 2;
const S = 3;

export function tagName(t: number): string {
  if (t === 0) return 'O';
  const k = MODEL_KINDS[Math.floor((t - 1) / 4)]!;
  return 'BIES'[(t - 1) % 4]! + '-' + k;
}

function kindIndex(k: EntityKind): number {
  const i = MODEL_KINDS.indexOf(k);
  if (i < 0) throw new Error(`tags: kind ${k} is not modelled`);
  return i;
}

/** `allowed[prev * NUM_TAGS + cur]` (prev may be START): whether the transition spells valid spans. */
export const ALLOWED: Uint8Array = (() => {
  const a = new Uint8Array((NUM_TAGS + 1) * NUM_TAGS);
  const inside = (t: number): boolean => t !== 0 && ((t - 1) % 4 === B || (t - 1) % 4 === I);
  for (let p = 0; p <= NUM_TAGS; p++) {
    for (let c = 0; c < NUM_TAGS; c++) {
      const cPos = (c - 1) % 4;
      let ok: boolean;
      if (p !== START && inside(p)) ok = c !== 0 && Math.floor((c - 1) / 4) === Math.floor((p - 1) / 4) && (cPos === I || cPos === E);
      else ok = c === 0 || cPos === B || cPos === S;
      a[p * NUM_TAGS + c] = ok ? 1 : 0;
    }
  }
  return a;
})();

/**
 * The lattice as the decoder and the span scorer spell it out: a tag that closes a span (O, E-, S-), or the
 * start, may be followed by any tag that opens one (O, B-, S-), and B- or I- of a kind only by I- or E- of
 * that kind. Checked against ALLOWED when the module loads.
 */
export const CLOSING_TAGS: Uint8Array = Uint8Array.of(0, 3, 4, 7, 8, 11, 12);
export const OPENING_TAGS: Uint8Array = Uint8Array.of(0, 1, 4, 5, 8, 9, 12);
{
  const a = new Uint8Array((NUM_TAGS + 1) * NUM_TAGS);
  for (const p of [...CLOSING_TAGS, START]) for (const c of OPENING_TAGS) a[p * NUM_TAGS + c] = 1;
  for (let b = 1; b < NUM_TAGS; b += 4) for (const p of [b, b + 1]) for (const c of [b + 1, b + 2]) a[p * NUM_TAGS + c] = 1;
  if (NUM_TAGS !== 13 || a.some((x, i) => x !== ALLOWED[i])) throw new Error('tags: the decoder and the span scorer are written for 13 BIOES tags');
}

/** Whether tag t may end a sequence (not inside an open span). */
export function canEnd(t: number): boolean {
  return t === 0 || (t - 1) % 4 === E || (t - 1) % 4 === S;
}

/**
 * Per-UTF-16-unit tags of `length` units from spans. Spans of unmodelled kinds, empty spans and spans
 * overlapping an earlier one are skipped.
 */
export function spansToTags(length: number, spans: readonly Mention[]): Uint8Array {
  const tags = new Uint8Array(length);
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let last = 0;
  for (const s of sorted) {
    if (!MODEL_KINDS.includes(s.kind) || s.start < last || s.end <= s.start || s.end > length) continue;
    const base = 1 + 4 * kindIndex(s.kind);
    if (s.end - s.start === 1) tags[s.start] = base + S;
    else {
      tags[s.start] = base + B;
      for (let i = s.start + 1; i < s.end - 1; i++) tags[i] = base + I;
      tags[s.end - 1] = base + E;
    }
    last = s.end;
  }
  return tags;
}

/** Spans from a tag sequence (as produced by the masked decoder; stray tags are read leniently). */
export function tagsToSpans(text: string, tags: ArrayLike<number>): Mention[] {
  const out: Mention[] = [];
  let start = -1;
  let kind = -1;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    if (t === 0) {
      start = -1;
      continue;
    }
    const k = Math.floor((t - 1) / 4);
    const pos = (t - 1) % 4;
    if (pos === B || pos === S || k !== kind || start < 0) {
      start = i;
      kind = k;
    }
    if (pos === E || pos === S) {
      out.push({ start, end: i + 1, text: text.slice(start, i + 1), kind: MODEL_KINDS[k]! });
      start = -1;
    }
  }
  return out;
}
