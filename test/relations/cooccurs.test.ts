import { describe, expect, it } from 'vitest';
import { extractRelations } from '../../src/relations/index.js';
import { makeArticle, run } from './helpers.js';

describe('co_occurs and the extractor', () => {
  it('one fact per pair per sentence, none across sentences', () => {
    const a = makeArticle('通辽市和赤峰市联合行动。通辽市与赤峰市再次合作。呼伦贝尔市单独行动。');
    const r = run([
      {
        article: a,
        specs: [
          ['通辽市', 'PLACE'],
          ['赤峰市', 'PLACE'],
          ['呼伦贝尔市', 'PLACE'],
        ],
      },
    ]);
    const co = r.facts.filter((f) => f.relation === 'co_occurs');
    expect(co).toHaveLength(2);
    expect(new Set(co.map((f) => f.evidence.sentence)).size).toBe(2);
    expect(co.every((f) => !f.source.includes('呼伦贝尔') && !f.target.includes('呼伦贝尔'))).toBe(true);
  });

  it('is deterministic and rejects bad arguments', () => {
    const a = makeArticle('天山口镇水泉沟村第一书记王瑞新谋划产业。');
    const specs: Array<[string, 'PLACE' | 'PERSON']> = [
      ['天山口镇', 'PLACE'],
      ['水泉沟村', 'PLACE'],
      ['王瑞新', 'PERSON'],
    ];
    const one = JSON.stringify(run([{ article: a, specs }]).facts);
    const two = JSON.stringify(run([{ article: a, specs }]).facts);
    expect(one).toBe(two);
    expect(() => extractRelations(null as never, [], [])).toThrow(TypeError);
  });
});
