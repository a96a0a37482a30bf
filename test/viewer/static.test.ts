import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const SRC = join(ROOT, 'viewer/src');
const zh = JSON.parse(readFileSync(join(ROOT, 'viewer/locales/zh.json'), 'utf8')) as Record<string, string>;
const en = JSON.parse(readFileSync(join(ROOT, 'viewer/locales/en.json'), 'utf8')) as Record<string, string>;

describe('viewer sources', () => {
  it('never turn strings into HTML (labels and evidence are data)', () => {
    const files = readdirSync(SRC).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const text = readFileSync(join(SRC, f), 'utf8');
      expect(text, f).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(/u);
    }
  });

  it('have both locales with the same keys, covering every key index.html and the code use', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    const html = readFileSync(join(ROOT, 'viewer/index.html'), 'utf8');
    const code = readdirSync(SRC)
      .map((f) => readFileSync(join(SRC, f), 'utf8'))
      .join('\n');
    const used = new Set<string>();
    for (const m of html.matchAll(/data-i18n(?:-[a-z]+)?="([^"]+)"/gu)) used.add(m[1]!);
    for (const m of code.matchAll(/\bt\('([a-z.]+)'/gu)) used.add(m[1]!);
    expect(used.size).toBeGreaterThan(20);
    for (const k of used) expect(zh[k], k).toBeTypeOf('string');
  });

  it('load no resource from the network (works offline)', () => {
    const html = readFileSync(join(ROOT, 'viewer/index.html'), 'utf8');
    const css = readFileSync(join(ROOT, 'viewer/style.css'), 'utf8');
    expect(html + css).not.toMatch(/(src|href)="(https?:)?\/\/|url\((https?:)?\/\/|@import/u);
    expect(css).toContain('"Noto Sans CJK SC"');
  });
});
