import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Mention, Token } from '../../src/types.js';
import { ALLOWED, NUM_TAGS, START, canEnd, spansToTags, tagName, tagsToSpans } from '../../src/entities/model/tags.js';
import { LEX_ORG, LEX_PER, NUM_TEMPLATES, buildLexicon, charClass, extractFeatures, hashString, normUnit } from '../../src/entities/model/features.js';
import { FeatureIndex, emissions, viterbi } from '../../src/entities/model/decode.js';
import { parseJiebaDict } from '../../src/entities/model/jiebaLexicon.js';

const tagOf = (name: string): number => {
  for (let t = 0; t < NUM_TAGS; t++) if (tagName(t) === name) return t;
  throw new Error(name);
};

describe('BIOES tags', () => {
  it('names 13 tags and masks invalid transitions', () => {
    expect(NUM_TAGS).toBe(13);
    const ok = (p: string, c: string): number => ALLOWED[(p === 'START' ? START : tagOf(p)) * NUM_TAGS + tagOf(c)]!;
    expect(ok('O', 'B-PERSON')).toBe(1);
    expect(ok('O', 'I-PERSON')).toBe(0);
    expect(ok('START', 'E-PLACE')).toBe(0);
    expect(ok('B-PERSON', 'I-PERSON')).toBe(1);
    expect(ok('B-PERSON', 'E-PLACE')).toBe(0);
    expect(ok('B-PERSON', 'O')).toBe(0);
    expect(ok('E-PERSON', 'S-PLACE')).toBe(1);
    expect(canEnd(tagOf('I-ORGANIZATION'))).toBe(false);
    expect(canEnd(tagOf('S-ORGANIZATION'))).toBe(true);
  });

  it('spansToTags ∘ tagsToSpans is the identity on non-overlapping spans', () => {
    const kinds: Mention['kind'][] = ['PERSON', 'PLACE', 'ORGANIZATION'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 2 })), { maxLength: 8 }),
        (parts) => {
          let pos = 0;
          const spans: Mention[] = [];
          for (const [gap, len, k] of parts) {
            pos += gap;
            spans.push({ start: pos, end: pos + len, kind: kinds[k]!, text: '' });
            pos += len;
          }
          const text = 'x'.repeat(pos + 1);
          const tags = spansToTags(text.length, spans);
          for (let i = 1; i < tags.length; i++) expect(ALLOWED[tags[i - 1]! * NUM_TAGS + tags[i]!]).toBe(1);
          expect(tagsToSpans(text, tags).map((s) => [s.start, s.end, s.kind])).toEqual(spans.map((s) => [s.start, s.end, s.kind]));
        },
      ),
    );
  });

  it('spansToTags skips PROGRAM and overlapping spans', () => {
    const tags = spansToTags(6, [
      { start: 0, end: 3, kind: 'PLACE', text: '' },
      { start: 2, end: 4, kind: 'PERSON', text: '' },
      { start: 4, end: 6, kind: 'PROGRAM', text: '' },
    ]);
    expect([...tags].map(tagName)).toEqual(['B-PLACE', 'I-PLACE', 'E-PLACE', 'O', 'O', 'O']);
  });
});

describe('feature extraction', () => {
  const text = '李明在北京大学工作';
  const tokens: Token[] = [
    { word: '李明', tag: 'nr', start: 0, end: 2 },
    { word: '在', tag: 'p', start: 2, end: 3 },
    { word: '北京大学', tag: 'nt', start: 3, end: 7 },
    { word: '工作', tag: 'vn', start: 7, end: 9 },
  ];

  it('gives every unit NUM_TEMPLATES slots, deterministically', () => {
    const f = extractFeatures(text, tokens);
    expect(f.length).toBe(text.length * NUM_TEMPLATES);
    expect(extractFeatures(text, tokens)).toEqual(f);
    expect(extractFeatures('', [])).toHaveLength(0);
  });

  it('uses the jieba POS and word boundaries: changing a tag changes the word features of its characters only', () => {
    const longer = text + '很好啊';
    const toks = [
      ...tokens,
      { word: '很', tag: 'd', start: 9, end: 10 },
      { word: '好', tag: 'a', start: 10, end: 11 },
      { word: '啊', tag: 'y', start: 11, end: 12 },
    ];
    const a = extractFeatures(longer, toks);
    const b = extractFeatures(
      longer,
      toks.map((t) => (t.word === '北京大学' ? { ...t, tag: 'ns' } : t)),
    );
    const diff = new Set<number>();
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.add(Math.floor(i / NUM_TEMPLATES));
    // Characters of 北京大学 and nearby words (which see its POS as context) change; 啊, three words on, does not.
    for (const i of [3, 4, 5, 6]) expect(diff.has(i)).toBe(true);
    expect(diff.has(11)).toBe(false);
  });

  it('fires lexicon features on the characters of a lexicon word, by type and position', () => {
    const lex = buildLexicon([
      ['北京大学', LEX_ORG],
      ['李明', LEX_PER],
    ]);
    const withLex = extractFeatures(text, tokens, lex);
    const without = extractFeatures(text, tokens);
    const changed = (i: number): boolean => {
      for (let f = 0; f < NUM_TEMPLATES; f++) if (withLex[i * NUM_TEMPLATES + f] !== without[i * NUM_TEMPLATES + f]) return true;
      return false;
    };
    expect([...text].map((_, i) => changed(i))).toEqual([true, true, false, true, true, true, true, false, false]);
  });

  it('normalizes digits and full-width forms, and classifies characters', () => {
    expect(normUnit('７'.charCodeAt(0))).toBe(48);
    expect(normUnit('A'.charCodeAt(0))).toBe('a'.charCodeAt(0));
    expect(hashString('Ａ1')).toBe(hashString('a9'));
    expect(['1', 'x', '，', '中', ' ', '三'].map((c) => charClass(c.charCodeAt(0)))).toEqual([1, 2, 3, 4, 5, 7]);
    expect(charClass('😀'.charCodeAt(0))).toBe(6);
  });

  it('ignores tokens whose offsets lie outside the text', () => {
    expect(() => extractFeatures('ab', [{ word: 'abc', tag: 'n', start: 0, end: 3 }])).not.toThrow();
  });
});

describe('jieba lexicon', () => {
  it('keeps names (nr/nrt/nrfg, ns, nt, nz) of 2+ characters and merges types', () => {
    const e = parseJiebaDict('北京 100 ns\n北京 3 nt\n李 5 nr\n工作 9 vn\n王小明 2 nr\n');
    expect(e).toEqual([
      ['北京', 2 | 4],
      ['王小明', 1],
    ]);
  });
});

describe('Viterbi on a hand-made model', () => {
  const T = NUM_TAGS;
  const zeros = new Float32Array((T + 1) * T);
  const end = new Float32Array(T);

  it('returns the per-position best tags when they form a valid sequence', () => {
    const want = ['B-PERSON', 'E-PERSON', 'O', 'S-PLACE'].map(tagOf);
    const em = new Float32Array(want.length * T);
    want.forEach((t, i) => (em[i * T + t] = 5));
    expect([...viterbi(em, want.length, zeros, end)]).toEqual(want);
  });

  it('never returns an invalid sequence, even when emissions prefer one', () => {
    const em = new Float32Array(2 * T);
    em[tagOf('I-PERSON')] = 10; // position 0 cannot be I-
    em[T + tagOf('B-PLACE')] = 10; // the last position cannot be B-
    const tags = viterbi(em, 2, zeros, end);
    expect(ALLOWED[START * T + tags[0]!]).toBe(1);
    expect(ALLOWED[tags[0]! * T + tags[1]!]).toBe(1);
    expect(canEnd(tags[1]!)).toBe(true);
  });

  it('lets transitions override weak emissions', () => {
    const trans = new Float32Array((T + 1) * T);
    trans[tagOf('B-ORGANIZATION') * T + tagOf('E-ORGANIZATION')] = 20;
    trans[START * T + tagOf('B-ORGANIZATION')] = 20;
    const em = new Float32Array(2 * T);
    em[0] = 1;
    em[T] = 1; // emissions mildly prefer O O
    expect([...viterbi(em, 2, trans, end)].map(tagName)).toEqual(['B-ORGANIZATION', 'E-ORGANIZATION']);
  });

  it('sums the weight rows of the features present into emissions', () => {
    const idx = new FeatureIndex([11, 22]);
    const W = new Float32Array(2 * T);
    W[0 * T + 3] = 1.5;
    W[1 * T + 3] = 2;
    W[1 * T + 4] = -1;
    const rows = idx.lookupAll(Uint32Array.from([11, 22, 33, 0]));
    expect([...rows]).toEqual([0, 1, -1, -1]);
    const em = emissions(rows, 2, 2, W);
    expect(em[3]).toBeCloseTo(3.5);
    expect(em[4]).toBeCloseTo(-1);
    expect(em[T + 3]).toBe(0);
  });

  it('FeatureIndex rejects the reserved hash 0', () => {
    expect(() => new FeatureIndex([5, 0])).toThrow();
  });
});

describe('span scores', () => {
  it('equal the posterior of the span computed by enumerating every valid tag sequence', async () => {
    const { addScores } = await import('../../src/entities/model/index.js');
    const { EMPTY_LEXICON } = await import('../../src/entities/model/features.js');
    const { mulberry32 } = await import('../../src/entities/model/perceptron.js');
    const T = NUM_TAGS;
    const rand = mulberry32(3);
    const n = 4;
    const trans = Float32Array.from({ length: (T + 1) * T }, () => rand() * 2 - 1);
    const end = Float32Array.from({ length: T }, () => rand() * 2 - 1);
    const em = Float32Array.from({ length: n * T }, () => rand() * 3);
    // Make a PERSON over units 1–2 likely, so that the Viterbi path has a span to score.
    em[1 * T + tagOf('B-PERSON')]! += 4;
    em[2 * T + tagOf('E-PERSON')]! += 4;
    const model = {
      header: { featureVersion: 0, numTemplates: 0, numTags: T, rows: 0, scale: 1, lexiconBytes: 0, info: {} },
      index: new FeatureIndex([]),
      weights: new Float32Array(0),
      trans,
      end,
      lexicon: EMPTY_LEXICON,
    };
    const tags = viterbi(em, n, trans, end);
    const spans = tagsToSpans('abcd', tags);
    expect(spans.length).toBeGreaterThan(0);
    addScores(spans, em, n, model);
    // Brute force over all 13^4 sequences.
    let zAll = 0;
    const zSpan = spans.map(() => 0);
    const seq = new Array<number>(n).fill(0);
    for (let code = 0; code < T ** n; code++) {
      let x = code;
      for (let i = 0; i < n; i++) {
        seq[i] = x % T;
        x = Math.floor(x / T);
      }
      let ok = canEnd(seq[n - 1]!);
      let score = end[seq[n - 1]!]!;
      for (let i = 0; i < n && ok; i++) {
        const prev = i === 0 ? START : seq[i - 1]!;
        ok = ALLOWED[prev * T + seq[i]!] === 1;
        score += trans[prev * T + seq[i]!]! + em[i * T + seq[i]!]!;
      }
      if (!ok) continue;
      const w = Math.exp(score);
      zAll += w;
      spans.forEach((s, k) => {
        let match = true;
        for (let i = s.start; i < s.end; i++) if (seq[i] !== tags[i]) match = false;
        if (match) zSpan[k]! += w;
      });
    }
    spans.forEach((s, k) => expect(s.score).toBeCloseTo(zSpan[k]! / zAll, 6));
  });
});

describe('fused emissions', () => {
  it('equal lookup followed by emissions', async () => {
    const { emissionsFromHashes } = await import('../../src/entities/model/decode.js');
    const { mulberry32 } = await import('../../src/entities/model/perceptron.js');
    const rand = mulberry32(9);
    const hashes = Array.from({ length: 50 }, (_, i) => i * 7919 + 1);
    const idx = new FeatureIndex(hashes);
    const W = Float32Array.from({ length: 50 * NUM_TAGS }, () => rand() - 0.5);
    const F = 4;
    const n = 6;
    // Mix of known hashes, unknown ones and empty slots.
    const feats = Uint32Array.from({ length: n * F }, () => (rand() < 0.2 ? 0 : rand() < 0.8 ? hashes[Math.floor(rand() * 50)]! : 123456789));
    const a = emissionsFromHashes(feats, n, F, idx, W);
    const b = emissions(idx.lookupAll(feats), n, F, W);
    expect(a.length).toBe(b.length);
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i]!, 5);
  });
});
