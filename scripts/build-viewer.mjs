#!/usr/bin/env node
// Bundles the viewer (viewer/src → one app.js, sigma and graphology included: the page works offline)
// and copies index.html and style.css beside it. Default output: dist/viewer/.
// Usage: node scripts/build-viewer.mjs [OUTDIR]
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Builds the page into outDir and returns the list of files written (relative names, sorted). `minify: false`
 * keeps the bundle readable (function names in CPU profiles: bench/viewer-profile.ts).
 */
export async function buildViewer(outDir = join(root, 'dist', 'viewer'), { minify = true } = {}) {
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [join(root, 'viewer', 'src', 'main.ts')],
    outfile: join(outDir, 'app.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    minify,
    legalComments: 'eof',
    charset: 'utf8',
    logLevel: 'warning',
    absWorkingDir: root,
  });
  for (const f of ['index.html', 'style.css']) await copyFile(join(root, 'viewer', f), join(outDir, f));
  return ['app.js', 'index.html', 'style.css'];
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const out = process.argv[2] ? resolve(process.argv[2]) : undefined;
  buildViewer(out).catch((err) => {
    process.stderr.write(`build-viewer: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
