/**
 * `npm run bench:store [-- --sizes 10,50]`: the store (issue 11) on the bench corpora (bench/corpus.ts):
 * the first build into a new store (everything extracted and stored), the incremental build after one new
 * ~15k-character page is added, and a fresh build (no store) of the same inputs (one file extracted, the rest read from
 * the store; resolution, relations, layout and export run on the whole corpus as always). Each build runs in
 * its own process; wall time, peak RSS (all threads) and the ratio incremental ÷ fresh are printed. Prints
 * figures; it is not a test.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoreUse } from '../src/pipeline.js';
import { ensureCorpus } from './corpus.js';
import { loadAverage, machineLine, runJsonChild } from './child.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const i = process.argv.indexOf('--sizes');
const sizes = (i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : '10').split(',').map(Number);
if (sizes.some((s) => !(s > 0))) throw new Error('--sizes takes positive numbers of MB, e.g. --sizes 10,50');
const bio = process.env.ZHKG_BENCH_BIO ?? join(root, '..', 'shared', 'eval', 'pd-ner', 'dev.bio');
const sources = {
  bio: existsSync(bio) ? bio : join(root, 'test', 'fixtures', 'eval', 'pd-ner-sample.bio'),
  page: join(root, 'data', '000_6a6b28fc1a4d90e2.txt'),
};

interface One {
  wallMs: number;
  buildMs: number;
  peakRssMB: number;
  articles: number;
  nodes: number;
  edges: number;
  use?: StoreUse;
}

function one(store: string, inputs: string[]): One {
  return runJsonChild<One>('store-one.ts', [store, ...inputs], 'store');
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(machineLine('store'));
for (const mb of sizes) {
  const corpus = ensureCorpus(join(here, 'corpus'), mb, sources);
  const tmp = mkdtempSync(join(tmpdir(), 'zhkg-bench-store-'));
  try {
    const db = join(tmp, 'zhkg.db');
    // The new page: the bundled page under a new name, one sentence changed so its content is new.
    const page = join(tmp, 'new-page.txt');
    writeFileSync(page, readFileSync(sources.page, 'utf8').replace('。', '，今日新闻。'));
    const first = one(db, [corpus.dir]);
    const added = one(db, [corpus.dir, page]);
    const freshAdded = one('-', [corpus.dir, page]);
    console.log(`\n## ${mb} MB: ${corpus.files} files, ${corpus.bytes.toLocaleString('en-US')} bytes (load ${loadAverage()})`);
    console.log('build                                   wall      peak RSS  files extracted/reused  article facts made/reused');
    const row = (name: string, r: One) =>
      console.log(
        `${name.padEnd(40)}${s(r.wallMs).padStart(8)}  ${`${Math.round(r.peakRssMB)} MB`.padStart(9)}  ${(r.use ? `${r.use.extracted}/${r.use.reused}` : '-').padEnd(22)}  ${r.use?.relations ? `${r.use.relations.made}/${r.use.relations.reused}` : '-'}`,
      );
    row('fresh, into a new store', first);
    row('+1 page, from the store', added);
    row('+1 page, fresh (no store)', freshAdded);
    console.log(
      `incremental ÷ fresh: ${(added.wallMs / freshAdded.wallMs).toFixed(2)}; store file ${(readFileSync(db).length / 1048576).toFixed(1)} MB; graph ${added.nodes} nodes, ${added.edges} edges`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
