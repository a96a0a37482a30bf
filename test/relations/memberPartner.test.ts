import { describe, expect, it } from 'vitest';
import { makeArticle, run, triples } from './helpers.js';

describe('member_of and partner_of', () => {
  it('member_of from <org>队员<person> and <person>加入<org>', () => {
    const a = makeArticle('雷锋车队队员张三每天出车。李四加入雷锋车队。');
    const r = run([
      {
        article: a,
        specs: [
          ['雷锋车队', 'ORGANIZATION'],
          ['张三', 'PERSON'],
          ['李四', 'PERSON'],
        ],
      },
    ]);
    expect(triples(r, 'member_of')).toEqual(['张三 -member_of-> 雷锋车队 (成员)', '李四 -member_of-> 雷锋车队 (成员)']);
    expect(triples(r, 'role')).toEqual([]);
  });

  it('member_of the body that sends a cadre: <org>派驻的第一书记<person>, not a body merely named before a title', () => {
    const a = makeArticle('县水利局派驻的第一书记赵启明来到村里。县水利局局长钱文博到村调研。');
    const r = run([
      {
        article: a,
        specs: [
          ['县水利局', 'ORGANIZATION'],
          ['赵启明', 'PERSON'],
          ['钱文博', 'PERSON'],
        ],
      },
    ]);
    expect(triples(r, 'member_of')).toEqual(['赵启明 -member_of-> 县水利局 (成员)']);
  });

  it('partner_of between two named bodies that reach an agreement', () => {
    const a = makeArticle('吉庆合养殖专业合作社与赤峰市华农种子有限责任公司达成合作。');
    const r = run([
      {
        article: a,
        specs: [
          ['吉庆合养殖专业合作社', 'ORGANIZATION'],
          ['赤峰市华农种子有限责任公司', 'ORGANIZATION'],
        ],
      },
    ]);
    expect(triples(r, 'partner_of')).toEqual(['吉庆合养殖专业合作社 -partner_of-> 赤峰市华农种子有限责任公司 (合作)']);
  });

  it('no partner_of when one side is not an entity, or for a plain list', () => {
    const a = makeArticle('最终种植户与赤峰市华农种子有限责任公司达成合作。通辽市传染病医院和通辽市疾病预防控制中心派出党员。');
    const r = run([
      {
        article: a,
        specs: [
          ['赤峰市华农种子有限责任公司', 'ORGANIZATION'],
          ['通辽市传染病医院', 'ORGANIZATION'],
          ['通辽市疾病预防控制中心', 'ORGANIZATION'],
        ],
      },
    ]);
    expect(triples(r, 'partner_of')).toEqual([]);
  });
});
