import { describe, expect, it } from 'vitest';
import { buildFromSources } from '../../src/pipeline.js';
import { entityConfidence } from '../../src/resolve/index.js';
import { recognize } from '../../src/entities/index.js';

const text = [
  '阿拉坦嘎查党支部书记王建华介绍，合作社今年新建了两座棚圈。',
  '王建华说，村里推行“党建+合作社”模式，带动牧民增收。',
  '苏木党委书记那仁满都拉在会上讲话，马奶酒品尝活动吸引了游客。',
].join('\n');
const doc = { path: 'confidence.txt', encoding: 'utf-8', text };

describe('entity confidence', () => {
  it('is set on every mention by recognize({ confidence: true }), within [0, 1]', () => {
    const ms = recognize(text, { confidence: true });
    expect(ms.length).toBeGreaterThan(3);
    for (const m of ms) {
      expect(m.score).toBeGreaterThanOrEqual(0);
      expect(m.score).toBeLessThanOrEqual(1);
    }
    // Without the option the mentions are the same spans, without scores.
    const plain = recognize(text);
    expect(plain.map((m) => [m.start, m.end, m.kind])).toEqual(ms.map((m) => [m.start, m.end, m.kind]));
    expect(plain.every((m) => m.score === undefined)).toBe(true);
  });

  it('is on every entity node, and a name the text repeats is surer', () => {
    const { graph } = buildFromSources([doc], { layout: false });
    const conf = new Map<string, number>();
    graph.forEachNode((key, a) => {
      if (a['kind'] === 'ARTICLE') return;
      expect(typeof a['confidence']).toBe('number');
      conf.set(key, a['confidence'] as number);
    });
    expect(conf.get('PERSON:王建华')).toBeGreaterThan(0.9);
  });

  it('aggregates mentions: bounded, rising with repeats, 0 without mentions', () => {
    expect(entityConfidence(0.5, 1)).toBe(0.5);
    expect(entityConfidence(0.5, 3)).toBeGreaterThan(entityConfidence(0.5, 2));
    expect(entityConfidence(0.5, 100)).toBeLessThanOrEqual(1);
    expect(entityConfidence(2, 1)).toBe(1);
    expect(entityConfidence(0.9, 0)).toBe(0);
  });

  it('--min-confidence drops weaker nodes and every edge that touched them', () => {
    const all = buildFromSources([doc], { layout: false }).graph;
    const values: number[] = [];
    all.forEachNode((_, a) => a['kind'] !== 'ARTICLE' && values.push(a['confidence'] as number));
    values.sort((a, b) => a - b);
    const cut = values[Math.floor(values.length / 2)]!;
    expect(values[0]).toBeLessThan(cut);
    const kept = buildFromSources([doc], { layout: false, minConfidence: cut }).graph;
    let entities = 0;
    kept.forEachNode((_, a) => {
      if (a['kind'] === 'ARTICLE') return;
      entities++;
      expect(a['confidence']).toBeGreaterThanOrEqual(cut);
    });
    expect(entities).toBe(values.filter((v) => v >= cut).length);
    expect(kept.size).toBeLessThan(all.size);
  });
});
