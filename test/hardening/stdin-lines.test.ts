/**
 * Issue 16, text input of `extract`: standard input decoded like a file (defect 5), mixed encodings
 * refused (11), CR-only line ends (12), the long-line stack overflow (4), graph JSON errors naming the file.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { decodedLines, splitLines } from '../../src/text/lines.js';
import { decodeBytes } from '../../src/text/decode.js';
import { readLimited } from '../../src/text/read.js';
import { parseGraph } from '../../src/query/load.js';
import { InputError } from '../../src/errors.js';
import { repoRoot } from '../helpers/cli.js';

const UTF8_LINE = '苏吉嘎查第一书记金宝介绍说，代加工服务只收取加工费。';
const GB_LINE = '通辽市委书记王晓光在科尔沁区调研。';

/** A stream that delivers `bytes` in chunks of `size` (to cut characters and \r\n pairs across chunks). */
function chunked(bytes: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

async function lines(bytes: Buffer, size = 7, max?: number): Promise<string[]> {
  const out: string[] = [];
  for await (const l of decodedLines(chunked(bytes, size), '<stdin>', max)) out.push(l);
  return out;
}

describe('standard input lines', () => {
  it('CR alone, LF and CRLF each end a line, also when cut across chunks (defect 12)', async () => {
    const text = '苏吉嘎查第一书记金宝\r通辽市委书记王晓光\r\n第三行\n\r第五行';
    const expected = ['苏吉嘎查第一书记金宝', '通辽市委书记王晓光', '第三行', '', '第五行'];
    for (const size of [1, 2, 3, 5, 64, 1 << 16]) expect(await lines(Buffer.from(text), size)).toEqual(expected);
    expect(splitLines(text)).toEqual(expected);
    expect(splitLines('苏吉嘎查第一书记金宝\r通辽市委书记王晓光\r')).toEqual(['苏吉嘎查第一书记金宝', '通辽市委书记王晓光']);
  });

  it('detects GB18030 and UTF-16 on standard input like in a file (defect 5)', async () => {
    const text = `${UTF8_LINE}\n${GB_LINE}\n`;
    expect(await lines(iconv.encode(text, 'gb18030'))).toEqual([UTF8_LINE, GB_LINE]);
    expect(await lines(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]))).toEqual([UTF8_LINE, GB_LINE]);
    expect(await lines(Buffer.from(`\ufeff${text}`))).toEqual([UTF8_LINE, GB_LINE]);
  });

  it('refuses zeros and binary data on standard input after the first block, not after reading it all (defect 5)', async () => {
    let pulled = 0;
    const zeros = Readable.from(
      (function* () {
        for (let i = 0; i < 1000; i++) {
          pulled++;
          yield Buffer.alloc(65536);
        }
      })(),
    );
    await expect(async () => {
      for await (const _ of decodedLines(zeros)) void _;
    }).rejects.toThrow(/<stdin>: binary file \(contains NUL bytes\)/u);
    expect(pulled).toBeLessThan(5); // 65 MB of zeros are refused after the first 64 KiB
    await expect(lines(Buffer.concat([Buffer.from(`${UTF8_LINE}\n`), Buffer.from([0, 0, 0x0a])]))).rejects.toThrow(/binary/u);
  });

  it('a line over the limit is refused, naming the line', async () => {
    await expect(lines(Buffer.from(`短\n${'长'.repeat(100)}\n`), 16, 90)).rejects.toThrow(/line 2: longer than 90 bytes/u);
  });

  it('UTF-8 then GB18030 (and the reverse) is refused, never garbled (defect 11)', async () => {
    const utf8 = Buffer.from(`${UTF8_LINE.repeat(8)}\n`);
    const gb = iconv.encode(`${GB_LINE}\n`, 'gb18030');
    const mixed = Buffer.concat([utf8, ...Array<Buffer>(20).fill(gb)]);
    // a file: the whole was read as GB18030 before, garbling the UTF-8 line
    expect(() => decodeBytes(mixed, 'mixed.txt')).toThrow(/mixed\.txt: mixed encodings: line 1 is UTF-8, line 2 is not/u);
    // standard input, UTF-8 first: the first GB18030 line stops it
    const out: string[] = [];
    await expect(async () => {
      for await (const l of decodedLines(chunked(Buffer.concat([mixed.subarray(0, utf8.length), ...Array<Buffer>(5000).fill(gb)]), 4096))) out.push(l);
    }).rejects.toThrow(InputError);
    expect(out.every((l) => l === UTF8_LINE.repeat(8) || l === '')).toBe(true);
    // GB18030 first, then a UTF-8 line
    await expect(lines(Buffer.concat([...Array<Buffer>(5000).fill(gb), utf8]), 4096)).rejects.toThrow(/UTF-8 after GB18030 lines/u);
  });

  it('GB18030 and UTF-8 files still decode as before', () => {
    const page = readFileSync(join(repoRoot, 'data', '000_6a6b28fc1a4d90e2.txt'));
    const text = page.toString('utf8');
    expect(decodeBytes(page).text).toBe(text);
    expect(decodeBytes(iconv.encode(text, 'gb18030'))).toEqual({ encoding: 'gb18030', text });
  });

  it('a pipe read whole is refused past the limit', async () => {
    await expect(readLimited(chunked(Buffer.alloc(100, 0x41), 10), '<stdin>', 50)).rejects.toThrow(/<stdin>: input too large/u);
    expect((await readLimited(chunked(Buffer.alloc(50, 0x41), 10), '<stdin>', 50)).length).toBe(50);
  });
});

describe('long lines (defect 4)', () => {
  it('no array is spread into a call in src/ (push(...xs) overflows the stack on a long line)', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));
    const bad: string[] = [];
    for (const f of files(resolve(repoRoot, 'src'))) {
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/\.(push|unshift|splice)\(\s*\.\.\./u.test(line)) bad.push(`${f}:${i + 1}`);
        });
    }
    expect(bad).toEqual([]);
  });
});

describe('graph files', () => {
  it('a graph JSON with a bad type is refused naming the file', () => {
    const json = JSON.stringify({ options: { type: 'sideways', multi: true }, nodes: [], edges: [] });
    expect(() => parseGraph(json, 'g.json')).toThrow(/^g\.json: JSON graph "options.type" must be/u);
  });
});
