/**
 * The graph's evidence held compact (src/graph/evidence.ts): records packed into integers and decoded when
 * the attribute is read give back the records as they were, in the same key order, through every way users
 * read a graph's attributes; records of another shape are kept as they are.
 */
import { describe, expect, it } from 'vitest';
import { EvidencePool } from '../../src/graph/evidence.js';
import { buildGraph } from '../../src/graph/build.js';
import { toJSON } from '../../src/export/json.js';
import { viewerDataFiles } from '../../src/viewer/data-files.js';
import type { SerializedGraph } from '../../src/viewer/render-format.js';
import type { Entity, Evidence, RelationFact } from '../../src/types.js';

const plain: Evidence[] = [
  { article: 'a1', sentence: '甲乙两人在河边散步。', spans: [[0, 1]], sourceSpans: [[10, 11]], source: 'one.txt' },
  {
    article: 'a1',
    sentence: '甲乙两人在河边散步。',
    spans: [
      [1, 2],
      [3, 4],
    ],
    sourceSpans: [
      [11, 12],
      [40, 41],
      [90, 92],
    ],
    source: 'one.txt',
  },
  { article: 'a2', sentence: '丙在山上看书。', spans: [], sourceSpans: [[0, 0]], source: 'two.pdf', page: 3, date: '2020-05-01' },
  { article: 'a3', sentence: '', spans: [[5, 9]], sourceSpans: [[2147483000, 2147483600]], source: 'three.txt', date: '' },
  { article: 'a4', sentence: '丁说：好。', spans: [[0, 1]], sourceSpans: [[7, 8]], source: 'four.pdf', page: 0 },
];

describe('EvidencePool', () => {
  it('packs records and gives them back with the same keys in the same order', () => {
    const pool = new EvidencePool();
    const records = plain.map((e) => pool.record(structuredClone(e)));
    expect(records.every((r) => Array.isArray(r))).toBe(true);
    const back = pool.unpack(pool.pack(records));
    expect(back).toEqual(plain);
    expect(JSON.stringify(back)).toBe(JSON.stringify(plain));
    expect(back.map((e) => Object.keys(e))).toEqual(plain.map((e) => Object.keys(e)));
    expect(pool.unpack(pool.pack([]))).toEqual([]);
  });

  it('keeps records of another shape as they are', () => {
    const pool = new EvidencePool();
    const odd: Evidence[] = [
      { sentence: '次序不同。', article: 'b1', spans: [], sourceSpans: [], source: 'x' },
      { article: 'b2', sentence: '多一个键。', spans: [], sourceSpans: [], source: 'x', extra: 1 } as Evidence,
      { article: 'b3', sentence: '小数。', spans: [[0.5, 1]], sourceSpans: [], source: 'x' },
      { article: 'b4', sentence: '太大。', spans: [], sourceSpans: [[0, 2 ** 31]], source: 'x' },
      { article: 'b5', sentence: '页不是数。', spans: [], sourceSpans: [], source: 'x', page: undefined },
    ];
    for (const e of odd) expect(pool.record(e)).toBe(e);
    // A list with one such record keeps it, and the others decoded, in order.
    const list = pool.unpack(pool.pack([pool.record(plain[0]!), odd[1]!, pool.record(plain[2]!)]));
    expect(list[1]).toBe(odd[1]);
    expect(JSON.stringify(list)).toBe(JSON.stringify([plain[0], odd[1], plain[2]]));
  });

  it('gives an owner an enumerable property in place that reads as the plain one', () => {
    const pool = new EvidencePool();
    const packed: Record<string, unknown> = { label: '甲', kind: 'PERSON' };
    pool.attach(
      packed,
      'evidence',
      plain.map((e) => pool.record(e)),
    );
    packed['date'] = '2020-01-01';
    const want = { label: '甲', kind: 'PERSON', evidence: plain, date: '2020-01-01' };
    expect(Object.keys(packed)).toEqual(Object.keys(want));
    expect(JSON.stringify(packed)).toBe(JSON.stringify(want));
    expect(JSON.stringify({ ...packed })).toBe(JSON.stringify(want));
    expect(JSON.stringify(Object.assign({}, packed))).toBe(JSON.stringify(want));
    expect(JSON.stringify(structuredClone(packed))).toBe(JSON.stringify(want));
    expect(Object.getOwnPropertySymbols(packed).every((s) => !Object.getOwnPropertyDescriptor(packed, s)!.enumerable)).toBe(true);
    // Each read decodes anew: a list changed in place is not kept; setting the property keeps the value, in place.
    (packed['evidence'] as Evidence[]).pop();
    expect(packed['evidence']).toEqual(plain);
    packed['evidence'] = [plain[4]];
    expect(packed['evidence']).toEqual([plain[4]]);
    expect(Object.keys(packed)).toEqual(['label', 'kind', 'evidence', 'date']);
    expect(pool.recordsOf(packed)).toBeUndefined();
  });

  it('packs again after it is sealed', () => {
    const pool = new EvidencePool();
    const first = pool.record(plain[2]!);
    pool.seal();
    const again = pool.record(structuredClone(plain[2]!));
    expect(again).toEqual(first);
    expect(pool.unpack(pool.pack([first, pool.record(plain[3]!)]))).toEqual([plain[2], plain[3]]);
  });
});

describe('a graph with packed evidence', () => {
  const entity = (key: string, evidence: Evidence[]): Entity => ({
    key,
    label: key,
    kind: 'PERSON',
    aliases: [],
    mentions: evidence.length,
    articles: ['a1'],
    evidence,
  });
  const fact = (source: string, target: string, evidence: Evidence): RelationFact => ({ source, target, relation: 'co_occurs', label: '同现', evidence });
  const entities = [entity('P:甲', [plain[0]!, plain[2]!]), entity('P:乙', [plain[1]!])];
  const facts = [fact('P:乙', 'P:甲', plain[1]!), fact('P:甲', 'P:乙', plain[2]!), fact('P:甲', 'P:乙', plain[0]!)];

  it('gives the evidence users read as before, through the graph and its copies', () => {
    const g = buildGraph(entities, [], facts);
    const edge = g.edges()[0]!;
    const list = g.getEdgeAttribute(edge, 'evidenceList') as Evidence[];
    // One record per sentence, the first fact's in compareFacts order (P:乙 sorts before P:甲, so plain[1]
    // for a1's sentence), dated first.
    expect(list).toEqual([plain[2], plain[1]]);
    expect(g.getEdgeAttribute(edge, 'evidence')).toBe(plain[2]!.sentence);
    expect(g.getNodeAttribute('P:甲', 'evidence')).toEqual([plain[2], plain[0]]);
    expect(g.getNodeAttribute('P:乙', 'evidence')).toEqual([plain[1]]);
    const exported = g.export();
    expect(exported.edges[0]!.attributes!['evidenceList']).toEqual(list);
    expect(JSON.stringify(g.copy().export())).toBe(JSON.stringify(exported));
    expect(toJSON(g)).toContain('"sentence":"丙在山上看书。"');
  });

  it('gives the viewer files of the plain graph when the writer reads the attributes in place', () => {
    const g = buildGraph(entities, [], facts);
    const plainCopy = JSON.parse(JSON.stringify(g.export())) as SerializedGraph;
    const inPlace: SerializedGraph = {
      options: { type: g.type, multi: g.multi, allowSelfLoops: g.allowSelfLoops },
      attributes: g.getAttributes(),
      nodes: g.mapNodes((key, attributes) => ({ key, attributes })),
      edges: g.mapEdges((key, attributes, source, target, _s, _t, undirected) => ({ key, source, target, attributes, ...(undirected ? { undirected } : {}) })),
    };
    const files = [...viewerDataFiles(inPlace)];
    expect(files.length).toBeGreaterThan(1);
    expect(files).toEqual([...viewerDataFiles(plainCopy)]);
  });
});
