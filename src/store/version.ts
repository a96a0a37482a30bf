/**
 * The pipeline version a store's extraction results belong to. Stored results are reused only by the same
 * version: it is a hash of everything extraction depends on — the package's own code (every module under
 * the compiled or source root, so a changed rule, reader or model decoder is a new version even without a
 * release), the data it reads (lexicons, model, divisions, the segmenter's dictionary; not the bundled
 * corpus), nodejieba's version, the store format and the reading settings (JSONL field names).
 * Besides extraction's results, the store keeps what is made per article for the corpus-wide steps
 * (resolution drafts, relation facts with what they were made from) and the assembled graph; their code is
 * hashed too, so a changed resolution or relation module is a new version as well (cheaper to re-extract once
 * than to reason about which module which stored row depends on).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../paths.js';

/**
 * Layout of the stored rows; raise it when the schema or the serialization changes. 3: relation entries without
 * the content hash of their file (the file's row holds it). 4: the edges of the last build, folded
 * (`edges` table, src/pipeline.ts `EdgeState`).
 * A table added beside the others (`resolution`, the last build's resolution) needs no new format: a store of
 * this format gains it when opened, and its rows, like every row, are read only by their own pipeline version.
 */
export const STORE_FORMAT = 4;

let codeAndData: string | undefined;

function walk(dir: string, keep: (rel: string) => boolean, root = dir, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, keep, root, out);
    else if (e.isFile() && keep(relative(root, p).split(sep).join('/'))) out.push(p);
  }
  return out;
}

/** Hash of the code and data extraction depends on (computed once per process). */
function codeAndDataHash(): string {
  if (codeAndData) return codeAndData;
  const hash = createHash('sha256');
  const add = (label: string, file: string) => {
    hash.update(`${label}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  };
  // src/ when running from sources, dist/src/ when compiled: the folder above this module's.
  const codeRoot = dirname(dirname(fileURLToPath(import.meta.url)));
  for (const f of walk(codeRoot, (rel) => /\.(js|ts|mjs|json)$/.test(rel) && !rel.endsWith('.d.ts') && !rel.endsWith('.map')))
    add(`code/${relative(codeRoot, f)}`, f);
  // data/: everything but the bundled corpus (top-level .txt) and its notes.
  const dataRoot = join(packageRoot, 'data');
  for (const f of walk(dataRoot, (rel) => rel.includes('/') || !/\.(txt|md)$/.test(rel))) add(`data/${relative(dataRoot, f)}`, f);
  const require = createRequire(import.meta.url);
  const jieba = JSON.parse(readFileSync(require.resolve('nodejieba/package.json'), 'utf8')) as { version: string };
  hash.update(`nodejieba ${jieba.version}\0format ${STORE_FORMAT}`);
  return (codeAndData = hash.digest('hex').slice(0, 32));
}

/** The code-and-data half of every pipeline version of this zhkg (without the reading settings). */
export function codeVersion(): string {
  return codeAndDataHash();
}

/** The version of stored extraction results for these reading settings (`fields` of JSONL inputs). */
export function pipelineVersion(settings: unknown = {}): string {
  const s = createHash('sha256')
    .update(JSON.stringify(settings ?? {}))
    .digest('hex')
    .slice(0, 8);
  return `${codeAndDataHash()}-${s}`;
}
