/**
 * The kill test: builds killed with SIGKILL (a test hook in the child kills it at a named step boundary,
 * ZHKG_TEST_KILL_AT; or the test kills it after a delay), each followed by a check of the output folder:
 * it shows exactly the set of the build before (killed before the switch) or of the killed build (at or
 * after it), its XML and JSON parse, nothing temporary lies beside the outputs; then a rerun succeeds and
 * leaves no temporary anywhere. No assertion depends on timing: where a time-based kill lands only decides
 * which of the two sets is allowed.
 *
 * Children: the compiled CLI (`zhkg build`, killed at pipeline stages, at commit steps and by time), and a
 * lean child that writes a prepared graph with the same writeOutputs (test/hardening/kill-child.mjs),
 * killed at every commit boundary of four transitions (viewer → viewer, viewer → --no-viewer → viewer, a
 * folder of plain files from an older zhkg) at a fraction of the CLI's cost. The lean writes nobody kills —
 * the reference sets, the boundary probes, the reruns after the kills — run the same compiled writer in this
 * process (writeGraph); the base folders the kills start from stay a child's, so the killed children find a
 * dead writer's generation to prune, as after a real build. The CLI's builds keep their
 * extraction results in a store per input (`--store`, beside the output folder), which the two reference
 * builds fill: the children then reuse them, so none of them pays nodejieba's load (each CLI child is a cold
 * start otherwise; the kills are at output steps, and a killed child's store is tested in test/store/). The
 * reference builds, the final rerun and the lean child's graphs run the CLI in this process: the reference
 * builds and the rerun with the compiled `main` (runDistHere), since a store is reused only by the code
 * version that wrote it (the children's); the final rerun also prunes this process's own generation folders.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { repoRoot, runCliHere, runDistHere } from '../helpers/cli.js';
import { graphJsonShape, rebuild } from '../viewer/render-data.js';
import { CHILD_NODE_OPTIONS } from '../helpers/child-env.js';
import { writeGraph } from './kill-child.mjs';

const main = resolve(repoRoot, 'dist/src/cli/main.js');
const lean = resolve(repoRoot, 'test/hardening/kill-child.mjs');
const fixtures = resolve(repoRoot, 'test/fixtures/kill');
const OWNED = ['app.js', 'evidence', 'graph.gexf', 'graph.js', 'graph.json', 'index.html', 'style.css'];

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  ms: number;
}

/** Runs a child; with `killAfterMs`, sends it SIGKILL after that delay (if it is still running). */
function run(args: string[], env: Record<string, string> = {}, killAfterMs?: number): Promise<Exit> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: { ...process.env, NODE_OPTIONS: CHILD_NODE_OPTIONS, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stderr, ms: performance.now() - t0 });
    });
  });
}

/** The CLI's build of `input` into `out`, its extraction results kept in the input's store (see above). */
const cli = (input: string, out: string) => [main, 'build', join(fixtures, input), '-o', out, '-q', '--store', join(work, `${input}.db`)];

/**
 * `zhkg build` run to completion in this process, the compiled `main` (it fills or reuses the input's store as
 * the children do); with `boundaries`, the step boundaries it passes are logged there.
 */
async function buildHere(input: string, out: string, boundaries?: string): Promise<void> {
  if (boundaries) process.env.ZHKG_TEST_BOUNDARIES = boundaries;
  try {
    const r = await runDistHere(cli(input, out).slice(1));
    expect(r.code, r.stderr).toBe(0);
  } finally {
    delete process.env.ZHKG_TEST_BOUNDARIES;
  }
}

type Snapshot = Record<string, string>;

/** What the folder shows, name → content; throws on anything but owned names and `.zhkg`. */
function shown(dir: string): Snapshot {
  const snap: Snapshot = {};
  for (const name of readdirSync(dir).sort()) {
    if (name === '.zhkg') continue;
    if (/^zhkg\.db(-wal|-shm)?$/.test(name)) continue; // the store of extraction results (test/store/), not an output
    // no temporary file beside the outputs, nothing but the outputs
    expect(OWNED, `unexpected entry ${name} in ${dir}`).toContain(name);
    // a link whose target is gone (a kill between the switch and removing a name) shows nothing
    if (!existsSync(join(dir, name))) continue;
    // the viewer's evidence shards' folder: its files and contents as one JSON text
    if (statSync(join(dir, name)).isDirectory()) {
      const files = readdirSync(join(dir, name)).sort();
      snap[name] = JSON.stringify(Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, name, f), 'utf8')])));
    } else snap[name] = readFileSync(join(dir, name), 'utf8');
  }
  return snap;
}

/** Everything in .zhkg/ but `current` and its generation. */
function leftovers(dir: string): string[] {
  const state = join(dir, '.zhkg');
  const current = readlinkSync(join(state, 'current'));
  return readdirSync(state).filter((n) => n !== 'current' && n !== current);
}

function checkValid(snap: Snapshot): void {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => void (level !== 'warning' && errors.push(msg)) }).parseFromString(snap['graph.gexf']!, 'text/xml');
  expect(errors).toEqual([]);
  expect(doc.documentElement?.nodeName).toBe('gexf');
  const json = JSON.parse(snap['graph.json']!) as { nodes: unknown[] };
  expect(json.nodes.length).toBeGreaterThan(0);
  // graph.js and the shards are the same build's data as graph.json, exactly (an older zhkg's graph.js: the JSON itself)
  if (snap['graph.js']?.startsWith('window.__ZHKG_GRAPH__')) expect(snap['graph.js']).toBe(`window.__ZHKG_GRAPH__ = ${snap['graph.json']!.trim()};\n`);
  else if (snap['graph.js'] !== undefined) {
    const shards = JSON.parse(snap.evidence ?? '{}') as Record<string, string>;
    const back = rebuild((name) => (name.startsWith('evidence/') ? shards[name.slice('evidence/'.length)] : snap[name]));
    const want = graphJsonShape(snap['graph.json']!);
    expect(back.nodes).toEqual(want.nodes);
    expect(back.edges).toEqual(want.edges);
  }
}

const label = (s: Snapshot) => JSON.stringify(Object.keys(s)) + String(s['graph.json']?.length);

/** Checks the folder after a kill: exactly one of `allowed`, valid. */
function checkAfterKill(dir: string, allowed: Snapshot[], what: string): Snapshot {
  const snap = shown(dir);
  const match = allowed.find((a) => JSON.stringify(a) === JSON.stringify(snap));
  expect(match, `${what}: the folder shows ${label(snap)}, expected one of ${allowed.map(label).join(' | ')}`).toBeDefined();
  checkValid(snap);
  return match!;
}

function readBoundaries(file: string): string[] {
  return readFileSync(file, 'utf8').trim().split('\n');
}

let work: string;
beforeAll(() => {
  // The children run the compiled code, which the global setup (test/setup/dist.ts) keeps current.
  work = mkdtempSync(join(tmpdir(), 'zhkg-kill-'));
});

/** Boundaries of a CLI build at which the CLI child is killed (the lean child covers every commit boundary). */
const CLI_KILLS = ['stage:read', 'stage:layout', 'commit:staged:graph.json', 'commit:swapped'];

describe('kill test', () => {
  it('zhkg build killed at stage and commit boundaries, then by time: old or new set, then a rerun', async () => {
    const out = join(work, 'cli');
    const log = join(work, 'cli-boundaries.txt');
    await buildHere('a.txt', out, log);
    const setA = shown(out);
    checkValid(setA);
    expect(Object.keys(setA)).toEqual(OWNED);
    const boundaries = readBoundaries(log);
    // the hooks are where they should be: every pipeline stage, every file of the set, the switch
    expect(boundaries).toEqual(
      expect.arrayContaining([
        ...['read', 'resolve', 'relations', 'graph', 'metrics', 'layout', 'built'].map((s) => `stage:${s}`),
        ...['begun', 'linked', 'swapped', 'pruned', 'done'].map((s) => `commit:${s}`),
        ...OWNED.map((f) => `commit:staged:${f === 'evidence' ? 'evidence/000.js' : f}`),
      ]),
    );
    expect(boundaries).toEqual(expect.arrayContaining(CLI_KILLS));
    rmSync(log);
    await buildHere('b.txt', out, log);
    const setB = shown(out);
    expect(setB['graph.json']).not.toBe(setA['graph.json']);
    expect(readBoundaries(log)).toEqual(boundaries);
    const swap = boundaries.indexOf('commit:swapped');

    // Each child starts from what the one before left: the folder shows `current`, the child builds the other input.
    let current = setB;
    // how long a child ran until it was killed at the switch: nearly a whole build, the scale of the kills by time
    let untilSwap = 0;
    for (const at of CLI_KILLS) {
      const [input, next] = current === setA ? ['b.txt', setB] : ['a.txt', setA];
      const r = await run(cli(input, out), { ZHKG_TEST_KILL_AT: at });
      expect(r.signal, `${at}: ${r.stderr}`).toBe('SIGKILL');
      if (at === 'commit:swapped') untilSwap = r.ms;
      // killed before the switch: the set before; at or after it: the new set, complete
      current = checkAfterKill(out, [boundaries.indexOf(at) < swap ? current : next], `killed at ${at}`);
    }

    // A build after the kills writes its set.
    const after = await run(cli(current === setA ? 'b.txt' : 'a.txt', out));
    expect(after.code, after.stderr).toBe(0);
    current = checkAfterKill(out, [current === setA ? setB : setA], 'full run');
    // By time: points spread over a build's run (measured, never asserted); either set is allowed.
    for (const share of [0.5, 0.9]) {
      const [input, next] = current === setA ? ['b.txt', setB] : ['a.txt', setA];
      await run(cli(input, out), {}, untilSwap * share);
      current = checkAfterKill(out, [current, next], `killed after ${share} of a run`);
    }

    // In this process: it also clears the generation folder the reference builds above left under this
    // process's id (a folder of a live process is never pruned by another one).
    await buildHere('b.txt', out);
    expect(shown(out)).toEqual(setB);
    expect(leftovers(out)).toEqual([]);
  }, 900_000);

  it('killed at every commit boundary: viewer → viewer, viewer ↔ --no-viewer, plain files of an older zhkg', async () => {
    // Graphs for the lean child: the outputs of the two fixtures.
    const prep = join(work, 'prep');
    for (const f of ['a', 'b']) {
      const r = await runCliHere(['build', join(fixtures, `${f}.txt`), '-o', join(prep, f), '-q', '--no-viewer', '--no-store']);
      expect(r.code, r.stderr).toBe(0);
    }
    const leanArgs = (key: string) =>
      [join(repoRoot, 'dist'), join(prep, key.split('-')[0]!, 'graph.json'), key.endsWith('true') ? 'viewer' : 'no-viewer'] as const;
    const child = (key: string, ...outs: string[]) => [lean, ...leanArgs(key), ...outs];
    /** The lean child's writes, done in this process (nothing is killed): the same compiled writer. */
    const here = (key: string, outs: string[], env: NodeJS.ProcessEnv = {}) => writeGraph(...leanArgs(key), outs, env);

    // reference sets: a/b graph, with (true) or without (false) the viewer
    const sets: Record<string, Snapshot> = {};
    for (const key of ['a-true', 'b-false', 'b-true']) {
      await here(key, [join(work, `ref-${key}`)]);
      sets[key] = shown(join(work, `ref-${key}`));
    }
    expect(Object.keys(sets['b-false']!)).toEqual(['graph.gexf', 'graph.json']);
    expect(Object.keys(sets['b-true']!)).toEqual(OWNED);

    const { evidence: _shards, ...aTrue } = sets['a-true']!;
    const plainSet: Snapshot = { ...aTrue, 'graph.js': `window.__ZHKG_GRAPH__ = ${aTrue['graph.json']!.trim()};\n` };
    // From a base folder showing `from`, a child writing `to` is killed at each of its boundaries (each from a
    // fresh copy of the base); then one rerun process writes `to` into every killed folder.
    const transitions: Array<[from: string, to: string]> = [
      ['a-true', 'b-true'],
      ['a-true', 'b-false'],
      ['b-false', 'a-true'],
      ['plain', 'b-false'],
    ];
    let kills = 0;
    for (const [from, to] of transitions) {
      const base = join(work, `base-${from}-${to}`);
      if (from === 'plain') {
        // as an older zhkg left it: plain files, graph.js (the whole graph.json as a script) and the page beside the graph
        mkdirSync(base);
        for (const [name, text] of Object.entries(plainSet)) writeFileSync(join(base, name), text);
      } else {
        const r0 = await run(child(from, base));
        expect(r0.code, r0.stderr).toBe(0);
      }
      const before = from === 'plain' ? plainSet : sets[from]!;
      const log = join(work, `log-${from}-${to}.txt`);
      const probe = join(work, `probe-${from}-${to}`);
      cpSync(base, probe, { recursive: true, verbatimSymlinks: true });
      await here(to, [probe], { ZHKG_TEST_BOUNDARIES: log });
      expect(shown(probe)).toEqual(sets[to]);
      const boundaries = readBoundaries(log);
      if (from === 'plain') expect(boundaries).toEqual(expect.arrayContaining(['commit:adopted', 'commit:adopted:graph.js']));
      const swap = boundaries.indexOf('commit:swapped');
      expect(swap).toBeGreaterThan(0);
      const killed: string[] = [];
      for (const [i, at] of boundaries.entries()) {
        const dir = join(work, `kill-${from}-${to}-${i}`);
        cpSync(base, dir, { recursive: true, verbatimSymlinks: true });
        const r = await run(child(to, dir), { ZHKG_TEST_KILL_AT: at });
        expect(r.signal, `${at}: ${r.stderr}`).toBe('SIGKILL');
        checkAfterKill(dir, [i < swap ? before : sets[to]!], `${from} → ${to} killed at ${at}`);
        killed.push(dir);
        kills++;
      }
      // (in this process: it prunes what the killed children left, as their generations' writers are dead)
      await here(to, killed);
      for (const dir of killed) {
        expect(shown(dir)).toEqual(sets[to]);
        expect(leftovers(dir)).toEqual([]);
      }
    }
    expect(kills).toBeGreaterThan(30);

    // By time, on the lean child: either set is allowed.
    const dir = join(work, 'lean-time');
    const full = await run(child('a-true', dir));
    expect(full.code, full.stderr).toBe(0);
    let current = sets['a-true']!;
    for (let k = 1; k <= 6; k++) {
      const [key, next] = current === sets['a-true'] ? ['b-false', sets['b-false']!] : ['a-true', sets['a-true']!];
      await run(child(key, dir), {}, (full.ms * k) / 6);
      current = checkAfterKill(dir, [current, next], `lean child killed after ${k}/6 of a run`);
    }
    const rerun = await run(child('a-true', dir));
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(leftovers(dir)).toEqual([]);
  }, 900_000);
});
