// Module resolution hooks of bench/compiled.mjs: a module of src/ (X.ts, as tsx resolves it) is dist/src/X.js.
// Registered after tsx's, so they run first and see what tsx resolved.
import { URL } from 'node:url';

const src = new URL('../src/', import.meta.url).href;
const dist = new URL('../dist/src/', import.meta.url).href;

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (!resolved.url.startsWith(src) || !resolved.url.endsWith('.ts')) return resolved;
  return { ...resolved, url: `${dist}${resolved.url.slice(src.length, -3)}.js`, format: 'module' };
}
