/**
 * The PostgreSQL store (issue 11 item 4) against a real server: a throwaway cluster (test/helpers/postgres.ts;
 * needs Debian's postgresql, which .ci/run installs). Incremental builds equal fresh ones; two builders
 * given the same file store it once; another pipeline version is re-extracted, never mixed; a foreign or
 * newer schema is refused with one line and left as it was; `zhkg build --shard` processes running at the
 * same time (two shards, one of them twice: its files are stored once), then `zhkg export`, write the bytes of
 * one build of all shards; a shard's rebuild forgets only its own files; an unfinished shard stops the export.
 *
 * Children (the compiled CLI) where processes are the point: builders running at the same time, a build
 * killed with SIGKILL. The other runs of the CLI on what they stored (exports, a query, a shard's rebuild or
 * rerun) run the compiled `main` in this process (runDistHere): each child is a cold start, and the store's
 * rows carry the compiled code's pipeline version, which a run of the sources (runCliHere) does not share.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildGraphFromPaths, buildGraphFromStore, type BuildOptions } from '../../src/pipeline.js';
import { toGexf, toJSON } from '../../src/export/index.js';
import { connectStore } from '../../src/store/index.js';
import { PgStore } from '../../src/store/postgres.js';
import { StoreError } from '../../src/errors.js';
import type { Article } from '../../src/types.js';
import { repoRoot, runCliHere, runDistHere } from '../helpers/cli.js';
import { startCluster, type Cluster } from '../helpers/postgres.js';
import { CHILD_NODE_OPTIONS } from '../helpers/child-env.js';

const main = resolve(repoRoot, 'dist/src/cli/main.js');
const fixtures = resolve(repoRoot, 'test/fixtures/store');
const OUTPUTS = ['graph.gexf', 'graph.json', 'graph.js'];
let cluster: Cluster;
let work: string;

beforeAll(() => {
  // The children run the compiled code, which the global setup (test/setup/dist.ts) keeps current.
  work = mkdtempSync(join(tmpdir(), 'zhkg-pg-store-'));
  cluster = startCluster();
}, 300_000);
afterAll(() => {
  cluster?.stop();
  rmSync(work, { recursive: true, force: true });
});

function article(id: string, text: string): Article {
  return {
    id,
    source: 'x.txt',
    title: text.slice(0, 4),
    section: '',
    authors: [],
    text,
    map: new Int32Array(text.length + 1).map((_, i) => i),
    gaps: [],
    sentences: [{ index: 0, start: 0, end: text.length, text }],
  };
}

/** Opening the store at `url` throws a one-line StoreError naming it (password hidden). */
async function refusal(url: string): Promise<string> {
  let error: unknown;
  try {
    await (await connectStore(url)).close();
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(StoreError);
  const message = (error as Error).message;
  expect(message.split('\n')).toHaveLength(1);
  return message;
}

describe('the PostgreSQL store (library)', () => {
  it('builds incrementally to the bytes of a fresh build: files added, changed, removed', async () => {
    const dir = join(work, 'inc');
    mkdirSync(dir);
    for (const f of ['a.txt', 'b.txt', 'c.txt']) copyFileSync(join(fixtures, f), join(dir, f));
    const inputs = () => readdirSync(dir).map((f) => join(dir, f));
    const build = async (options: BuildOptions) => {
      const r = await buildGraphFromPaths(inputs(), { workers: 1, layout: true, ...options });
      return { gexf: toGexf(r.graph), json: toJSON(r.graph), store: r.store };
    };
    const fresh = async () => {
      const { gexf, json } = await build({});
      return { gexf, json };
    };
    const store = await connectStore(await cluster.createDatabase('inc'));
    try {
      const first = await build({ store });
      expect(first.store).toEqual({ extracted: 3, reused: 0, forgotten: 0 });
      expect({ gexf: first.gexf, json: first.json }).toEqual(await fresh());

      copyFileSync(join(fixtures, 'd.txt'), join(dir, 'd.txt'));
      writeFileSync(join(dir, 'b.txt'), readFileSync(join(fixtures, 'e.txt')));
      rmSync(join(dir, 'c.txt'));
      const next = await build({ store });
      expect(next.store).toEqual({ extracted: 2, reused: 1, forgotten: 1 });
      expect({ gexf: next.gexf, json: next.json }).toEqual(await fresh());
      expect(await store.names()).toEqual(['a.txt', 'b.txt', 'd.txt']);
      // The assembled graph of the store is the build's.
      const assembled = await buildGraphFromStore(store);
      expect(toJSON(assembled.graph)).toBe(next.json);
    } finally {
      await store.close();
    }
  }, 300_000);

  it('stores a file given to two builders once; another pipeline version replaces it, never mixed', async () => {
    const url = await cluster.createDatabase('twice');
    const [one, two] = await Promise.all([PgStore.open(url, 'v1'), PgStore.open(url, 'v1')]);
    const file = (hash: string) => ({ name: 'a.txt', hash, articles: [article('a#1', '呼和浩特市。')], mentions: [[]], notes: [] });
    try {
      expect(await one.lookup('a.txt', 'h')).toBeUndefined();
      expect(await two.lookup('a.txt', 'h')).toBeUndefined();
      // Both extracted it; both store it at the same time: one writes, the other finds it written.
      const wrote = await Promise.all([one.put(file('h')), two.put(file('h'))]);
      expect(wrote.filter(Boolean)).toHaveLength(1);
      expect(await cluster.query('twice', 'SELECT file, seq FROM articles')).toEqual([{ file: 'a.txt', seq: 0 }]);
      expect((await two.lookup('a.txt', 'h'))?.articles[0]?.text).toBe('呼和浩特市。');

      const other = await PgStore.open(url, 'v2');
      try {
        expect(await other.lookup('a.txt', 'h')).toBeUndefined();
        expect(await other.put(file('h'))).toBe(true);
      } finally {
        await other.close();
      }
      expect(await cluster.query('twice', 'SELECT name, version FROM files')).toEqual([{ name: 'a.txt', version: 'v2' }]);
      expect(await cluster.query('twice', 'SELECT count(*)::int AS n FROM articles')).toEqual([{ n: 1 }]);
      expect(await one.lookup('a.txt', 'h')).toBeUndefined();
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  }, 120_000);

  it('refuses a foreign schema and a newer store with one line, changing nothing', async () => {
    const url = await cluster.createDatabase('foreign');
    await cluster.query('foreign', 'CREATE TABLE customers (id integer PRIMARY KEY, name text)');
    await cluster.query('foreign', `INSERT INTO customers VALUES (1, 'x')`);
    const secret = url.replace('zhkg@', 'zhkg:hunter2@');
    const message = await refusal(secret);
    expect(message).toMatch(/not a zhkg store \(schema "public" holds tables of another application: customers\); nothing in it was changed/);
    expect(message).not.toContain('hunter2');
    expect(message.startsWith(`${secret.replace('hunter2', '***')}: `)).toBe(true);
    const tables = await cluster.query<{ table_name: string }>('foreign', `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(tables.map((t) => t.table_name)).toEqual(['customers']);

    const newer = await cluster.createDatabase('newer');
    await (await connectStore(newer)).close();
    await cluster.query('newer', 'UPDATE zhkg_store SET format = 99');
    expect(await refusal(newer)).toMatch(/written by a newer zhkg \(store format 99, this one reads \d+\)/);

    // A reader (export, query) refuses an empty database instead of creating tables in it.
    const empty = await cluster.createDatabase('empty');
    await expect(connectStore(empty, {}, { create: false })).rejects.toThrow(/an empty store: run zhkg build first/);
    expect(await cluster.query('empty', `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)).toEqual([]);
    // No server there: one line.
    expect(await refusal(`postgresql://zhkg@localhost/x?host=${encodeURIComponent(join(work, 'no-server'))}`)).toMatch(
      /cannot connect to the PostgreSQL server/,
    );
  }, 120_000);
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in a child process (several may run at the same time). */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [main, ...args], { cwd: work, env: { ...process.env, NODE_OPTIONS: CHILD_NODE_OPTIONS, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

/** Runs the compiled CLI in this process (runDistHere): what the children stored is of its pipeline version. */
async function compiled(args: string[]): Promise<Run> {
  const r = await runDistHere(args);
  return { ...r, signal: null };
}

/** Runs the CLI from source in this process (runCliHere), for refusals that happen before anything is stored. */
async function here(args: string[]): Promise<Run> {
  const r = await runCliHere(args);
  return { ...r, signal: null };
}

const outputs = (dir: string) => Object.fromEntries(OUTPUTS.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('zhkg build --shard and zhkg export with PostgreSQL', () => {
  it('builders of two shards at the same time, one shard twice, then export: the bytes of one build of all shards', async () => {
    const corpus = join(work, 'shards');
    const shards = { s1: ['a.txt', 'b.txt', 'c.txt'], s2: ['d.txt', 'e.txt'] };
    for (const [shard, list] of Object.entries(shards)) {
      mkdirSync(join(corpus, shard), { recursive: true });
      for (const f of list) copyFileSync(join(fixtures, f), join(corpus, shard, f));
    }
    // The reference: one build of all shards without a store, in this process (the same `main`, no child's cold start).
    const reference = async (name: string) => {
      const r = await runCliHere(['build', corpus, '--no-store', '-q', '-o', join(work, name)]);
      expect(r.code, r.stderr).toBe(0);
      return outputs(join(work, name));
    };
    const url = await cluster.createDatabase('shards');
    const args = (name: string) => ['build', join(corpus, name), '--shard', name, '--store', url];
    const shard = (name: string, env: Record<string, string> = {}) => cli(args(name), env);
    const exportTo = (name: string) => compiled(['export', '--store', url, '-o', join(work, name), '-q']);

    // Three builders at once: shard s1 twice (given the same files: each is stored once, by one of them) and s2.
    const [one, twin, two] = await Promise.all([shard('s1'), shard('s1'), shard('s2')]);
    for (const r of [one, twin, two]) expect(r.code, r.stderr).toBe(0);
    expect(two.stderr).toMatch(/shard s2: \d+ articles .*\(2 files extracted, 0 reused\)/);
    for (const r of [one, twin]) {
      expect(r.stdout).toBe('');
      // each saw all three files: extracted (perhaps found stored by the other meanwhile) or reused
      const m = /shard s1: \d+ articles .*\((\d+) files? extracted(?:, \d+ of them already stored by another builder)?, (\d+) reused\)/.exec(r.stderr);
      expect(m, r.stderr).not.toBeNull();
      expect(Number(m![1]) + Number(m![2])).toBe(3);
    }
    const names = await cluster.query<{ name: string; articles: number }>('shards', 'SELECT name, articles FROM files ORDER BY name');
    expect(names.map((n) => n.name)).toEqual(['s1/a.txt', 's1/b.txt', 's1/c.txt', 's2/d.txt', 's2/e.txt']);
    const total = names.reduce((n, f) => n + f.articles, 0);
    expect(await cluster.query('shards', 'SELECT count(*)::int AS n FROM articles')).toEqual([{ n: total }]);

    const want = await reference('ref-all');
    const first = await exportTo('exp1');
    expect(first.code, first.stderr).toBe(0);
    expect(outputs(join(work, 'exp1'))).toEqual(want);
    // The assembled graph was saved: a second export serves it, same bytes; query --store reads it.
    expect(await cluster.query('shards', 'SELECT count(*)::int AS n FROM graph')).toEqual([{ n: 1 }]);
    const again = await exportTo('exp2');
    expect(again.code, again.stderr).toBe(0);
    expect(outputs(join(work, 'exp2'))).toEqual(want);
    const q = await compiled(['query', 'stats', '--store', url, '--json']);
    expect(q.code, q.stderr).toBe(0);
    expect(JSON.parse(q.stdout)).toMatchObject({ nodes: (JSON.parse(want['graph.json']!) as { nodes: unknown[] }).nodes.length });

    // A shard's rebuild forgets its own gone files, never another shard's.
    rmSync(join(corpus, 's1', 'c.txt'));
    const rebuilt = await compiled(args('s1'));
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stderr).toMatch(/0 files extracted, 2 reused, 1 forgotten/);
    const left = await cluster.query<{ name: string }>('shards', 'SELECT name FROM files ORDER BY name');
    expect(left.map((n) => n.name)).toEqual(['s1/a.txt', 's1/b.txt', 's2/d.txt', 's2/e.txt']);

    // A shard build killed after its first commit: export refuses (one line) until it is run again.
    copyFileSync(join(fixtures, 'c.txt'), join(corpus, 's2', 'c.txt'));
    writeFileSync(join(corpus, 's2', 'd.txt'), readFileSync(join(fixtures, 'a.txt')));
    const killed = await shard('s2', { ZHKG_TEST_KILL_AT: 'store:committed:1' });
    expect(killed.signal).toBe('SIGKILL');
    const refused = await exportTo('exp3');
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('the last build of shard s2 did not finish');
    const rerun = await compiled(args('s2'));
    expect(rerun.code, rerun.stderr).toBe(0);
    const last = await exportTo('exp4');
    expect(last.code, last.stderr).toBe(0);
    expect(outputs(join(work, 'exp4'))).toEqual(await reference('ref-changed'));
  }, 900_000);

  it('refuses --shard without a PostgreSQL store, and a foreign database, with one line', async () => {
    const r = await here(['build', join(fixtures, 'a.txt'), '--shard', 's1', '-o', join(work, 'no-pg')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--shard needs a PostgreSQL store');
    const url = await cluster.createDatabase('other');
    await cluster.query('other', 'CREATE TABLE orders (id integer)');
    const f = await here(['build', join(fixtures, 'a.txt'), '--store', url, '-o', join(work, 'foreign-out')]);
    expect(f.code).toBe(1);
    expect(f.stderr.trim().split('\n')).toHaveLength(1);
    expect(f.stderr).toContain('not a zhkg store (schema "public" holds tables of another application: orders)');
    expect(existsSync(join(work, 'foreign-out', 'graph.json'))).toBe(false);
  }, 300_000);
});
