import { describe, expect, it } from 'vitest';
import { extractRelations } from '../../src/relations/index.js';
import { resolveEntities } from '../../src/resolve/index.js';
import { makeArticle, mentionsOf, run, triples, type Run } from './helpers.js';

describe('part_of', () => {
  it('links a unit to the body whose name it extends', () => {
    const a = makeArticle('通辽市委第一时间安排落实。通辽市委组织部机关43名青年党员主动报名。');
    const r = run([
      {
        article: a,
        specs: [
          ['通辽市委组织部', 'ORGANIZATION'],
          ['通辽市委', 'ORGANIZATION'],
        ],
      },
    ]);
    expect(triples(r, 'part_of')).toEqual(['通辽市委组织部 -part_of-> 通辽市委 (下属)']);
  });

  it('links a group to the body named inside its name (a nested mention)', () => {
    const a = makeArticle('省卫健委专家组组长王明介绍了情况。');
    const mentions = [...mentionsOf(a, [['省卫健委专家组', 'ORGANIZATION']]), { start: 0, end: 4, text: '省卫健委', kind: 'ORGANIZATION' as const }];
    const res = resolveEntities([{ article: a, mentions }]);
    const r: Run = { ...res, articles: [a], facts: extractRelations([a], res.mentions, res.entities) };
    expect(triples(r, 'part_of')).toEqual(['省卫健委专家组 -part_of-> 省卫健委 (下属)']);
  });

  it('needs both bodies in the article and a unit word for the rest', () => {
    const a = makeArticle('通辽市委组织部机关43名青年党员主动报名。通辽市卫生健康委党委动员党员。');
    const r = run([
      {
        article: a,
        specs: [
          ['通辽市委组织部', 'ORGANIZATION'],
          ['通辽市卫生健康委党委', 'ORGANIZATION'],
        ],
      },
    ]);
    expect(triples(r, 'part_of')).toEqual([]);
    const b = makeArticle('华农公司与华农公司种子基地合作。');
    const r2 = run([
      {
        article: b,
        specs: [
          ['华农公司种子基地', 'ORGANIZATION'],
          ['华农公司', 'ORGANIZATION'],
        ],
      },
    ]);
    expect(triples(r2, 'part_of')).toEqual([]);
  });
  it('a joint byline: the outlet that is not a newspaper is the newspaper’s, in either order', () => {
    const a = makeArticle('北方晨报·晨视频记者王明报道。新北方·北方日报记者李华报道。晨视频·新北方记者赵一报道。');
    const r = run([
      {
        article: a,
        specs: [
          ['北方晨报', 'ORGANIZATION'],
          ['晨视频', 'ORGANIZATION'],
          ['新北方', 'ORGANIZATION'],
          ['北方日报', 'ORGANIZATION'],
          ['王明', 'PERSON'],
          ['李华', 'PERSON'],
          ['赵一', 'PERSON'],
        ],
      },
    ]);
    expect(triples(r, 'part_of')).toEqual(['新北方 -part_of-> 北方日报 (下属)', '晨视频 -part_of-> 北方晨报 (下属)']);
  });
});
