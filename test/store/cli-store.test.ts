/**
 * The store through the CLI: `zhkg build` with its default store (OUT/zhkg.db) writes the same files
 * (graph.gexf, graph.json, the viewer's graph.js) as `--no-store`, after adding, changing and removing a
 * file; a build of the compiled CLI killed with a real SIGKILL (a test hook in the child sends it to itself at a
 * named point: inside the first file's transaction, inside a later one, after the graph is stored) and run again
 * gives the same files; a file that is not a store is refused with one line and left as it was. The builds of the
 * incremental test and the refusal run `main` in this process (runCliHere): a child's cold start is mostly
 * nodejieba's load. Every run on a store the killed children wrote is a child as well (same pipeline version).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { repoRoot, runCliHere } from '../helpers/cli.js';
import { CHILD_NODE_OPTIONS } from '../helpers/child-env.js';

const main = resolve(repoRoot, 'dist/src/cli/main.js');
const fixtures = resolve(repoRoot, 'test/fixtures/store');
const OUTPUTS = ['graph.gexf', 'graph.json', 'graph.js'];

let work: string;
let corpus: string;

beforeAll(() => {
  // The children run the compiled code, which the global setup (test/setup/dist.ts) keeps current.
  work = mkdtempSync(join(tmpdir(), 'zhkg-cli-store-'));
  corpus = join(work, 'corpus');
  execFileSync('mkdir', ['-p', corpus]);
  for (const f of ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt']) copyFileSync(join(fixtures, f), join(corpus, f));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** A build of the compiled CLI in a child process (the kills need one). */
function build(out: string, extra: string[] = [], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [main, 'build', corpus, '-o', out, ...extra], {
    cwd: work,
    env: { ...process.env, NODE_OPTIONS: CHILD_NODE_OPTIONS, ...env },
    encoding: 'utf8',
  });
  return { code: r.status, signal: r.signal, stderr: r.stderr };
}

/** A build that is not killed: `main` in this process, the same code the child runs. */
async function buildHere(out: string, extra: string[] = []): Promise<{ code: number; stderr: string }> {
  const r = await runCliHere(['build', corpus, '-o', out, ...extra]);
  return { code: r.code, stderr: r.stderr };
}

function files(out: string): Record<string, string> {
  return Object.fromEntries(OUTPUTS.map((f) => [f, readFileSync(join(out, f), 'utf8')]));
}

/**
 * A fresh build without a store, into its own folder: in this process (the same `main`, no child's cold
 * start); the builds under test run as children.
 */
async function reference(name: string): Promise<Record<string, string>> {
  const out = join(work, name);
  const r = await runCliHere(['build', corpus, '-o', out, '-q', '--no-store']);
  expect(r.code, r.stderr).toBe(0);
  expect(existsSync(join(out, 'zhkg.db'))).toBe(false);
  return files(out);
}

function storedNames(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT name FROM files ORDER BY name').all() as Array<{ name: string }>).map((r) => r.name);
  } finally {
    db.close();
  }
}

describe('zhkg build with a store', () => {
  it('writes what a fresh build writes, reusing stored files after a change', async () => {
    const out = join(work, 'inc');
    const first = await buildHere(out);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/5 files extracted, 0 reused/);
    expect(existsSync(join(out, 'zhkg.db'))).toBe(true);
    expect(files(out)).toEqual(await reference('ref1'));

    writeFileSync(join(corpus, 'b.txt'), readFileSync(join(corpus, 'b.txt'), 'utf8').replace('陈国庆', '陈国强'));
    rmSync(join(corpus, 'c.txt'));
    writeFileSync(join(corpus, 'f.txt'), '本报讯 记者 周明 4月1日，兴安盟行政公署盟长赵志刚在乌兰浩特市调研。\n');
    const second = await buildHere(out);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/2 files extracted, 3 reused from .*zhkg\.db, 1 forgotten/);
    const want = await reference('ref2');
    expect(files(out)).toEqual(want);
    expect(want['graph.json']).toContain('陈国强');
    expect(storedNames(join(out, 'zhkg.db'))).toEqual(['a.txt', 'b.txt', 'd.txt', 'e.txt', 'f.txt']);
  }, 600_000);

  it('gives the same files after builds killed with SIGKILL at several points', async () => {
    const want = await reference('ref-kill');
    const out = join(work, 'killed');
    const store = join(out, 'zhkg.db');
    // Each kill leaves the store with whole files only: those committed before the kill.
    // (Killed right after a commit, between two files: test/store/export.test.ts, and a shard in postgres.test.ts.)
    const kills: Array<[string, number]> = [
      ['store:open:1', 0], // inside the first file's transaction: nothing stored
      ['store:open:2', 1], // inside the second file's transaction: the first stored
      ['store:graph', 5], // everything stored (the first file reused) and the graph too, before the outputs
    ];
    for (const [at, stored] of kills) {
      const r = build(out, ['-q'], { ZHKG_TEST_KILL_AT: at });
      expect(r.signal, `${at}: ${r.stderr}`).toBe('SIGKILL');
      expect(storedNames(store), at).toHaveLength(stored);
    }
    // A child too: the store the killed children left carries the compiled code's pipeline version, which a
    // build in this process (the source) does not share; it would re-extract everything instead of resuming.
    const last = build(out, ['-q']);
    expect(last.code, last.stderr).toBe(0);
    expect(files(out)).toEqual(want);
  }, 900_000);

  it('refuses a --store file that is not a store, with one line, leaving it as it was', async () => {
    const notes = join(work, 'notes.txt');
    writeFileSync(notes, '会议记录：不是数据库。\n'.repeat(50));
    const before = readFileSync(notes);
    const out = join(work, 'refused');
    const r = await buildHere(out, ['-q', '--store', notes]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${notes}: not a zhkg store`);
    expect(readFileSync(notes).equals(before)).toBe(true);
    expect(existsSync(join(out, 'graph.json'))).toBe(false);
  });
});
