/**
 * `zhkg export` and `zhkg query --store` read the graph the last build assembled in the store: the whole
 * graph exports to the build's own bytes; slices are the query library's ego network (not a copy of it),
 * nodes of the kinds asked for, what some articles attest. A store without a finished build is refused.
 *
 * The build, the exports and the queries run `main` in this process (runCliHere: each child would be a cold
 * start); the build killed with SIGKILL is a child. An SQLite store serves the graph its build saved,
 * whichever code wrote it, so the refusal of the killed child's store runs here too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot, runCliHere } from '../helpers/cli.js';
import { MultiGraph } from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import { egoNetwork } from '../../src/query/ego.js';
import { toJSON } from '../../src/export/index.js';
import { toStringList } from '../../src/query/attributes.js';
import { CHILD_NODE_OPTIONS } from '../helpers/child-env.js';

const main = resolve(repoRoot, 'dist/src/cli/main.js');
const fixtures = resolve(repoRoot, 'test/fixtures/store');
let work: string;
let built: string;

/** A build of the compiled CLI in a child process, killed by its test hook (ZHKG_TEST_KILL_AT). */
function killedChild(args: string[], at: string): { code: number | null; signal: string | null; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], {
    cwd: work,
    env: { ...process.env, NODE_OPTIONS: CHILD_NODE_OPTIONS, ZHKG_TEST_KILL_AT: at },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  return { code: r.status, signal: r.signal, stderr: r.stderr };
}

/** `zhkg …` in this process (paths are absolute: the test's cwd is not `work`). */
const cli = (args: string[]) => runCliHere(args);

const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');
/** A graph.json as the graph object that was written. */
const parseGraph = (json: string) => MultiGraph.from(JSON.parse(json) as SerializedGraph);

beforeAll(async () => {
  // The killed child runs the compiled code, which the global setup (test/setup/dist.ts) keeps current.
  work = mkdtempSync(join(tmpdir(), 'zhkg-export-'));
  const corpus = join(work, 'corpus');
  mkdirSync(corpus);
  for (const f of ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt']) copyFileSync(join(fixtures, f), join(corpus, f));
  built = join(work, 'built');
  const r = await cli(['build', corpus, '-o', built, '-q']);
  expect(r.code, r.stderr).toBe(0);
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('zhkg export', () => {
  it('exports the whole stored graph as the build wrote it', async () => {
    const out = join(work, 'whole');
    const r = await cli(['export', '--store', join(built, 'zhkg.db'), '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of ['graph.gexf', 'graph.json', 'graph.js', 'index.html']) expect(read(out, f), f).toBe(read(built, f));
  }, 120_000);

  it("slices: the query library's ego network, kinds, articles", async () => {
    const whole = parseGraph(read(built, 'graph.json'));
    const ego = join(work, 'ego');
    let r = await cli(['export', '--store', join(built, 'zhkg.db'), '-o', ego, '--ego', '李明华', '--depth', '2', '--no-viewer', '-q']);
    expect(r.code, r.stderr).toBe(0);
    const want = egoNetwork(whole, '李明华', 2);
    expect(want.order).toBeGreaterThan(2);
    expect(read(ego, 'graph.json')).toBe(toJSON(want));
    expect(existsSync(join(ego, 'index.html'))).toBe(false);

    const people = join(work, 'people');
    r = await cli(['export', '--store', join(built, 'zhkg.db'), '-o', people, '--kind', 'person', '-q']);
    expect(r.code, r.stderr).toBe(0);
    const p = parseGraph(read(people, 'graph.json'));
    expect(p.order).toBeGreaterThan(3);
    p.forEachNode((_k, a) => expect(a['kind']).toBe('PERSON'));
    expect(p.order).toBe(whole.filterNodes((_k, a) => a['kind'] === 'PERSON').length);

    const fromB = join(work, 'from-b');
    r = await cli(['export', '--store', join(built, 'zhkg.db'), '-o', fromB, '--articles', 'b.*', '-q']);
    expect(r.code, r.stderr).toBe(0);
    const b = parseGraph(read(fromB, 'graph.json'));
    const ids = (b.getAttribute('articles') as Array<{ id: string; source: string }>).map((a) => a.source);
    expect(new Set(ids)).toEqual(new Set(['b.txt']));
    expect(b.order).toBeGreaterThan(2);
    expect(b.order).toBeLessThan(whole.order);
    b.forEachNode((_k, a) => expect(toStringList(a['articles']).some((id) => id.startsWith('b#'))).toBe(true));
    expect(b.hasNode(whole.findNode((_k, a) => a['label'] === '陈国庆')!)).toBe(true);
  }, 300_000);

  it('zhkg query --store answers as --graph does', async () => {
    const viaStore = await cli(['query', 'neighbors', '李明华', '--store', join(built, 'zhkg.db'), '--json']);
    const viaFile = await cli(['query', 'neighbors', '李明华', '--graph', join(built, 'graph.json'), '--json']);
    expect(viaStore.code, viaStore.stderr).toBe(0);
    expect(viaStore.stdout).toBe(viaFile.stdout);
    expect((JSON.parse(viaStore.stdout) as { neighbors: unknown[] }).neighbors.length).toBeGreaterThan(0);
  }, 120_000);

  it('refuses a store whose build did not finish, and a missing one, with one line', async () => {
    const out = join(work, 'unfinished');
    const killed = killedChild(['build', join(work, 'corpus'), '-o', out, '-q'], 'store:committed:1');
    expect(killed.signal).toBe('SIGKILL');
    let r = await cli(['export', '--store', join(out, 'zhkg.db'), '-o', join(work, 'x')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/holds no assembled graph/);
    r = await cli(['export', '--store', join(work, 'nowhere.db'), '-o', join(work, 'x')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nowhere\.db: no such store/);
    expect(existsSync(join(work, 'nowhere.db'))).toBe(false);
  }, 300_000);
});
