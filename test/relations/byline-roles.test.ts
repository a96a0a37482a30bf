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
  it('gives no role when the article names no outlet', () => {
    expect(roles('本刊记者杨帆报道。村里推行新的养殖模式。')).toEqual([]);
  });
});
