/**
 * Traditional-script input end to end: conversion for analysis, offsets back into the file as given,
 * evidence as written, traditional forms as aliases of simplified labels. The traditional version of the
 * bundled page is made here with opencc-js (s2t); no converted text is stored.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import * as OpenCC from 'opencc-js';
import type { MultiGraph } from 'graphology';
import { buildFromSources } from '../../src/pipeline.js';
import { splitArticles } from '../../src/text/articles.js';
import { readSource } from '../../src/text/read.js';
import { makeEvidence } from '../../src/text/evidence.js';
import { writtenText } from '../../src/text/written.js';
import { scriptScore } from '../../src/text/script.js';
import { extractDocument, extractText } from '../../src/extract.js';
import { entitiesFromGraph, loadSeedGold, scoreEntities } from '../../src/eval/seed.js';
import { articleDocMap, scoreRelations, type GoldData } from '../../src/eval/relations.js';
import { articleKey } from '../../src/graph/build.js';
import { toGexf, toJSON } from '../../src/export/index.js';
import type { Evidence, SourceDoc } from '../../src/types.js';
import { repoRoot, runCliHere } from '../helpers/cli.js';

const s2t = OpenCC.Converter({ from: 'cn', to: 't' });
const doc = (path: string, text: string): SourceDoc => ({ path, encoding: 'utf-8', text });
const cps = (s: string) => Array.from(s);

/** Every evidence record of the graph: its span text in the sentence, its source spans in the file. */
function expectEvidenceAsWritten(graph: MultiGraph, files: Map<string, string>): number {
  let checked = 0;
  const check = (ev: Evidence) => {
    const file = cps(files.get(ev.source)!);
    const fromSentence = ev.spans.map(([s, e]) => ev.sentence.slice(s, e)).join('');
    const fromFile = ev.sourceSpans.map(([s, e]) => file.slice(s, e).join('')).join('');
    // the file may have white space inside a mention that the repair removed
    expect(fromFile.replace(/\s/g, '')).toBe(fromSentence);
    checked++;
  };
  // (an ARTICLE node's span is its display title, which may keep spaces the text lost: not a mention)
  graph.forEachNode((_k, a) => a['kind'] !== 'ARTICLE' && (a['evidence'] as Evidence[]).forEach(check));
  graph.forEachEdge((_k, a) => (a['evidenceList'] as Evidence[]).filter((e) => e.spans.length > 0).forEach(check));
  return checked;
}

describe('traditional script, sentences of our own', () => {
  const simplified = '牧民的新生活\n\n近日，乌兰敖都嘎查党支部书记巴特尔带领牧民发展肉牛养殖，全嘎查收入明显增加。\n';
  const traditional = '草原上的合作社\n\n烏蘭敖都嘎查的牧民在錫林郭勒盟參加培訓。黨支部書記巴特爾說，今年要把合作社辦好。\n';

  it('merges a traditional and a simplified mention of one name into one node, the traditional form an alias', () => {
    const { graph } = buildFromSources([doc('a.txt', simplified), doc('b.txt', traditional)], { layout: false });
    const place = graph.getNodeAttributes('PLACE:乌兰敖都嘎查');
    expect(place['label']).toBe('乌兰敖都嘎查');
    expect(place['aliases']).toEqual(['烏蘭敖都嘎查']);
    expect(place['articles']).toEqual(['a#1', 'b#1']);
    expect(graph.getNodeAttribute('PERSON:巴特尔', 'aliases')).toEqual(['巴特爾']);
    expect(graph.hasNode('PLACE:锡林郭勒盟')).toBe(true);
    expect(graph.filterNodes((_k, a) => String(a['label']).includes('烏')).length).toBe(0);
    // evidence shows each sentence as written, the span on the name as written
    const [fromA, fromB] = place['evidence'] as Evidence[];
    expect(fromA!.sentence).toContain('乌兰敖都嘎查党支部书记');
    expect(fromB!.sentence).toBe('烏蘭敖都嘎查的牧民在錫林郭勒盟參加培訓。');
    expect(fromB!.sentence.slice(...fromB!.spans[0]!)).toBe('烏蘭敖都嘎查');
    expect(
      cps(traditional)
        .slice(...fromB!.sourceSpans[0]!)
        .join(''),
    ).toBe('烏蘭敖都嘎查');
    // the typed relation of the traditional article is found, with its evidence as written
    const role = graph
      .edges('PERSON:巴特尔', 'ORGANIZATION:乌兰敖都嘎查党支部')
      .map((e) => graph.getEdgeAttributes(e))
      .find((a) => a['relation'] === 'role');
    expect(role?.['label']).toBe('书记');
    expect(
      expectEvidenceAsWritten(
        graph,
        new Map([
          ['a.txt', simplified],
          ['b.txt', traditional],
        ]),
      ),
    ).toBeGreaterThan(5);
    // the exports carry the sentence as written (graph.json for the viewer, GEXF for Gephi), aliases too
    for (const out of [toJSON(graph), toGexf(graph)]) {
      expect(out).toContain('烏蘭敖都嘎查的牧民在錫林郭勒盟參加培訓。');
      expect(out).toContain('巴特爾');
    }
  }, 180_000);

  it('maps offsets back through conversion and repair, astral characters and PDF spaces included', () => {
    // 𠮷 is outside the BMP (two UTF-16 units, one code point); the spaces are PDF damage.
    const given = '𠮷𠮷的標題\n\n據報道，烏蘭敖都 嘎查黨支部書記巴特爾在錫林郭勒盟說：鄉村振興要靠黨建。\n';
    const [article] = splitArticles(doc('c.txt', given));
    expect(article!.text).toContain('乌兰敖都嘎查党支部书记巴特尔在锡林郭勒盟说');
    expect(article!.title).toBe('𠮷𠮷的標題');
    const file = cps(given);
    for (const name of ['乌兰敖都嘎查', '党支部', '巴特尔', '锡林郭勒盟', '乡村振兴', '标题']) {
      const at = article!.text.indexOf(name);
      expect(at).toBeGreaterThanOrEqual(0);
      const ev = makeEvidence(article!, [[at, at + name.length]]);
      const written = writtenText(article!, at, at + name.length);
      expect(OpenCC.Converter({ from: 'tw', to: 'cn' })(written)).toBe(name);
      expect(ev.sentence.slice(...ev.spans[0]!)).toBe(written);
      expect(ev.sourceSpans.map(([s, e]) => file.slice(s, e).join('').replace(/\s/g, '')).join('')).toBe(written);
    }
  });

  it('reads a Big5 file: the same graph as its UTF-8 copy, evidence offsets in code points of the decoded text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-big5-'));
    writeFileSync(join(dir, 'big5.txt'), iconv.encode(traditional, 'big5'));
    writeFileSync(join(dir, 'utf8.txt'), traditional);
    const source = await readSource(join(dir, 'big5.txt'));
    expect(source).toMatchObject({ encoding: 'big5', text: traditional });
    const a = buildFromSources([{ ...source, path: 'x.txt' }], { layout: false });
    const b = buildFromSources([{ ...(await readSource(join(dir, 'utf8.txt'))), path: 'x.txt' }], { layout: false });
    expect(a.graph.export()).toEqual(b.graph.export());
    expect(a.graph.getNodeAttribute('PLACE:乌兰敖都嘎查', 'aliases')).toEqual(['烏蘭敖都嘎查']);
  }, 180_000);

  it('extract reports traditional mentions as written, with code-point offsets into the input', () => {
    const line = '𠮷據報道，烏蘭敖都嘎查黨支部書記巴特爾在錫林郭勒盟說，鄉村振興要靠黨建。';
    const simpleLine = '𠮷据报道，乌兰敖都嘎查党支部书记巴特尔在锡林郭勒盟说，乡村振兴要靠党建。';
    const trad = extractText(line);
    const simp = extractText(simpleLine);
    expect(trad.text).toBe(line);
    // the same mentions at the same offsets, each the code-point slice of the input as given
    expect(trad.entities.map(({ start, end, kind }) => [start, end, kind])).toEqual(simp.entities.map(({ start, end, kind }) => [start, end, kind]));
    for (const e of trad.entities) expect(cps(line).slice(e.start, e.end).join('')).toBe(e.text);
    expect(trad.entities.map((e) => e.text)).toEqual(expect.arrayContaining(['巴特爾', '錫林郭勒盟']));
    const page = extractDocument(doc('p.txt', `標題\n\n${line}\n`));
    expect(page.entities.map((e) => e.text)).toEqual(trad.entities.map((e) => e.text));
    for (const e of page.entities) expect(cps(page.text).slice(e.start, e.end).join('')).toBe(e.text);
  });

  it('zhkg extract on traditional input prints the mentions as written', async () => {
    const line = '烏蘭敖都嘎查黨支部書記巴特爾在錫林郭勒盟說';
    const r = await runCliHere(['extract', '--lines'], { input: `${line}\n` });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout.trim()) as { text: string; entities: Array<{ start: number; end: number; text: string; kind: string }> };
    expect(out.text).toBe(line);
    expect(out.entities.find((e) => e.kind === 'PERSON')).toMatchObject({ text: '巴特爾', start: 11, end: 14 });
    for (const e of out.entities) expect(cps(line).slice(e.start, e.end).join('')).toBe(e.text);
  }, 180_000);
});

describe('the bundled page in traditional script (opencc s2t at test time)', () => {
  const pagePath = join(repoRoot, 'data', '000_6a6b28fc1a4d90e2.txt');
  const goldPath = join(repoRoot, 'test', 'fixtures', 'eval', 'seed-gold.json');

  it('builds a graph with the same entity F1 (within 0.02) and the same typed relations', () => {
    const page = readFileSync(pagePath, 'utf8');
    const traditional = s2t(page);
    // a real conversion: a good share of the page's characters change
    const changed = cps(page).filter((c, i) => c !== cps(traditional)[i]).length;
    expect(changed).toBeGreaterThan(cps(page).length / 10);

    const simp = buildFromSources([doc('page.txt', page)], { layout: false });
    const trad = buildFromSources([doc('page.txt', traditional)], { layout: false });
    const gold = loadSeedGold(goldPath);
    const fs = scoreEntities(gold.entities, entitiesFromGraph(simp.graph)).overall.f1;
    const ft = scoreEntities(gold.entities, entitiesFromGraph(trad.graph)).overall.f1;
    expect(fs).toBeGreaterThan(0.9);
    expect(Math.abs(fs - ft)).toBeLessThanOrEqual(0.02);

    const typed = (g: MultiGraph) => g.filterEdges((_k, a) => a['relation'] !== 'co_occurs').sort();
    expect(typed(trad.graph)).toEqual(typed(simp.graph));
    expect(typed(trad.graph).length).toBeGreaterThan(20);
    const relGold = JSON.parse(readFileSync(goldPath, 'utf8')) as GoldData;
    const rel = (r: typeof simp) => {
      const nodes = r.graph.mapNodes((key, a) => ({ key, label: String(a['label']), kind: String(a['kind']), aliases: a['aliases'] as string[] }));
      const edges = r.graph.mapEdges((_k, a, source, target) => ({ source, target, relation: String(a['relation']) }));
      return scoreRelations(relGold, nodes, edges, articleDocMap(r.articles, relGold, articleKey)).overall;
    };
    expect(rel(trad)).toEqual(rel(simp));

    // labels simplified, traditional forms among the aliases; evidence as written, offsets into the file
    const labels = (g: MultiGraph) => g.filterNodes((_k, a) => a['kind'] !== 'ARTICLE').sort();
    expect(labels(trad.graph)).toEqual(labels(simp.graph));
    expect(trad.graph.getNodeAttribute('PLACE:通辽市', 'aliases')).toContain('通遼市');
    expect(trad.articles.map((a) => a.title)).toEqual(simp.articles.map((a) => s2t(a.title)));
    expect(expectEvidenceAsWritten(trad.graph, new Map([['page.txt', traditional]]))).toBeGreaterThan(100);
    // each evidence sentence is the simplified build's sentence as the traditional file writes it
    const tw2s = OpenCC.Converter({ from: 'tw', to: 'cn' });
    let sentences = 0;
    simp.graph.forEachNode((key, a) => {
      const shown = (trad.graph.getNodeAttribute(key, 'evidence') as Evidence[]).map((e) => e.sentence);
      expect(shown.map((x) => tw2s(x))).toEqual((a['evidence'] as Evidence[]).map((e) => e.sentence));
      // written in traditional: where the simplified sentence has simplified characters, these have none
      (a['evidence'] as Evidence[]).forEach((e, i) => {
        if (scriptScore(e.sentence) < 0) expect(scriptScore(shown[i]!)).toBeGreaterThan(0);
      });
      sentences += shown.length;
    });
    expect(sentences).toBeGreaterThan(100);
  }, 300_000);
});
