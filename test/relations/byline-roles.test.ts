import { describe, expect, it } from 'vitest';
import { buildFromSources } from '../../src/pipeline.js';

const roles = (text: string): string[] => {
  const { graph } = buildFromSources([{ path: 'byline.txt', encoding: 'utf-8', text }], { layout: false });
  const out: string[] = [];
  graph.forEachEdge((_, a, s, t) => {
    if (a['relation'] === 'role') out.push(`${s}|${a['label']}|${t}`);
  });
  return out.sort();
};

describe('byline roles', () => {
  it('gives every name of a byline list the role of the first', () => {
    expect(roles('人民日报记者杨帆、吴越报道。村里推行新的养殖模式。')).toEqual([
      'PERSON:吴越|记者|ORGANIZATION:人民日报',
      'PERSON:杨帆|记者|ORGANIZATION:人民日报',
    ]);
  });
  it('ties a byline without an outlet to the outlet of the dateline', () => {
    expect(roles('新华社北京9月1日电（记者杨帆、吴越）村里推行新的养殖模式。')).toEqual([
      'PERSON:吴越|记者|ORGANIZATION:新华社',
      'PERSON:杨帆|记者|ORGANIZATION:新华社',
    ]);
  });
  it('takes a name alone on a line of the page head as its author, for the outlet of the source line', () => {
    expect(roles('山村新事\n\n杨帆\n\n2023年05月06日 来源：人民日报\n\n村里推行新的养殖模式。')).toEqual(['PERSON:杨帆|作者|ORGANIZATION:人民日报']);
    // Further down, a name alone on a line (a caption) is no author.
    expect(roles('山村新事\n\n2023年05月06日 来源：人民日报\n\n村里推行新的养殖模式。\n\n养殖户说了很多。\n\n杨帆\n\n年底分红了。')).toEqual([]);
  });
  it('gives no role when the article names no outlet', () => {
    expect(roles('本刊记者杨帆报道。村里推行新的养殖模式。')).toEqual([]);
  });
  it('reads a byline written as a field with a colon, names parted by spaces, on a line with the source', () => {
    expect(roles('山村新事\n\n发布时间：2023-05-06 08:00 来源：北方晨报 作者：吴越 杨帆\n\n村里推行新的养殖模式。')).toEqual([
      'PERSON:吴越|作者|ORGANIZATION:北方晨报',
      'PERSON:杨帆|作者|ORGANIZATION:北方晨报',
    ]);
  });
  it('gives the page editor no role', () => {
    expect(roles('山村新事\n\n通讯员：吴越 编辑：杨帆 来源：北方晨报\n\n村里推行新的养殖模式。')).toEqual(['PERSON:吴越|通讯员|ORGANIZATION:北方晨报']);
  });
  it('prefers the outlet of the dateline to the site that republished the story', () => {
    expect(roles('山村新事\n\n来源：远山资讯网\n\n北方晨报网锦州讯（记者 吴越 杨帆）村里推行新的养殖模式。')).toEqual([
      'PERSON:吴越|记者|ORGANIZATION:北方晨报网',
      'PERSON:杨帆|记者|ORGANIZATION:北方晨报网',
    ]);
  });
  it('ties a joint byline to the paper, not its channel, and splits two names the page ran together', () => {
    expect(roles('山村新事\n\n北方晨报·远山视频记者李平赵晓东\n\n村里推行新的养殖模式。')).toEqual([
      'PERSON:李平|记者|ORGANIZATION:北方晨报',
      'PERSON:赵晓东|记者|ORGANIZATION:北方晨报',
    ]);
  });
  it('keeps a dated source line in the article, so its outlet is found', () => {
    const { graph } = buildFromSources(
      [{ path: 'dated.txt', encoding: 'utf-8', text: '山村新事\n\n2023年05月06日09:49    来源：北方晨报\n\n村里推行新的养殖模式。' }],
      { layout: false },
    );
    expect(graph.hasNode('ORGANIZATION:北方晨报')).toBe(true);
  });
  it('ties a photo credit to the outlet right before its title, a compound surname whole', () => {
    expect(roles('山村新事\n\n来源：远山资讯网\n\n村里推行新的养殖模式（锦州日报全媒体记者 欧阳平 摄）。')).toEqual([
      'PERSON:欧阳平|记者|ORGANIZATION:锦州日报',
    ]);
  });
  it('gives every post of a chain of posts before a name', () => {
    const text = '锦州市委常委、凌海市委书记吴越表示，村里推行新的养殖模式。';
    expect(roles(text)).toEqual(expect.arrayContaining(['PERSON:吴越|书记|ORGANIZATION:凌海市委', 'PERSON:吴越|常委|ORGANIZATION:锦州市委']));
  });
});

describe('posts named by their level', () => {
  it('ties 省委 and 省长 to the one province the article names', () => {
    const text = '辽宁省召开座谈会。省委副书记、省长吴越讲话，副省长杨帆参加。';
    expect(roles(text)).toEqual(['PERSON:吴越|副书记|ORGANIZATION:辽宁省委', 'PERSON:吴越|省长|PLACE:辽宁省', 'PERSON:杨帆|副省长|PLACE:辽宁省']);
  });
  it('leaves them alone when the article names two provinces, one of them only in a body’s name', () => {
    expect(roles('辽宁省和吉林省代表团来访。副省长杨帆参加。')).toEqual([]);
    expect(roles('辽宁省迎来吉林省代表团。副省长杨帆参加。')).toEqual([]);
  });
});
