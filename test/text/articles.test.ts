import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseByline, splitArticles } from '../../src/text/articles.js';
import { photoCredit } from '../../src/text/bylines.js';
import { splitSentences } from '../../src/text/sentences.js';
import { repoRoot } from '../helpers/cli.js';

const pagePath = resolve(repoRoot, 'data/000_6a6b28fc1a4d90e2.txt');
const gold = JSON.parse(readFileSync(resolve(repoRoot, 'test/fixtures/eval/seed-gold.json'), 'utf8')) as {
  documents: Array<{ title: string; authors: string[] }>;
};

describe('parseByline', () => {
  it('reads titles, outlets and names', () => {
    expect(parseByline('□本报记者 巴依斯古楞 二连浩特报记者 李晓英')).toEqual([
      { name: '巴依斯古楞', title: '本报记者' },
      { name: '李晓英', title: '二连浩特报记者', outlet: '二连浩特报' },
    ]);
    expect(parseByline('□郝佳丽')).toEqual([{ name: '郝佳丽' }]);
    expect(parseByline('□本报记者')).toEqual([]);
  });
  it('reads the names before a credit or a paragraph the page ran on into the byline, and none of its clauses', () => {
    expect(parseByline('□本报记者王立军□本报见习记者赵海文/图仲夏时节，草原上，不管是暴雨倾盆，还是大雪漫天，他们都去巡边。')).toEqual([
      { name: '王立军', title: '本报记者' },
      { name: '赵海', title: '本报见习记者' },
    ]);
    expect(parseByline('□本报记者 李明 仲夏时节，草原上牛羊成群。')).toEqual([{ name: '李明', title: '本报记者' }]);
    expect(parseByline('□记者 张三、李四 通讯员 王五')).toEqual([
      { name: '张三', title: '记者' },
      { name: '李四', title: '记者' },
      { name: '王五', title: '通讯员' },
    ]);
  });
});

describe('photoCredit', () => {
  const names = (caption: string, gaps: number[] = []) => photoCredit(caption, gaps).map((c) => caption.slice(c.start, c.end));

  it('reads the name before 摄, without the title and outlet before it', () => {
    expect(names('草场上的羊群。张军摄')).toEqual(['张军']);
    const c = '牧民在新建的棚圈里喂羊。新华社记者张晓光摄';
    expect(photoCredit(c, [c.indexOf('张晓光')])).toEqual([{ name: '张晓光', start: c.indexOf('张晓光'), end: c.indexOf('张晓光') + 3 }]);
    expect(names('牧民在放牧。本报记者王雪梅摄')).toEqual(['王雪梅']);
    expect(names('牧民在放牧。通讯员巴特尔摄')).toEqual(['巴特尔']);
  });

  it('splits names at the removed white space, unless that cuts a name into single characters', () => {
    const two = '村里的文化广场。记者王红李强摄';
    expect(names(two, [two.indexOf('王红'), two.indexOf('李强')])).toEqual(['王红', '李强']);
    const padded = '村里的文化广场。记者张军摄';
    expect(names(padded, [padded.indexOf('张'), padded.indexOf('军')])).toEqual(['张军']);
  });

  it('finds nothing without a credit, or with a title and no name', () => {
    expect(names('村里的文化广场。')).toEqual([]);
    expect(names('村里的文化广场。本报记者摄')).toEqual([]);
    expect(names('摄')).toEqual([]);
  });
});

describe('splitArticles: photo credits', () => {
  it('a caption credited to an outlet’s reporter names the photographer alone', () => {
    const text = '春季接羔\n\n牧民在新建的暖棚里照看刚出生的羊羔，今年全嘎查新建暖棚四十多座。 新华社记者 张晓光 摄\n';
    const articles = splitArticles({ path: 'credit.txt', encoding: 'utf-8', text });
    const credits = articles.flatMap((a) => a.authors.map((x) => ({ ...x, text: a.text.slice(x.start, x.end) })));
    expect(credits.map((c) => [c.name, c.role, c.text])).toEqual([['张晓光', '摄影', '张晓光']]);
  });
});

describe('splitSentences', () => {
  it('splits after final punctuation and at line breaks, keeping closing quotes', () => {
    const s = splitSentences('他说：“好。”然后走了！\n标题\n没有句号');
    expect(s.map((x) => x.text)).toEqual(['他说：“好。”', '然后走了！', '标题', '没有句号']);
    for (const x of s) expect(x.text).toBe('他说：“好。”然后走了！\n标题\n没有句号'.slice(x.start, x.end));
  });
});

describe('splitArticles', () => {
  const text = readFileSync(pagePath, 'utf8');
  const articles = splitArticles({ path: pagePath, encoding: 'utf-8', text });

  it('finds the articles of the bundled page with their bylines and photo credits', () => {
    expect(articles.length).toBe(gold.documents.length);
    const authors = articles.flatMap((a) => a.authors.map((x) => x.name)).sort();
    expect(authors).toEqual(gold.documents.flatMap((d) => d.authors).sort());
    const credit = articles.flatMap((a) => a.authors).find((a) => a.role === '摄影');
    expect(credit?.name).toBe('韩海鹏');
  });

  it('uses the titles printed on the page', () => {
    const titles = articles.map((a) => a.title.replace(/\s/g, ''));
    for (const t of ['做实党建工作助推脱贫攻坚', '讲解疫情防控知识', '志愿服务', '庄严宣誓', '增收路上我引路']) {
      expect(titles).toContain(t);
    }
  });

  it('joins words broken by the layout and maps every character back to the file', () => {
    const all = articles.map((a) => a.text).join('\n');
    expect(all).toContain('各苏木乡镇和嘎查村党组织');
    expect(all).toContain('冬不冷村吉庆合养殖专业合作社');
    expect(all).toContain('鄂尔多斯市杭锦旗吉日嘎朗图镇成立青年突击队');
    const cps = Array.from(text);
    for (const a of articles) {
      for (let i = 0; i < a.text.length; i++) {
        if (a.text[i] === '\n' || a.text[i] === ' ') continue;
        expect(cps[a.map[i]!]).toBe(a.text[i]);
      }
    }
  });

  it('never runs a page’s record line on into the paragraph after it', () => {
    const text = '青山村的新变化\n\n时间:2021-05-06 09:30 来源:县委宣传部 作者:本站 浏览:次   \n\n  青山村位于县城东面，全村共有两百户人家。\n';
    const [a] = splitArticles({ path: 'p.txt', encoding: 'utf-8', text });
    expect(a!.text).toContain('浏览:次\n青山村位于');
  });

  it('gives stable ids from the file name', () => {
    expect(articles.map((a) => a.id)).toEqual(articles.map((_, i) => `000_6a6b28fc1a4d90e2#${i + 1}`));
  });

  it('handles empty and whitespace-only text', () => {
    expect(splitArticles({ path: 'e.txt', encoding: 'utf-8', text: '' })).toEqual([]);
    expect(splitArticles({ path: 'e.txt', encoding: 'utf-8', text: ' \n\n \u3000\n' })).toEqual([]);
  });
});
