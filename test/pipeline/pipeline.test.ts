import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildFromSources, buildGraphFromPaths } from '../../src/pipeline.js';
import { readSource } from '../../src/text/read.js';
import { repoRoot } from '../helpers/cli.js';

const page = resolve(repoRoot, 'data/000_6a6b28fc1a4d90e2.txt');

describe('pipeline on the bundled page', async () => {
  const result = await buildGraphFromPaths([page]);
  const { graph } = result;

  it('has one ARTICLE node per article and entity nodes of the four kinds', () => {
    const kinds = new Set<string>();
    graph.forEachNode((_n, a) => kinds.add(a.kind as string));
    expect(graph.filterNodes((_n, a) => a.kind === 'ARTICLE')).toHaveLength(result.articles.length);
    for (const k of kinds) expect(['PERSON', 'ORGANIZATION', 'PLACE', 'PROGRAM', 'ARTICLE']).toContain(k);
  });

  it('keeps evidence on every node and edge, pointing into the source file', () => {
    const cps = Array.from(readFileSync(page, 'utf8'));
    graph.forEachNode((n, a) => {
      const ev = a.evidence as Array<{ sentence: string; sourceSpans: Array<[number, number]> }>;
      expect(ev.length, n).toBeGreaterThan(0);
      expect(ev[0]!.sentence.length, n).toBeGreaterThan(0);
      if (a.kind !== 'ARTICLE') {
        // the source pieces, spaces removed, spell a surface form of the entity
        const surface = ev[0]!.sourceSpans
          .map(([s, e]) => cps.slice(s, e).join(''))
          .join('')
          .replace(/\s/g, '');
        expect([a.label, ...(a.aliases as string[])], n).toContain(surface);
      }
    });
    graph.forEachEdge((e, a) => {
      expect(typeof a.evidence, e).toBe('string');
      expect((a.evidence as string).length, e).toBeGreaterThan(0);
      expect((a.evidenceList as unknown[]).length, e).toBeGreaterThan(0);
      expect(a.weight as number, e).toBeGreaterThanOrEqual(1);
    });
  });

  it('has the SPEC §3 attributes on nodes', () => {
    graph.forEachNode((n, a) => {
      for (const k of ['label', 'kind', 'aliases', 'mentions', 'articles', 'x', 'y', 'size', 'color', 'community', 'degree', 'pagerank']) {
        expect(a, `${n}.${k}`).toHaveProperty(k);
      }
      expect(Number.isFinite(a.x as number) && Number.isFinite(a.y as number), n).toBe(true);
      expect(a.color as string).toMatch(/^#[0-9a-f]{6}$/);
    });
  });

  it('links bylines to their articles', () => {
    const authored = graph.filterEdges((_e, a) => a.relation === 'authored');
    expect(authored.length).toBeGreaterThanOrEqual(7);
    for (const e of authored) expect(graph.getNodeAttribute(graph.target(e), 'kind')).toBe('ARTICLE');
  });

  it('is deterministic: two builds give identical serializations', async () => {
    const again = await buildGraphFromPaths([page]);
    expect(JSON.stringify(again.graph.export())).toBe(JSON.stringify(graph.export()));
  });
});

describe('pipeline on edge cases', () => {
  it('builds an empty graph from empty and whitespace-only sources', () => {
    const r = buildFromSources([
      { path: 'a.txt', encoding: 'utf-8', text: '' },
      { path: 'b.txt', encoding: 'utf-8', text: ' \n\n\t' },
    ]);
    expect(r.graph.order).toBe(0);
  });

  it('keeps articles of same-named files in different folders apart', async () => {
    const doc = await readSource(page);
    const r = buildFromSources([doc, { ...doc, path: '/elsewhere/000_6a6b28fc1a4d90e2.txt' }], { layout: false });
    const ids = r.articles.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
