/**
 * Error classes found on news of the genre (issue 10), each on sentences written for this test: Mongolian
 * names cut short, programs between real quotation marks, natural places, byline name lists, source lines,
 * punctuation at the edge of a model span.
 */
import { describe, expect, it } from 'vitest';
import { recognize, ruleCandidates } from '../../src/entities/index.js';
import { segment } from '../../src/segment/jieba.js';
import { normalizeText } from '../../src/text/index.js';
import { loadLexicons } from '../../src/entities/rules/lexicon.js';

const found = (text: string, kind: string, gaps: number[] = []): string[] =>
  recognize(text, { gaps })
    .filter((m) => m.kind === kind)
    .map((m) => m.text);

describe('Mongolian names are read whole where jieba cuts them', () => {
  it('after a title and before a speech verb', () => {
    expect(found('嘎查党支部书记那仁满都拉介绍，今年的草场长势很好。', 'PERSON')).toContain('那仁满都拉');
    expect(found('牧民额尔敦毕力格说，冬天储备的草料够用了。', 'PERSON')).toContain('额尔敦毕力格');
  });
  it('where the model cut a name short before a Mongolian name element', () => {
    expect(found('自从好邻居乌兰其木格当上党员中心户后，牧户们的羊好卖了。', 'PERSON')).toEqual(['乌兰其木格']);
    expect(found('会后，敖日格勒其木格组织大家学习。', 'PERSON')).toEqual(['敖日格勒其木格']);
  });
  it('not where the elements stand inside a place name', () => {
    expect(found('呼和浩特市的企业来到这里考察。', 'PERSON')).toEqual([]);
  });
  it('Tibetan names of two elements too, where the model cuts the second', () => {
    expect(found('乡长多杰才让介绍说，今年牧草长势很好。', 'PERSON')).toEqual(['多杰才让']);
  });
});

describe('programs between real quotation marks', () => {
  it('takes enumerations, combinations and counted slogans', () => {
    const text = '村里推行“党建+治理”，落实“支部牵头、党员示范”的做法，打造“一村一品”示范村。';
    const programs = found(text, 'PROGRAM');
    expect(programs).toContain('党建+治理');
    expect(programs).toContain('支部牵头、党员示范');
    expect(programs).toContain('一村一品');
  });
  it('leaves metaphors and quoted speech alone', () => {
    const text = '他是村里的“领头雁”。“日子越过越好，我们很满意。”老人说。';
    expect(found(text, 'PROGRAM')).toEqual([]);
  });
});

describe('natural places', () => {
  it('takes deserts and plains that jieba knows as places', () => {
    expect(found('治理科尔沁沙地，保护松嫩平原的黑土地。', 'PLACE')).toEqual(expect.arrayContaining(['科尔沁沙地', '松嫩平原']));
  });
});

describe('byline name lists', () => {
  it('splits names at the spaces the page had (gaps after repair)', () => {
    // "作者 刘明 陈华" after the PDF repair: the spaces become gaps before 刘 and 陈.
    expect(found('作者刘明陈华', 'PERSON', [2, 4])).toEqual(['刘明', '陈华']);
  });
  it('splits two names the page ran together when both open with a surname', () => {
    expect(found('江城晚报记者李平赵晓东', 'PERSON')).toEqual(['李平', '赵晓东']);
  });
  it('takes every name of a list after the title', () => {
    expect(found('记者杨帆、吴越、王安东海报道。', 'PERSON')).toEqual(['杨帆', '吴越', '王安东海']);
  });
});

describe('outlets', () => {
  it('reads the outlet of a source line', () => {
    expect(found('发布时间：2020-01-01 来源：江城在线 编辑：张三', 'ORGANIZATION')).toContain('江城在线');
  });
  it('never ends a model span on punctuation', () => {
    for (const m of recognize('江城晚报·视频记者李平报道。')) expect(/[·、，。]$/.test(m.text)).toBe(false);
  });
});

describe('news outlets where a page states them', () => {
  it('opening a dateline, with an aside in brackets or a place before 讯', () => {
    expect(found('远山资讯网（北方晨报网）讯（记者 吴越）村里推行新的养殖模式。', 'ORGANIZATION')).toContain('远山资讯网');
    expect(found('北方晨报网锦州讯 村里推行新的养殖模式。', 'ORGANIZATION')).toContain('北方晨报网');
    expect(found('北方晨报网锦州讯 村里推行新的养殖模式。', 'PLACE')).toContain('锦州');
  });
  it('every outlet of a source line that lists several', () => {
    const orgs = found('来源：远山资讯网、《北方晨报》、山城在线 发布时间：2023-05-06', 'ORGANIZATION');
    expect(orgs).toEqual(expect.arrayContaining(['远山资讯网', '北方晨报', '山城在线']));
  });
  it('both halves of a joint byline', () => {
    expect(found('北方晨报·远山视频记者 吴越', 'ORGANIZATION')).toEqual(['北方晨报', '远山视频']);
  });
  it('not a headline run into 本报讯, nor 据 (according to) before an agency', () => {
    const orgs = found('山村举办书画展本报讯 村里推行新的养殖模式。据新华社北京6月1日电', 'ORGANIZATION');
    expect(orgs.some((o) => o.includes('本报') || o.startsWith('据'))).toBe(false);
  });
});

describe('the name of a people before 族', () => {
  it('is neither a place nor a person', () => {
    const text = '这里是蒙古族和维吾尔族群众聚居的地方。';
    expect([...found(text, 'PLACE'), ...found(text, 'PERSON')].filter((n) => n === '蒙古' || n === '维吾尔')).toEqual([]);
  });
  it('but a place named with 族自治 stays whole', () => {
    expect(found('他来到鄂温克族自治旗工作。', 'PLACE')).toContain('鄂温克族自治旗');
  });
});

describe('campaigns listed after a verb of launching', () => {
  it('gives one program per item when every item ends like a campaign or plan', () => {
    const programs = found('全市开展山区儿童阅读推广行动、乡村医生能力提升计划，推动工作落实。', 'PROGRAM');
    expect(programs).toEqual(expect.arrayContaining(['山区儿童阅读推广行动', '乡村医生能力提升计划']));
  });
  it('not when an item of the list is something else', () => {
    expect(found('全市开展山区儿童阅读推广行动、技能培训和志愿服务，推动工作落实。', 'PROGRAM')).toEqual([]);
  });
});

describe('place names found by their suffix alone', () => {
  it('not where the stem holds an adjective (穷 + 山村)', () => {
    expect(found('这个穷山村通了公路。', 'PLACE')).toEqual([]);
    expect(found('穷山村变成了富裕村。', 'PLACE')).toEqual([]);
  });
});

describe('a town before a village party branch the model ran together', () => {
  it('keeps the town', () => {
    expect(found('哈日楚鲁镇宝力根嘎查党支部正在召开会议。', 'PLACE')).toContain('哈日楚鲁镇');
  });
});

describe('zones, the unit below a village, natives chambers, names jieba reads whole, spaced slogans', () => {
  it('a park, a new zone and a villagers group are places named by their stem', () => {
    expect(found('记者走进青山县红石设施农业产业园，看到大棚成片。', 'PLACE')).toContain('红石设施农业产业园');
    expect(found('白云新区今年引进企业十家。', 'PLACE')).toEqual(['白云新区']);
    expect(found('东坡村东坡村民小组的牧民去年养羊五百只。', 'PLACE')).toContain('东坡村民小组');
  });
  it('a chamber of a province’s natives keeps its host city, whatever precedes it', () => {
    const text = '“山高水长，情谊更浓。”深圳市江西商会会长李明发出倡议。';
    expect(found(text, 'ORGANIZATION')).toEqual(['深圳市江西商会']);
    expect(found(text, 'PERSON')).toEqual(['李明']);
  });
  it('a name jieba reads whole after a title ends there when a word follows', () => {
    expect(found('协会会长陈建华访港时，向基金会捐款。', 'PERSON')).toEqual(['陈建华']);
  });
  it('a quoted slogan of two parts keeps the space normalization took out', () => {
    const text = '该村探索形成“红石榴籽幸福草原”党建引领的工作格局。';
    expect(found(text, 'PROGRAM', [text.indexOf('幸福')])).toEqual(['红石榴籽 幸福草原']);
    expect(found(text, 'PROGRAM')).toEqual([]);
    // A PDF's layout leaves gaps between any two characters: there the one gap inside the quote is no
    // writer's space either (the same single gap as above, the others outside the quote).
    const open = text.indexOf('“');
    const close = text.indexOf('”');
    const dense = Array.from({ length: text.length - 1 }, (_, i) => i + 1).filter(
      (i) => (i % 2 === 0 && (i <= open || i > close)) || i === text.indexOf('幸福'),
    );
    expect(found(text, 'PROGRAM', dense).filter((p) => p.includes('石榴'))).toEqual([]);
  });
});

describe('quoted items in a row share the head after the last', () => {
  it('“A”“B”计划 and “A”、“B”等活动 give both programs; a lone quoted word without a head gives none', () => {
    expect(found('村里通过“产业帮扶”“技能培训”计划，带动青年返乡。', 'PROGRAM')).toEqual(['产业帮扶', '技能培训']);
    expect(found('社区开展了“邻里守望”、“文明家庭”等活动。', 'PROGRAM')).toEqual(['邻里守望', '文明家庭']);
    expect(found('大家都叫他“老黄牛”。', 'PROGRAM')).toEqual([]);
  });
});

describe('honours in quotation marks', () => {
  it('name no place, however they end, in a list before 等荣誉 or before 的美誉', () => {
    const text = '该村先后获得“县级文明村镇”“市级卫生村”等荣誉，还有“草原养羊第一村”的美誉。';
    expect(found(text, 'PLACE')).toEqual([]);
  });
  it('a quoted village name that is no honour stays a place', () => {
    expect(found('记者来到“红石村”采访。', 'PLACE')).toEqual(['红石村']);
  });
});

describe('a name does not end inside a word jieba knows', () => {
  it('负责人石永福围坐在一起 gives 石永福, not 石永福围坐', () => {
    expect(found('村支书和民宿负责人石永福围坐在一起算收入。', 'PERSON')).toContain('石永福');
    expect(found('村支书和民宿负责人石永福围坐在一起算收入。', 'PERSON')).not.toContain('石永福围坐');
  });
});

describe("a page's time stamp line names its publisher", () => {
  it('the outlet after a date and time, where the next line ran on', () => {
    const text = '春耕开始了\n2021-03-05 08:30:00 青山日报\n分享到\n  今年春耕提前了。';
    const normalized = normalizeText(text);
    const orgs = recognize(normalized.text, { gaps: normalized.gaps })
      .filter((m) => m.kind === 'ORGANIZATION')
      .map((m) => m.text);
    expect(orgs).toEqual(['青山日报']);
    expect(found('2021-03-05 08:30:00 青山', 'ORGANIZATION')).toEqual([]);
  });
});

describe('a village named by a common word right after its township', () => {
  it('X乡中心村 opens a cooperative’s name, which is named wherever it recurs', () => {
    const text = '扎赉特旗努文木仁乡中心村股份经济合作社种了水稻。中心村股份经济合作社社员王大山说，今年收成好。';
    expect(found(text, 'ORGANIZATION')).toEqual(['中心村股份经济合作社', '中心村股份经济合作社']);
    expect(found('各地要建设中心村股份经济合作社。', 'ORGANIZATION')).toEqual([]);
  });
});

describe('titles before names', () => {
  it('a surname name jieba reads as a place is a name between a title and a title', () => {
    expect(found('专家组组长黄山院士对外宣布了结论。', 'PERSON')).toEqual(['黄山']);
    expect(found('黄山风景很美。', 'PERSON')).toEqual([]);
  });
  it('a proper noun jieba knows as a term after a title is no name', () => {
    expect(found('加快实现农民共同富裕，这是目标。', 'PERSON')).toEqual([]);
  });
  it('组长 and 职员 are titles', () => {
    expect(found('带来消息的，是公司职员林海洋。', 'PERSON')).toEqual(['林海洋']);
  });
});

describe('common words before a place suffix or after a division', () => {
  it('a division run on into its seat (县城) is the division', () => {
    expect(found('我们走进和顺县城的老街。', 'PLACE')).toEqual(['和顺县']);
  });
  it('a term jieba knows as a proper noun before 村 names no village', () => {
    expect(found('镇里大力发展村集体经济。', 'PLACE')).toEqual([]);
  });
});

describe('quoted programs by their head', () => {
  it('joint building (联建, 共建) and a quoted noun phrase before 工作 are programs', () => {
    expect(found('两村推行“村企联建”，效果明显。', 'PROGRAM')).toEqual(['村企联建']);
    expect(found('全镇开展“最强支部”工作，效果明显。', 'PROGRAM')).toEqual(['最强支部']);
  });
  it('not a quoted word of speech before 工作', () => {
    expect(found('他说“很好”工作就顺利了。', 'PROGRAM')).toEqual([]);
  });
});

describe('short names of cities and counties the text names in full', () => {
  it('the stem, read as a word of its own, is that place; not inside a longer name or a body', () => {
    const text = '大冶市位于湖北省东南部。大冶通过招商引来一批项目。大冶湖高新区也在扩建。';
    const places = recognize(text).filter((m) => m.kind === 'PLACE');
    expect(places.filter((m) => m.text === '大冶').map((m) => m.canonical)).toEqual(['大冶市']);
    expect(places.some((m) => m.text === '大冶' && text.startsWith('大冶湖', m.start))).toBe(false);
    expect(found('大冶通过招商引来一批项目。', 'PLACE')).toEqual([]);
  });
  it('a model place that is two such short names run together is both (a district’s short name too)', () => {
    const places = recognize('武威凉州推进产业发展。武威市凉州区召开会议。').filter((m) => m.kind === 'PLACE');
    expect(places.map((m) => `${m.text}:${m.canonical ?? ''}`)).toEqual(['武威:武威市', '凉州:凉州区', '武威市:', '凉州区:']);
  });
});

describe('a company brand jieba cut into single characters', () => {
  it('before an industry noun and an officer title is the company', () => {
    expect(found('“很好。”小禾智能董事长王大海说。', 'ORGANIZATION')).toEqual(['小禾智能']);
    expect(found('“很好。”宏邦智能董事长王大海说。', 'ORGANIZATION')).toEqual(['宏邦智能']);
  });
});

describe('丨 separates the fields of a source line', () => {
  it('is never part of an outlet or a name', () => {
    expect(found('来源：北方网丨作者：王明 李华丨责任编辑：赵一', 'ORGANIZATION')).toEqual(['北方网']);
    const text = '来源：北方网丨作者：王明 李华丨责任编辑：赵一';
    const n = normalizeText(text);
    expect(
      recognize(n.text, { gaps: n.gaps })
        .filter((m) => m.kind === 'PERSON')
        .map((m) => m.text),
    ).toEqual(['王明', '李华', '赵一']);
  });
});

describe('a numeral, a measure word and a noun in quotation marks', () => {
  it('is a metaphor, not a counted slogan; a counted slogan stays a program', () => {
    expect(found('全村上下拧成“一股绳”，下好“一盘棋”。', 'PROGRAM')).toEqual([]);
    expect(found('村里推行“一村一品”，打造“三治融合”。', 'PROGRAM')).toEqual(['一村一品', '三治融合']);
  });
});

describe("an outlet's other name in the aside of its dateline", () => {
  it('is that outlet under another name (canonical the outlet)', () => {
    const orgs = recognize('北方网(北方日报网)讯(记者王明)春耕开始了。').filter((m) => m.kind === 'ORGANIZATION');
    expect(orgs.map((m) => `${m.text}:${m.canonical ?? ''}`)).toEqual(['北方网:', '北方日报网:北方网']);
  });
});

describe('names of peoples', () => {
  it('are neither people nor places by themselves', () => {
    expect(recognize('无论走到哪里，鄂温克猎民依然热爱大森林。')).toEqual([]);
    expect(recognize('年轻的达斡尔牧民依然热爱草原。')).toEqual([]);
  });
  it('nor are the merchants of a province as a group (浙商)', () => {
    expect(found('他们愿意携手楚商伙伴共同发展。', 'PERSON')).toEqual([]);
  });
});

describe('驻村 (stationed in a village)', () => {
  it('is no place, nor the end of one after a province', () => {
    const text = '他们是湖南驻村第一书记。';
    const places = ruleCandidates(text, segment(text)).filter((c) => c.kind === 'PLACE');
    expect(places.map((c) => text.slice(c.start, c.end))).toEqual(['湖南']);
  });
});

describe('a prefecture named 地区 in the division index', () => {
  it('is one place with its 地区; a region by direction is none', () => {
    const text = '工作队从首府出发，到了和田地区墨玉县的一个村。';
    const places = ruleCandidates(text, segment(text)).filter((c) => c.kind === 'PLACE');
    expect(places.map((c) => text.slice(c.start, c.end))).toEqual(['和田地区', '墨玉县']);
    const other = '西北地区今天降温。';
    expect(ruleCandidates(other, segment(other)).filter((c) => c.kind === 'PLACE' && other.slice(c.start, c.end).endsWith('地区'))).toEqual([]);
  });
});

describe('a list closed by a count of villages', () => {
  const counted = (text: string): string[] =>
    ruleCandidates(text, segment(text))
      .filter((c) => c.rule === 'place:counted')
      .map((c) => text.slice(c.start, c.end));
  it('names one place per item when the count is the number of items', () => {
    expect(counted('乡里的红柳湾、沙枣台和野狐坡三个自然村都通了水泥路。')).toEqual(['红柳湾', '沙枣台', '野狐坡']);
    expect(counted('工作队走访了前营子和后营子两个嘎查。')).toEqual(['前营子', '后营子']);
  });
  it('names none when the count differs (…等四个) or an item is no name', () => {
    expect(counted('乡里的红柳湾、沙枣台和野狐坡等四个自然村都通了水泥路。')).toEqual([]);
    expect(counted('乡里的红柳湾、沙枣台和野狐坡四个自然村都通了水泥路。')).toEqual([]);
    // A count inside a larger number (十二个) is no count of this list.
    expect(counted('工作队走访了前营子和后营子十二个嘎查。')).toEqual([]);
  });
});

describe('a Mongolian name after a title', () => {
  it('goes on over the name elements jieba cut off (as a model span does)', () => {
    expect(found('那天，牧民乌哈毕力格激动地告诉记者，分红比去年多。', 'PERSON')).toEqual(['乌哈毕力格']);
  });
});

describe('a quoted list that trails off', () => {
  it('is no program: an ellipsis ends the list of examples', () => {
    expect(found('“苏和、巴图、其其格……”工作人员一个个念着名字。', 'PROGRAM')).toEqual([]);
  });
  it('while a listed program without one still is', () => {
    expect(found('镇里推广“合作社、党员、牧户”的做法。', 'PROGRAM')).toContain('合作社、党员、牧户');
  });
});

describe('a zone after a title and a verb', () => {
  it('starts at the place name, not at the title before it', () => {
    const places = found('会上，王建国副市长代表临港开发区致辞。', 'PLACE');
    expect(places).toContain('临港开发区');
    expect(places.some((p) => p.includes('市长'))).toBe(false);
  });
});

describe('a model span that starts inside a common word', () => {
  it('is no organization (乡镇 + 卫生院 is not 镇卫生院)', () => {
    expect(found('全县共有十二个乡镇卫生院，医生一直不够用。', 'ORGANIZATION')).toEqual([]);
  });
});

describe("jieba's word for a kind of body", () => {
  it('is no name by itself (人民法院, 上市公司)', () => {
    expect(found('村民们依法向人民法院提起了诉讼。', 'ORGANIZATION')).toEqual([]);
    expect(found('不少上市公司的利润增长很快。', 'ORGANIZATION')).toEqual([]);
  });
  it('while a place before it makes it a name', () => {
    expect(found('宁城县人民法院审结了这起案件。', 'ORGANIZATION')).toEqual(['宁城县人民法院']);
  });
});

describe('a speaker who speaks for a body (ninth round)', () => {
  it('is no part of its name: 代表 ends the stem of an organization', () => {
    const orgs = found('会上，李振华代表县委、县政府向参会企业表示感谢。', 'ORGANIZATION');
    expect(orgs).toContain('县委');
    expect(orgs.some((o) => o.includes('代表'))).toBe(false);
    const orgs2 = found('王海涛首先代表平山市委，向来宾表示欢迎。', 'ORGANIZATION');
    expect(orgs2.some((o) => o.includes('代表'))).toBe(false);
  });
});

describe('a cooperative that a party branch runs (领办, 创办)', () => {
  it('is no organization named after the branch; the branch is', () => {
    const orgs = found('昨天，红柳沟村党支部领办合作社召开了分红大会。', 'ORGANIZATION');
    expect(orgs).toContain('红柳沟村党支部');
    expect(orgs.some((o) => o.includes('领办'))).toBe(false);
  });
  it('and a branch named by its level alone before it names a practice, not a body', () => {
    expect(found('全县推行村党支部领办集体合作社，集体收入逐年增加。', 'ORGANIZATION')).toEqual([]);
  });
});

describe('generic words and their pieces', () => {
  it('集团 and 中心 alone are no organization', () => {
    expect(found('下一步，集团将加快推进项目建设。', 'ORGANIZATION')).toEqual([]);
    expect(found('这两年，中心村办起了农家乐。', 'ORGANIZATION')).toEqual([]);
  });
  it('a piece of a generic term is no name (楚 in 楚商, merchants of Hubei)', () => {
    expect(found('楚商大会明天在武汉开幕。', 'PLACE')).toEqual(['武汉']);
  });
});

describe('a place found only inside an organization’s name', () => {
  it('recurs as a place where the text names it alone', () => {
    const text = '去年，乌审旗图克镇道木嘎查党支部带头修了路。如今，道木嘎查的牛羊都有了销路。';
    const places = recognize(text).filter((m) => m.kind === 'PLACE' && m.text === '道木嘎查');
    expect(places.map((m) => m.start)).toEqual([text.indexOf('道木嘎查'), text.lastIndexOf('道木嘎查')]);
  });
});

describe('a photo credit', () => {
  it('on a line of its own is the name without 摄', () => {
    expect(found('大家围着炉子包饺子。\n刘军摄\n', 'PERSON')).toEqual(['刘军']);
  });
  it('after a caption whose lines the page joined (a gap after 摄)', () => {
    const text = '大家围着炉子包饺子。那顺摄初二早上，村里又热闹起来。';
    const gap = text.indexOf('摄') + 1;
    expect(found(text, 'PERSON', [gap])).toEqual(['那顺']);
    // Without the gap 摄 runs on into the next words: no credit there.
    expect(found('他们把照片拍摄成册。刘军摄影多年。', 'PERSON').includes('刘军摄')).toBe(false);
  });
});

describe('a name glossed in brackets', () => {
  it('names a body whose name is quoted: the gloss is part of the span and not of its canonical name', () => {
    const text = '她组织成立了“乌兰其其格(意为红色的花)畜牧专业合作社”,带动牧户增收。';
    const orgs = recognize(text).filter((m) => m.kind === 'ORGANIZATION');
    expect(orgs.map((m) => [m.text, m.canonical])).toEqual([['乌兰其其格(意为红色的花)畜牧专业合作社', '乌兰其其格畜牧专业合作社']]);
  });
  it('but brackets that are no gloss still end the name', () => {
    const orgs = found('她组织成立了“乌兰其其格(去年十月)畜牧专业合作社”。', 'ORGANIZATION');
    expect(orgs.some((o) => o.includes('去年'))).toBe(false);
  });
});

describe('a road between two places', () => {
  it('names a place at each end (X至Y的新公路), also where jieba runs 至 into an unknown word', () => {
    expect(found('去年秋天，镇里修通了一条巴彦花至查干敖包的新公路。', 'PLACE')).toEqual(['巴彦花', '查干敖包']);
  });
  it('not between hours, nor without a road', () => {
    expect(found('每天上午9点至11点的道路封闭。', 'PLACE')).toEqual([]);
    expect(found('活动从周一持续至周五的下午。', 'PLACE')).toEqual([]);
  });
});

describe('half of a bracketed phrase', () => {
  it('is never a name: the body inside the brackets is found instead', () => {
    const text = '多年来，省农业农村厅（原省农业厅）党组把帮扶放在心上。';
    const orgs = found(text, 'ORGANIZATION');
    expect(orgs).toContain('省农业农村厅');
    expect(orgs.every((o) => !/[（）]/.test(o))).toBe(true);
  });
  it('keeps a name that holds a whole bracketed part', () => {
    expect(found('他在华兴（中国）投资有限公司工作多年。', 'ORGANIZATION')).toContain('华兴（中国）投资有限公司');
  });
});

describe('a bureau named after two fields joined by 和', () => {
  it('is one body from the level on', () => {
    const orgs = found('县林业和草原局、市住房和城乡建设局的干部一起下乡。', 'ORGANIZATION');
    expect(orgs).toContain('县林业和草原局');
    expect(orgs).toContain('市住房和城乡建设局');
  });
  it('but 和 between two bodies still parts them', () => {
    expect(found('县林业局和教育局联合行动。', 'ORGANIZATION')).toEqual(['县林业局', '教育局']);
    expect(found('县政府和林业局联合行动。', 'ORGANIZATION').some((o) => o.includes('和'))).toBe(false);
  });
});

describe('a policy named for whom it serves', () => {
  it('holds no place, though its first word names a county elsewhere', () => {
    expect(found('牧民们都说党和政府的惠民政策好。', 'PLACE')).toEqual([]);
    expect(found('山东省惠民县的干部来参观。', 'PLACE')).toContain('惠民县');
  });
});

describe('驻村 before a post', () => {
  it('is no end of a place’s name', () => {
    expect(found('县里选优配强驻村第一书记和工作队。', 'PLACE')).toEqual([]);
    expect(found('去年，他从市委选派至李家村任驻村第一书记。', 'PLACE')).toEqual(['李家村']);
    expect(found('她被选派到东山社区任驻社区第一书记。', 'PLACE')).toEqual(['东山社区']);
  });
});

describe('things named after a people or a nation', () => {
  it('hold no place (a yurt, a policy term, the nation in the graph), while People’s Daily’s flat reading keeps the nation’s', () => {
    expect(found('早饭后，大家来到蒙古包里一起学习。', 'PLACE')).toEqual([]);
    expect(found('嘎查把铸牢中华民族共同体意识作为工作主线。', 'PLACE')).toEqual([]);
    expect(found('中华民族的传统美德代代相传。', 'PLACE')).toEqual([]);
    expect(recognize('中华民族的传统美德代代相传。', { nested: false }).map((m) => `${m.text}:${m.kind}`)).toEqual(['中华:PLACE']);
  });
});

describe('a title of praise', () => {
  it('the first village or town of a trade is no place', () => {
    expect(found('这里被誉为‘江北葡萄第一村’。', 'PLACE')).toEqual([]);
    expect(found('这个村被称为“河东土豆第一村”。', 'PLACE')).toEqual([]);
  });
});

describe('a name run into a verb', () => {
  it('ends where the verb jieba reads whole begins', () => {
    expect(found('市政府副市长吴剑出席并讲话。', 'PERSON')).toEqual(['吴剑']);
  });
});

describe('a Mongolian title whose last character jieba glues to the name', () => {
  it('still opens the name (苏木达: the head of a sumu)', () => {
    expect(found('苏木达巴图孟和、副苏木达额尔敦参加了会议。', 'PERSON')).toEqual(['巴图孟和', '额尔敦']);
    expect(found('会上，苏木达朝格图讲了话。', 'PERSON')).toEqual(['朝格图']);
  });
});

describe('a township of a people', () => {
  it('is one place: the name, the people, then 民族乡 or 族乡', () => {
    expect(found('猎民们世代生活在乌力吉鄂温克民族乡。', 'PLACE')).toEqual(['乌力吉鄂温克民族乡']);
    expect(found('他来自石门满族乡。', 'PLACE')).toEqual(['石门满族乡']);
    expect(found('全国有很多民族乡。', 'PLACE')).toEqual([]);
  });
});

describe('任 (serve as) between a place and a post of its level', () => {
  it('opens no place or body', () => {
    const text = '经过遴选，他到城关区李家村任村党支部书记。';
    expect(found(text, 'PLACE')).toEqual(expect.arrayContaining(['李家村']));
    expect([...found(text, 'PLACE'), ...found(text, 'ORGANIZATION')].some((n) => n.includes('任'))).toBe(false);
  });
  it('but a place named 任村 after a place of another level stays', () => {
    expect(found('他调到林州市任村镇工作。', 'PLACE')).toContain('任村镇');
  });
});

describe('the words of a slogan are no names (3 Dec 2026, fresh pages of the genre)', () => {
  it('reads no place in 和美乡村 (harmonious, beautiful countryside), where the model read 美 as America', () => {
    const text = '全镇上下齐心协力，为建设宜居宜业和美乡村打下了坚实基础。';
    expect(found(text, 'PLACE')).toEqual([]);
    // 美 stays a place where it names the country.
    expect(found('中美两国代表今天举行会谈。', 'PLACE')).toContain('美');
  });
  it('reads no person in a question of the form A不A after a title, nor a post as a body', () => {
    expect(found('村民富不富，关键看支部。', 'PERSON')).toEqual([]);
    expect(found('县委书记张明，县委常委、副县长王刚出席会议。', 'ORGANIZATION')).not.toContain('县委常委');
  });
  it('reads the short form of a slogan of three parts as that program, not its characters as names', () => {
    const text = '自治区开展“访民情、惠民生、聚民心”活动以来，“访惠聚”工作队员走进了每一户牧民家中。';
    const short = recognize(text).find((m) => m.text === '访惠聚');
    expect(short?.kind).toBe('PROGRAM');
    expect(short?.canonical).toBe('访民情、惠民生、聚民心');
    expect(found(text, 'PLACE')).toEqual([]);
    // Two parts make no short form.
    expect(found('村里落实“支部牵头、党员示范”，支党二字写在墙上。', 'PROGRAM')).not.toContain('支党');
  });
  it("reads a county's short name as the county where jieba's dictionary also holds it as a person", () => {
    const short = recognize('贵州省石阡县地处山区。在石阡，茶叶是农民的主要收入。').find((m) => m.text === '石阡');
    expect(short?.kind).toBe('PLACE');
    expect(short?.canonical).toBe('石阡县');
  });
  it('starts a body at the division the index knows where a character of its name reads as a word (和 of 和林格尔县)', () => {
    expect(found('签约仪式上，和林格尔县人民政府、两家乳业集团签署了协议。', 'ORGANIZATION')).toEqual(['和林格尔县人民政府']);
  });
  it('reads no village in a common word for one (发展 + 乡村, 小 + 渔村), though the index holds such names', () => {
    expect(found('他们以发展乡村特色产业为主线，带动群众增收。', 'PLACE')).toEqual([]);
    expect(found('很多年前，这个小渔村只有几十户人家。', 'PLACE')).toEqual([]);
    expect(found('他在河北省保定市工作。', 'PLACE')).toContain('保定市');
  });
  it('reads an item of a list of people as a person where the model left it out between two found ones', () => {
    expect(found('到场的老专家有李四光、茅以升、竺可桢、苏步青等人。', 'PERSON')).toEqual(['李四光', '茅以升', '竺可桢', '苏步青']);
    // Not beside a single person in a list of things.
    expect(found('会上，苹果、梨子、桃子、葡萄都摆上了桌。', 'PERSON')).not.toContain('梨子');
    // Beside one person, only where three people are found: a person inside the list counts once, not per 、.
    expect(found('桌上摆着张建国、李明华、苹果、梨子等人带来的礼物。', 'PERSON')).toEqual(['张建国', '李明华']);
    // Not for the model alone (a rule).
    const alone = recognize('到场的老专家有李四光、茅以升、竺可桢、苏步青等人。', { rules: false }).map((m) => m.text);
    expect(alone).not.toContain('竺可桢');
  });
  it('reads no place in a time zone named after the capital (北京时间)', () => {
    expect(found('据测定，北京时间6月6日凌晨，那里发生了地震。', 'PLACE')).toEqual([]);
    expect(found('他今年在北京工作。', 'PLACE')).toEqual(['北京']);
  });
  it('ends a name before an adverb that follows it (凑, 便, 很 …), and keeps names ending in 才', () => {
    expect(found('驻村工作队队长刘卫东凑在记者耳边说了几句。', 'PERSON')).toEqual(['刘卫东']);
    expect(found('从那天起，第一书记李勇便和大棚较上了劲。', 'PERSON')).toEqual(['李勇']);
    expect(found('村支书赵德才带领大家修路。', 'PERSON')).toEqual(['赵德才']);
  });
  it('reads no person in a generic word after a title (牧民 + 微信群), nor in a longer reading that opens with one', () => {
    expect(found('嘎查通过牧民微信群、横幅标语等方式宣传防火知识。', 'PERSON')).toEqual([]);
    expect(found('大家在村民微信群里讨论明年的种植计划。', 'PERSON')).toEqual([]);
    expect(found('牧民巴特尔在微信群里通知大家开会。', 'PERSON')).toEqual(['巴特尔']);
  });
  it('reads the short name of a prefecture the model takes for a person as that place (鄂尔多斯 → 鄂尔多斯市)', () => {
    expect(found('记者从沙漠鄂尔多斯段的治沙现场获悉。', 'PERSON')).toEqual([]);
    expect(found('记者从沙漠鄂尔多斯段的治沙现场获悉。', 'PLACE')).toContain('鄂尔多斯');
  });
  it('reads no place in the level words of a collective (苏木镇, 城镇社区)', () => {
    expect(found('苏木镇、嘎查村两级党组织书记参加了培训。', 'PLACE')).toEqual([]);
    expect(found('这项服务已覆盖全部城镇社区。', 'PLACE')).toEqual([]);
  });
  it('reads no person in a breed of livestock (西门塔尔牛, 安格斯牛)', () => {
    expect(found('合作社去年引进了四十头西门塔尔牛，牧民那顺说长势很好。', 'PERSON')).toEqual(['那顺']);
    expect(found('园区的安格斯牛长势喜人。', 'PERSON')).toEqual([]);
  });
  it("reads a place's government (乌兰浩特市政府) as a body beside the place, the place alone in flat readings", () => {
    const text = '乌兰浩特市政府近日召开专题会议，部署春耕工作。';
    expect(found(text, 'ORGANIZATION')).toEqual(['乌兰浩特市政府']);
    expect(found(text, 'PLACE')).toEqual(['乌兰浩特市']);
    expect(recognize(text, { nested: false }).map((m) => `${m.text}:${m.kind}`)).toEqual(['乌兰浩特市:PLACE']);
    // an abbreviated banner gives its body the full name; a longer body that holds it is left as it is
    const banner = recognize('新左旗政府组织干部下乡。').find((m) => m.kind === 'ORGANIZATION');
    expect([banner?.text, banner?.canonical]).toEqual(['新左旗政府', '新巴尔虎左旗政府']);
    expect(found('乌兰浩特市政府办公室发出通知。', 'ORGANIZATION')).toEqual(['乌兰浩特市政府办公室']);
    // with 人民政府 too: both when nested, the place alone when flat
    const full = '乌兰浩特市人民政府近日召开专题会议。';
    expect(recognize(full).map((m) => `${m.text}:${m.kind}`)).toEqual(['乌兰浩特市:PLACE', '乌兰浩特市人民政府:ORGANIZATION']);
    expect(recognize(full, { nested: false }).map((m) => `${m.text}:${m.kind}`)).toEqual(['乌兰浩特市:PLACE']);
  });
  it('reads a natural place whole when nested, and as People’s Daily marks it (the stem, or nothing) when flat', () => {
    const flat = (text: string) =>
      recognize(text, { nested: false })
        .filter((m) => m.kind === 'PLACE')
        .map((m) => m.text);
    expect(found('牧民们世代生活在鄂尔多斯高原上。', 'PLACE')).toEqual(['鄂尔多斯高原']);
    expect(flat('牧民们世代生活在鄂尔多斯高原上。')).toEqual(['鄂尔多斯']);
    expect(flat('那个小县城地处黄土高原，常年少雨。')).toEqual([]);
    expect(found('科尔沁草原上的牧民开始储备草料。', 'PLACE')).toEqual(['科尔沁草原']);
    expect(found('游客们走进了怒江大峡谷。', 'PLACE')).toEqual(['怒江大峡谷']);
    expect(flat('游客们走进了怒江大峡谷。')).toEqual(['怒江']);
  });
  it('reads a quoted phrase the model reads exactly as a name as that name, not as a program', () => {
    const kinds = (text: string) => recognize(text).map((m) => `${m.text}:${m.kind}`);
    expect(kinds('粉碎“四人帮”以后，他回到了家乡。')).toEqual(['四人帮:ORGANIZATION']);
    expect(kinds('村里推行“一村一品”，效果很好。')).toEqual(['一村一品:PROGRAM']);
  });
  it('marks a surname before 某 or a form of address, and a place before 地区, as People’s Daily does when flat, the whole when nested', () => {
    const both = (text: string) => [recognize(text), recognize(text, { nested: false })].map((ms) => ms.map((m) => `${m.text}:${m.kind}`));
    expect(both('据调查，原村主任王某挪用了集体资金。')).toEqual([['王某:PERSON'], ['王:PERSON']]);
    expect(both('喀什地区的棉花今年又丰收了。')).toEqual([['喀什地区:PLACE'], ['喀什:PLACE']]);
    expect(both('院子里，邱大爷说：“今年的菜长得好。”')).toEqual([['邱大爷:PERSON'], ['邱:PERSON']]);
  });
  it('reads no name before a speech verb that is the end of another word (听说, 演说)', () => {
    expect(found('一次偶然的机会，赵然听说邻村有位老中医。', 'PERSON')).toEqual(['赵然']);
    expect(found('大会上，候选人发表了施政演说。', 'PERSON')).toEqual([]);
  });
  it('reads no place inside a national slogan or in the sun in the graph, as People’s Daily does when flat', () => {
    const places = (text: string, nested: boolean) =>
      recognize(text, { nested })
        .filter((m) => m.kind === 'PLACE')
        .map((m) => `${m.start}:${m.text}`);
    const text = '为实现中国梦贡献力量，他去年从中国返回家乡。';
    expect(places(text, true)).toEqual([`${text.lastIndexOf('中国')}:中国`]);
    expect(places(text, false)).toEqual([`${text.indexOf('中国')}:中国`, `${text.lastIndexOf('中国')}:中国`]);
    expect(places('早上六点，太阳刚刚升起，牧民们就出发了。', true)).toEqual([]);
    expect(places('早上六点，太阳刚刚升起，牧民们就出发了。', false)).toEqual(['5:太阳']);
  });
  it('reads a region and the landform after it as one natural place when nested, the region alone when flat', () => {
    const text = '深秋时节，金黄的巴尔虎草原上已经落了雪。';
    expect(found(text, 'PLACE')).toEqual(['巴尔虎草原']);
    expect(recognize(text, { nested: false }).map((m) => m.text)).toEqual(['巴尔虎']);
  });
  it('reads no place in a compass direction after a place (苏尼特右旗西南, 多伦县城东北), and a region where none precedes it', () => {
    expect(found('嘎查位于苏尼特右旗西南，距旗政府八十公里。', 'PLACE')).toEqual(['苏尼特右旗']);
    expect(found('合作社建在多伦县城东北5公里处。', 'PLACE')).toEqual(['多伦县']);
    expect(found('未来三天，西南地区东部有小雨。', 'PLACE')).toEqual(['西南']);
  });
  it('reads no name after a title where 兼 joins a second post or 同 means "with"', () => {
    expect(found('会上，镇人大主席兼村第一书记李明华作了发言。', 'PERSON')).toEqual(['李明华']);
    expect(found('驻村以后，工作队员和村民同吃住、同劳动。', 'PERSON')).toEqual([]);
  });
  it('starts a launched campaign after the aspect particle of its verb (启动了…行动)', () => {
    expect(found('镇里启动了青年志愿服务提升行动。', 'PROGRAM')).toEqual(['青年志愿服务提升行动']);
  });
  it('reads no place in a zone named by generic words alone, though the division index holds such a unit', () => {
    expect(found('今年又有三家企业入驻高新技术产业开发区。', 'PLACE')).toEqual([]);
  });
  it("reads an agreement's two parties written together (a government, then a company) as two bodies, and a government's department whole", () => {
    expect(found('双方签署《包头市人民政府蒙能科技集团公司战略合作协议》。', 'ORGANIZATION')).toEqual(['包头市人民政府', '蒙能科技集团公司']);
    expect(found('市人民政府办公室发布通知。', 'ORGANIZATION')).toEqual(['市人民政府办公室']);
  });
  it("reads no place in the motherland's northern frontier (祖国北疆) in the graph, and no name in page furniture", () => {
    expect(found('他们世代守护着祖国北疆的安宁。', 'PLACE')).toEqual([]);
    const lex = loadLexicons();
    expect(['扫一扫', '作者', '来源'].filter((w) => lex.nonEntities.has(w))).toEqual(['扫一扫', '作者', '来源']);
  });
  it("reads no person in a common word jieba's dictionary tags as a name (祥和) where the model finds none, and keeps the dictionary's people", () => {
    expect(found('院子里牛羊成群，一幅祥和的乡村振兴美景。', 'PERSON')).toEqual([]);
    expect(found('大家认真学习了彭真同志的讲话。', 'PERSON')).toEqual(['彭真']);
  });
  it("reads the region's cultural troupes and cultural brand as programs (乌兰牧骑, 北疆文化), not a person or a place", () => {
    expect(recognize('每到夏天，乌兰牧骑的队员们就到牧区为牧民演出。').map((m) => `${m.text}:${m.kind}`)).toEqual(['乌兰牧骑:PROGRAM']);
    expect(recognize('近年来，北疆文化品牌越来越响亮。').map((m) => `${m.text}:${m.kind}`)).toEqual(['北疆文化:PROGRAM']);
  });
  it("reads a province and a landform after it as the province alone (内蒙古草原 is the province's grassland)", () => {
    expect(found('辽阔的内蒙古草原上，牛羊成群。', 'PLACE')).toEqual(['内蒙古']);
  });
  it('reads the given name of a Kazakh or Uyghur person named in full, standing alone later, as that person', () => {
    const text = '护边员达拉汗·木斯楞在哨所值守了二十年。达拉汗说，这里就是家。';
    const people = recognize(text).filter((m) => m.kind === 'PERSON');
    expect(people.map((m) => `${m.text}:${m.canonical ?? ''}`)).toEqual(['达拉汗·木斯楞:', '达拉汗:达拉汗·木斯楞']);
  });
  it('reads no body across a division and the verb after it (乌审旗 + 围绕 + 旗委…), and keeps a division and its trade', () => {
    expect(found('他说，乌审旗围绕旗委提出的目标抓发展。', 'ORGANIZATION')).not.toContain('乌审旗围绕旗委');
    expect(found('阿荣旗种植专业合作社成立了。', 'ORGANIZATION')).toEqual(['阿荣旗种植专业合作社']);
  });
  it('reads no name in the words that open the paragraph after a byline (通讯员 某某, then 时间飞逝，…)', () => {
    expect(found('通讯员王丽娜时间飞逝，转眼间又到了秋收时节。', 'PERSON', [3, 6])).toEqual(['王丽娜']);
  });
  it("reads a byline's name without the 文 of a credit's 文/图", () => {
    expect(found('□本报记者王立军□本报见习记者赵海文/图仲夏时节，草原上牛羊成群。', 'PERSON')).toEqual(['王立军', '赵海']);
  });
  it('reads the national strategy by its short name (乡村振兴战略 is 乡村振兴)', () => {
    const m = recognize('嘎查全面推进乡村振兴战略，牧民收入稳步增长。').find((x) => x.kind === 'PROGRAM');
    expect([m?.text, m?.canonical]).toEqual(['乡村振兴战略', '乡村振兴']);
  });
});
