/**
 * Atomic outputs: a failed build exits 1 and leaves the outputs of an earlier build byte-for-byte intact,
 * with no temporary files left behind.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';

/** A file's bytes, or a folder's (the viewer's evidence shards): its files' names and bytes. */
function contentOf(path: string): Buffer {
  if (!statSync(path).isDirectory()) return readFileSync(path);
  return Buffer.concat(
    readdirSync(path)
      .sort()
      .flatMap((f) => [Buffer.from(`${f}\n`), readFileSync(`${path}/${f}`)]),
  );
}
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliHere, repoRoot } from '../helpers/cli.js';

describe('atomic outputs', () => {
  it('a failing build into a folder keeps the earlier graph.gexf / graph.json / index.html', async () => {
    const work = mkdtempSync(join(tmpdir(), 'zhkg-atomic-'));
    const out = join(work, 'out');
    // inputs: the bundled page; then the same page plus a PNG disguised as .txt
    const page = join(repoRoot, 'data', '000_6a6b28fc1a4d90e2.txt');
    const first = await runCliHere(['build', page, '-o', out, '--quiet']);
    expect(first.code, first.stderr).toBe(0);
    // The outputs; the store (zhkg.db) keeps what the failing build extracted (test/store/).
    const visible = () =>
      readdirSync(out)
        .filter((n) => !n.startsWith('.') && !n.startsWith('zhkg.db'))
        .sort();
    const names = visible();
    expect(names).toEqual(expect.arrayContaining(['graph.gexf', 'graph.json', 'index.html']));
    const before = new Map(names.map((n) => [n, contentOf(join(out, n))]));
    expect(before.get('graph.gexf')!.length).toBeGreaterThan(1000);

    const png = join(work, 'scan.txt');
    writeFileSync(png, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(256, 1)]));
    const copy = join(work, 'page.txt');
    copyFileSync(page, copy);
    const second = await runCliHere(['build', copy, png, '-o', out, '--quiet']);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/scan\.txt: binary file/);
    expect(second.stdout).toBe('');

    expect(visible()).toEqual(names); // nothing added or removed
    // no temporary file beside the outputs, and only the committed generation in .zhkg/
    expect(readdirSync(out).filter((n) => n.startsWith('.'))).toEqual(['.zhkg']);
    expect(readdirSync(join(out, '.zhkg')).filter((n) => n !== 'current')).toHaveLength(1);
    for (const n of names) expect(contentOf(join(out, n)).equals(before.get(n)!), n).toBe(true);
  }, 300_000);
});
