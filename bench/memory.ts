/**
 * `npm run bench:memory [-- --sizes 10,50] [--fresh]`: memory and incremental builds with the store (issue 11
 * items 2–3) on the bench corpora (bench/corpus.ts). Per size, each build in its own process
 * (bench/memory-one.ts), as `zhkg build` runs them (store, graph saved in it, outputs written, no viewer):
 * a fresh build into a new store, then the same corpus plus one new ~15k-character page (that file extracted,
 * the rest read back from the store); with `--fresh` also a build of the corpus without a store (the
 * in-memory path). Prints wall time, peak RSS (all threads) with the main thread's heap at the end of each
 * stage, and the targets: peak RSS ≤ 1.2 GB at 50 MB, ≤ 1.5 GB at 200 MB; +1 page ≤ 10 % of the fresh
 * build. Prints figures; it is not a test.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './corpus.js';
import { loadAverage, machineLine, runJsonChild } from './child.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const i = process.argv.indexOf('--sizes');
const sizes = (i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : '50').split(',').map(Number);
if (sizes.some((s) => !(s > 0))) throw new Error('--sizes takes positive numbers of MB, e.g. --sizes 10,50');
const withFresh = process.argv.includes('--fresh');
const bio = process.env.ZHKG_BENCH_BIO ?? join(root, '..', 'shared', 'eval', 'pd-ner', 'dev.bio');
const sources = {
  bio: existsSync(bio) ? bio : join(root, 'test', 'fixtures', 'eval', 'pd-ner-sample.bio'),
  page: join(root, 'data', '000_6a6b28fc1a4d90e2.txt'),
};
/** Peak RSS targets of issue 11 (MB of corpus → MB of RSS). */
const TARGET: Record<number, number> = { 50: 1200, 200: 1500 };

interface Stage {
  stage: string;
  ms: number;
  peakRssMB: number;
  rssMB: number;
  heapMB: number;
  externalMB: number;
}
interface One {
  wallMs: number;
  peakRssMB: number;
  articles: number;
  nodes: number;
  edges: number;
  stages: Stage[];
  use?: { reused: number; extracted: number; forgotten: number };
}

function one(store: string, inputs: string[]): One {
  return runJsonChild<One>('memory-one.ts', [store, ...inputs], 'memory');
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(machineLine('memory and the store'));
for (const mb of sizes) {
  const corpus = ensureCorpus(join(here, 'corpus'), mb, sources);
  const tmp = mkdtempSync(join(tmpdir(), 'zhkg-bench-memory-'));
  try {
    const db = join(tmp, 'zhkg.db');
    // The new page: the bundled page under a new name, one sentence changed so its content is new.
    const page = join(tmp, 'new-page.txt');
    writeFileSync(page, readFileSync(sources.page, 'utf8').replace('。', '，今日新闻。'));
    const runs: Array<[string, One]> = [];
    runs.push(['fresh, into a new store', one(db, [corpus.dir])]);
    runs.push(['+1 page, from the store', one(db, [corpus.dir, page])]);
    if (withFresh) runs.push(['fresh, no store (in memory)', one('-', [corpus.dir])]);
    console.log(`\n## ${mb} MB: ${corpus.files} files, ${corpus.bytes.toLocaleString('en-US')} bytes (load ${loadAverage()})`);
    console.log('build                              wall      peak RSS  files extracted/reused');
    for (const [name, r] of runs)
      console.log(
        `${name.padEnd(35)}${s(r.wallMs).padStart(8)}  ${`${Math.round(r.peakRssMB)} MB`.padStart(9)}  ${r.use ? `${r.use.extracted}/${r.use.reused}` : '-'}`,
      );
    for (const [name, r] of runs)
      console.log(
        `  ${name}: stages (wall s, peak RSS MB at its end, RSS MB then, main heap MB): ${r.stages.map((x) => `${x.stage} ${(x.ms / 1000).toFixed(1)}/${x.peakRssMB}/${x.rssMB}/${x.heapMB}`).join(', ')}`,
      );
    const [fresh, added] = [runs[0]![1], runs[1]![1]];
    const target = TARGET[mb];
    console.log(
      `graph ${added.nodes} nodes, ${added.edges} edges, ${added.articles} articles; store file ${(statSync(db).size / 1048576).toFixed(1)} MB; ` +
        `+1 page ÷ fresh: ${((100 * added.wallMs) / fresh.wallMs).toFixed(0)} % (target ≤ 10 %)` +
        (target ? `; peak RSS ${Math.round(Math.max(fresh.peakRssMB, added.peakRssMB))} MB (target ≤ ${target} MB)` : ''),
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
