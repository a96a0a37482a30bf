import { describe, expect, it } from 'vitest';
import { MultiGraph } from 'graphology';
import gexf from 'graphology-gexf';
import { buildFromSources } from '../../src/pipeline.js';
import { toGexf, fromGexf } from '../../src/export/index.js';
import { spellsOf } from '../../src/export/gexf-time.js';
import { insertSpells } from '../export/gexf-oracle.js';
import { runPython, validateGexf } from '../export/helpers.js';
import { datedDocs } from '../../scripts/dated-corpus.js';

describe('spellsOf', () => {
  it('one spell per day, consecutive days merged, sorted and de-duplicated', () => {
    expect(spellsOf(['2020-02-10', '2020-02-03', '2020-02-04', '2020-02-04', '2020-05-12'])).toEqual([
      ['2020-02-03', '2020-02-04'],
      ['2020-02-10', '2020-02-10'],
      ['2020-05-12', '2020-05-12'],
    ]);
    expect(spellsOf(['2020-02-28', '2020-02-29', '2020-03-01', '2021-02-28', '2021-03-01'])).toEqual([
      ['2020-02-28', '2020-03-01'],
      ['2021-02-28', '2021-03-01'],
    ]);
    expect(spellsOf(['2021-02-27', '2021-03-01'])).toEqual([
      ['2021-02-27', '2021-02-27'],
      ['2021-03-01', '2021-03-01'],
    ]);
    expect(spellsOf(undefined)).toEqual([]);
    expect(spellsOf(['x', 3, '2020-13-45'])).toEqual([]);
  });
  it('insertSpells (the former writer, the oracle of the streaming one) refuses a body whose elements do not follow the graph', () => {
    expect(() => insertSpells('<nodes><node id="b"/></nodes>', [['a', [['2020-01-01', '2020-01-01']]]], [], false)).toThrow(/order/);
  });
});

const NX_SPELLS = `
import io, json, sys
import networkx as nx
G = nx.read_gexf(io.BytesIO(sys.stdin.buffer.read()))
out = {"mode": G.graph.get("mode"), "nodes": {n: d.get("spells") for n, d in G.nodes(data=True)}, "edges": {}}
edges = G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, d.get("id"), d) for u, v, d in G.edges(data=True))
for u, v, k, d in edges:
    out["edges"][d.get("id", k)] = d.get("spells")
json.dump(out, sys.stdout, ensure_ascii=False)
`;

describe('dynamic GEXF', async () => {
  const { graph } = buildFromSources(datedDocs(), { layout: false });
  const xml = toGexf(graph);

  it('is dynamic with date spells and validates against the GEXF 1.3 schema', async () => {
    expect(xml).toMatch(/<graph [^>]*mode="dynamic"/);
    expect(xml).toMatch(/<graph [^>]*timeformat="date"/);
    expect(xml).toContain('<spell start="2020-02-03" end="2020-02-04"/>');
    const result = await validateGexf(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('compact output is valid too and has the same spells', async () => {
    const compact = toGexf(graph, { pretty: false });
    expect((await validateGexf(compact)).valid).toBe(true);
    const a = fromGexf(compact);
    const b = fromGexf(xml);
    expect(a.mapNodes((_n, x) => x.spells as unknown)).toEqual(b.mapNodes((_n, x) => x.spells as unknown));
  });

  it('graphology-gexf reads the file; fromGexf adds the spells, equal to the dates merged', () => {
    const plain = gexf.parse(MultiGraph, xml, { allowUndeclaredAttributes: true });
    expect(plain.order).toBe(graph.order);
    expect(plain.size).toBe(graph.size);
    const back = fromGexf(xml);
    let dated = 0;
    graph.forEachNode((n, a) => {
      expect(back.getNodeAttribute(n, 'spells'), n).toEqual(spellsOf(a.dates));
      expect(back.getNodeAttribute(n, 'first_seen')).toBe(a.first_seen);
      if (a.dates) dated++;
    });
    graph.forEachEdge((e, a) => expect(back.getEdgeAttribute(e, 'spells'), e).toEqual(spellsOf(a.dates)));
    expect(dated).toBe(graph.order);
  });

  it('networkx reads the same spells', async () => {
    const r = await runPython(NX_SPELLS, xml);
    expect(r.stderr).toBe('');
    const nx = JSON.parse(r.stdout) as { mode: string; nodes: Record<string, Array<[string, string]>>; edges: Record<string, Array<[string, string]>> };
    expect(nx.mode).toBe('dynamic');
    const back = fromGexf(xml);
    expect(Object.keys(nx.nodes).length).toBe(graph.order);
    back.forEachNode((n, a) => expect(nx.nodes[n], n).toEqual(a.spells));
    back.forEachEdge((e, a) => expect(nx.edges[e], e).toEqual(a.spells));
  });

  it('same graph, same bytes; a graph without dates stays static; time: false forces static', async () => {
    expect(toGexf(graph)).toBe(xml);
    const undated = graph.copy();
    undated.forEachNode((n) => undated.removeNodeAttribute(n, 'dates'));
    undated.forEachEdge((e) => undated.removeEdgeAttribute(e, 'dates'));
    const stat = toGexf(undated);
    expect(stat).not.toContain('mode="dynamic"');
    expect(stat).not.toContain('<spell');
    expect((await validateGexf(stat)).valid).toBe(true);
    const forced = toGexf(graph, { time: false });
    expect(forced).not.toContain('<spells>');
  });
});
