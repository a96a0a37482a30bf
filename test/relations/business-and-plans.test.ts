/**
 * Error classes of business and government news (issue 10), on sentences written for this test: companies
 * named without a legal suffix before an officer's title or after a verb of founding, their founders, and the
 * programs a body's document lays down.
 */
import { describe, expect, it } from 'vitest';
import { buildFromSources } from '../../src/pipeline.js';
import { ruleCandidates } from '../../src/entities/index.js';
import { segment } from '../../src/segment/jieba.js';

const edges = (text: string, relation: string): string[] => {
  const { graph } = buildFromSources([{ path: 'news.txt', encoding: 'utf-8', text }], { layout: false });
  const out: string[] = [];
  graph.forEachEdge((_, a, s, t) => {
    if (a['relation'] === relation) out.push(`${s}|${t}`);
  });
  return out.sort();
};

describe('companies named by officers and founders', () => {
  it('a short name before an officer title is a company, and the officer holds a role in it', () => {
    expect(edges('鑫瑞达智能董事长林海涛介绍，新厂房下月投产。', 'role')).toEqual(['PERSON:林海涛|ORGANIZATION:鑫瑞达智能']);
  });
  it('a business founded in quotation marks or by its short name, with its founder', () => {
    expect(edges('村里扶持能人赵长河创办“金穗薯业”，建起了扶贫车间。', 'role')).toEqual(['PERSON:赵长河|ORGANIZATION:金穗薯业']);
  });
  it('not a bare 有限公司 or a common noun before a title', () => {
    const text = '前不久，有限公司董事长王强和企业总经理李明到村里考察。';
    expect(ruleCandidates(text, segment(text)).filter((c) => c.rule === 'org:executive')).toEqual([]);
  });
});

describe("programs a body's document lays down", () => {
  it('runs every campaign the document launches, in its sentence and the next without a subject', () => {
    const text =
      '近日，江北省人民政府印发《江北省乡村人才振兴实施方案》。《方案》明确，开展青年农民培训行动、乡村工匠培育行动。围绕农村青年、返乡人员两类人群，实施致富带头人培养计划、电商人才孵化计划、在县城设立服务站。';
    expect(edges(text, 'runs')).toEqual([
      'ORGANIZATION:江北省人民政府|PROGRAM:乡村工匠培育行动',
      'ORGANIZATION:江北省人民政府|PROGRAM:电商人才孵化计划',
      'ORGANIZATION:江北省人民政府|PROGRAM:致富带头人培养计划',
      'ORGANIZATION:江北省人民政府|PROGRAM:青年农民培训行动',
    ]);
  });
  it('not what another subject launches in a later sentence', () => {
    const text =
      '江北省人民政府印发《江北省乡村人才振兴实施方案》。《方案》明确，开展青年农民培训行动、乡村工匠培育行动。南山县农业局实施农机手培训计划、种粮大户扶持计划。';
    expect(edges(text, 'runs').filter((e) => e.startsWith('ORGANIZATION:江北省人民政府'))).toEqual([
      'ORGANIZATION:江北省人民政府|PROGRAM:乡村工匠培育行动',
      'ORGANIZATION:江北省人民政府|PROGRAM:青年农民培训行动',
    ]);
  });
});

describe('a post named by two generic words after a preposition', () => {
  it("is a post in the article's body whose name ends in them", () => {
    const text = '红星社区党委组织党员志愿者上岗值守。在社区党委书记张立新看来，光靠工作人员是不够的。';
    expect(edges(text, 'role')).toContain('PERSON:张立新|ORGANIZATION:红星社区党委');
  });
});

describe('a leader in getting rich (致富带头人)', () => {
  it('holds a role in the village written before the title', () => {
    expect(edges('“日子会越过越好。”青山村致富带头人李红梅说。', 'role')).toEqual(['PERSON:李红梅|PLACE:青山村']);
  });
});

describe("a body's own site", () => {
  it('is part of the body, not a body of the place in its name', () => {
    const text = '来源：江北省人民政府网\n\n近日，江北省人民政府印发《江北省乡村人才振兴实施方案》。';
    expect(edges(text, 'part_of')).toEqual(['ORGANIZATION:江北省人民政府网|ORGANIZATION:江北省人民政府']);
    expect(edges(text, 'located_in').filter((e) => e.startsWith('ORGANIZATION:江北省人民政府网'))).toEqual([]);
  });
});

describe('zones named after a place, and a headline’s subject', () => {
  it('a zone named after a city of the article lies in it, a park named after the zone in the zone', () => {
    const text = '青川市今年招商引资成效明显。青川湖高新区引进企业十二家，青川湖高新区光电产业园已有八家企业入驻。';
    const located = edges(text, 'located_in');
    expect(located).toContain('PLACE:青川湖高新区|PLACE:青川市');
  });
  it('a place before a headline’s colon runs the campaign after it', () => {
    const text = '红山县：“党建+养殖”带富牧民\n\n红山县推进党建工作，牧民收入逐年增加。';
    expect(edges(text, 'runs')).toContain('PLACE:红山县|PROGRAM:党建+养殖');
  });
});

describe('a village post with no body before it', () => {
  it('goes to the one village the article names most', () => {
    const text = '清泉村位于山脚下，清泉村的路修好了。\n\n县农业局派驻的第一书记周明远带领村民种植中药材。';
    expect(edges(text, 'role')).toContain('PERSON:周明远|PLACE:清泉村');
  });
  it('not when two villages are named as often', () => {
    const text = '清泉村和石桥村相邻。\n\n第一书记周明远带领村民种植中药材。';
    expect(edges(text, 'role').filter((e) => e.startsWith('PERSON:周明远'))).toEqual([]);
  });
});

describe('programs that head a section', () => {
  it('are run by the county the article names most, not when they are national campaigns', () => {
    const text =
      '红山县多措并举促增收\n\n近年来，红山县以党建为引领，牧民收入逐年增加。\n\n“党建+养殖”\n\n红山县组织养殖大户结对帮扶，乡村振兴有了抓手。\n\n“乡村振兴”\n\n这是一段没有地名的正文。';
    const runs = edges(text, 'runs');
    expect(runs).toContain('PLACE:红山县|PROGRAM:党建+养殖');
    expect(runs.filter((e) => e.endsWith('乡村振兴'))).toEqual([]);
  });
});

describe('a status a campaign confers', () => {
  it('a person who becomes, or also is, a 党员中心户 takes part in it', () => {
    const text = '自从牧民孟和巴图成为党员中心户后，周边牧户的日子好过了。牧民萨仁高娃家，也是个党员中心户。';
    const joined = edges(text, 'participates_in');
    expect(joined).toContain('PERSON:孟和巴图|PROGRAM:党员中心户');
    expect(joined).toContain('PERSON:萨仁高娃|PROGRAM:党员中心户');
  });
});
