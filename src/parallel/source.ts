/**
 * How to start one of zhkg's worker threads. From dist/ it is `<name>.js` beside this module. From sources
 * (tsx, vitest) it is `<name>.ts`, loaded through a small bootstrap that registers tsx's ESM hooks inside the
 * worker thread (hooks registered by the parent's `--import tsx` do not reach worker threads).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

export function workerSource(name: string): { script: string | URL; eval: boolean } {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? `./${name}.ts` : `./${name}.js`, import.meta.url);
  if (!fromSource) return { script: url, eval: false };
  // The ESM build of tsx's API (require.resolve would pick the CommonJS one).
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const script = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return { script, eval: true };
}
