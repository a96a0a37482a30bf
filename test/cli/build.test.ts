import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { repoRoot, runCliHere } from '../helpers/cli.js';

function folderWithBinary(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zhkg-build-'));
  const input = join(dir, 'in');
  mkdirSync(input);
  copyFileSync(resolve(repoRoot, 'data/000_6a6b28fc1a4d90e2.txt'), join(input, 'a.txt'));
  writeFileSync(join(input, 'b.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]));
  return dir;
}

describe('zhkg build', () => {
  it('fails on a binary file in a folder by default, writing nothing', async () => {
    const dir = folderWithBinary();
    const r = await runCliHere(['build', '-q', '--no-viewer', '-o', join(dir, 'out'), join(dir, 'in')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/b\.txt: binary file/);
    expect(existsSync(join(dir, 'out', 'graph.json'))).toBe(false);
  });

  it('with --skip-bad, warns about the binary file and builds the rest', async () => {
    const dir = folderWithBinary();
    const r = await runCliHere(['build', '-q', '--skip-bad', '--no-viewer', '-o', join(dir, 'out'), join(dir, 'in')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/skipped .*b\.txt: binary file/);
    const graph = JSON.parse(readFileSync(join(dir, 'out', 'graph.json'), 'utf8')) as { nodes: Array<{ key: string }> };
    expect(graph.nodes.some((n) => n.key === 'PERSON:金宝')).toBe(true);
  });

  it('prints the written files on stdout and exits 2 on bad usage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-build-'));
    const r = await runCliHere(['build', '-q', '--no-viewer', '-o', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([join(dir, 'graph.gexf'), join(dir, 'graph.json')]);
    expect((await runCliHere(['build', '--no-such-option'])).code).toBe(2);
  });
});
