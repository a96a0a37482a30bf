/**
 * The output commit protocol (src/export/commit.ts): all outputs are one set, switched in at once; a
 * failure at any step leaves the earlier set; stale temporaries go; `--no-viewer` leaves nothing stale.
 */
import { describe, expect, it } from 'vitest';
import * as fsp from 'node:fs/promises';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiGraph } from 'graphology';
import { writeOutputs } from '../../src/output.js';
import { commitOutputs, checkOutputDir, type CommitFs } from '../../src/export/commit.js';
import { writeFileAtomic } from '../../src/export/write.js';
import { OutputError } from '../../src/errors.js';
import { rebuildFolder } from '../viewer/render-data.js';

function graph(label: string): MultiGraph {
  const g = new MultiGraph();
  g.addNode(`PERSON:${label}`, { label, kind: 'PERSON', aliases: [], mentions: 1, articles: ['a#1'], x: 0, y: 0, size: 3, color: '#e15759' });
  g.addNode('PLACE:苏吉嘎查', { label: '苏吉嘎查', kind: 'PLACE', aliases: [], mentions: 1, articles: ['a#1'], x: 1, y: 1, size: 3, color: '#59a14f' });
  g.addDirectedEdgeWithKey(`role:PERSON:${label}->PLACE:苏吉嘎查#第一书记`, `PERSON:${label}`, 'PLACE:苏吉嘎查', {
    relation: 'role',
    label: '第一书记',
    weight: 1,
    articles: ['a#1'],
    evidence: `苏吉嘎查第一书记${label}介绍说`,
  });
  return g;
}

function fakeAssets(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zhkg-assets-'));
  for (const f of ['app.js', 'index.html', 'style.css']) writeFileSync(join(dir, f), `/* ${f} */`);
  return dir;
}

/** A file's content, or a folder's (the viewer's evidence shards) as `name: content` lines. */
function contentOf(path: string): string {
  if (!existsSync(path)) return '<dangling>';
  if (!statSync(path).isDirectory()) return readFileSync(path, 'utf8');
  return readdirSync(path)
    .sort()
    .map((f) => `${f}: ${readFileSync(join(path, f), 'utf8')}`)
    .join('\n');
}

/** What the folder shows: every visible name with its content (through links). */
function shown(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of readdirSync(dir)
    .filter((n) => !n.startsWith('.'))
    .sort()) {
    out[n] = contentOf(join(dir, n));
  }
  return out;
}

/** Entries of .zhkg/ other than `current` and the generation it points at. */
function leftovers(dir: string): string[] {
  const state = join(dir, '.zhkg');
  if (!existsSync(state)) return [];
  const current = existsSync(join(state, 'current')) ? readlinkSync(join(state, 'current')) : '';
  return readdirSync(state).filter((n) => n !== 'current' && n !== current);
}

function failing(what: 'write' | 'rename' | 'symlink', after = 0): Partial<CommitFs> {
  let calls = 0;
  const fail = (code: string) => Object.assign(new Error(`${code}: injected failure`), { code });
  if (what === 'write') {
    return {
      open: async (...args: Parameters<typeof fsp.open>) => {
        const handle = await fsp.open(...args);
        if (args[1] !== 'wx' || calls++ < after) return handle;
        return Object.assign(handle, {
          writeFile: async (data: string | Uint8Array) => {
            await fsp.appendFile(String(args[0]), typeof data === 'string' ? data.slice(0, 5) : data.slice(0, 5));
            throw fail('ENOSPC');
          },
        });
      },
    };
  }
  if (what === 'rename') {
    return {
      rename: async (...args: Parameters<typeof fsp.rename>) => {
        if (calls++ >= after) throw fail('EPERM');
        return fsp.rename(...args);
      },
    };
  }
  return {
    symlink: async (...args: Parameters<typeof fsp.symlink>) => {
      if (calls++ >= after) throw fail('EACCES');
      return fsp.symlink(...args);
    },
  };
}

describe('output commit protocol', () => {
  it('a full disk at any file of the set leaves the earlier set byte-identical and no temporary (defect 1)', async () => {
    const assetsDir = fakeAssets();
    for (let after = 0; after < 6; after++) {
      const dir = mkdtempSync(join(tmpdir(), 'zhkg-commit-'));
      await writeOutputs(graph('金宝'), dir, { assetsDir });
      const before = shown(dir);
      expect(Object.keys(before)).toEqual(['app.js', 'evidence', 'graph.gexf', 'graph.js', 'graph.json', 'index.html', 'style.css']);
      const files = async (put: (n: string, d: string) => Promise<void>) => {
        for (const n of Object.keys(before)) await put(n, `new ${n}`);
      };
      const err = await commitOutputs(dir, files, { owned: Object.keys(before), fs: failing('write', after) }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OutputError);
      expect(String((err as Error).message)).toMatch(/ENOSPC.*earlier outputs are unchanged/u);
      expect(shown(dir)).toEqual(before);
      expect(leftovers(dir)).toEqual([]);
    }
  });

  it('a failed rename or link leaves the earlier set; the next commit succeeds', async () => {
    for (const what of ['rename', 'symlink'] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'zhkg-commit-'));
      await writeOutputs(graph('金宝'), dir, { viewer: false });
      const before = shown(dir);
      const put = async (p: (n: string, d: string) => Promise<void>) => {
        await p('graph.gexf', 'new gexf');
        await p('graph.json', 'new json');
        await p('graph.js', 'new js');
      };
      await expect(commitOutputs(dir, put, { owned: ['graph.gexf', 'graph.json', 'graph.js'], fs: failing(what) })).rejects.toThrow(OutputError);
      expect(shown(dir)).toEqual(before);
      expect(leftovers(dir)).toEqual([]);
      await commitOutputs(dir, put, { owned: ['graph.gexf', 'graph.json', 'graph.js'] });
      expect(shown(dir)).toEqual({ 'graph.gexf': 'new gexf', 'graph.js': 'new js', 'graph.json': 'new json' });
    }
  });

  it('--no-viewer over a build with the viewer removes graph.js, the evidence shards and the page (defect 7)', async () => {
    const assetsDir = fakeAssets();
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-commit-'));
    await writeOutputs(graph('金宝'), dir, { assetsDir });
    expect(JSON.stringify(rebuildFolder(dir).edges)).toContain('苏吉嘎查第一书记金宝介绍说');
    await writeOutputs(graph('王晓光'), dir, { viewer: false });
    expect(Object.keys(shown(dir))).toEqual(['graph.gexf', 'graph.json']);
    expect(shown(dir)['graph.json']).toContain('王晓光');
    expect(leftovers(dir)).toEqual([]);
  });

  it('adopts a folder of plain files written by an older zhkg, including a stale graph.js (defect 7)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-commit-'));
    for (const n of ['graph.gexf', 'graph.json', 'graph.js', 'index.html']) writeFileSync(join(dir, n), `old ${n}`);
    writeFileSync(join(dir, 'notes.md'), 'a file of the user');
    await writeOutputs(graph('王晓光'), dir, { viewer: false });
    expect(shown(dir)).toEqual({
      'graph.gexf': expect.stringContaining('王晓光') as unknown,
      'graph.json': expect.stringContaining('王晓光') as unknown,
      'notes.md': 'a file of the user',
    });
    expect(leftovers(dir)).toEqual([]);
  });

  it('removes temporaries and generations that dead processes left (defect 8), keeps a live one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-commit-'));
    await writeOutputs(graph('金宝'), dir, { viewer: false });
    const dead = 4_194_305; // above Linux's largest pid_max: no process has it
    const live = process.ppid; // the test runner's parent, alive while the test runs
    writeFileSync(join(dir, `.graph.gexf.${dead}.0123456789ab.tmp`), 'torn');
    writeFileSync(join(dir, `.zhkg-${dead}-0123456789ab.tmp`), 'torn');
    mkdirSync(join(dir, '.zhkg', `gen-${dead}-0123456789ab`));
    writeFileSync(join(dir, '.zhkg', `gen-${dead}-0123456789ab`, 'graph.gexf'), 'half');
    writeFileSync(join(dir, '.zhkg', `current.${dead}.0123456789ab.tmp`), '');
    mkdirSync(join(dir, '.zhkg', `gen-${live}-0123456789ab`));
    await writeOutputs(graph('王晓光'), dir, { viewer: false });
    expect(readdirSync(dir).sort()).toEqual(['.zhkg', 'graph.gexf', 'graph.json']);
    expect(leftovers(dir)).toEqual([`gen-${live}-0123456789ab`]);
  });

  it('concurrent commits into one folder: one complete set wins, nothing left over', async () => {
    const assetsDir = fakeAssets();
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-commit-'));
    const sets: Array<Record<string, string>> = [];
    for (const [name, viewer] of [
      ['金宝', true],
      ['王晓光', false],
    ] as const) {
      const ref = mkdtempSync(join(tmpdir(), 'zhkg-commit-'));
      await writeOutputs(graph(name), ref, { viewer, assetsDir });
      sets.push(shown(ref));
    }
    for (let round = 0; round < 5; round++) {
      await Promise.all([writeOutputs(graph('金宝'), dir, { assetsDir }), writeOutputs(graph('王晓光'), dir, { viewer: false })]);
      const now = shown(dir);
      expect(
        sets.some((s) => JSON.stringify(s) === JSON.stringify(now)),
        JSON.stringify(Object.keys(now)),
      ).toBe(true);
      expect(leftovers(dir)).toEqual([]);
    }
  });

  describe('two commits interleaved at the worst points (what a busy machine does by chance)', () => {
    const owned = ['graph.gexf', 'graph.json', 'index.html', 'evidence'];
    const full = async (put: (n: string, d: string) => Promise<void>) => {
      for (const n of ['graph.gexf', 'graph.json', 'index.html', 'evidence/0.json']) await put(n, `full ${n}`);
    };
    const bare = async (put: (n: string, d: string) => Promise<void>) => {
      for (const n of ['graph.gexf', 'graph.json']) await put(n, `bare ${n}`);
    };
    const fullSet = {
      evidence: '0.json: full evidence/0.json',
      'graph.gexf': 'full graph.gexf',
      'graph.json': 'full graph.json',
      'index.html': 'full index.html',
    };
    const bareSet = { 'graph.gexf': 'bare graph.gexf', 'graph.json': 'bare graph.json' };
    /** File-system calls that, once `armed()` is true, first wait for `gate` (once). */
    const held = (armed: () => boolean, gate: () => Promise<unknown>, calls: ReadonlyArray<keyof CommitFs>): Partial<CommitFs> => {
      let waited = false;
      return Object.fromEntries(
        calls.map((k) => [
          k,
          async (...args: unknown[]) => {
            if (armed() && !waited) {
              waited = true;
              await gate();
            }
            return (fsp[k] as (...a: unknown[]) => Promise<unknown>)(...args);
          },
        ]),
      );
    };

    it('a commit switched out right after its switch does not link the names the winner lacks', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'zhkg-commit-'));
      let swapped = false;
      let other: Promise<unknown> | undefined;
      const first = commitOutputs(dir, full, {
        owned,
        onBoundary: (b) => {
          if (b !== 'commit:swapped') return;
          swapped = true;
          other = commitOutputs(dir, bare, { owned });
        },
        fs: held(
          () => swapped,
          () => other!,
          ['lstat', 'readlink', 'stat'],
        ),
      });
      await first;
      await other;
      expect(shown(dir)).toEqual(bareSet);
      expect(leftovers(dir)).toEqual([]);
    });

    it('a commit cleaning up after its switch does not remove the set a later commit switched in', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'zhkg-commit-'));
      let pruned = false;
      let other: Promise<unknown> | undefined;
      const first = commitOutputs(dir, bare, {
        owned,
        onBoundary: (b) => {
          if (b !== 'commit:pruned') return;
          pruned = true;
          other = Promise.resolve().then(() => commitOutputs(dir, full, { owned }));
        },
        fs: held(
          () => pruned,
          () => other!,
          ['readdir'],
        ),
      });
      await first;
      await other;
      expect(shown(dir)).toEqual(fullSet);
      expect(leftovers(dir)).toEqual([]);
    });
  });

  it('a target name of 250 bytes can be written atomically (the temporary name does not grow it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-commit-'));
    const name = `${'金'.repeat(82)}.json`; // 82 × 3 + 5 = 251 bytes
    await writeFileAtomic(join(dir, name), '{}');
    expect(readdirSync(dir)).toEqual([name]);
  });

  it('checks the output folder before any work: a file, an empty name, a file on the way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-commit-'));
    writeFileSync(join(dir, 'f'), 'x');
    await expect(checkOutputDir(join(dir, 'f'))).rejects.toThrow(/f: exists and is not a folder/u);
    await expect(checkOutputDir('')).rejects.toThrow(/output folder is empty/u);
    await expect(checkOutputDir(join(dir, 'f', 'out'))).rejects.toThrow(/is not a folder/u);
    await expect(checkOutputDir(join(dir, 'new', 'out'))).resolves.toBeUndefined();
  });
});
