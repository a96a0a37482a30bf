/**
 * The same graph from every form: the bundled page as its text file, as a PDF printed in two columns by
 * Chromium, and as a saved web page (test/fixtures/formats/, made by scripts/make-format-fixtures.ts).
 */
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import type { MultiGraph } from 'graphology';
import { buildGraphFromPaths } from '../../src/pipeline.js';
import { readSources } from '../../src/text/read.js';
import { entitiesFromGraph, loadSeedGold, scoreEntities } from '../../src/eval/seed.js';
import { repoRoot } from '../helpers/cli.js';

const gold = loadSeedGold(resolve(repoRoot, 'test/fixtures/eval/seed-gold.json'));
const forms = {
  text: resolve(repoRoot, 'data/000_6a6b28fc1a4d90e2.txt'),
  pdf: resolve(repoRoot, 'test/fixtures/formats/page.pdf'),
  html: resolve(repoRoot, 'test/fixtures/formats/page.html'),
};

/** Typed relations (co-occurrence aside) by entity kind and label; articles by their number on the page. */
function relations(graph: MultiGraph): string[] {
  const name = (key: string, a: Record<string, unknown>) =>
    a['kind'] === 'ARTICLE' ? `ARTICLE${key.slice(key.lastIndexOf('#'))}` : `${String(a['kind'])}:${String(a['label'])}`;
  const out: string[] = [];
  graph.forEachEdge((_e, a, s, t, sa, ta) => {
    if (a['relation'] !== 'co_occurs') out.push(`${name(s, sa)} -${String(a['relation'])}/${String(a['label'])}-> ${name(t, ta)}`);
  });
  return out.sort();
}

describe('the bundled page from three forms', async () => {
  const graphs: Record<string, MultiGraph> = {};
  for (const [form, path] of Object.entries(forms)) graphs[form] = (await buildGraphFromPaths([path], { layout: false, workers: 1 })).graph;

  it.each(Object.keys(forms))('%s: entity F1 ≥ 0.97 against the seed gold', (form) => {
    const s = scoreEntities(gold.entities, entitiesFromGraph(graphs[form]!));
    expect(s.overall.f1, `${form}: missed ${s.missed.map((m) => m.name).join(',')}`).toBeGreaterThanOrEqual(0.97);
  });

  it('PDF and web page give the same typed relations as the text', () => {
    const text = relations(graphs['text']!);
    expect(text.length).toBeGreaterThan(50);
    expect(relations(graphs['pdf']!)).toEqual(text);
    expect(relations(graphs['html']!)).toEqual(text);
  });

  it('PDF evidence names page 1 and points into the extracted page text', async () => {
    const [page] = await readSources(forms.pdf);
    const cps = Array.from(page!.text);
    let checked = 0;
    graphs['pdf']!.forEachNode((_k, a) => {
      if (a['kind'] === 'ARTICLE') return;
      const ev = (a['evidence'] as Array<{ page?: number; sourceSpans: Array<[number, number]> }>)[0]!;
      expect(ev.page).toBe(1);
      const surface = ev.sourceSpans
        .map(([s, e]) => cps.slice(s, e).join(''))
        .join('')
        .replace(/\s/g, '');
      expect([a['label'], ...(a['aliases'] as string[])]).toContain(surface);
      checked++;
    });
    expect(checked).toBeGreaterThan(50);
  });

  it('the web page: title, date and canonical URL on its ARTICLE nodes; navigation, comments and scripts not read', async () => {
    const [doc] = await readSources(forms.html);
    expect(doc!.meta).toMatchObject({
      title: '抗"疫"路上践行初心使命',
      date: '2020-02-07',
      dateSource: 'html:article:published_time',
      url: 'https://news.example.org/2020-02/07/page-3.html',
    });
    for (const word of ['鄂尔多斯市频道', '包头市', '乌海市', '巴彦淖尔市', '阿拉善盟', '乌兰察布市', '兴安盟', '网友评论', '版权所有'])
      expect(doc!.text).not.toContain(word);
    const articles = graphs['html']!.filterNodes((_k, a) => a['kind'] === 'ARTICLE');
    expect(articles.length).toBeGreaterThan(5);
    for (const k of articles) {
      expect(graphs['html']!.getNodeAttributes(k)).toMatchObject({
        date: '2020-02-07',
        date_source: 'html:article:published_time',
        url: 'https://news.example.org/2020-02/07/page-3.html',
      });
    }
  });
});
