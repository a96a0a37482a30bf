import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { bioTagsToSpans, evaluateBio, parseBio, readBio, scoreSpans } from '../../src/eval/bio.js';
import type { Mention } from '../../src/types.js';

const SAMPLE = fileURLToPath(new URL('../fixtures/eval/pd-ner-sample.bio', import.meta.url));

const m = (start: number, end: number, kind: Mention['kind'], text = ''): Mention => ({ start, end, kind, text });

describe('bioTagsToSpans', () => {
  it('reads B/I runs, and an I- after O or after another type starts a new span (conlleval)', () => {
    const spans = bioTagsToSpans('abcdefg', ['B-PER', 'I-PER', 'O', 'I-LOC', 'I-ORG', 'I-ORG', 'X']);
    expect(spans.map((s) => [s.start, s.end, s.kind, s.text])).toEqual([
      [0, 2, 'PERSON', 'ab'],
      [3, 4, 'PLACE', 'd'],
      [4, 6, 'ORGANIZATION', 'ef'],
    ]);
  });
  it('closes a span at B- of the same type and ignores unknown types', () => {
    const spans = bioTagsToSpans('abcd', ['B-LOC', 'B-LOC', 'B-MISC', 'I-LOC']);
    expect(spans.map((s) => [s.start, s.end])).toEqual([
      [0, 1],
      [1, 2],
      [3, 4],
    ]);
  });
  it('throws when tags and text differ in length', () => {
    expect(() => bioTagsToSpans('abc', ['O'])).toThrow();
  });
});

describe('parseBio / readBio', () => {
  it('parses sentences separated by blank lines, with CRLF too', () => {
    const s = parseBio('王 B-PER\r\n五 I-PER\r\n说 O\r\n\r\n\r\n在 O\n京 B-LOC\n');
    expect(s).toHaveLength(2);
    expect(s[0]!.text).toBe('王五说');
    expect(s[0]!.spans).toEqual([{ start: 0, end: 2, text: '王五', kind: 'PERSON' }]);
    expect(s[1]!.spans).toEqual([{ start: 1, end: 2, text: '京', kind: 'PLACE' }]);
  });
  it('throws on a malformed line', () => {
    expect(() => parseBio('王B-PER\n')).toThrow(/line 1/);
  });
  it('reads the fixture: 30 sentences whose spans are slices of their text', () => {
    const s = readBio(SAMPLE);
    expect(s).toHaveLength(30);
    const spans = s.flatMap((x) => x.spans.map((sp) => ({ sp, text: x.text })));
    expect(spans.length).toBeGreaterThan(20);
    for (const { sp, text } of spans) expect(text.slice(sp.start, sp.end)).toBe(sp.text);
    expect(s[0]!.spans[0]).toMatchObject({ text: '中国工程院', kind: 'ORGANIZATION' });
  });
});

describe('scoreSpans', () => {
  it('computes exact-span micro P/R/F1 per kind and overall', () => {
    const gold = [[m(0, 2, 'PERSON'), m(3, 5, 'PLACE')], [m(0, 4, 'ORGANIZATION')]];
    const pred = [
      [m(0, 2, 'PERSON'), m(3, 6, 'PLACE')],
      [m(0, 4, 'PLACE'), m(0, 4, 'PLACE')],
    ];
    const s = scoreSpans(gold, pred);
    expect(s.byKind.PERSON).toMatchObject({ tp: 1, fp: 0, fn: 0, f1: 1 });
    // PLACE: two distinct wrong predictions (the duplicate counts once), one gold missed.
    expect(s.byKind.PLACE).toMatchObject({ tp: 0, fp: 2, fn: 1, precision: 0, recall: 0, f1: 0 });
    expect(s.byKind.ORGANIZATION).toMatchObject({ tp: 0, fp: 0, fn: 1 });
    expect(s.overall).toMatchObject({ tp: 1, fp: 2, fn: 2 });
    expect(s.overall.precision).toBeCloseTo(1 / 3, 12);
    expect(s.overall.recall).toBeCloseTo(1 / 3, 12);
    expect(s.overall.f1).toBeCloseTo(1 / 3, 12);
  });
  it('gives 0 (not NaN) with nothing predicted or nothing gold', () => {
    const s = scoreSpans([[]], [[]]);
    expect(s.overall).toEqual({ precision: 0, recall: 0, f1: 0, tp: 0, fp: 0, fn: 0 });
  });
  it('throws when the sentence counts differ', () => {
    expect(() => scoreSpans([[]], [])).toThrow();
  });
});

describe('evaluateBio', () => {
  const gold = readBio(SAMPLE);
  const byText = new Map(gold.map((s) => [s.text, s.spans]));
  it('scores a perfect recognizer 1 and ignores kinds outside the corpus', () => {
    const r = evaluateBio(SAMPLE, (t) => [...(byText.get(t) ?? []), m(0, 1, 'PROGRAM')]);
    expect(r.sentences).toBe(30);
    expect(r.chars).toBe(gold.reduce((n, s) => n + s.text.length, 0));
    expect(r.overall.f1).toBe(1);
    expect(r.byKind.PROGRAM).toBeUndefined();
  });
  it('scores an empty recognizer 0 recall with every gold span a false negative', () => {
    const r = evaluateBio(SAMPLE, () => []);
    expect(r.overall.recall).toBe(0);
    expect(r.overall.fn).toBe(gold.reduce((n, s) => n + s.spans.length, 0));
  });
});
