/**
 * Splits an evidence sentence into plain and highlighted pieces from [start, end) UTF-16 spans.
 * The pieces become DOM text nodes and <mark> elements: the sentence is data, never parsed as HTML.
 */

export interface Piece {
  text: string;
  mark: boolean;
}

/** Spans out of range or empty are dropped; overlapping ones are merged. */
export function markPieces(sentence: string, spans: ReadonlyArray<readonly [number, number]> | undefined): Piece[] {
  const n = sentence.length;
  const clean = (spans ?? [])
    .filter((s) => Array.isArray(s) && Number.isInteger(s[0]) && Number.isInteger(s[1]))
    .map(([a, b]) => [Math.max(0, a), Math.min(n, b)] as [number, number])
    .filter(([a, b]) => a < b)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: [number, number][] = [];
  for (const s of clean) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  const out: Piece[] = [];
  let at = 0;
  for (const [a, b] of merged) {
    if (a > at) out.push({ text: sentence.slice(at, a), mark: false });
    out.push({ text: sentence.slice(a, b), mark: true });
    at = b;
  }
  if (at < n || out.length === 0) out.push({ text: sentence.slice(at), mark: false });
  return out;
}

/**
 * Spans for names found in a sentence, for evidence without offsets (a GEXF keeps only the sentence).
 * Longer names first so 苏吉嘎查党支部 wins over 苏吉嘎查.
 */
export function findNameSpans(sentence: string, names: readonly string[]): [number, number][] {
  const spans: [number, number][] = [];
  const sorted = [...new Set(names.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  for (const name of sorted) {
    let from = 0;
    for (;;) {
      const i = sentence.indexOf(name, from);
      if (i < 0) break;
      spans.push([i, i + name.length]);
      from = i + name.length;
    }
  }
  return spans;
}
