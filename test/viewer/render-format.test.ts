/** The viewer's render graph and evidence shards (src/viewer/render-format.ts, data-files.ts): exact, compact, safe. */
import { readFileSync } from 'node:fs';
import { MultiGraph } from 'graphology';
import type { SerializedGraph as GraphologySerialized } from 'graphology-types';
import { describe, expect, it } from 'vitest';
import { toJSON } from '../../src/export/json.js';
import { viewerDataFiles } from '../../src/viewer/data-files.js';
import { fnv1a, shardCount, shardOf, SHARD_TARGET_BYTES, type SerializedGraph } from '../../src/viewer/render-format.js';
import { syntheticGraph } from '../../scripts/synthetic-graph.js';
import { FIXTURE_JSON } from './helpers.js';
import { graphJsonShape, rebuild, scriptJson } from './render-data.js';

/**
 * graph.js: one string literal of printable ASCII, each quote or backslash in it escaped, no `<` or `>`
 * (a script's text, whatever charset it is read in: the data cannot end the string).
 */
const GRAPH_JS = /^window\.__ZHKG_RENDER__ = "(?:[\x20-\x21\x23-\x3b\x3d\x3f-\x5b\x5d-\x7e]|\\["\\/bfnrt]|\\u[0-9a-f]{4})*";\n$/u;

function filesOf(g: SerializedGraph): Map<string, string> {
  return new Map([...viewerDataFiles(g)].map((f) => [f.name, f.data]));
}

/** The JSON text of a data file. */
const text = (files: Map<string, string>, name: string) => scriptJson(files.get(name)!);

/** graph.json of a serialized graph, as `zhkg build` writes it. */
function graphJson(g: SerializedGraph): string {
  const m = new MultiGraph({ type: 'mixed' });
  m.import(g as unknown as GraphologySerialized);
  return toJSON(m);
}

function roundTrip(g: SerializedGraph): { files: Map<string, string>; json: string } {
  const json = graphJson(g);
  // from graph.json's text, as copyViewer reads it
  const files = filesOf(JSON.parse(json) as SerializedGraph);
  const back = rebuild((n) => files.get(n));
  const want = graphJsonShape(json);
  expect(back.attributes).toEqual(want.attributes);
  expect(back.nodes).toEqual(want.nodes);
  expect(back.edges).toEqual(want.edges);
  for (const p of back.placement) expect(shardOf(p.what, p.key, back.shards)).toBe(p.shard);
  return { files, json };
}

describe('render graph and evidence shards', () => {
  it('give back exactly graph.json (fixture graph)', () => {
    const { files } = roundTrip(JSON.parse(readFileSync(FIXTURE_JSON, 'utf8')) as SerializedGraph);
    // the evidence is in the shards, not in graph.js
    expect(text(files, 'graph.js')).toContain('苏吉嘎查');
    expect(text(files, 'graph.js')).not.toContain('苏吉嘎查第一书记金宝');
    expect(text(files, 'evidence/000.js')).toContain('苏吉嘎查第一书记金宝');
    expect([...files.keys()].filter((n) => n.startsWith('evidence/')).length).toBe(1);
  });

  it('give back exactly graph.json (synthetic graph of the build’s shape), graph.js a small part of it', () => {
    const { files, json } = roundTrip(syntheticGraph({ nodes: 1500, edges: 4000 }));
    const shards = [...files.keys()].filter((n) => n.startsWith('evidence/'));
    expect(shards.length).toBeGreaterThan(4);
    expect(shards.length & (shards.length - 1)).toBe(0); // a power of two
    for (const s of shards) expect(files.get(s)!.length).toBeLessThan(3 * SHARD_TARGET_BYTES);
    // the page's files (graph.js's JSON, the shards gzipped) are far smaller than graph.json
    const bytes = [...files.values()].reduce((n, t) => n + t.length, 0);
    expect(bytes * 4).toBeLessThan(json.length);
    expect(text(files, 'graph.js')).not.toContain('一同参加了嘎查组织的活动');
    expect(text(files, shards[0]!)).toContain('一同参加了嘎查组织的活动');
    for (const s of shards) expect(files.get(s)).toMatch(/^__ZHKG_EVIDENCE__\(\d+, "[A-Za-z0-9+/=]+"\);\n$/u);
    expect(files.get('graph.js')).toMatch(GRAPH_JS);
  });

  it('keep build-shaped keys compact and any other key as it is', () => {
    const g: SerializedGraph = {
      attributes: {},
      nodes: [
        { key: 'person:金宝', attributes: { label: '金宝', kind: 'PERSON', x: 0, y: 0 } },
        { key: 'place:苏吉嘎查', attributes: { label: '苏吉嘎查', kind: 'PLACE', x: 1, y: 1 } },
        { key: 'n-3', attributes: { label: '其他', x: 2, y: 2 } },
      ],
      edges: [
        {
          key: 'role:person:金宝->place:苏吉嘎查#第一书记',
          source: 'person:金宝',
          target: 'place:苏吉嘎查',
          attributes: { relation: 'role', label: '第一书记' },
        },
        {
          key: 'co_occurs:person:金宝--place:苏吉嘎查',
          source: 'person:金宝',
          target: 'place:苏吉嘎查',
          undirected: true,
          attributes: { relation: 'co_occurs' },
        },
        { key: 'mine', source: 'n-3', target: 'person:金宝', attributes: { relation: 'role', label: 'x' } },
      ],
    };
    const { files } = roundTrip(g);
    const js = text(files, 'graph.js');
    expect(js).not.toContain('person:金宝');
    expect(js).toContain('n-3');
    expect(js).toContain('mine');
    expect(files.size).toBe(1); // nothing beyond the render attributes: no shard
  });

  it('keep hostile keys and strings as data', () => {
    const hostile = '</script><script>alert(1)</script>\u2028"\\\'';
    const g: SerializedGraph = {
      attributes: { articles: [{ id: 'a1', title: hostile }] },
      nodes: [
        { key: '__proto__', attributes: { label: hostile, kind: 'PERSON', x: 0, y: 0, evidence: hostile, __proto__x: 1 } },
        { key: 'constructor', attributes: { label: 'c', x: 1, y: 1, articles: ['a1'], note: { __proto__: 'no', toString: 'x' } } },
      ],
      edges: [
        {
          key: 'toString',
          source: '__proto__',
          target: 'constructor',
          attributes: { relation: 'role', label: hostile, evidenceList: [{ sentence: hostile }] },
        },
      ],
    };
    const { files } = roundTrip(g);
    // the scripts hold one string literal each, base64 (shards) or printable ASCII with escapes (graph.js):
    // nothing of the data can end the string or the script
    for (const [name, t] of files) expect(t).toMatch(name === 'graph.js' ? GRAPH_JS : /^__ZHKG_EVIDENCE__\(\d+, "[A-Za-z0-9+/=]+"\);\n$/u);
    expect(files.get('graph.js')).not.toMatch(/<|>|\u2028/u);
    expect((JSON.parse(text(files, 'graph.js')) as { attributes: { articles: { title: string }[] } }).attributes.articles[0]!.title).toBe(hostile);
  });

  it('are the same bytes for the same graph; a key always lands in the same shard', () => {
    const g = syntheticGraph({ nodes: 300, edges: 700, seed: 3 });
    expect([...filesOf(g)]).toEqual([...filesOf(structuredClone(g))]);
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c); // the FNV-1a 32-bit test vector
    expect(shardOf('n', 'person:金宝', 64)).toBe(shardOf('n', 'person:金宝', 64));
    expect(shardCount(0)).toBe(0);
    expect(shardCount(1)).toBe(1);
    expect(shardCount(SHARD_TARGET_BYTES * 5)).toBe(8);
  });
});
