/**
 * A cache of the entity model's inference tables, for cold processes. Building them from data/ner-model.bin
 * (decoding the file, the feature table, the lexicon's hash table) costs a cold build ~1.2 s of CPU; the same
 * tables read back from one file are views of one buffer read, nothing decoded or copied. The file is written by the first cold build and read by the
 * next ones; it is named after the pipeline's code version (`codeVersion`: a hash of the package's code and
 * data, model file included) and its layout's version, so a changed model, decoder or table layout never reads a
 * stale one. A missing, unreadable or malformed file is ignored (the tables are built from the model file,
 * as without a cache), and so is a folder that cannot be written.
 *
 * Where: `ZHKG_CACHE_DIR` when set (empty: no cache), else `$XDG_CACHE_HOME/zhkg` or `~/.cache/zhkg`.
 * The newest four files are kept there (for checkouts of different versions side by side), older ones removed.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { adoptSharedModel, hasModel, modelPath, modelTables, type SharedModel } from '../entities/model/index.js';
import { codeVersion } from '../store/version.js';

const PREFIX = 'ner-tables-';
/** The file's layout (see encodeTables); raise it when the layout or the tables' arrays change. */
const FORMAT = 'f1';
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
  return join(dir, `${PREFIX}${codeVersion()}-${FORMAT}.bin`);
}

const MAGIC = 'ZHKGTAB1';

/** The typed arrays of a table file, by name, and their element types. */
type Section = 'trans' | 'end' | 'keys' | 'weights' | 'codes' | 'values' | 'lexKeys' | 'lexVals';
const TYPES = {
  trans: Float32Array,
  end: Float32Array,
  keys: Uint32Array,
  weights: Float32Array,
  codes: Uint8Array,
  values: Float64Array,
  lexKeys: Uint32Array,
  lexVals: Int32Array,
} as const;

interface FileHead {
  header: SharedModel['header'];
  mask: number;
  zero: number;
  lexiconMaxLen: number;
  /** Byte offset (from the file's start, a multiple of 8) and element count of each array. */
  sections: Partial<Record<Section, [number, number]>>;
}

/**
 * The file: the magic bytes, the length of a JSON head (u32, little-endian), the head, then each array's bytes
 * at an offset that is a multiple of 8. Read back as views of the one buffer read, nothing copied.
 */
function encodeTables(t: SharedModel): Buffer {
  const arrays: Partial<Record<Section, ArrayBufferView>> = {
    trans: t.trans,
    end: t.end,
    keys: t.packed.keys,
    weights: t.packed.weights,
    ...(t.packed.codes ? { codes: t.packed.codes, values: t.packed.values! } : {}),
    lexKeys: t.lexicon.keys,
    lexVals: t.lexicon.vals,
  };
  const head: FileHead = { header: t.header, mask: t.packed.mask, zero: t.lexicon.zero, lexiconMaxLen: t.lexiconMaxLen, sections: {} };
  // Offsets depend on the head's length, which depends on the offsets: lay out twice with room to spare.
  const layout = (start: number) => {
    let at = start;
    for (const [name, a] of Object.entries(arrays) as Array<[Section, ArrayBufferView]>) {
      head.sections[name] = [at, a.byteLength / TYPES[name].BYTES_PER_ELEMENT];
      at += Math.ceil(a.byteLength / 8) * 8;
    }
    return at;
  };
  layout(0);
  const headBytes = () => Buffer.from(JSON.stringify(head), 'utf8');
  const start = Math.ceil((MAGIC.length + 4 + headBytes().length + 64) / 8) * 8;
  const size = layout(start);
  const json = headBytes();
  if (MAGIC.length + 4 + json.length > start) throw new Error('model cache: head too long');
  const out = Buffer.alloc(size);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(json.length, MAGIC.length);
  json.copy(out, MAGIC.length + 4);
  for (const [name, a] of Object.entries(arrays) as Array<[Section, ArrayBufferView]>) {
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, head.sections[name]![0]);
  }
  return out;
}

/** The tables of a file `encodeTables` wrote; undefined when it is not one (damaged, cut short, foreign). */
function decodeTables(file: Buffer): SharedModel | undefined {
  if (file.length < MAGIC.length + 4 || file.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  const len = file.readUInt32LE(MAGIC.length);
  if (MAGIC.length + 4 + len > file.length) return undefined;
  const head = JSON.parse(file.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + len)) as FileHead;
  // Views need their element size's alignment: a buffer read whole starts at 0 of its own memory.
  const bytes = file.byteOffset % 8 === 0 ? file : Buffer.from(new Uint8Array(file));
  const view = <S extends Section>(name: S): InstanceType<(typeof TYPES)[S]> | undefined => {
    const s = head.sections?.[name];
    if (!s) return undefined;
    const [at, count] = s;
    const Ctor = TYPES[name];
    if (!Number.isInteger(at) || !Number.isInteger(count) || at % 8 !== 0 || count < 0 || at + count * Ctor.BYTES_PER_ELEMENT > bytes.length)
      throw new RangeError(`model cache: bad section ${name}`);
    return new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset + at, count) as InstanceType<(typeof TYPES)[S]>;
  };
  const [trans, end, keys, weights, lexKeys, lexVals] = [view('trans'), view('end'), view('keys'), view('weights'), view('lexKeys'), view('lexVals')];
  const codes = view('codes');
  const values = view('values');
  if (!trans || !end || !keys || !weights || !lexKeys || !lexVals || (codes === undefined) !== (values === undefined)) return undefined;
  if (typeof head.header !== 'object' || head.header === null || ![head.mask, head.zero, head.lexiconMaxLen].every(Number.isInteger)) return undefined;
  return {
    path: modelPath(),
    header: head.header,
    trans,
    end,
    packed: { keys, mask: head.mask, weights, ...(codes && values ? { codes, values } : {}) },
    lexicon: { keys: lexKeys, vals: lexVals, zero: head.zero },
    lexiconMaxLen: head.lexiconMaxLen,
  };
}

/** The cached tables of the shipped model, when the cache holds them for this code and data. */
export function readModelCache(dir = cacheDir()): SharedModel | undefined {
  if (!dir || !hasModel()) return undefined;
  try {
    return decodeTables(readFileSync(cacheFile(dir)));
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
    const bytes = encodeTables(modelTables());
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

/**
 * For a one-shot process: the model's tables from the cache when a cold process before this one left them there;
 * otherwise, after `meanwhile` (which may load the model), written there for the next one.
 */
export function useModelCache(meanwhile?: () => void): void {
  const cached = adoptCachedModel();
  meanwhile?.();
  if (!cached) writeModelCache();
}
