import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Layers import only downward: the CLI (src/cli/) is the top; nothing else under src/ may import from it.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const src = join(root, 'src');
const cli = join(src, 'cli');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Module specifiers of static imports, re-exports, dynamic imports and `import type`. */
function specifiers(code: string): string[] {
  const out: string[] = [];
  const re = /\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gmu;
  for (const m of code.matchAll(re)) out.push((m[1] ?? m[2] ?? m[3])!);
  return out;
}

/** The imports of `file` that land in src/cli/. */
function cliImports(file: string, code: string): string[] {
  return specifiers(code).filter((s) => {
    if (!s.startsWith('.')) return false;
    const target = resolve(dirname(file), s);
    return target === cli || target.startsWith(cli + sep);
  });
}

describe('layering: no stage imports from src/cli/', () => {
  it('the checker sees every import form', () => {
    const file = join(src, 'text', 'x.ts');
    const code = [
      "import { InputError } from '../cli/errors.js';",
      "import type { X } from '../cli/y.js';",
      "export { z } from '../cli/z.js';",
      "const m = await import('../cli/main.js');",
      "import '../cli/side.js';",
      "import { ok } from '../errors.js';",
      "import { Command } from 'commander';",
    ].join('\n');
    expect(cliImports(file, code)).toEqual(['../cli/errors.js', '../cli/y.js', '../cli/z.js', '../cli/main.js', '../cli/side.js']);
  });

  it('files under src/ outside src/cli/ do not import src/cli/', () => {
    const offenders: string[] = [];
    const files = tsFiles(src).filter((f) => !f.startsWith(cli + sep));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      for (const s of cliImports(f, readFileSync(f, 'utf8'))) offenders.push(`${relative(root, f)} → ${s}`);
    }
    expect(offenders).toEqual([]);
  });
});
