/**
 * A cache of the entity model's inference tables, for cold processes. Building them from data/ner-model.bin
 * (decoding the file, the feature table, the lexicon's hash table) costs a cold build ~1.2 s of CPU; the same
 * tables read back from one file take ~30 ms. The file is written by the first cold build and read by the
 * next ones; it is named after the pipeline's code version (`codeVersion`: a hash of the package's code and
 * data, model file included) and V8's version, so a changed model, decoder or table layout never reads a
 * stale one. A missing, unreadable or malformed file is ignored (the tables are built from the model file,
 * as without a cache), and so is a folder that cannot be written.
 *
 * Where: `ZHKG_CACHE_DIR` when set (empty: no cache), else `$XDG_CACHE_HOME/zhkg` or `~/.cache/zhkg`.
 * The newest four files are kept there (for checkouts of different versions side by side), older ones removed.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { adoptSharedModel, hasModel, modelFilePath, modelTables, type SharedModel } from '../entities/model/index.js';
import { codeVersion } from '../store/version.js';

const PREFIX = 'ner-tables-';
/** Files kept in the cache folder (the newest). */
const KEEP = 4;

/** The cache folder, or undefined when caching is off (`ZHKG_CACHE_DIR=`). */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const set = env['ZHKG_CACHE_DIR'];
  if (set !== undefined) return set === '' ? undefined : set;
  const base = env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  return join(base, 'zhkg');
}

function cacheFile(dir: string): string {
  return join(dir, `${PREFIX}${codeVersion()}-v8-${process.versions.v8}.bin`);
}

function isTables(x: unknown): x is SharedModel {
  if (typeof x !== 'object' || x === null) return false;
  const t = x as SharedModel;
  const p = t.packed as Partial<SharedModel['packed']> | undefined;
  return (
    typeof t.header === 'object' &&
    t.header !== null &&
    t.trans instanceof Float32Array &&
    t.end instanceof Float32Array &&
    typeof t.lexiconMaxLen === 'number' &&
    typeof p === 'object' &&
    p.keys instanceof Uint32Array &&
    typeof p.mask === 'number' &&
    p.weights instanceof Float32Array &&
    (p.codes === undefined || (p.codes instanceof Uint8Array && p.values instanceof Float64Array)) &&
    t.lexicon?.keys instanceof Uint32Array &&
    t.lexicon.vals instanceof Int32Array &&
    typeof t.lexicon.zero === 'number'
  );
}

/** The cached tables of the shipped model, when the cache holds them for this code and data. */
export function readModelCache(dir = cacheDir()): SharedModel | undefined {
  if (!dir || !hasModel()) return undefined;
  try {
    const t = deserialize(readFileSync(cacheFile(dir))) as unknown;
    return isTables(t) ? { ...t, path: modelFilePath() } : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the shipped model's tables (loading it if need be) to the cache; other versions' files are removed. */
export function writeModelCache(dir = cacheDir()): boolean {
  if (!dir || !hasModel()) return false;
  const file = cacheFile(dir);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const bytes = serialize(modelTables());
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
    // The newest few versions stay (checkouts of zhkg side by side share the folder), older ones go.
    const others = readdirSync(dir)
      .filter((name) => name.startsWith(PREFIX) && name.endsWith('.bin') && join(dir, name) !== file)
      .map((name) => ({ name, at: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.at - a.at || (a.name < b.name ? -1 : 1));
    for (const { name } of others.slice(KEEP - 1)) rmSync(join(dir, name), { force: true });
    return true;
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // no folder to clean
    }
    return false;
  }
}

/**
 * Installs the cached tables as the shipped model when the cache has them (true); else false, and the model
 * is loaded from its file as usual (call `writeModelCache` once it is).
 */
export function adoptCachedModel(dir = cacheDir()): boolean {
  const t = readModelCache(dir);
  if (!t) return false;
  adoptSharedModel(t);
  return true;
}
