import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { runCliHere } from '../helpers/cli.js';

interface Out {
  text: string;
  entities: Array<{ start: number; end: number; kind: string; text: string }>;
}

const parse = (stdout: string): Out[] =>
  stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Out);

/** Every entity's text is the code-point slice of its line. */
function expectConsistent(o: Out): void {
  const cps = Array.from(o.text);
  for (const e of o.entities) {
    expect(e.end).toBeGreaterThan(e.start);
    expect(cps.slice(e.start, e.end).join('')).toBe(e.text);
    expect(['PERSON', 'ORGANIZATION', 'PLACE', 'PROGRAM']).toContain(e.kind);
  }
}

// Standard input is given in this process (runCliHere's input: the same stream of chunks the CLI reads);
// through a real pipe: test/hardening/stream.test.ts (a live writer) and cli-defects.test.ts.
describe('zhkg extract --lines', () => {
  const lines = ['𠮷𠮷北京市的记者来了', '', '   ', '天山口镇水泉 沟村第一书记王瑞新与村两委', 'plain ascii line'];

  it('prints one JSON object per input line, in order, with code-point offsets', async () => {
    const r = await runCliHere(['extract', '--lines'], { input: `${lines.join('\n')}\n` });
    expect(r.code).toBe(0);
    const out = parse(r.stdout);
    expect(out.map((o) => o.text)).toEqual(lines);
    out.forEach(expectConsistent);
    expect(out[1]!.entities).toEqual([]);
    expect(out[2]!.entities).toEqual([]);
    const beijing = out[0]!.entities.find((e) => e.text.startsWith('北京'));
    expect(beijing?.start).toBe(2); // two astral characters before it count as two code points
  });

  it('keeps CRLF lines and a last line without newline', async () => {
    const r = await runCliHere(['extract', '--lines'], { input: 'a\r\n北京\r\nb' });
    expect(parse(r.stdout).map((o) => o.text)).toEqual(['a', '北京', 'b']);
  });

  it('reads files in GB18030 and refuses binary files with exit 1 and one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-extract-'));
    const gb = join(dir, 'gb.txt');
    writeFileSync(gb, iconv.encode('北京市\n上海市\n', 'gb18030'));
    const ok = await runCliHere(['extract', '--lines', gb]);
    expect(ok.code).toBe(0);
    expect(parse(ok.stdout).map((o) => o.text)).toEqual(['北京市', '上海市']);
    const png = join(dir, 'x.txt');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    const bad = await runCliHere(['extract', '--lines', png]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('x.txt: binary file');
  });

  it('exits 1 for a missing file and 2 for bad usage', async () => {
    expect((await runCliHere(['extract', '/no/such/file.txt'])).code).toBe(1);
    expect((await runCliHere(['extract', '--no-such-flag'])).code).toBe(2);
    expect((await runCliHere(['no-such-verb'])).code).toBe(2);
  });
});

describe('zhkg extract (whole files)', () => {
  it('gives offsets into the whole file as given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-extract-'));
    const f = join(dir, 'page.txt');
    const text = '■视点\n\n标题在这里\n\n□本报记者 及庆玲\n\n北京 市的记者来了。\n';
    writeFileSync(f, text);
    const r = await runCliHere(['extract', f]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Out & { file: string };
    expect(out.text).toBe(text);
    expectConsistent(out);
    expect(out.entities.some((e) => e.text === '及庆玲' && e.kind === 'PERSON')).toBe(true);
  });
});
