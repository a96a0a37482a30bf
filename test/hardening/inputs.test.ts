/**
 * Issue 16, inputs: links inside folders, loops, the same file twice, stems that look like the
 * duplicate-stem suffix, and `source` names that do not depend on how the input's path is spelled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildGraphFromPaths } from '../../src/pipeline.js';
import { listInputFiles } from '../../src/text/read.js';
import { toGexf, toJSON } from '../../src/export/index.js';
import { InputError } from '../../src/errors.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhkg-inputs-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const PAGE = '苏吉嘎查第一书记金宝介绍说，代加工服务只收取加工费。\n';
const OTHER = '通辽市委书记王晓光在科尔沁区调研。\n';

function tree(name: string, files: Record<string, string>): string {
  const root = join(dir, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  mkdirSync(root, { recursive: true });
  return root;
}

const build = (paths: string[]) => buildGraphFromPaths(paths, { layout: false, workers: 1 });
const articleNodes = (r: Awaited<ReturnType<typeof build>>) => r.graph.filterNodes((_n, a) => a.kind === 'ARTICLE').sort();

describe('inputs', () => {
  it('follows links to .txt files inside a folder (defect 2)', async () => {
    const target = tree('targets', { 'a.txt': PAGE });
    const linked = tree('linked', {});
    symlinkSync(join(target, 'a.txt'), join(linked, 'a.txt'));
    const files = await listInputFiles([linked]);
    expect(files).toEqual([{ path: join(linked, 'a.txt'), name: 'a.txt' }]);
    const r = await build([linked]);
    expect(r.articles).toHaveLength(1);
    expect(r.entities.map((e) => e.label)).toContain('金宝');
  });

  it('follows links to folders and detects loops (a link back to an ancestor is not walked again)', async () => {
    const root = tree('loop', { 'sub/a.txt': PAGE, 'other/b.txt': OTHER });
    symlinkSync('..', join(root, 'sub', 'up')); // loop: sub/up → root
    symlinkSync(join(root, 'other'), join(root, 'sub', 'other-link')); // reaches other/b.txt a second time
    symlinkSync(join(root, 'missing.txt'), join(root, 'broken.txt')); // listed; reading it reports it
    const files = await listInputFiles([root]);
    expect(files.map((f) => f.name)).toEqual(['broken.txt', 'other/b.txt', 'sub/a.txt']);
  });

  it('a build that finds no input fails with one line (defect 2)', async () => {
    const empty = tree('empty', { 'notes.md': 'not text input' });
    await expect(build([empty])).rejects.toThrow(InputError);
    await expect(build([empty])).rejects.toThrow(/no input file found/u);
  });

  it('reads the same file reached twice once: two spellings, a link, a hard link (defect 6)', async () => {
    const root = tree('twice', { 'a.txt': PAGE });
    symlinkSync(join(root, 'a.txt'), join(root, 'link.txt'));
    linkSync(join(root, 'a.txt'), join(root, 'hard.txt'));
    const once = await build([join(root, 'a.txt')]);
    const r = await build([join(root, 'a.txt'), `${root}/./a.txt`, `${root}//a.txt`, root, relative(process.cwd(), join(root, 'a.txt'))]);
    expect(articleNodes(r)).toEqual(articleNodes(once));
    expect(toJSON(r.graph)).toBe(toJSON(once.graph));
  });

  it('a file named like the duplicate-stem suffix builds (defect 3)', async () => {
    const root = tree('suffix', { 'a/x.txt': PAGE, 'b/x.txt': OTHER, 'a/x~2.txt': PAGE.replace('金宝', '王明') });
    const r = await build([root]);
    const ids = r.articles.map((a) => a.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids).toEqual(['x#1', 'x~2#1', 'x~3#1']);
    expect(r.articles.map((a) => a.source)).toEqual(['a/x.txt', 'a/x~2.txt', 'b/x.txt']);
  });

  it('bytes do not depend on how the input path is spelled or where the corpus lies (defect 9)', async () => {
    const root = tree('corpus', { 'one.txt': PAGE, 'two/two.txt': OTHER });
    const moved = join(dir, 'elsewhere', 'deeper', 'corpus');
    cpSync(root, moved, { recursive: true });
    const gexf = async (p: string) => toGexf((await buildGraphFromPaths([p], { workers: 1 })).graph);
    const reference = await gexf(root);
    expect(reference).toContain('two/two.txt');
    expect(reference).not.toContain(dir);
    expect(await gexf(`${root}/`)).toBe(reference);
    expect(await gexf(relative(process.cwd(), root))).toBe(reference);
    expect(await gexf(moved)).toBe(reference);
  });

  it('the same name under two inputs: the later one is prefixed with its folder name', async () => {
    const a = tree('left', { 'x.txt': PAGE });
    const b = tree('right', { 'x.txt': OTHER });
    expect((await listInputFiles([a, b])).map((f) => f.name)).toEqual(['x.txt', 'right/x.txt']);
  });
});
