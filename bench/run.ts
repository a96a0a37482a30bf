/**
 * `npm run bench [-- --sizes 1,10,50] [--workers N] [--fa2 10000] [--viewer 16000,47000|0]`: builds corpora of the given sizes (MB,
 * under bench/corpus/), runs the whole build on each in its own process and prints throughput per stage,
 * peak RSS, graph size, nodejieba `tag` alone and the ratio build ÷ jieba; then ForceAtlas2 on a synthetic
 * graph; then the viewer on a synthetic graph (bench/viewer.ts: time to ready, filter/focus/search). Prints figures; it is not a test. Wall times depend on what else runs on the machine: the load
 * average is printed, and CPU times (all threads) beside wall times. `npm run bench` measures the compiled code, as
 * the `zhkg` command runs it (bench/compiled.mjs: src/ from dist/src/, rebuilt first when stale); `npx tsx
 * bench/run.ts …` the TypeScript sources through tsx.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './corpus.js';
import { fa2Bench } from './fa2.js';
import { BARNES_HUT_MIN_NODES, layoutThreaded } from '../src/layout/forceatlas2.js';
import { relaunchEnv, relaunchFacts } from '../src/cli/relaunch.js';
import { benchStartup, formatStartupBench } from './startup.js';
import { loadAverage as load, type Clock } from './child.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const sizes = arg('sizes', '1,10,50').split(',').map(Number);
if (sizes.some((s) => !(s > 0))) throw new Error('--sizes takes positive numbers of MB, e.g. --sizes 1,10');
const workers = arg('workers', '');
const fa2Nodes = Number(arg('fa2', '10000'));
const viewerSize = arg('viewer', '16000,47000').split(',').map(Number);

const bio = process.env.ZHKG_BENCH_BIO ?? join(root, '..', 'shared', 'eval', 'pd-ner', 'dev.bio');
const fallbackBio = join(root, 'test', 'fixtures', 'eval', 'pd-ner-sample.bio');
const sources = { bio: existsSync(bio) ? bio : fallbackBio, page: join(root, 'data', '000_6a6b28fc1a4d90e2.txt') };

const rate = (chars: number, ms: number) => (ms > 0 ? Math.round(chars / (ms / 1000)) : Infinity);
const fmt = (n: number) => (Number.isFinite(n) ? n.toLocaleString('en-US') : '∞');

const compiled = import.meta.resolve('../src/pipeline.js').includes('/dist/src/');
console.log(
  `zhkg bench — node ${process.version}, ${availableParallelism()} cores, load average ${load()}; ${compiled ? 'compiled code (dist/)' : 'sources through tsx'}`,
);
console.log(`corpus text: ${sources.bio} + ${sources.page}\n`);
for (const mb of sizes) {
  const corpus = ensureCorpus(join(here, 'corpus'), mb, sources);
  const child = spawnSync(process.execPath, [...process.execArgv, join(here, 'build-one.ts'), corpus.dir, ...(workers ? [workers] : [])], {
    // the process `zhkg build` works in: malloc on huge pages where the CLI starts itself so (src/cli/relaunch.ts)
    env: relaunchEnv(['build'], process.env, relaunchFacts()) ?? process.env,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`bench build failed for ${mb} MB (exit ${child.status})`);
  const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
    files: number;
    sourceChars: number;
    articles: number;
    nodes: number;
    edges: number;
    total: Clock;
    gexf: Clock & { chars: number };
    exportDefault?: { save: Clock; viewer: Clock };
    layout: { one: Clock; two: Clock };
    stages: Record<string, Clock>;
    rssAfter: Record<string, number>;
    peakRssMB: number;
    jiebaAlone: Clock;
    sampleChars: number;
    split: Record<string, Clock>;
  };
  const c = r.sourceChars;
  console.log(`## ${mb} MB: ${corpus.files} files, ${fmt(corpus.bytes)} bytes, ${fmt(c)} chars, ${fmt(r.articles)} articles (load ${load()})`);
  console.log(
    `whole build + export: ${(r.total.wall / 1000).toFixed(1)} s wall, ${(r.total.cpu / 1000).toFixed(1)} s CPU → ${fmt(rate(c, r.total.wall))} chars/s`,
  );
  console.log(`graph: ${fmt(r.nodes)} nodes, ${fmt(r.edges)} edges; peak RSS ${Math.round(r.peakRssMB)} MB`);
  console.log(
    `GEXF export (streaming writer, text only): ${(r.gexf.wall / 1000).toFixed(2)} s wall, ${(r.gexf.cpu / 1000).toFixed(2)} s CPU, ${fmt(r.gexf.chars)} chars`,
  );
  if (r.exportDefault) {
    const { save, viewer } = r.exportDefault;
    console.log(
      `export as zhkg build does by default (after the build): graph.json and the store ${(save.wall / 1000).toFixed(2)} s wall, ${(save.cpu / 1000).toFixed(2)} s CPU; the rest of the outputs with the viewer ${(viewer.wall / 1000).toFixed(2)} s wall, ${(viewer.cpu / 1000).toFixed(2)} s CPU (the export stage above: no viewer, no store)`,
    );
  }
  console.log(
    `nodejieba tag alone (1 thread): ${(r.jiebaAlone.wall / 1000).toFixed(1)} s → ${fmt(rate(c, r.jiebaAlone.wall))} chars/s; build ÷ jieba = ${(r.total.wall / r.jiebaAlone.wall).toFixed(2)} (CPU ${(r.total.cpu / r.jiebaAlone.cpu).toFixed(2)})`,
  );
  const { one, two } = r.layout;
  console.log(
    `layout stage again on this graph (${layoutThreaded(r.nodes) ? 'the repulsion on two threads' : `below ${fmt(BARNES_HUT_MIN_NODES)} nodes or one core: one thread both times`}): one thread ${(one.wall / 1000).toFixed(2)} s wall, ${(one.cpu / 1000).toFixed(2)} s CPU; two threads ${(two.wall / 1000).toFixed(2)} s wall, ${(two.cpu / 1000).toFixed(2)} s CPU (load ${load()})`,
  );
  console.log('stage                       wall s   CPU s    chars/s (wall)');
  const row = (name: string, t: Clock, chars: number) =>
    console.log(
      `${name.padEnd(26)} ${(t.wall / 1000).toFixed(2).padStart(7)} ${(t.cpu / 1000).toFixed(2).padStart(7)} ${fmt(rate(chars, t.wall)).padStart(14)}`,
    );
  for (const [name, t] of Object.entries(r.split)) row(`  ${name} (1 thread, sample)`.slice(0, 26), t, r.sampleChars);
  for (const [name, t] of Object.entries(r.stages)) row(name === 'read' ? 'read+extract (workers)' : name, t, c);
  console.log(`  (sample: first ${fmt(r.sampleChars)} chars, one thread)`);
  // Issue 14: the extraction threads' CPU against the one-thread sample's, scaled to the same characters.
  const sampleCpu = Object.values(r.split).reduce((sum, t) => sum + t.cpu, 0) * (c / r.sampleChars);
  const extractCpu = r.stages['read']?.cpu ?? NaN;
  console.log(
    `read+extract CPU ÷ one-thread sample CPU (scaled to ${fmt(c)} chars): ${(extractCpu / 1000).toFixed(1)} ÷ ${(sampleCpu / 1000).toFixed(1)} = ${(extractCpu / sampleCpu).toFixed(2)}`,
  );
  console.log(
    `peak RSS when each stage ended (MB): ${Object.entries(r.rssAfter)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}\n`,
  );
}

if (fa2Nodes > 0) {
  // One thread, then the repulsion's worker thread (the same positions), then each again: alternated.
  for (const threads of [1, 2, 1, 2] as const) {
    const f = fa2Bench(fa2Nodes, threads);
    console.log(
      `ForceAtlas2: ${fmt(f.nodes)} nodes, ${fmt(f.edges)} edges, Barnes-Hut ${f.barnesHut}, ${f.iterations} iterations, ${f.threaded ? 'two threads' : 'one thread'}: ${(f.ms / 1000).toFixed(2)} s wall, ${(f.cpuMs / 1000).toFixed(2)} s CPU (load ${load()})`,
    );
  }
}

console.log(`\n${formatStartupBench(await benchStartup(3))}`);

// The entities engineers' extraction benchmark, when present.
const extractBench = join(here, 'extract.ts');
if (existsSync(extractBench)) {
  console.log('\n## bench/extract.ts');
  spawnSync(process.execPath, [...process.execArgv, extractBench], { stdio: 'inherit' });
}

// The viewer on a big graph, in headless Chromium (issue 14 item 5, issue 17).
if (viewerSize[0]! > 0) {
  console.log('');
  spawnSync(process.execPath, [...process.execArgv, join(here, 'viewer.ts'), ...viewerSize.map(String)], { stdio: 'inherit' });
}
