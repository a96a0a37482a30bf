/**
 * `Resolver` (one pass, articles in any order, each at its corpus position) and `resolveEntities` (built
 * on it) against the reference resolution (test/helpers/resolution-reference.ts: the naming, then the
 * entities, in corpus order): the same entities, field
 * for field and key order included, and the same keys for every mention — whatever order the articles
 * come in. Sentences are our own.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { Resolver, articleDrafts, resolveEntities, resolveMentions, type ArticleMentions, type ResolverState } from '../../src/resolve/index.js';
import { readSources } from '../../src/text/read.js';
import { articlesOfDocs, assignUniqueIds, extractArticleMentions } from '../../src/pipeline.js';
import { makeArticle, mentionsOf, type Spec } from '../relations/helpers.js';
import { referenceResolution } from '../helpers/resolution-reference.js';

/** Park–Miller: a seeded order. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 48271) % 2147483647;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function expectSameResolution(items: ArticleMentions[]): void {
  const want = referenceResolution(items);
  const got = resolveEntities(items);
  expect(JSON.stringify(got.entities)).toBe(JSON.stringify(want.entities));
  expect(got.mentions).toEqual(want.mentions);
  const orders = [
    items.map((_x, i) => i),
    items.map((_x, i) => items.length - 1 - i),
    shuffled(
      items.map((_x, i) => i),
      7,
    ),
    shuffled(
      items.map((_x, i) => i),
      99,
    ),
  ];
  for (const order of orders) {
    const resolver = new Resolver();
    for (const i of order) resolver.add(articleDrafts(items[i]!.article, items[i]!.mentions), i);
    const { naming, entities } = resolver.finish();
    // JSON.stringify keeps key order: attributes written in the same order, evidence in the same order.
    expect(JSON.stringify(entities)).toBe(JSON.stringify(want.entities));
    const mentions = items.flatMap(({ article, mentions: m }) => resolveMentions(articleDrafts(article, m), naming));
    expect(mentions).toEqual(want.mentions);
  }
  // A later build: the state of a resolver given two articles in three, at positions 0, 1 … (as a corpus without
  // the third would place them), serialized and taken up with their positions now; the rest added between them.
  for (const skip of [0, 1, 2]) {
    const kept = items.map((_x, i) => i).filter((i) => i % 3 !== skip);
    const earlier = new Resolver();
    kept.forEach((i, o) => earlier.add(articleDrafts(items[i]!.article, items[i]!.mentions), o));
    const later = new Resolver();
    later.restore(deserialize(serialize(earlier.state())) as ResolverState, kept);
    for (const [i, x] of items.entries()) if (i % 3 === skip) later.add(articleDrafts(x.article, x.mentions), i);
    expect(JSON.stringify(later.finish().entities)).toBe(JSON.stringify(want.entities));
  }
}

const at = (text: string, id: string, specs: Spec[], score?: number): ArticleMentions => {
  const article = makeArticle(text, id);
  const mentions = mentionsOf(article, specs).map((m, k) => (score === undefined ? m : { ...m, score: Math.round((score + k / 100) * 100) / 100 }));
  return { article, mentions };
};

describe('Resolver', () => {
  it('gives the reference entities whatever the order: split names, homonym villages, capped evidence, last attributes', () => {
    const items: ArticleMentions[] = [];
    // One 张伟 in 宝山村 and 巴彦花镇 (one branch of the division tree), interleaved over 26 articles (more than
    // the 20 evidence records an entity keeps), another in 水泉沟村: the name splits; `place` is the last anchor.
    for (let i = 0; i < 26; i++) {
      const text = i % 2 === 0 ? `阿鲁科尔沁旗巴彦花镇宝山村第一书记张伟第${i}次走访农户。` : `阿鲁科尔沁旗巴彦花镇党委书记张伟第${i}次调研。`;
      const specs: Spec[] =
        i % 2 === 0
          ? [
              ['阿鲁科尔沁旗', 'PLACE'],
              ['巴彦花镇', 'PLACE'],
              ['宝山村', 'PLACE'],
              ['张伟', 'PERSON'],
            ]
          : [
              ['阿鲁科尔沁旗', 'PLACE'],
              ['巴彦花镇党委', 'ORGANIZATION'],
              ['张伟', 'PERSON'],
            ];
      items.push(at(text, `z${String(i).padStart(2, '0')}#1`, specs, i % 3 === 0 ? 0.6 : undefined));
    }
    items.splice(
      9,
      0,
      at('阿鲁科尔沁旗天山口镇水泉沟村第一书记张伟谋划产业。张伟说要修路。', 'w#1', [
        ['阿鲁科尔沁旗', 'PLACE'],
        ['天山口镇', 'PLACE'],
        ['水泉沟村', 'PLACE'],
        ['张伟', 'PERSON'],
      ]),
    );
    // A plain 张伟 (no anchor): its own node once the name is split.
    items.push(at('张伟在会上发言。', 'y#1', [['张伟', 'PERSON']], 0.4));
    // Homonym villages: two codes for 苏吉嘎查, and an undecided one.
    items.splice(
      3,
      0,
      at(
        '锡林郭勒盟二连浩特市格日勒敖都苏木苏吉嘎查的牧民。',
        'p#1',
        [
          ['锡林郭勒盟', 'PLACE'],
          ['二连浩特市', 'PLACE'],
          ['格日勒敖都苏木', 'PLACE'],
          ['苏吉嘎查', 'PLACE'],
        ],
        0.9,
      ),
    );
    items.splice(
      15,
      0,
      at('通辽市科尔沁左翼中旗保康镇苏吉嘎查的农民。', 'q#1', [
        ['通辽市', 'PLACE'],
        ['科尔沁左翼中旗', 'PLACE'],
        ['保康镇', 'PLACE'],
        ['苏吉嘎查', 'PLACE'],
      ]),
    );
    items.push(
      at(
        '苏吉嘎查的草场。苏吉嘎查党支部组织学习。',
        'r#1',
        [
          ['苏吉嘎查党支部', 'ORGANIZATION'],
          ['苏吉嘎查', 'PLACE'],
        ],
        0.5,
      ),
    );
    // Aliases from several groups: 新左旗 and 新巴尔虎左旗.
    items.push(
      at('呼伦贝尔市新左旗嵯岗镇伊和乌拉嘎查第一书记王文胜送来物资。', 's#1', [
        ['呼伦贝尔市', 'PLACE'],
        ['新左旗', 'PLACE'],
        ['嵯岗镇', 'PLACE'],
        ['伊和乌拉嘎查', 'PLACE'],
        ['王文胜', 'PERSON'],
      ]),
    );
    items.splice(
      1,
      0,
      at('新巴尔虎左旗的伊和乌拉牧民增收。', 't#1', [
        ['新巴尔虎左旗', 'PLACE'],
        ['伊和乌拉', 'PLACE'],
      ]),
    );
    const want = resolveEntities(items).entities;
    // The fixture does what it claims: a split name, several 苏吉嘎查, an entity over the evidence cap.
    expect(want.filter((e) => e.label === '张伟').map((e) => e.key)).toEqual(['PERSON:张伟', 'PERSON:张伟@巴彦花镇党委', 'PERSON:张伟@水泉沟村']);
    expect(want.filter((e) => e.label === '苏吉嘎查')).toHaveLength(3);
    expect(want.find((e) => e.key === 'PERSON:张伟@巴彦花镇党委')!.mentions).toBe(26);
    expect(want.find((e) => e.key === 'PERSON:张伟@巴彦花镇党委')!.evidence).toHaveLength(20);
    expectSameResolution(items);
  });

  it('gives the reference entities on extracted texts (the store fixtures and the bundled page), in any order', async () => {
    const fixtures = join(import.meta.dirname, '..', 'fixtures', 'store');
    const files = [
      ...['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt'].map((f) => join(fixtures, f)),
      join(import.meta.dirname, '..', '..', 'data', '000_6a6b28fc1a4d90e2.txt'),
    ];
    const docs = [];
    for (const f of files) docs.push(...(await readSources(f)));
    const articles = assignUniqueIds(articlesOfDocs(docs));
    expect(articles.length).toBeGreaterThan(10);
    expectSameResolution(articles.map((article) => ({ article, mentions: extractArticleMentions(article) })));
  }, 120_000);

  it('takes up a state only on a resolver given nothing, with positions that keep the articles in order', () => {
    const a = at('宝山村第一书记王建国走访农户。', 'a#1', [
      ['王建国', 'PERSON'],
      ['宝山村', 'PLACE'],
    ]);
    const given = new Resolver();
    given.add(articleDrafts(a.article, a.mentions), 0);
    const state = () => deserialize(serialize(given.state())) as ResolverState;
    const busy = new Resolver();
    busy.add(articleDrafts(a.article, a.mentions), 0);
    expect(() => busy.restore(state(), [0])).toThrow(/added already/);
    expect(() => new Resolver().restore(state(), [3, 2])).toThrow(RangeError);
    const moved = new Resolver();
    moved.restore(state(), [5]);
    expect(moved.finish().entities.map((e) => e.key)).toEqual(given.finish().entities.map((e) => e.key));
  });
});
