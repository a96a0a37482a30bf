import { describe, expect, it } from 'vitest';
import { compareFacts, extractRelations, forEachRelation } from '../../src/relations/index.js';
import type { RelationFact } from '../../src/types.js';
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

  it('forEachRelation gives the facts extractRelations returns, article after article, unsorted; rejects bad arguments', () => {
    const first = makeArticle('赤峰市和通辽市联合行动。王瑞新在赤峰市工作。', 'b');
    const second = makeArticle('通辽市与赤峰市再次合作。', 'a');
    const r = run([
      {
        article: first,
        specs: [
          ['赤峰市', 'PLACE'],
          ['通辽市', 'PLACE'],
          ['王瑞新', 'PERSON'],
        ],
      },
      {
        article: second,
        specs: [
          ['通辽市', 'PLACE'],
          ['赤峰市', 'PLACE'],
        ],
      },
    ]);
    const given: RelationFact[] = [];
    forEachRelation(r.articles, r.mentions, r.entities, (f) => given.push(f));
    expect(given.length).toBeGreaterThan(2);
    expect(JSON.stringify([...given].sort(compareFacts))).toBe(JSON.stringify(r.facts));
    // in article order: the first article's facts before the second's, whatever their sort order
    const articleOf = given.map((f) => f.evidence.article);
    expect(articleOf).toEqual([...articleOf.filter((a) => a === first.id), ...articleOf.filter((a) => a === second.id)]);
    expect(articleOf[0]).toBe(first.id);
    expect(() => forEachRelation([], [], [], null as never)).toThrow(TypeError);
    expect(() => forEachRelation([], null as never, [], () => {})).toThrow(TypeError);
  });
});
