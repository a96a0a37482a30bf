/**
 * How to start a worker thread whose module sits beside the caller's (`base` = the caller's `import.meta.url`).
 * From dist/ it is `<name>.js`. From sources (tsx, vitest) it is `<name>.ts`, loaded through a small bootstrap
 * that registers tsx's ESM hooks inside the worker thread (hooks registered by the parent's `--import tsx` do
 * not reach worker threads).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

export interface WorkerSource {
  script: string | URL;
  eval: boolean;
}

export function workerSourceAt(base: string, name: string): WorkerSource {
  const fromSource = base.endsWith('.ts');
  const url = new URL(fromSource ? `./${name}.ts` : `./${name}.js`, base);
  if (!fromSource) return { script: url, eval: false };
  // The ESM build of tsx's API (require.resolve would pick the CommonJS one).
  const tsxRoot = dirname(createRequire(base).resolve('tsx/package.json'));
  const api = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const script = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return { script, eval: true };
}
