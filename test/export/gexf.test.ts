/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return --
   graphology's attributes and networkx's JSON summary are untyped here; the assertions are what check their shape. */
import { describe, expect, it } from 'vitest';
import gexfLib from 'graphology-gexf';
import { MultiGraph } from 'graphology';
import { DOMParser } from '@xmldom/xmldom';
import { fromGexf, restoreGexfGraph, toGexf, toJSON } from '../../src/export/index.js';
import { buildSampleGraph } from './graph-fixture.js';
import { NETWORKX_SUMMARY, runPython, validateGexf, validateGexfOfficial } from './helpers.js';

const hexToRgb = (hex: string) => ({
  r: parseInt(hex.slice(1, 3), 16),
  g: parseInt(hex.slice(3, 5), 16),
  b: parseInt(hex.slice(5, 7), 16),
});

function parseXml(xml: string) {
  return new DOMParser().parseFromString(xml, 'application/xml');
}

describe('toGexf: schema', () => {
  it('validates against the GEXF 1.3 XSD (viz namespace fixed), default and mixed modes', async () => {
    const g = buildSampleGraph();
    for (const xml of [toGexf(g), toGexf(g, { mixed: true }), toGexf(g, { pretty: false })]) {
      const result = await validateGexf(xml);
      expect(result.errors.map((e) => e.message)).toEqual([]);
      expect(result.valid).toBe(true);
    }
  });

  it('an empty graph gives a valid GEXF that networkx and fromGexf read', async () => {
    const xml = toGexf(new MultiGraph());
    expect((await validateGexf(xml)).valid).toBe(true);
    const run = await runPython(NETWORKX_SUMMARY, xml);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ nodes: {}, edges: [] });
    expect(fromGexf(xml).order).toBe(0);
  });

  it('validates against the official XSD once only the viz namespace URI is rewritten', async () => {
    const xml = toGexf(buildSampleGraph());
    const declaration = 'xmlns:viz="http://gexf.net/1.3/viz"';
    expect(xml).toContain(declaration);
    const result = await validateGexfOfficial(xml.replace(declaration, 'xmlns:viz="http://gexf.net/1.3"'));
    expect(result.errors.map((e) => e.message)).toEqual([]);
    expect(result.valid).toBe(true);
    // As written (viz namespace as the primer says), the official schema rejects it: the known defect.
    expect((await validateGexfOfficial(xml)).valid).toBe(false);
  });

  it('negative controls: the writer without our hooks, and a broken document, fail validation', async () => {
    const g = buildSampleGraph();
    // graphology-gexf 1.3 with default hooks: meta gets a <version> child, edges get viz:size. (Its 1.3
    // writer crashes outright on arrays of objects, so the evidence objects go first.)
    g.forEachNode((key, a) => g.setNodeAttribute(key, 'evidence', a.evidence[0].sentence));
    g.forEachEdge((key) => g.removeEdgeAttribute(key, 'evidenceList'));
    const raw = gexfLib.write(g, { version: '1.3' });
    const rawResult = await validateGexf(raw);
    expect(rawResult.valid).toBe(false);
    expect(rawResult.errors.map((e) => e.message).join('\n')).toMatch(/version|size/);

    const broken = toGexf(g).replace('<viz:size value="8"/>', '<viz:size value="-8"/>');
    expect(broken).not.toBe(toGexf(g));
    expect((await validateGexf(broken)).valid).toBe(false);
  });

  it('writes the viz namespace, r/g/b colours, thickness, valid meta and declared types', () => {
    const xml = toGexf(buildSampleGraph());
    const doc = parseXml(xml);
    const root = doc.documentElement!;
    expect(root.getAttribute('version')).toBe('1.3');
    expect(root.getAttribute('xmlns:viz')).toBe('http://gexf.net/1.3/viz');
    expect(xml).not.toMatch(/hex=/);
    const metaChildren = Array.from(doc.getElementsByTagName('meta')[0]!.childNodes)
      .filter((n) => n.nodeType === n.ELEMENT_NODE)
      .map((n) => n.nodeName);
    expect(metaChildren).toEqual(['creator', 'description']);
    expect(doc.getElementsByTagName('articles').length).toBe(0);

    const types = (cls: string) =>
      Object.fromEntries(
        Array.from(doc.getElementsByTagName('attributes'))
          .filter((el) => el.getAttribute('class') === cls)
          .flatMap((el) => Array.from(el.getElementsByTagName('attribute')))
          .map((el) => [el.getAttribute('id'), el.getAttribute('type')]),
      );
    expect(types('node')).toEqual({
      kind: 'string',
      aliases: 'liststring',
      mentions: 'integer',
      articles: 'liststring',
      community: 'integer',
      degree: 'integer',
      pagerank: 'double',
      code: 'string',
      evidence: 'string',
    });
    expect(types('edge')).toEqual({ relation: 'string', articles: 'liststring', evidence: 'string', undirected: 'boolean' });
    // Declarations in column order, although `code` first appears on the second node.
    expect(Object.keys(types('node'))).toEqual(['kind', 'aliases', 'mentions', 'articles', 'community', 'degree', 'pagerank', 'code', 'evidence']);
    // No column may shadow GEXF structure or sigma's renderer selector.
    for (const reserved of ['type', 'label', 'x', 'y', 'size', 'color', 'evidenceList', 'weight']) {
      expect(types('node')[reserved]).toBeUndefined();
      expect(types('edge')[reserved]).toBeUndefined();
    }

    const edges = Array.from(doc.getElementsByTagName('edge'));
    expect(edges).toHaveLength(4);
    for (const edge of edges) {
      expect(edge.getElementsByTagName('viz:thickness')).toHaveLength(1);
      expect(edge.getElementsByTagName('viz:size')).toHaveLength(0);
      const relation = Array.from(edge.getElementsByTagName('attvalue')).find((a) => a.getAttribute('for') === 'relation');
      expect(edge.getAttribute('kind')).toBe(relation?.getAttribute('value'));
    }
  });

  it('writes undirected relations as type="undirected" only in mixed mode', () => {
    const g = buildSampleGraph();
    const directedDoc = parseXml(toGexf(g));
    expect(directedDoc.getElementsByTagName('graph')[0]!.getAttribute('defaultedgetype')).toBe('directed');
    expect(Array.from(directedDoc.getElementsByTagName('edge')).every((e) => !e.hasAttribute('type'))).toBe(true);

    const mixedDoc = parseXml(toGexf(g, { mixed: true }));
    const typed = Array.from(mixedDoc.getElementsByTagName('edge')).filter((e) => e.getAttribute('type') === 'undirected');
    expect(typed.map((e) => e.getAttribute('id'))).toEqual(['co_occurs:PERSON:金宝--PLACE:苏吉嘎查']);
  });

  it('uses meta options and graph attributes for creator/description/keywords', () => {
    const g = buildSampleGraph();
    g.setAttribute('keywords', '扶贫, 内蒙古');
    const doc = parseXml(toGexf(g, { description: '测试 <描述> & more' }));
    const text = (name: string) => doc.getElementsByTagName(name)[0]?.textContent;
    expect(text('creator')).toBe('zhkg');
    expect(text('keywords')).toBe('扶贫, 内蒙古');
    expect(text('description')).toBe('测试 <描述> & more');
  });
});

describe('toGexf: networkx', () => {
  it('networkx read_gexf reads every node and edge with kind, relation, label, colour, size and position', async () => {
    const g = buildSampleGraph();
    const run = await runPython(NETWORKX_SUMMARY, toGexf(g));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const nx = JSON.parse(run.stdout) as {
      cls: string;
      nodes: Record<string, Record<string, any>>;
      edges: Array<{ source: string; target: string; key: string; data: Record<string, any> }>;
    };
    expect(nx.cls).toBe('MultiDiGraph');
    expect(Object.keys(nx.nodes).sort()).toEqual(g.nodes().sort());
    g.forEachNode((key, a) => {
      const d = nx.nodes[key]!;
      expect(d.label).toBe(a.label);
      expect(d.kind).toBe(a.kind);
      expect(d.mentions).toBe(a.mentions);
      expect(d.pagerank).toBe(a.pagerank);
      expect(JSON.parse(d.aliases)).toEqual(a.aliases);
      expect(JSON.parse(d.articles)).toEqual(a.articles);
      expect(d.evidence).toBe(a.evidence[0].sentence);
      expect(d.viz.color).toEqual({ ...hexToRgb(a.color), a: 1 });
      expect(d.viz.size).toBe(a.size);
      expect(d.viz.position).toEqual({ x: a.x, y: a.y, z: 0 });
    });
    expect(nx.edges).toHaveLength(g.size);
    g.forEachEdge((key, a, source, target, _s, _t, undirected) => {
      const e = nx.edges.find((x) => x.key === key)!;
      expect(e, key).toBeDefined();
      expect([e.source, e.target]).toEqual([source, target]);
      expect(e.data.relation).toBe(a.relation);
      expect(e.data.label).toBe(a.label);
      expect(e.data.weight).toBe(a.weight);
      expect(e.data.evidence).toBe(a.evidence);
      expect(e.data.undirected).toBe(undirected);
      expect(JSON.parse(e.data.articles)).toEqual(a.articles);
    });
  });

  it('mixed mode is what networkx cannot read (why the default writes every edge directed)', async () => {
    const run = await runPython(NETWORKX_SUMMARY, toGexf(buildSampleGraph(), { mixed: true }));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/Undirected edge found in directed graph/);
  });
});

describe('toGexf: round trip', () => {
  /** What GEXF carries of a graph: everything except structured values (full evidence lists). */
  function gexfView(graph: MultiGraph) {
    const nodes = graph.mapNodes((key, a) => {
      const { evidence, ...rest } = a;
      return { key, ...rest, evidence: Array.isArray(evidence) ? evidence[0].sentence : evidence };
    });
    const edges = graph.mapEdges((key, a, source, target, _s, _t, undirected) => {
      const { evidenceList: _drop, ...rest } = a;
      return { key, source, target, undirected, ...rest };
    });
    const sortKeys = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([x], [y]) => (x < y ? -1 : 1)));
    return { nodes: nodes.map(sortKeys), edges: edges.map(sortKeys) };
  }

  it('fromGexf(toGexf(g)) gives back every GEXF-representable attribute, in both modes', () => {
    const g = buildSampleGraph();
    for (const mixed of [false, true]) {
      const back = fromGexf(toGexf(g, { mixed }));
      expect(back.type).toBe('mixed');
      expect(gexfView(back)).toEqual(gexfView(g));
    }
  });

  it("restoreGexfGraph after graphology-gexf's own parse (the viewer's path) gives the same graph back", () => {
    const g = buildSampleGraph();
    const parsed = gexfLib.parse(MultiGraph, toGexf(g));
    expect(parsed.getNodeAttribute('PERSON:金宝', 'color')).toBe('rgb(225,87,89)');
    expect(gexfView(restoreGexfGraph(parsed))).toEqual(gexfView(g));
  });

  it("graphology-gexf's own parser reads lists as arrays and keeps labels, kinds and relations", () => {
    const g = buildSampleGraph();
    const parsed = gexfLib.parse(MultiGraph, toGexf(g));
    expect(parsed.order).toBe(g.order);
    expect(parsed.size).toBe(g.size);
    expect(parsed.getNodeAttribute('PLACE:苏吉嘎查', 'aliases')).toEqual(['苏吉', 'a, "b"\\c']);
    expect(parsed.getNodeAttribute('PERSON:金宝', 'kind')).toBe('PERSON');
    parsed.forEachEdge((key, a) => {
      expect(a.kind).toBe(g.getEdgeAttribute(key, 'relation'));
      expect(a.label).toBe(g.getEdgeAttribute(key, 'label'));
    });
  });

  it('fromGexf reads GEXF written by networkx (1.2draft, r/g/b colours) into the same shape', async () => {
    const script = `
import sys, networkx as nx
G = nx.MultiDiGraph()
G.add_node("PERSON:金宝", label="金宝", kind="PERSON", mentions=3,
           viz={"color": {"r": 225, "g": 87, "b": 89, "a": 1.0}, "size": 8.0, "position": {"x": 1.5, "y": -2.0, "z": 0.0}})
G.add_node("PLACE:苏吉嘎查", label="苏吉嘎查", kind="PLACE")
G.add_edge("PERSON:金宝", "PLACE:苏吉嘎查", key="r1", relation="role", label="第一书记", weight=2.0)
nx.write_gexf(G, sys.stdout.buffer)
`;
    const run = await runPython(script, '');
    expect(run.status).toBe(0);
    const g = fromGexf(run.stdout);
    expect(g.order).toBe(2);
    expect(g.getNodeAttributes('PERSON:金宝')).toMatchObject({ label: '金宝', kind: 'PERSON', mentions: 3, color: '#e15759', size: 8, x: 1.5, y: -2 });
    const [edge] = g.edges();
    expect(g.getEdgeAttributes(edge!)).toMatchObject({ relation: 'role', label: '第一书记', weight: 2 });
    expect(g.isDirected(edge!)).toBe(true);
  });

  it('fromGexf rejects text that is not GEXF or not well-formed', () => {
    expect(() => fromGexf('<graphml/>')).toThrow(/GEXF/);
    expect(() => fromGexf(toGexf(buildSampleGraph()).replace('</nodes>', ''))).toThrow(/well-formed/);
    expect(() => fromGexf(42 as unknown as string)).toThrow(TypeError);
  });
});

describe('toGexf: determinism', () => {
  it('two exports of two separately built graphs are byte-identical', () => {
    expect(toGexf(buildSampleGraph())).toBe(toGexf(buildSampleGraph()));
    expect(toJSON(buildSampleGraph())).toBe(toJSON(buildSampleGraph()));
  });

  it('the order in which attributes were set does not change the bytes', () => {
    const a = buildSampleGraph();
    const b = buildSampleGraph();
    b.forEachNode((key, attrs) => {
      const reversed = Object.fromEntries(Object.entries(attrs).reverse());
      b.replaceNodeAttributes(key, reversed);
    });
    b.forEachEdge((key, attrs) => b.replaceEdgeAttributes(key, Object.fromEntries(Object.entries(attrs).reverse())));
    // `code` first appears on the second node in `a`: columns and attvalues still come out in one order.
    expect(toGexf(b)).toBe(toGexf(a));
    expect(toJSON(b)).toBe(toJSON(a));
  });

  it('contains no date', () => {
    const xml = toGexf(buildSampleGraph());
    expect(xml).not.toMatch(/lastmodifieddate|\d{4}-\d{2}-\d{2}/);
  });
});

describe('toGexf: hostile text', () => {
  const HOSTILE = [
    '<script>alert("x")</script>',
    'nel\u0085ls\u2028ps\u2029',
    ']]>',
    'a & b',
    'tab\tnew\nline\rcr',
    'ctl\u0001\u0008\u000b\u001f',
    'lone\uD800high',
    'lone\uDC00low',
    '\uFFFE\uFFFF',
    'quote \' " \\',
    '😀 emoji ok',
  ];
  const repaired = (s: string) =>
    s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/gu, '\uFFFD').replace(/[\u0085\u2028\u2029]/g, '\n');

  function hostileGraph() {
    const g = buildSampleGraph();
    HOSTILE.forEach((text, i) => {
      g.addNode(`PERSON:${text}#${i}`, {
        label: text,
        kind: 'PERSON',
        aliases: [text, `${text},x`],
        mentions: 1,
        articles: [text],
        x: i,
        y: -i,
        size: 1,
        color: '#000',
        community: 0,
        degree: 1,
        pagerank: 0.01,
        evidence: [{ sentence: `${text} said ${text}`, article: 'a', spans: [], sourceSpans: [], source: 's' }],
        note: text,
      });
      g.addDirectedEdgeWithKey(`e${i}:${text}`, `PERSON:${text}#${i}`, 'PERSON:金宝', {
        relation: 'role',
        label: text,
        weight: 1,
        articles: [text],
        evidence: text,
        size: 1,
      });
    });
    return g;
  }

  it('comes out as a valid document that xmldom, xmllint and networkx all read', async () => {
    const xml = toGexf(hostileGraph());
    const result = await validateGexf(xml);
    expect(result.errors.map((e) => e.message)).toEqual([]);
    expect(result.valid).toBe(true);
    const errors: string[] = [];
    new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') errors.push(msg);
      },
    }).parseFromString(xml, 'application/xml');
    expect(errors).toEqual([]);
    const run = await runPython(NETWORKX_SUMMARY, xml);
    expect(run.stderr).toBe('');
    const nx = JSON.parse(run.stdout) as { nodes: Record<string, Record<string, any>> };
    HOSTILE.forEach((text, i) => {
      const node = nx.nodes[repaired(`PERSON:${text}#${i}`)]!;
      expect(node, text).toBeDefined();
      expect(node.label).toBe(repaired(text));
      expect(JSON.parse(node.aliases)).toEqual([repaired(text), `${repaired(text)},x`]);
      expect(node.note).toBe(repaired(text));
    });
  });

  it('round-trips hostile labels, lists and evidence through fromGexf (illegal characters become U+FFFD)', () => {
    const back = fromGexf(toGexf(hostileGraph()));
    HOSTILE.forEach((text, i) => {
      const key = repaired(`PERSON:${text}#${i}`);
      expect(back.getNodeAttribute(key, 'label')).toBe(repaired(text));
      expect(back.getNodeAttribute(key, 'aliases')).toEqual([repaired(text), `${repaired(text)},x`]);
      expect(back.getNodeAttribute(key, 'evidence')).toBe(repaired(`${text} said ${text}`));
      expect(back.getEdgeAttribute(repaired(`e${i}:${text}`), 'label')).toBe(repaired(text));
    });
  });

  it('refuses keys that collide once repaired', () => {
    const g = new MultiGraph();
    g.addNode('a\u0001', { label: 'x' });
    g.addNode('a\u0002', { label: 'y' });
    expect(() => toGexf(g)).toThrow(/collide/);
  });
});

describe('toGexf: bad input', () => {
  const withNode = (attrs: Record<string, unknown>) => {
    const g = new MultiGraph();
    g.addNode('n', { label: 'n', ...attrs });
    return g;
  };

  it('throws on things that are not graphs', () => {
    expect(() => toGexf(null as unknown as MultiGraph)).toThrow(TypeError);
    expect(() => toGexf({} as MultiGraph)).toThrow(TypeError);
    expect(() => toJSON('graph' as unknown as MultiGraph)).toThrow(TypeError);
  });

  it('throws with the element and attribute named on unusable values', () => {
    expect(() => toGexf(withNode({ color: 'reddish' }))).toThrow(/node n colour/);
    expect(() => toGexf(withNode({ x: Number.NaN, y: 0 }))).toThrow(/node n x/);
    expect(() => toGexf(withNode({ x: 1 }))).toThrow(/node n y/);
    expect(() => toGexf(withNode({ size: -1 }))).toThrow(/size/);
    expect(() => toGexf(withNode({ mentions: 2.5 }))).toThrow(/"mentions"/);
    expect(() => toGexf(withNode({ kind: { bad: true } }))).toThrow(/"kind"/);
    expect(() => toGexf(withNode({ label: ['a'] }))).toThrow(/node n label/);
    const g = withNode({});
    g.addNode('m');
    g.addDirectedEdge('n', 'm', { weight: Number.POSITIVE_INFINITY });
    expect(() => toGexf(g)).toThrow(/weight/);
  });

  it("never writes sigma's renderer selector `type` as a column (it would clash on reading back)", async () => {
    const g = withNode({ type: 'image', kind: 'PERSON' });
    g.addNode('m', { label: 'm' });
    g.addDirectedEdgeWithKey('e', 'n', 'm', { relation: 'role', type: 'curved' });
    const xml = toGexf(g);
    expect(xml).not.toMatch(/id="type"|image|curved/);
    expect(fromGexf(xml).getNodeAttribute('n', 'type')).toBeUndefined();
    expect((await validateGexf(xml)).valid).toBe(true);
  });

  it('falls back to the first evidenceList sentence when an edge has no evidence text', () => {
    const g = withNode({});
    g.addNode('m', { label: 'm' });
    g.addDirectedEdgeWithKey('e', 'n', 'm', { relation: 'role', evidence: '', evidenceList: [{ sentence: '第一句。' }, { sentence: '第二句。' }] });
    expect(fromGexf(toGexf(g)).getEdgeAttribute('e', 'evidence')).toBe('第一句。');
  });

  it('omits values GEXF cannot hold instead of writing invalid ones', async () => {
    const g = withNode({ pagerank: Number.NaN, community: null, meta: { nested: true }, flag: true, big: 2 ** 40, 'bad\u0001name': 1 });
    const xml = toGexf(g);
    expect(xml).not.toMatch(/NaN|nested|bad/);
    expect(xml).toMatch(/<attribute id="big" title="big" type="long"\/>/);
    expect(xml).toMatch(/<attribute id="flag" title="flag" type="boolean"\/>/);
    expect((await validateGexf(xml)).valid).toBe(true);
  });
});
