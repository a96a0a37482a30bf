/**
 * The streaming GEXF writer (src/export/gexf.ts) gives the bytes of the writer it replaced, graphology-gexf
 * with zhkg's hooks (test/export/gexf-oracle.ts), on the sample graph, on hostile graphs and on arbitrary
 * strings; its chunks, written to a file, are those bytes.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Graph, { MultiGraph } from 'graphology';
import { DOMParser } from '@xmldom/xmldom';
import { fromGexf, gexfChunks, toGexf, type GexfOptions } from '../../src/export/index.js';
import { writeOutputs } from '../../src/output.js';
import { buildSampleGraph } from './graph-fixture.js';
import { oracleGexf } from './gexf-oracle.js';
import { xmlSafe } from '../../src/export/xml-safe.js';
import { validateGexf } from './helpers.js';

const OPTIONS: GexfOptions[] = [{}, { mixed: true }, { pretty: false }, { pretty: false, mixed: true }, { time: false }];

function expectSameBytes(g: Graph, options: GexfOptions = {}): string {
  const xml = toGexf(g, options);
  let expected: string;
  try {
    expected = oracleGexf(g, options);
  } catch (error) {
    // The former writer failed on a graph without any column written unindented (its DOM pass found an
    // empty <graph/>); the streaming writer writes it.
    expect((error as Error).message).toMatch(/unexpected serialization of the document head/);
    expect(options.pretty).toBe(false);
    expect(xml).not.toContain('<attributes');
    expect(fromGexf(xml).order).toBe(g.order);
    return xml;
  }
  if (xml !== expected) {
    let i = 0;
    while (xml[i] === expected[i]) i++;
    // the first difference, with some context (a whole-document diff is unreadable)
    expect(xml.slice(Math.max(0, i - 200), i + 200)).toBe(expected.slice(Math.max(0, i - 200), i + 200));
  }
  expect(xml).toBe(expected);
  return xml;
}

/** Strings that must stay data: markup, entities, quotes, blanks XML normalizes, characters XML forbids. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "it's \"quoted\" & 'single'",
  '&amp; &lt; &#60; &#x3C; &unknown;',
  ']]> <![CDATA[ x ]]>',
  '<!-- comment --> <?pi x?> <!DOCTYPE x [<!ENTITY e "boom">]> &e;',
  'tab\there\nnew line\r\ncrlf\rcr',
  'control \u0000\u0001\u0008\u000b\u000c\u001f and \ufffe\uffff',
  'lone \ud800 high, lone \udc00 low, pair 𠮷',
  'NEL \u0085 LS \u2028 PS \u2029',
  '  leading and trailing blanks  ',
  '中文标签《人民日报》“引号”',
  '["a", \\"b\\"]',
];

function hostileGraph(): MultiGraph {
  const g = new MultiGraph();
  g.replaceAttributes({ creator: HOSTILE[0], description: HOSTILE[6], keywords: HOSTILE[7], articles: [{ id: 'x' }] });
  HOSTILE.forEach((s, i) => {
    g.addNode(`n${i}:${s}`, {
      label: s,
      kind: i % 2 ? 'PERSON' : s,
      aliases: [s, `别名${i}`],
      mentions: i,
      articles: [s],
      evidence: i % 3 === 0 ? [{ sentence: s, article: 'a#1' }] : s,
      x: i - 3.25,
      y: i * 1e-9,
      size: i,
      color: ['#e15759', '#abc', '#11223380', 'rgba(1, 2, 3, 0.5)', 'rgb(0,0,0)', '#00000000'][i % 6],
      pagerank: i / 7,
      [`extra ${s}`.replace(/[\u0000-\u001f\ud800-\udfff\ufffe\uffff\u0085\u2028\u2029]/g, '')]: s,
      note: i % 4 === 0 ? undefined : s,
      score: i % 2 ? i : i + 0.5,
      flag: i % 3 === 0,
      dates: i % 5 === 0 ? ['2020-01-01', '2020-01-02', '2021-06-30'] : undefined,
    });
  });
  g.addNode('bare'); // no attributes at all
  g.addNode('7', { '12': 'twelve', '3': 'three', label: 'array-index column names' });
  const nodes = g.nodes();
  nodes.forEach((source, i) => {
    const target = nodes[(i * 5 + 1) % nodes.length]!;
    const s = HOSTILE[i % HOSTILE.length]!;
    const attrs = {
      relation: i % 2 ? 'co_occurs' : s,
      label: s,
      weight: i % 3 === 0 ? 0 : i + 0.5,
      articles: [s],
      evidence: i % 4 === 0 ? '' : s,
      evidenceList: [{ sentence: `列表 ${s}` }],
      size: i % 3,
      color: i % 2 ? '#d0d0d0' : 'rgba(10,20,30,0)',
      dates: i % 3 === 0 ? ['2020-02-28', '2020-02-29', '2020-03-01'] : undefined,
    };
    if (i % 2) g.addUndirectedEdgeWithKey(`e${i}:${s}`, source, target, attrs);
    else g.addDirectedEdgeWithKey(`e${i}:${s}`, source, target, attrs);
  });
  g.addDirectedEdge('bare', 'bare'); // a self-loop without attributes
  return g;
}

describe('streaming GEXF writer: the bytes of graphology-gexf with our hooks', () => {
  it('the sample graph, in every mode', () => {
    for (const options of OPTIONS) expectSameBytes(buildSampleGraph(), options);
    expectSameBytes(buildSampleGraph(), { creator: '<me>', description: 'a & b', keywords: 'x"y' });
  });

  it('hostile labels, keys, attribute names and meta stay data; the document is valid and reads back', async () => {
    const g = hostileGraph();
    for (const options of OPTIONS) expectSameBytes(g, options);
    const xml = toGexf(g);
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain('<img');
    expect(xml).toContain('mode="dynamic"');
    const errors: string[] = [];
    new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(xml, 'application/xml');
    expect(errors).toEqual([]);
    const back = fromGexf(xml);
    expect(back.order).toBe(g.order);
    expect(back.size).toBe(g.size);
    expect(back.getNodeAttribute(`n0:${HOSTILE[0]}`, 'label')).toBe(HOSTILE[0]);
    expect(back.getNodeAttribute(`n6:${HOSTILE[6]}`, 'label')).toBe(HOSTILE[6]);
    // Hostile extra column names are not a valid XSD id, so only the sample graph is schema-checked here.
    expect((await validateGexf(toGexf(buildSampleGraph()))).valid).toBe(true);
  });

  it('small graphs: empty, nodes only, edges without attributes, one kind of edge in mixed mode', () => {
    const cases: Graph[] = [];
    cases.push(new MultiGraph());
    const nodesOnly = new MultiGraph();
    nodesOnly.addNode('a');
    nodesOnly.addNode('', { label: '' });
    cases.push(nodesOnly);
    const plain = new MultiGraph();
    plain.mergeEdge('a', 'b');
    plain.mergeUndirectedEdge('b', 'c');
    cases.push(plain);
    for (const type of ['directed', 'undirected', 'mixed'] as const) {
      const g = new Graph({ type, multi: true });
      g.mergeNode('x', { label: 'x' });
      g.mergeNode('y', { label: 'y' });
      if (type !== 'directed') g.addUndirectedEdge('x', 'y', { relation: 'co_occurs', weight: 2 });
      if (type === 'directed') g.addDirectedEdge('x', 'y', { relation: 'role' });
      cases.push(g);
    }
    for (const g of cases) for (const options of OPTIONS) expectSameBytes(g, options);
  });

  it('arbitrary strings (any code unit, lone surrogates, astral characters) as labels, keys, values and meta', () => {
    const unit = fc.oneof(
      fc.constantFrom('<', '>', '&', '"', "'", '\t', '\n', '\r', ']]>', '\u0000', '\u0085', '\u2028', '\ud800', '\udfff', '𠮷', '金'),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    );
    const text = fc.array(unit, { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(text, { minLength: 1, maxLength: 6 }), text, fc.boolean(), (keys, meta, pretty) => {
        const g = new MultiGraph();
        g.setAttribute('description', meta);
        const safe = new Set<string>();
        for (const [i, k] of keys.entries()) {
          // keys that collide once made XML-safe are refused (tested in gexf.test.ts)
          const probe = xmlSafe(k);
          if (safe.has(probe)) continue;
          safe.add(probe);
          g.addNode(k, { label: k, kind: meta, aliases: [k, meta], evidence: k, [`x${i}`]: k });
        }
        const ns = g.nodes();
        for (const [i, s] of ns.entries()) g.addEdgeWithKey(`e${i}${s}`, s, ns[(i + 1) % ns.length]!, { relation: s, label: meta, evidence: s });
        expect(toGexf(g, { pretty })).toBe(oracleGexf(g, { pretty }));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what the former writer refused, with the same message', () => {
    const bad: Array<(g: MultiGraph) => void> = [
      (g) => g.setNodeAttribute('PERSON:金宝', 'color', 'red'),
      (g) => g.setNodeAttribute('PERSON:金宝', 'size', -1),
      (g) => g.setNodeAttribute('PERSON:金宝', 'x', Number.NaN),
      (g) => g.setNodeAttribute('PERSON:金宝', 'label', { no: 'text' }),
      (g) => g.setNodeAttribute('PERSON:金宝', 'mentions', 'three'),
      (g) => g.forEachEdge((e) => g.setEdgeAttribute(e, 'weight', Infinity)),
      (g) => g.forEachEdge((e) => g.setEdgeAttribute(e, 'relation', ['x'])),
      (g) => {
        g.addNode('a\u0001');
        g.addNode('a\u0002');
      },
    ];
    for (const spoil of bad) {
      const g = buildSampleGraph();
      spoil(g);
      const message = (f: () => unknown): string => {
        try {
          f();
        } catch (e) {
          return (e as Error).message;
        }
        return 'no error';
      };
      const expected = message(() => oracleGexf(g));
      expect(expected).toMatch(/GEXF export/);
      expect(message(() => toGexf(g))).toBe(expected);
    }
  });

  it('a colour whose opacity prints in exponent form: the former writer crashed, this one writes it', () => {
    const g = new MultiGraph();
    g.addNode('a', { color: 'rgba(1, 2, 3, 0.0000001)' });
    expect(() => oracleGexf(g)).toThrow(TypeError);
    expect(toGexf(g)).toContain('<viz:color r="1" g="2" b="3" a="1e-7"/>');
    expect(fromGexf(toGexf(g)).order).toBe(1);
  });

  it('chunks: never split a surrogate pair; streamed into graph.gexf they are the bytes of toGexf', async () => {
    const g = new MultiGraph();
    // Labels of astral characters at every offset, so that chunk boundaries fall everywhere.
    for (let i = 0; i < 3000; i++)
      g.addNode(`n${i}`, { label: `${'x'.repeat(i % 7)}${'𠮷'.repeat(1 + (i % 13))}`, kind: 'PERSON', evidence: '𠮷'.repeat(i % 50) });
    const chunks = [...gexfChunks(g)];
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) {
      const last = c.charCodeAt(c.length - 1);
      expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
    }
    expect(chunks.join('')).toBe(oracleGexf(g));
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-gexf-stream-'));
    await writeOutputs(g, dir, { viewer: false });
    expect(readFileSync(join(dir, 'graph.gexf')).equals(Buffer.from(toGexf(g), 'utf8'))).toBe(true);
  });
});
