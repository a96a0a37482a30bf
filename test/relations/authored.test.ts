import { describe, expect, it } from 'vitest';
import type { Author } from '../../src/types.js';
import { makeArticle, run, triples } from './helpers.js';

describe('authored and byline roles', () => {
  const text = '增收路上\n□本报记者 巴依斯古楞 二连浩特报记者 李晓英\n苏吉嘎查是锡林郭勒盟二连浩特市格日勒敖都苏木的牧业嘎查。';
  const at = (name: string) => text.indexOf(name);
  const authors: Author[] = [
    { name: '巴依斯古楞', role: '撰稿', title: '本报记者', start: at('巴依斯古楞'), end: at('巴依斯古楞') + 5 },
    { name: '李晓英', role: '撰稿', outlet: '二连浩特报', title: '二连浩特报记者', start: at('李晓英'), end: at('李晓英') + 3 },
  ];

  it('links each byline person to the article node, and the outlet reporter to the outlet', () => {
    const a = makeArticle(text, 'p#7', authors);
    const r = run([
      {
        article: a,
        specs: [
          ['巴依斯古楞', 'PERSON'],
          ['李晓英', 'PERSON'],
          ['二连浩特市', 'PLACE'],
          ['苏吉嘎查', 'PLACE'],
          ['锡林郭勒盟', 'PLACE'],
          ['格日勒敖都苏木', 'PLACE'],
        ],
      },
    ]);
    expect(triples(r, 'authored')).toEqual(['巴依斯古楞 -authored-> ARTICLE:p#7 (撰稿)', '李晓英 -authored-> ARTICLE:p#7 (撰稿)']);
    expect(triples(r, 'role')).toEqual(['李晓英 -role-> 二连浩特报 (记者)']);
    // The outlet, recovered from the byline, lies in the city it is named after.
    expect(triples(r, 'located_in')).toContain('二连浩特报 -located_in-> 二连浩特市 (位于)');
  });

  it('keeps the photo credit label', () => {
    const t = '庄严宣誓\n边检站党员在党旗前庄严宣誓。 韩海鹏 摄';
    const a = makeArticle(t, 'p#5', [{ name: '韩海鹏', role: '摄影', start: t.indexOf('韩海鹏'), end: t.indexOf('韩海鹏') + 3 }]);
    const r = run([{ article: a, specs: [['韩海鹏', 'PERSON']] }]);
    expect(triples(r, 'authored')).toEqual(['韩海鹏 -authored-> ARTICLE:p#5 (摄影)']);
  });
});
