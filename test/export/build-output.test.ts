/**
 * The exports of the real pipeline on the bundled page (data/): the GEXF that `zhkg build` writes must
 * pass the schema and networkx checks, and two builds must give the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { buildGraphFromPaths } from '../../src/pipeline.js';
import { dataPath } from '../../src/paths.js';
import { fromGexf, toGexf, toJSON } from '../../src/export/index.js';
import { NETWORKX_SUMMARY, runPython, validateGexf } from './helpers.js';
import { oracleGexf } from './gexf-oracle.js';

const CORPUS = dataPath('000_6a6b28fc1a4d90e2.txt');

describe('exports of the bundled corpus', async () => {
  const { graph } = await buildGraphFromPaths([CORPUS]);
  const xml = toGexf(graph);

  it('is a real graph with both directed and undirected relations (sanity of the export input)', () => {
    expect(graph.order).toBeGreaterThan(10);
    expect(graph.directedSize).toBeGreaterThan(0);
    expect(graph.undirectedSize).toBeGreaterThan(0);
  });

  it('the streaming writer gives the bytes of the former graphology-gexf writer, in every mode', () => {
    expect(xml).toBe(oracleGexf(graph));
    for (const options of [{ mixed: true }, { pretty: false }]) expect(toGexf(graph, options)).toBe(oracleGexf(graph, options));
  });

  it('validates against the GEXF 1.3 XSD (viz namespace fixed)', async () => {
    const result = await validateGexf(xml);
    expect(result.errors.map((e) => e.message)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('networkx reads every node and edge with kind, relation, label, colour, size, position, evidence', async () => {
    const run = await runPython(NETWORKX_SUMMARY, xml);
    expect(run.stderr).toBe('');
    const nx = JSON.parse(run.stdout) as {
      nodes: Record<string, Record<string, unknown>>;
      edges: Array<{ key: string; data: Record<string, unknown> }>;
    };
    expect(Object.keys(nx.nodes)).toHaveLength(graph.order);
    expect(nx.edges).toHaveLength(graph.size);
    for (const [key, d] of Object.entries(nx.nodes)) {
      expect(d.label, key).toBe(graph.getNodeAttribute(key, 'label'));
      expect(d.kind, key).toBe(graph.getNodeAttribute(key, 'kind'));
      expect(d.evidence, key).toBeTruthy();
      expect(Object.keys(d.viz as object).sort(), key).toEqual(['color', 'position', 'size']);
    }
    for (const e of nx.edges) {
      expect(e.data.relation, e.key).toBe(graph.getEdgeAttribute(e.key, 'relation'));
      expect(e.data.label, e.key).toBe(graph.getEdgeAttribute(e.key, 'label'));
      expect(e.data.evidence, e.key).toBeTruthy();
    }
  });

  it('reads back through fromGexf with lists, colours and undirected edges restored', () => {
    const back = fromGexf(xml);
    expect(back.order).toBe(graph.order);
    graph.forEachNode((key, a) => {
      expect(back.getNodeAttribute(key, 'aliases')).toEqual(a.aliases);
      expect(back.getNodeAttribute(key, 'color')).toBe(a.color);
    });
    graph.forEachEdge((key, _a, _s, _t, _sa, _ta, undirected) => expect(back.isUndirected(key)).toBe(undirected));
  });

  it('two builds give byte-identical GEXF and JSON', async () => {
    const again = (await buildGraphFromPaths([CORPUS])).graph;
    expect(toGexf(again)).toBe(xml);
    expect(toJSON(again)).toBe(toJSON(graph));
  });
});
