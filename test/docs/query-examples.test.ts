/**
 * docs/query.md's Query section must stay true: every ```ts block between the query section markers is
 * run as a module (`from 'zhkg'` pointed at src/index.ts) from the repository root, and every
 * `// prints: …` line must appear in what it logs. The modules are imported in this process (a `tsx` child
 * each paid a cold start of the whole library); the README's TypeScript example still runs as a program
 * (test/docs/readme.test.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../query/helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');
const doc = readFileSync(join(ROOT, 'docs/query.md'), 'utf8');
const start = doc.indexOf('<!-- section:query -->');
const end = doc.indexOf('<!-- /section:query -->');
const section = start >= 0 && end > start ? doc.slice(start, end) : '';
const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('docs/query.md Query section', () => {
  it('exists and has runnable examples that state what they print', () => {
    expect(section).not.toBe('');
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    for (const block of blocks) {
      expect(block).toMatch(/from 'zhkg'/);
      expect(block).toMatch(/\/\/ prints: \S/);
    }
  });

  it.each(blocks.map((b, i) => [i + 1, b] as const))('example %i runs and prints what it says', async (_n, block) => {
    const entry = join(ROOT, 'src/index.ts');
    const file = join(tempDir(), 'example.mts');
    writeFileSync(file, block.replace(/from 'zhkg'/g, `from ${JSON.stringify(entry)}`));
    expect(process.cwd()).toBe(ROOT); // the examples' paths are relative to the repository root
    const logged: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(format(...args)));
    try {
      await import(/* @vite-ignore */ pathToFileURL(file).href);
    } finally {
      log.mockRestore();
    }
    const stdout = logged.join('\n');
    const expected = [...block.matchAll(/\/\/ prints: (.+)$/gm)].map((m) => m[1]!.trim());
    for (const line of expected) expect(stdout).toContain(line);
  });
});
