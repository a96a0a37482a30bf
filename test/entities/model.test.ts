import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Mention } from '../../src/types.js';
import { segment } from '../../src/segment/jieba.js';
import { FEATURE_VERSION, NUM_TEMPLATES, extractFeatures, buildLexicon, LEX_LOC } from '../../src/entities/model/features.js';
import { forDomain, mulberry32, trainPerceptron, type TrainedWeights, type TrainingSentence } from '../../src/entities/model/perceptron.js';
import { decodeModel, encodeModel, quantize } from '../../src/entities/model/format.js';
import { hasModel, loadModel, modelFromData, tagSpans, type NerModel } from '../../src/entities/model/index.js';
import { spansToTags } from '../../src/entities/model/tags.js';
import { scoreSpans } from '../../src/eval/bio.js';

/**
 * A synthetic corpus with a regular structure: "<surname><given>在<place><suffix>的<org stem><org suffix>工作。"
 * Names are drawn from disjoint pools for training and testing, so a model that passes has learnt the
 * patterns (surname + 1–2 characters, place suffixes, organization suffixes), not the strings.
 */
function synth(seed: number, count: number, pool: 0 | 1): Array<{ text: string; spans: Mention[] }> {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
  const given = [
    ['伟', '芳', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋'],
    ['勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平'],
  ][pool]!;
  const places = [
    ['安', '兴', '平', '宁', '丰'],
    ['和', '顺', '泰', '昌', '源'],
  ][pool]!;
  const placeSuffix = ['县', '市', '镇', '旗'];
  const orgs = [
    ['红星', '光明', '新华'],
    ['东方', '长城', '前进'],
  ][pool]!;
  const orgSuffix = ['公司', '合作社', '医院', '学校'];
  const verbs = ['在', '到', '去'];
  const out: Array<{ text: string; spans: Mention[] }> = [];
  for (let i = 0; i < count; i++) {
    const per = pick(surnames) + pick(given);
    const loc = pick(places) + pick(places) + pick(placeSuffix);
    const org = pick(orgs) + pick(orgSuffix);
    const v = pick(verbs);
    const text = `${per}${v}${loc}的${org}工作。`;
    const a = per.length + v.length;
    const b = a + loc.length + 1;
    out.push({
      text,
      spans: [
        { start: 0, end: per.length, text: per, kind: 'PERSON' },
        { start: a, end: a + loc.length, text: loc, kind: 'PLACE' },
        { start: b, end: b + org.length, text: org, kind: 'ORGANIZATION' },
      ],
    });
  }
  return out;
}

function trainTiny(seed = 7): { model: NerModel; bytes: Buffer } {
  const lexicon: Array<[string, number]> = [['安宁', LEX_LOC]];
  const lex = buildLexicon(lexicon);
  const data: TrainingSentence[] = synth(1, 150, 0).map((s) => ({
    feats: extractFeatures(s.text, segment(s.text), lex),
    tags: spansToTags(s.text.length, s.spans),
  }));
  const w = trainPerceptron(data, NUM_TEMPLATES, { epochs: 5, seed });
  const q = quantize(w, lexicon, { featureVersion: FEATURE_VERSION, numTemplates: NUM_TEMPLATES, info: { corpus: 'synthetic' } });
  const bytes = encodeModel(q);
  return { model: modelFromData(decodeModel(bytes)), bytes };
}

describe('training', () => {
  const { model, bytes } = trainTiny();

  it('learns a synthetic corpus well enough to tag unseen names', () => {
    const test = synth(2, 60, 1);
    const pred = test.map((s) => tagSpans(s.text, segment(s.text), model));
    const score = scoreSpans(
      test.map((s) => s.spans),
      pred,
    );
    expect(score.overall.f1).toBeGreaterThan(0.9);
    for (const p of pred.flat()) {
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThanOrEqual(1);
    }
  });

  it('is deterministic: same data and seed → same model bytes', () => {
    expect(trainTiny().bytes.equals(bytes)).toBe(true);
  });

  it('rejects bad options', () => {
    expect(() => trainPerceptron([], NUM_TEMPLATES, { epochs: 0, seed: 1 })).toThrow();
    expect(() => trainPerceptron([{ feats: new Uint32Array(3), tags: new Uint8Array(1) }], NUM_TEMPLATES, { epochs: 1, seed: 1 })).toThrow();
  });

  it('learns two annotation conventions apart with domains (feature augmentation)', () => {
    // Domain 0 marks organizations; domain 1 writes the same kind of sentence and leaves them unmarked.
    const lexicon: Array<[string, number]> = [];
    const lex = buildLexicon(lexicon);
    const sentence = (s: { text: string; spans: Mention[] }, domain: number, keep: (m: Mention) => boolean): TrainingSentence => ({
      feats: extractFeatures(s.text, segment(s.text), lex),
      tags: spansToTags(s.text.length, s.spans.filter(keep)),
      domain,
    });
    const data = [...synth(3, 80, 0).map((s) => sentence(s, 0, () => true)), ...synth(4, 160, 0).map((s) => sentence(s, 1, (m) => m.kind !== 'ORGANIZATION'))];
    const w = trainPerceptron(data, NUM_TEMPLATES, { epochs: 5, seed: 7, domains: 2 });
    expect(w.domainWeights?.length).toBe(2 * w.weights.length);
    const modelOf = (tw: TrainedWeights): NerModel =>
      modelFromData(quantize(tw, lexicon, { featureVersion: FEATURE_VERSION, numTemplates: NUM_TEMPLATES, info: { corpus: 'synthetic' } }));
    const test = synth(5, 60, 1);
    const orgs = (m: NerModel): number => test.flatMap((s) => tagSpans(s.text, segment(s.text), m)).filter((p) => p.kind === 'ORGANIZATION').length;
    const d0 = modelOf(forDomain(w, 0));
    const score = scoreSpans(
      test.map((s) => s.spans),
      test.map((s) => tagSpans(s.text, segment(s.text), d0)),
    );
    expect(score.byKind.ORGANIZATION!.f1).toBeGreaterThan(0.9);
    expect(score.overall.f1).toBeGreaterThan(0.9);
    expect(orgs(modelOf(forDomain(w, 1)))).toBeLessThan(test.length / 10);
    // The shared rows alone are a model of their own; without domain weights forDomain is the identity.
    expect(forDomain(w, null).weights).toBe(w.weights);
    expect(forDomain(w, null).domainWeights).toBeUndefined();
    const plain = trainPerceptron(data.slice(0, 10), NUM_TEMPLATES, { epochs: 1, seed: 7 });
    expect(forDomain(plain, 0).weights).toBe(plain.weights);
  });

  it('rejects domains that do not exist', () => {
    const s = synth(6, 2, 0).map((x) => ({
      feats: extractFeatures(x.text, segment(x.text), buildLexicon([])),
      tags: spansToTags(x.text.length, x.spans),
      domain: 2,
    }));
    expect(() => trainPerceptron(s, NUM_TEMPLATES, { epochs: 1, seed: 1, domains: 2 })).toThrow(/domain/);
    expect(() => trainPerceptron(s, NUM_TEMPLATES, { epochs: 1, seed: 1, domains: -1 })).toThrow(/domains/);
    const w = trainPerceptron(s, NUM_TEMPLATES, { epochs: 1, seed: 1, domains: 3 });
    expect(() => forDomain(w, 3)).toThrow(/no domain 3/);
    expect(() => forDomain(w, 0.5)).toThrow(/no domain/);
  });

  it('trains with a margin (cost-augmented): it updates until the gold path wins by the margin, and still learns', () => {
    const lex = buildLexicon([]);
    const data: TrainingSentence[] = synth(8, 120, 0).map((s) => ({
      feats: extractFeatures(s.text, segment(s.text), lex),
      tags: spansToTags(s.text.length, s.spans),
    }));
    const mistakes = (margin?: number): number[] => {
      const out: number[] = [];
      trainPerceptron(data, NUM_TEMPLATES, { epochs: 6, seed: 3, onEpoch: (_, m) => out.push(m), ...(margin === undefined ? {} : { margin }) });
      return out;
    };
    // The plain perceptron stops updating once it decodes a sentence right; with a margin a sentence whose gold
    // path wins by less still counts and updates, so training sees more of them.
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    const plain = mistakes();
    const wide = mistakes(40);
    expect(plain.at(-1)).toBe(0);
    expect(sum(wide)).toBeGreaterThan(2 * sum(plain));
    // Margin 0 is the plain perceptron, weight for weight.
    const w0 = trainPerceptron(data, NUM_TEMPLATES, { epochs: 2, seed: 3, margin: 0 });
    const w = trainPerceptron(data, NUM_TEMPLATES, { epochs: 2, seed: 3 });
    expect(Buffer.from(w0.weights.buffer).equals(Buffer.from(w.weights.buffer))).toBe(true);
    // The margin-trained model tags unseen names as well.
    const wm = trainPerceptron(data, NUM_TEMPLATES, { epochs: 6, seed: 3, margin: 40 });
    const model = modelFromData(quantize(wm, [], { featureVersion: FEATURE_VERSION, numTemplates: NUM_TEMPLATES, info: { corpus: 'synthetic' } }));
    const test = synth(9, 60, 1);
    const score = scoreSpans(
      test.map((s) => s.spans),
      test.map((s) => tagSpans(s.text, segment(s.text), model)),
    );
    expect(score.overall.f1).toBeGreaterThan(0.9);
    expect(() => trainPerceptron(data, NUM_TEMPLATES, { epochs: 1, seed: 3, margin: -1 })).toThrow(/margin/);
    expect(() => trainPerceptron(data, NUM_TEMPLATES, { epochs: 1, seed: 3, margin: Number.NaN })).toThrow(/margin/);
  });

  it('prunes rows whose quantized weights are all small, and refuses a bad bound', () => {
    const lexicon: Array<[string, number]> = [];
    const lex = buildLexicon(lexicon);
    const data = synth(8, 60, 0).map((s) => ({ feats: extractFeatures(s.text, segment(s.text), lex), tags: spansToTags(s.text.length, s.spans) }));
    const w = trainPerceptron(data, NUM_TEMPLATES, { epochs: 3, seed: 7 });
    const meta = { featureVersion: FEATURE_VERSION, numTemplates: NUM_TEMPLATES, info: { corpus: 'synthetic' } };
    const full = quantize(w, lexicon, meta);
    const pruned = quantize(w, lexicon, meta, 2);
    expect(pruned.header.rows).toBeLessThan(full.header.rows);
    expect(pruned.header.scale).toBe(full.header.scale);
    for (let r = 0; r < pruned.header.rows; r++) {
      const row = Array.from(pruned.weights.subarray(r * 13, r * 13 + 13), (x) => Math.abs(Math.round(x / pruned.header.scale)));
      expect(Math.max(...row)).toBeGreaterThan(2);
    }
    expect(() => quantize(w, lexicon, meta, -1)).toThrow(/prune/);
    expect(() => quantize(w, lexicon, meta, 1.5)).toThrow(/prune/);
  });

  it('round-trips the model file: quantized weights, transitions and lexicon survive', () => {
    const d = decodeModel(bytes);
    expect(d.header.featureVersion).toBe(FEATURE_VERSION);
    expect(d.lexicon).toEqual([['安宁', LEX_LOC]]);
    expect(d.hashes.length).toBe(d.header.rows);
    for (let i = 1; i < d.hashes.length; i++) expect(d.hashes[i]!).toBeGreaterThan(d.hashes[i - 1]!);
    expect(encodeModel(d).equals(bytes)).toBe(true);
  });

  it('refuses files that are not models, and models of other feature versions', () => {
    expect(() => decodeModel(Buffer.from('not a model'))).toThrow();
    const d = decodeModel(bytes);
    expect(() => modelFromData({ ...d, header: { ...d.header, featureVersion: FEATURE_VERSION + 1 } })).toThrow(/npm run train/);
  });

  it('loadModel reads a file path, caches it, and throws on a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-ner-'));
    const p = join(dir, 'm.bin');
    writeFileSync(p, bytes);
    expect(hasModel(p)).toBe(true);
    expect(loadModel(p)).toBe(loadModel(p));
    expect(hasModel(join(dir, 'none.bin'))).toBe(false);
    expect(() => loadModel(join(dir, 'none.bin'))).toThrow(/not found/);
  });
});

describe('the shipped model (data/ner-model.bin)', () => {
  it('exists and loads', () => {
    expect(hasModel()).toBe(true);
    expect(loadModel().header.rows).toBeGreaterThan(1000);
  });

  it('finds the obvious names of a news sentence', () => {
    const text = '新华社北京6月22日电国务院总理朱镕基今天在人民大会堂会见了美国客人。';
    const got = tagSpans(text).map((m) => `${m.text}/${m.kind}`);
    expect(got).toContain('北京/PLACE');
    expect(got).toContain('朱镕基/PERSON');
    expect(got).toContain('美国/PLACE');
  });

  it('never throws and returns well-formed spans on any string', () => {
    const odd = ['', ' ', '\n\t　', '😀😀王小明😀', '\ud800', '\udc00王', 'a'.repeat(5000), '北京'.repeat(3000), '，。、“”'];
    const check = (s: string): void => {
      const spans = tagSpans(s);
      for (const m of spans) {
        expect(m.start).toBeGreaterThanOrEqual(0);
        expect(m.end).toBeGreaterThan(m.start);
        expect(m.end).toBeLessThanOrEqual(s.length);
        expect(m.text).toBe(s.slice(m.start, m.end));
        expect(['PERSON', 'PLACE', 'ORGANIZATION']).toContain(m.kind);
      }
      for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    };
    for (const s of odd) check(s);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => check(s)),
      { numRuns: 200 },
    );
  });
});
