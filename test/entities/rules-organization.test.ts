import { describe, expect, it } from 'vitest';
import { organizationCandidates } from '../../src/entities/rules/organization.js';
import { placeCandidates } from '../../src/entities/rules/place.js';
import { ctxOf, texts } from './helpers.js';

function orgs(s: string): string[] {
  const ctx = ctxOf(s);
  const cands = organizationCandidates(ctx, placeCandidates(ctx));
  // The longest candidate at each start (the combination keeps those).
  return texts(ctx, cands).filter((t, i, all) => !all.some((u, j) => j !== i && u.length > t.length && u.startsWith(t)));
}

describe('organization rules', () => {
  it('extends an organization by a following suffix', () => {
    expect(orgs('通辽市委组织部机关43名青年党员')).toEqual(['通辽市委组织部']);
    expect(orgs('在通辽市卫生健康委党委的动员下')).toEqual(['通辽市卫生健康委党委']);
    expect(orgs('内蒙古民族大学附属医院29名党员干部')).toEqual(['内蒙古民族大学附属医院']);
  });

  it('names no party body over a verb between its unit and its suffix', () => {
    // The village held a branch meeting: no body named 东风村举行党支部.
    expect(orgs('东风村举行党支部换届选举大会')).toEqual([]);
    expect(orgs('东风村党支部举行换届选举大会')).toEqual(['东风村党支部']);
    // Other bodies keep a verb in their name (a cooperative named after what it grows).
    expect(orgs('东风村种植专业合作社今年分红')).toEqual(['东风村种植专业合作社']);
  });

  it('names no body over an adverb of manner opening a verb phrase (紧紧抓住, 充分发挥)', () => {
    expect(orgs('河湾村紧紧抓住上级党委的扶持政策')).not.toContain('河湾村紧紧抓住上级党委');
    expect(orgs('镇党委充分发挥党支部的带头作用')).not.toContain('镇党委充分发挥党支部');
    expect(orgs('东风村党支部充分发挥作用')).toEqual(['东风村党支部']);
  });

  it('starts at the place nearest to the suffix', () => {
    expect(orgs('克什克腾旗土城子镇十里铺村党支部书记王晓光')).toEqual(['十里铺村党支部']);
    expect(orgs('种植户与赤峰市华农种子有限责任公司达成合作')).toEqual(['赤峰市华农种子有限责任公司']);
    expect(orgs('呼和浩特市赛罕区人民政府与内蒙古农业大学签订合作协议')).toEqual(['赛罕区人民政府', '内蒙古农业大学']);
    expect(orgs('通辽市奈曼旗大沁他拉镇八号村党支部领办的奈曼旗绿源种植专业合作社')).toEqual(['八号村党支部', '奈曼旗绿源种植专业合作社']);
  });

  it('takes a central body the lexicon knows by its full name over a shorter suffix reading, and only as a whole word', () => {
    expect(orgs('会议学习了中央全面深化改革委员会会议的精神。')).toEqual(['中央全面深化改革委员会']);
    expect(orgs('当地司法部门已经受理此案。')).toEqual([]);
  });

  it('leaves a dateline’s end and 原 (former) out of the name', () => {
    const dated = orgs('新华社北京5月3日电青年志愿者协会今天发出倡议。');
    expect(dated).toContain('青年志愿者协会');
    expect(dated.filter((o) => o.includes('日电'))).toEqual([]);
    expect(orgs('他曾是原中央顾问委员会委员。')).toEqual(['中央顾问委员会']);
  });

  it('leaves the clause before a body without a place out of its name', () => {
    // A body the lexicon knows, or jieba's word for the whole body, starts the name.
    expect(orgs('大家一起纪念人民日报创刊五十周年。')).toEqual(['人民日报']);
    expect(orgs('记者记中央社会主义学院的一堂课。')).toEqual(['中央社会主义学院']);
    // A person's name and the verb after it are not part of the body's name.
    expect(orgs('会上，李明华担任委员会主任。').filter((o) => o.includes('担任'))).toEqual([]);
    expect(orgs('王小东住医院治疗了半个月。')).toEqual([]);
    // A verb inside the name after its first word stays.
    expect(orgs('通辽市奈曼旗大沁他拉镇八号村党支部领办的奈曼旗绿源种植专业合作社')).toContain('奈曼旗绿源种植专业合作社');
  });

  it('reads no suffix in a common word that ends like one (干部, 内部)', () => {
    expect(orgs('青山镇党委发动党员干部参加植树。').filter((o) => o.endsWith('干部'))).toEqual([]);
    expect(orgs('通辽市委组织部机关43名青年党员')).toEqual(['通辽市委组织部']);
  });

  it('leaves a place above the place that names the body out of its name', () => {
    expect(orgs('去年以来，湖南省沅江市委共收缴公款配置的通讯工具。')).toEqual(['沅江市委']);
    expect(orgs('山西省稷山县委书记走进农户家中。')).toEqual(['稷山县委']);
    // A body named after the place itself keeps it (通辽市 + 卫生健康委).
    expect(orgs('在通辽市卫生健康委党委的动员下')).toEqual(['通辽市卫生健康委党委']);
  });

  it('reads a university department (系) but not the copula 系 or 联系', () => {
    expect(orgs('她毕业于北京大学中文系。')).toContain('北京大学中文系');
    expect(orgs('通辽市系内蒙古东部的中心城市。')).toEqual([]);
    expect(orgs('厦门市电视台的记者与他取得联系。').filter((o) => o.endsWith('联系'))).toEqual([]);
  });

  it('takes name-like stems without a place', () => {
    expect(orgs('日前,阿日哈沙特出入境边检站全体党员')).toEqual(['阿日哈沙特出入境边检站']);
    expect(orgs('免费为辖区内,雷锋车队党支部免费')).toEqual(['雷锋车队党支部']);
  });

  it('needs a place before a weak suffix (报 of a newspaper)', () => {
    expect(orgs('二连浩特报记者|李晓英')).toEqual(['二连浩特报']);
    expect(orgs('本报记者|帅政')).toEqual([]);
  });

  it('rejects generic bodies and suffixes inside words', () => {
    for (const s of ['我们合作社抓紧准备', '合作社负责人路国庆', '自治区党委决策部署', '各级组织部门把服务保障', '纪委监委监督', '优秀乡镇党委']) {
      expect(
        orgs(s).filter((o) => o !== '自治区党委'),
        s,
      ).toEqual([]);
    }
  });

  it('keeps a bracketed part of a company name', () => {
    expect(orgs('由内蒙古蒙草生态环境(集团)股份有限公司承建的项目')).toEqual(['内蒙古蒙草生态环境(集团)股份有限公司']);
  });

  it('starts a company name at its trade name, not at the place of registration in its brackets', () => {
    expect(orgs('华鑫（贵州）新材料有限公司总经理介绍')).toEqual(['华鑫（贵州）新材料有限公司']);
    expect(orgs('华鑫(贵州)新材料有限公司总经理介绍')).toEqual(['华鑫(贵州)新材料有限公司']);
    // A place before the brackets still starts the name.
    expect(orgs('贵州华鑫（集团）新材料有限公司总经理介绍')).toEqual(['贵州华鑫（集团）新材料有限公司']);
  });

  it('takes departments joined by 和 and level-of-government stems', () => {
    expect(orgs('据正镶白旗农牧和科技局负责人介绍')).toEqual(['正镶白旗农牧和科技局']);
    expect(orgs('记者从自治区扶贫办获悉')).toEqual(['自治区扶贫办']);
  });

  it('knows bodies with fixed names', () => {
    expect(orgs('重要指示精神和党中央、自治区党委决策部署')).toEqual(['党中央', '自治区党委']);
  });
});
