import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { egoNetwork } from '../../src/query/ego.js';
import { loadGraph, parseGraph } from '../../src/query/load.js';
import { MALFORMED_GEXF, NETWORKX_GEXF, SAMPLE_JSON, runCli, tempDir } from './helpers.js';
import { distMain } from '../helpers/cli.js';

const G = ['--graph', SAMPLE_JSON];
const ROOT = resolve(import.meta.dirname, '../..');

/** The table row (a stdout line) that starts with `name`. */
function row(stdout: string, name: string): string | undefined {
  return stdout.split('\n').find((l) => l.startsWith(`${name} `));
}

/** The parts of `zhkg query neighbors --json` these tests read. */
interface NeighborsJson {
  entity: unknown;
  neighbors: { key: string; depth: number; edges: unknown[] }[];
}

describe('zhkg query neighbors', () => {
  it('prints a table: 苏吉嘎查 with the relation 第一书记', async () => {
    const r = await runCli(['query', 'neighbors', '金宝', ...G]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const line = row(r.stdout, '苏吉嘎查');
    expect(line).toBeDefined();
    expect(line).toContain('第一书记');
    expect(line).toContain('PLACE');
  });

  it('prints JSON with --json, honouring --kind, --relation, --depth, --direction', async () => {
    const r = await runCli(['query', 'neighbors', '苏吉嘎查', ...G, '--json', '--kind', 'person', '--relation', 'role,located_in', '--depth', '2']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as NeighborsJson;
    expect(data.entity).toEqual({ key: 'PLACE:苏吉嘎查', label: '苏吉嘎查', kind: 'PLACE' });
    expect(data.neighbors.map((n) => [n.key, n.depth])).toEqual([
      ['PERSON:金宝', 1],
      ['PERSON:王伟@苏吉嘎查', 2],
    ]);
    expect(data.neighbors[0]!.edges[0]).toMatchObject({ relation: 'role', label: '第一书记', direction: 'in' });
    const out = JSON.parse((await runCli(['query', 'neighbors', '苏吉嘎查', ...G, '--json', '--direction', 'out'])).stdout) as NeighborsJson;
    expect(out.neighbors.map((n) => n.key).sort()).toEqual(['PERSON:金宝', 'PLACE:格日勒敖都苏木']);
  });

  it('lists candidates and exits 1 for an ambiguous name', async () => {
    const r = await runCli(['query', 'neighbors', '王伟', ...G]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('PERSON:王伟@苏吉嘎查');
    expect(r.stderr).toContain('PERSON:王伟@伊和乌拉嘎查');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(/^zhkg: "王伟" is ambiguous: 2 entities match/);
    const j = await runCli(['query', 'neighbors', '王伟', ...G, '--json']);
    expect(j.code).toBe(1);
    const data = JSON.parse(j.stdout) as { error: string; candidates: { key: string }[] };
    expect(data.error).toBe('ambiguous');
    expect(data.candidates.map((c) => c.key).sort()).toEqual(['PERSON:王伟@伊和乌拉嘎查', 'PERSON:王伟@苏吉嘎查']);
    // a key resolves the ambiguity
    const k = await runCli(['query', 'neighbors', 'PERSON:王伟@伊和乌拉嘎查', ...G]);
    expect(k.code).toBe(0);
    expect(row(k.stdout, '伊和乌拉嘎查')).toContain('第一书记');
  });

  it('exits 1 with one line for unknown names and bad graph files, writing nothing to stdout', async () => {
    const unknown = await runCli(['query', 'neighbors', '张三', ...G]);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toMatch(/^zhkg: no entity named "张三" in the graph\n$/);
    const malformed = await runCli(['query', 'neighbors', '金宝', '--graph', MALFORMED_GEXF]);
    expect(malformed).toMatchObject({ code: 1, stdout: '' });
    expect(malformed.stderr).toMatch(
      new RegExp(`^zhkg: ${MALFORMED_GEXF.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: malformed XML at line \\d+, column \\d+: .+\\n$`),
    );
    const missing = await runCli(['query', 'neighbors', '金宝', '--graph', join(tempDir(), 'nope.gexf')]);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('exits 2 on bad usage', async () => {
    for (const args of [
      ['query', 'neighbors', '金宝', ...G, '--depth', '0'],
      ['query', 'neighbors', '金宝', ...G, '--depth', 'two'],
      ['query', 'neighbors', '金宝', ...G, '--kind', 'ANIMAL'],
      ['query', 'neighbors', '金宝', ...G, '--relation', 'likes'],
      ['query', 'neighbors', '金宝', ...G, '--direction', 'up'],
      ['query', 'neighbors', ...G],
      ['query', 'path', '金宝', ...G],
      ['query', 'stats', ...G, '--by', 'size'],
      ['query', 'frobnicate'],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
    }
  });

  it('reads a GEXF from another tool', async () => {
    const r = await runCli(['query', 'neighbors', '金宝书记', '--graph', NETWORKX_GEXF]);
    expect(r.code).toBe(0);
    expect(row(r.stdout, '苏吉嘎查')).toContain('第一书记');
  });
});

describe('zhkg query path, find, holders, stats', () => {
  it('path prints every hop with its relation, and --json the same data', async () => {
    const r = await runCli(['query', 'path', '金宝', '锡林郭勒盟', ...G]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('金宝 — 苏吉嘎查 — 格日勒敖都苏木 — 二连浩特市 — 锡林郭勒盟');
    expect(r.stdout).toMatch(/1\s+金宝\s+→ role:第一书记\s+苏吉嘎查/);
    const j = JSON.parse((await runCli(['query', 'path', '金宝', '锡林郭勒盟', ...G, '--json'])).stdout) as { hops: { edge: { relation: string } }[] };
    expect(j.hops.map((h) => h.edge.relation)).toEqual(['role', 'located_in', 'located_in', 'located_in']);
  });

  it('path exits 1 when there is no path', async () => {
    const r = await runCli(['query', 'path', '金宝', '李四', ...G]);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe('zhkg: no path between 金宝 and 李四\n');
    const never = await runCli(['query', 'path', '金宝', 'PERSON:王伟@伊和乌拉嘎查', ...G, '--co-occurs', 'never']);
    expect(never.code).toBe(1);
    const fallback = await runCli(['query', 'path', '金宝', 'PERSON:王伟@伊和乌拉嘎查', ...G]);
    expect(fallback.code).toBe(0);
    expect(fallback.stdout).toContain('uses co-occurrence');
  });

  it('find lists matches, filtered by kind; exits 1 when none', async () => {
    const r = await runCli(['query', 'find', '嘎查', ...G, '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { key: string }[]).map((m) => m.key)).toContain('ORGANIZATION:苏吉嘎查党支部');
    const places = JSON.parse((await runCli(['query', 'find', '嘎查', ...G, '--json', '-k', 'PLACE'])).stdout) as { kind: string }[];
    expect(places.every((m) => m.kind === 'PLACE')).toBe(true);
    const table = await runCli(['query', 'find', '新左旗', ...G]);
    expect(row(table.stdout, '新巴尔虎左旗')).toContain('alias');
    expect((await runCli(['query', 'find', '张三', ...G])).code).toBe(1);
  });

  it('holders lists who holds a title and where', async () => {
    const r = await runCli(['query', 'holders', '第一书记', ...G]);
    expect(r.code).toBe(0);
    expect(row(r.stdout, '金宝')).toMatch(/第一书记\s+苏吉嘎查\s+格日勒敖都苏木 › 二连浩特市 › 锡林郭勒盟/);
    expect(row(r.stdout, '王伟')).toContain('伊和乌拉嘎查');
    expect((await runCli(['query', 'holders', '局长', ...G])).code).toBe(1);
  });

  it('stats prints counts and the top entities', async () => {
    const r = await runCli(['query', 'stats', ...G, '--top', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^nodes 17, edges 16\n/);
    expect(row(r.stdout, 'located_in')).toMatch(/located_in\s+7$/);
    const j = JSON.parse((await runCli(['query', 'stats', ...G, '--json', '--by', 'pagerank', '--top', '2'])).stdout) as { by: string; top: unknown[] };
    expect(j.by).toBe('pagerank');
    expect(j.top).toHaveLength(2);
  });

  it('ego writes the ego network as GEXF or JSON; nothing is written on errors', async () => {
    const dir = tempDir();
    const gexf = join(dir, 'ego.gexf');
    const r = await runCli(['query', 'ego', '金宝', ...G, '--depth', '2', '-o', gexf]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${gexf}\n`);
    const expected = egoNetwork(loadGraph(SAMPLE_JSON), '金宝', 2);
    const back = loadGraph(gexf);
    expect(back.nodes().sort()).toEqual(expected.nodes().sort());
    expect(back.size).toBe(expected.size);
    const stdoutJson = await runCli(['query', 'ego', '金宝', ...G]);
    expect(stdoutJson.code).toBe(0);
    expect(parseGraph(stdoutJson.stdout).nodes().sort()).toEqual(egoNetwork(loadGraph(SAMPLE_JSON), '金宝', 1).nodes().sort());
    const never = join(dir, 'never.gexf');
    const bad = await runCli(['query', 'ego', '金宝', '--graph', MALFORMED_GEXF, '-o', never]);
    expect(bad).toMatchObject({ code: 1, stdout: '' });
    expect(existsSync(never)).toBe(false);
    const ambiguous = await runCli(['query', 'ego', '王伟', ...G, '-o', never]);
    expect(ambiguous.code).toBe(1);
    expect(existsSync(never)).toBe(false);
    const usage = await runCli(['query', 'ego', '金宝', ...G, '-o', join(dir, 'ego.txt')]);
    expect(usage.code).toBe(2);
    expect(existsSync(join(dir, 'ego.txt'))).toBe(false);
  });

  it('every verb has --help (exit 0)', async () => {
    for (const verb of ['neighbors', 'path', 'find', 'holders', 'ego', 'stats']) {
      const r = await runCli(['query', verb, '--help']);
      expect(r.code, verb).toBe(0);
      expect(r.stdout + r.stderr, verb).toContain(`zhkg query ${verb}`);
    }
  });

  it('defaults to out/graph.json in the working directory, and says so when it is missing', async () => {
    const dir = tempDir();
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      const none = await runCli(['query', 'stats']);
      expect(none.code).toBe(2);
      expect(none.stderr).toMatch(/pass --graph FILE/);
      mkdirSync('out');
      copyFileSync(SAMPLE_JSON, 'out/graph.json');
      const r = await runCli(['query', 'neighbors', '金宝']);
      expect(r.code).toBe(0);
      expect(row(r.stdout, '苏吉嘎查')).toContain('第一书记');
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('zhkg as a process', () => {
  it('exits 1 with one line on a malformed GEXF and 0 on a good query', async () => {
    const run = promisify(execFile);
    // the compiled CLI, as the package's bin runs it (test/setup/dist.ts keeps it current): a `tsx` child
    // would pay the TypeScript transform of the whole CLI on each start
    const args = [distMain, 'query', 'neighbors', '金宝', '--graph'];
    const bad = await run(process.execPath, [...args, MALFORMED_GEXF], { cwd: ROOT }).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 1, stdout: '' });
    expect((bad as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
    const good = await run(process.execPath, [...args, SAMPLE_JSON], { cwd: ROOT });
    expect(row(good.stdout, '苏吉嘎查')).toContain('第一书记');
  });
});
