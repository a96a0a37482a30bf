/**
 * One benchmark measurement, run in its own process by bench/run.ts so peak RSS belongs to one corpus size.
 * Prints one JSON object on stdout. Usage: tsx bench/build-one.ts <corpus dir> [workers]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGraphFromPaths, extractArticleMentions, type Stage } from '../src/pipeline.js';
import { listInputs, readSource } from '../src/text/read.js';
import { splitArticles } from '../src/text/articles.js';
import { getJieba, segment } from '../src/segment/jieba.js';
import { writeOutputs } from '../src/output.js';
import { openStore } from '../src/store/index.js';
import { viewerAssetsDir } from '../src/viewer/assets.js';
import { gexfChunks } from '../src/export/index.js';
import { layoutGraph } from '../src/layout/forceatlas2.js';
import { now, since, type Clock } from './child.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: build-one.ts <corpus dir> [workers]');
const workers = process.argv[3] ? Number(process.argv[3]) : undefined;
/**
 * The per-stage breakdown of extraction runs on one thread over the first SAMPLE_CHARS of the corpus, each stage
 * doing what the build does for it (entities: `extractArticleMentions`, as the workers run it), after a warm-up
 * (loading the dictionary, model and lexicons is not in it).
 */
const SAMPLE_CHARS = 1_500_000;

// 1. The whole build, as `zhkg build` runs it (worker threads for extraction), then the export.
const stages: Record<string, Clock> = {};
let stage = '';
let mark = now();
/** Peak RSS (MB) when each stage ended: where the memory peak happens. */
const rssAfter: Record<string, number> = {};
const enter = (s: string) => {
  if (s === stage) return;
  if (stage) {
    stages[stage] = since(mark);
    rssAfter[stage] = Math.round(process.resourceUsage().maxRSS / 1024);
  }
  mark = now();
  stage = s;
};
const t0 = now();
enter('read'); // listing and the first file count as reading
// As `zhkg build` does: only the graph and the article count are kept for the export; a one-shot process (the
// model's tables and the division index from the table caches, which an earlier build filled).
const { graph, articles } = await buildGraphFromPaths([dir], {
  ...(workers ? { workers } : {}),
  facts: false,
  oneShot: true,
  onProgress: (s: Stage) => enter(s === 'extract' ? 'read' : s),
}).then((r) => ({ graph: r.graph, articles: r.articles.length }));
enter('export');
const out = mkdtempSync(join(tmpdir(), 'zhkg-bench-'));
await writeOutputs(graph, join(out, 'a'), { viewer: false });
enter('');
const total = since(t0);
const peakRssMB = process.resourceUsage().maxRSS / 1024;
// The default `zhkg build` after the graph is built (issue 14): the outputs with the viewer (evidence shards,
// graph.js), the graph saved in a new store from graph.json's chunks inside their commit; skipped when the page is not built.
let exportDefault: { save: Clock; viewer: Clock } | undefined;
// viewerAssetsDir throws when the page is not built (npm run build).
const pageBuilt = (() => {
  try {
    viewerAssetsDir();
    return true;
  } catch {
    return false;
  }
})();
if (pageBuilt) {
  const store = openStore(join(out, 'zhkg.db'), { fields: null });
  // As zhkg build: the graph saved inside the outputs' commit; "save" until the store has it and graph.json is staged.
  const t = now();
  let save: Clock | undefined;
  await writeOutputs(graph, join(out, 'b'), { save: { store, settings: { minConfidence: 0 }, onSaved: () => (save = since(t)) } });
  const all = since(t);
  store.close();
  exportDefault = { save: save!, viewer: { wall: all.wall - save!.wall, cpu: all.cpu - save!.cpu } };
}
rmSync(out, { recursive: true, force: true });
// The GEXF writer alone (its chunks generated and dropped): the part of the export issue 14 sets ≤ 3 s for at 50 MB.
const g0 = now();
let gexfChars = 0;
for (const chunk of gexfChunks(graph)) gexfChars += chunk.length;
const gexf = { ...since(g0), chars: gexfChars };
const nodes = graph.order;
const edges = graph.size;
// The layout stage again on this graph (it starts from the seeded positions, as in the build), on one thread and
// with the repulsion's worker thread (src/layout/fa2-threads.ts; from BARNES_HUT_MIN_NODES on only).
const layout: Record<'one' | 'two', Clock> = { one: { wall: 0, cpu: 0 }, two: { wall: 0, cpu: 0 } };
for (const threads of [1, 2] as const) {
  const copy = graph.copy();
  const t = now();
  layoutGraph(copy, { seed: 7, threads });
  layout[threads === 1 ? 'one' : 'two'] = since(t);
}

// 2. Source characters and nodejieba `tag` alone on the same text, file by file, one thread.
const files = await listInputs([dir]);
let sourceChars = 0;
const jieba = getJieba();
jieba.tag('预热'); // dictionary loading is not part of the measurement
const j0 = now();
for (const f of files) {
  const { text } = await readSource(f);
  sourceChars += text.length;
  jieba.tag(text);
}
const jiebaAlone = since(j0);

// 3. Extraction stages on one thread over a sample (their throughput does not depend on corpus size).
const split: Record<string, Clock> = {
  'read/decode': { wall: 0, cpu: 0 },
  'normalize+articles': { wall: 0, cpu: 0 },
  segmentation: { wall: 0, cpu: 0 },
  entities: { wall: 0, cpu: 0 },
};
const add = (k: string, c: Clock) => {
  split[k]!.wall += c.wall;
  split[k]!.cpu += c.cpu;
};
let sampleChars = 0;
extractArticleMentions(splitArticles(await readSource(files[0]!))[0]!); // warm-up: model and lexicons
for (const f of files) {
  if (sampleChars >= SAMPLE_CHARS) break;
  let t = now();
  const doc = await readSource(f);
  add('read/decode', since(t));
  sampleChars += doc.text.length;
  t = now();
  const arts = splitArticles(doc);
  add('normalize+articles', since(t));
  for (const a of arts) {
    t = now();
    const tokens = segment(a.text);
    add('segmentation', since(t));
    t = now();
    // What a worker runs per article (src/parallel/worker.ts): nested mentions, confidences, bylines.
    extractArticleMentions(a, { tokens });
    add('entities', since(t));
  }
}

process.stdout.write(
  `${JSON.stringify({ dir, files: files.length, sourceChars, articles, nodes, edges, total, gexf, exportDefault, layout, stages, rssAfter, peakRssMB, jiebaAlone, sampleChars, split })}\n`,
);
