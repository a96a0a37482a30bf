/**
 * Export timings on a synthetic zhkg-shaped graph (every node and edge with the SPEC §3 attributes and
 * evidence objects; half the edges undirected). Prints figures; not a test.
 * Run: npx tsx bench/export.ts [nodes]   (edges = 3 × nodes)
 */
import { MultiGraph } from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import { fromGexf, toGexf, toJSON } from '../src/export/index.js';

const n = Number(process.argv[2] ?? 10_000);
const g = new MultiGraph();
for (let i = 0; i < n; i++) {
  g.addNode(`PERSON:名字${i}`, {
    label: `名字${i}`,
    kind: 'PERSON',
    aliases: [`别名${i}`],
    mentions: i % 7,
    articles: ['a#1', 'a#2'],
    x: i * 0.5,
    y: -i,
    size: 3 + (i % 5),
    color: '#e15759',
    community: i % 13,
    degree: 3,
    pagerank: 1 / (i + 1),
    evidence: [{ sentence: `名字${i}在这里出现了一次，这是一个句子。`, article: 'a#1', spans: [[0, 3]], sourceSpans: [[0, 3]], source: 's' }],
  });
}
for (let e = 0; e < 3 * n; e++) {
  const s = `PERSON:名字${(e * 7919) % n}`;
  const t = `PERSON:名字${(e * 104729 + 1) % n}`;
  if (s === t) continue;
  const attrs = {
    relation: e % 2 ? 'co_occurs' : 'role',
    label: e % 2 ? '共现' : '书记',
    weight: 1 + (e % 3),
    articles: ['a#1'],
    evidence: '一句话。',
    evidenceList: [{ sentence: '一句话。' }],
    size: 1,
    color: '#d0d0d0',
  };
  if (e % 2) g.addUndirectedEdgeWithKey(`e${e}`, s, t, attrs);
  else g.addDirectedEdgeWithKey(`e${e}`, s, t, attrs);
}

const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
};
const [gexf, tGexf] = time(() => toGexf(g));
const [json, tJson] = time(() => toJSON(g));
const [, tRead] = time(() => fromGexf(gexf));
const [, tJsonRead] = time(() => MultiGraph.from(JSON.parse(json) as SerializedGraph));
const mb = (s: string) => (Buffer.byteLength(s) / 1e6).toFixed(1);
console.log(`${g.order} nodes, ${g.size} edges`);
console.log(`toGexf   ${tGexf.toFixed(0).padStart(6)} ms  ${mb(gexf)} MB`);
console.log(`toJSON   ${tJson.toFixed(0).padStart(6)} ms  ${mb(json)} MB`);
console.log(`fromGexf ${tRead.toFixed(0).padStart(6)} ms`);
console.log(`JSON in  ${tJsonRead.toFixed(0).padStart(6)} ms  (MultiGraph.from(JSON.parse))`);
console.log(`rss      ${(process.memoryUsage().rss / 1e6).toFixed(0).padStart(6)} MB`);
