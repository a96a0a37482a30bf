import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeBytes } from '../../src/text/decode.js';
import { InputError } from '../../src/errors.js';

const sample = '苏吉嘎查第一书记金宝介绍说：代加工服务只收取加工费。';

describe('decodeBytes', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeBytes(Buffer.from(sample, 'utf8'))).toEqual({ encoding: 'utf-8', text: sample });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample, 'utf8')]);
    expect(decodeBytes(bom)).toEqual({ encoding: 'utf-8', text: sample });
  });

  it('reads GB18030 that is not valid UTF-8', () => {
    const bytes = iconv.encode(sample, 'gb18030');
    expect(decodeBytes(bytes)).toEqual({ encoding: 'gb18030', text: sample });
  });

  it('reads Big5 (traditional script) and tells it from GB18030, which can hold traditional text too', () => {
    const traditional = '蘇吉嘎查第一書記金寶介紹說：代加工服務只收取加工費。';
    expect(decodeBytes(iconv.encode(traditional, 'big5'))).toEqual({ encoding: 'big5', text: traditional });
    expect(decodeBytes(iconv.encode(traditional, 'gb18030'))).toEqual({ encoding: 'gb18030', text: traditional });
    expect(decodeBytes(iconv.encode('北京市\n上海市\n', 'big5'))).toEqual({ encoding: 'big5', text: '北京市\n上海市\n' });
    // too short to tell: GB18030, as before
    expect(decodeBytes(iconv.encode('北京', 'gb18030')).encoding).toBe('gb18030');
  });

  it('reads bytes that are not UTF-8 in the legacy encoding the file declares (an HTML charset)', () => {
    // 蘭黨 in Big5 is also two ideographs in GB18030 (孽囊): only the declaration tells them apart
    const bytes = iconv.encode('蘭黨', 'big5');
    expect(decodeBytes(bytes).encoding).toBe('gb18030');
    expect(decodeBytes(bytes, 'x', 'big5')).toEqual({ encoding: 'big5', text: '蘭黨' });
    // a declaration does not override UTF-8 bytes
    expect(decodeBytes(Buffer.from(sample), 'x', 'big5')).toEqual({ encoding: 'utf-8', text: sample });
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(sample, 'utf-16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(sample, 'utf-16be')]);
    expect(decodeBytes(le)).toEqual({ encoding: 'utf-16le', text: sample });
    expect(decodeBytes(be)).toEqual({ encoding: 'utf-16be', text: sample });
  });

  it('reads BOM-less UTF-16 LE of mostly ASCII text', () => {
    const text = 'Report from Tongliao, 2020: 通辽';
    expect(decodeBytes(iconv.encode(text, 'utf-16le')).text).toBe(text);
  });

  it('refuses PNG, ELF and NUL-laden data with a message naming the file', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(() => decodeBytes(png, 'a.png')).toThrow(InputError);
    expect(() => decodeBytes(png, 'a.png')).toThrow(/a\.png: binary file \(looks like a PNG image\)/);
    expect(() => decodeBytes(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), 'x')).toThrow(/ELF/);
    const nul = Buffer.from([0x41, 0x00, 0x00, 0x42, 0x13, 0x00, 0x99, 0x00, 0x00, 0x00, 0x01]);
    expect(() => decodeBytes(nul, 'n.bin')).toThrow(/binary/);
  });

  it('returns an empty text for an empty file', () => {
    expect(decodeBytes(Buffer.alloc(0))).toEqual({ encoding: 'utf-8', text: '' });
  });
});
