/**
 * `npm run bench:pg [-- --mb 1] [--shards 2]`: the scale-out recipe measured on one machine. The bench
 * corpus (bench/corpus.ts) is dealt into N shard folders (file k to shard k mod N); then, each in its own
 * process of the compiled CLI: one build of the folder holding the shards (no store), N
 * `zhkg build SHARD --shard sK --store postgres://…` at the same time, and `zhkg export --store …`.
 * Prints wall times and whether the export's graph.gexf and graph.json are the single build's bytes.
 * The database: ZHKG_PG_URL, else a throwaway cluster (Debian's postgresql, test/helpers/postgres.ts).
 * Prints figures; it is not a test.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './corpus.js';
import { startCluster, type Cluster } from '../test/helpers/postgres.js';
import { loadAverage as load } from './child.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const main = join(root, 'dist', 'src', 'cli', 'main.js');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!(v > 0)) throw new Error(`${name} takes a positive number`);
  return v;
};
const mb = arg('--mb', 1);
const shards = arg('--shards', 2);
if (!existsSync(main)) throw new Error('run npm run build first (the bench runs the compiled CLI)');
const bio = process.env.ZHKG_BENCH_BIO ?? join(root, '..', 'shared', 'eval', 'pd-ner', 'dev.bio');
const sources = {
  bio: existsSync(bio) ? bio : join(root, 'test', 'fixtures', 'eval', 'pd-ner-sample.bio'),
  page: join(root, 'data', '000_6a6b28fc1a4d90e2.txt'),
};

/** Runs the CLI; resolves with the wall time, rejects on a non-zero exit. */
function cli(args: string[]): Promise<number> {
  const t0 = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done(Date.now() - t0) : fail(new Error(`zhkg ${args[0]} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const corpus = ensureCorpus(join(here, 'corpus'), mb, sources);
const tmp = mkdtempSync(join(tmpdir(), 'zhkg-bench-pg-'));
let cluster: Cluster | undefined;
try {
  const folder = join(tmp, 'corpus');
  const names = readdirSync(corpus.dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  names.forEach((f, k) => {
    const dir = join(folder, `s${(k % shards) + 1}`);
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(corpus.dir, f), join(dir, f));
  });
  let url = process.env.ZHKG_PG_URL;
  if (!url) {
    cluster = startCluster();
    url = await cluster.createDatabase('bench');
  }
  console.log(`zhkg bench: PostgreSQL shards — node ${process.version}, ${availableParallelism()} cores, load average ${load()}`);
  console.log(`${mb} MB: ${corpus.files} files, ${corpus.bytes.toLocaleString('en-US')} bytes, dealt into ${shards} shards`);
  const single = await cli(['build', folder, '--no-store', '-q', '-o', join(tmp, 'single')]);
  console.log(`one build of all shards (no store)         ${s(single).padStart(8)}   (load ${load()})`);
  const t0 = Date.now();
  const each = await Promise.all(
    Array.from({ length: shards }, (_, k) => cli(['build', join(folder, `s${k + 1}`), '--shard', `s${k + 1}`, '--store', url, '-q'])),
  );
  const builders = Date.now() - t0;
  console.log(`${shards} shard builds at the same time            ${s(builders).padStart(8)}   (each: ${each.map(s).join(', ')}; load ${load()})`);
  const exported = await cli(['export', '--store', url, '-o', join(tmp, 'export'), '-q']);
  console.log(`zhkg export (assembles all shards)         ${s(exported).padStart(8)}   (load ${load()})`);
  const again = await cli(['export', '--store', url, '-o', join(tmp, 'export2'), '-q']);
  console.log(`zhkg export again (the saved graph)        ${s(again).padStart(8)}`);
  console.log(`shards + export ÷ one build: ${((builders + exported) / single).toFixed(2)}`);
  const same = ['graph.gexf', 'graph.json'].every((f) => readFileSync(join(tmp, 'single', f)).equals(readFileSync(join(tmp, 'export', f))));
  console.log(`export's graph.gexf and graph.json identical to the one build: ${same ? 'yes' : 'NO'}`);
  if (!same) process.exitCode = 1;
} finally {
  cluster?.stop();
  rmSync(tmp, { recursive: true, force: true });
}
