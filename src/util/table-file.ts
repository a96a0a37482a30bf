/**
 * Files of typed arrays that a cold process reads back as views of one buffer (nothing decoded or copied), and the
 * folder they are cached in: the model's inference tables (src/parallel/model-cache.ts) and the division index's
 * (src/parallel/divisions-cache.ts).
 *
 * A file is its magic bytes, the length of a JSON head (u32, little-endian), the head, then each array's bytes at
 * an offset that is a multiple of 8. The head's `sections` give each array's offset and element count.
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The cache folder, or undefined when caching is off (`ZHKG_CACHE_DIR=`). */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const set = env['ZHKG_CACHE_DIR'];
  if (set !== undefined) return set === '' ? undefined : set;
  const base = env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  return join(base, 'zhkg');
}

/** A typed array constructor a section can be read as. */
export type ArrayType =
  Uint8ArrayConstructor | Uint16ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor | Float32ArrayConstructor | Float64ArrayConstructor;

/** Byte offset (from the file's start, a multiple of 8) and element count of each array. */
export type Sections = Record<string, [number, number]>;

/**
 * The file of `arrays` (each of the element type `types[name]` gives) with `head` (any JSON object; the file's head
 * is `head` with a `sections` field added).
 */
export function encodeTableFile(magic: string, head: object, arrays: Record<string, ArrayBufferView>, types: Record<string, ArrayType>): Buffer {
  const sections: Sections = {};
  const fileHead = { ...head, sections };
  // Offsets depend on the head's length, which depends on the offsets: lay out twice with room to spare.
  const layout = (start: number) => {
    let at = start;
    for (const [name, a] of Object.entries(arrays)) {
      sections[name] = [at, a.byteLength / types[name]!.BYTES_PER_ELEMENT];
      at += Math.ceil(a.byteLength / 8) * 8;
    }
    return at;
  };
  layout(0);
  const headBytes = () => Buffer.from(JSON.stringify(fileHead), 'utf8');
  const start = Math.ceil((magic.length + 4 + headBytes().length + 64) / 8) * 8;
  const size = layout(start);
  const json = headBytes();
  if (magic.length + 4 + json.length > start) throw new Error('table file: head too long');
  const out = Buffer.alloc(size);
  out.write(magic, 0, 'latin1');
  out.writeUInt32LE(json.length, magic.length);
  json.copy(out, magic.length + 4);
  for (const [name, a] of Object.entries(arrays)) Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, sections[name]![0]);
  return out;
}

/** A file `encodeTableFile` wrote: its head, and its arrays as views (`view` throws RangeError on a bad section). */
export interface TableFile {
  head: Record<string, unknown>;
  view<C extends ArrayType>(name: string, type: C): InstanceType<C> | undefined;
  /** Every array `types` names, as views; undefined when one of them is missing. */
  views<T extends Record<string, ArrayType>>(types: T): { [K in keyof T]: InstanceType<T[K]> } | undefined;
}

/** The head and arrays of `file`; undefined when it is not a file of `magic` (cut short, foreign). */
export function decodeTableFile(file: Buffer, magic: string): TableFile | undefined {
  if (file.length < magic.length + 4 || file.toString('latin1', 0, magic.length) !== magic) return undefined;
  const len = file.readUInt32LE(magic.length);
  if (magic.length + 4 + len > file.length) return undefined;
  const head = JSON.parse(file.toString('utf8', magic.length + 4, magic.length + 4 + len)) as unknown;
  if (typeof head !== 'object' || head === null) return undefined;
  const sections = (head as { sections?: unknown }).sections;
  // Views need their element size's alignment: a buffer read whole starts at 0 of its own memory.
  const bytes = file.byteOffset % 8 === 0 ? file : Buffer.from(new Uint8Array(file));
  const table: TableFile = {
    head: head as Record<string, unknown>,
    views<T extends Record<string, ArrayType>>(types: T): { [K in keyof T]: InstanceType<T[K]> } | undefined {
      const out: Record<string, ArrayBufferView> = {};
      for (const [name, type] of Object.entries(types)) {
        const v = table.view(name, type);
        if (!v) return undefined;
        out[name] = v;
      }
      return out as { [K in keyof T]: InstanceType<T[K]> };
    },
    view<C extends ArrayType>(name: string, type: C): InstanceType<C> | undefined {
      const s = typeof sections === 'object' && sections !== null ? (sections as Record<string, unknown>)[name] : undefined;
      if (s === undefined) return undefined;
      const [at, count] = Array.isArray(s) ? (s as unknown[]) : [];
      if (
        !Number.isInteger(at) ||
        !Number.isInteger(count) ||
        (at as number) % 8 !== 0 ||
        (count as number) < 0 ||
        (at as number) + (count as number) * type.BYTES_PER_ELEMENT > bytes.length
      )
        throw new RangeError(`table file: bad section ${name}`);
      return new type(bytes.buffer as ArrayBuffer, bytes.byteOffset + (at as number), count as number) as InstanceType<C>;
    },
  };
  return table;
}

/**
 * Writes `bytes` as `dir`/`name` (through a temporary file and a rename, so a reader never sees half of it) and
 * removes the other files of `dir` whose names start with `prefix` but the newest `keep - 1` (checkouts of
 * different versions side by side share the folder). False, and nothing left behind, when it cannot be written.
 */
function writeCacheFile(dir: string, name: string, bytes: Uint8Array, prefix: string, keep: number): boolean {
  const file = join(dir, name);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
    const others = readdirSync(dir)
      .filter((n) => n.startsWith(prefix) && n.endsWith('.bin') && n !== name)
      .map((n) => ({ n, at: statSync(join(dir, n)).mtimeMs }))
      .sort((a, b) => b.at - a.at || (a.n < b.n ? -1 : 1));
    for (const { n } of others.slice(keep - 1)) rmSync(join(dir, n), { force: true });
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

/** A cache of tables in `cacheDir()` (or another folder), one file per version of what they are made from. */
export interface TableCache<T> {
  /** The cached tables, when the folder holds them for this version (a missing, unreadable or malformed file: undefined). */
  read(dir?: string): T | undefined;
  /** Writes the tables (made now if need be); other versions' files beyond the newest few are removed. */
  write(dir?: string): boolean;
  /** Installs the cached tables when the folder holds them (true); else false. */
  adopt(dir?: string): boolean;
}

/**
 * The cache of one kind of tables: files `<prefix><version()>-<format>.bin`, the newest `keep` kept. `encode` makes
 * the file of the current tables (it may load them), `decode` reads one back (undefined or a throw: not usable),
 * `install` makes decoded tables the current ones; `available` says whether there are tables to cache at all.
 */
export function tableCache<T>(spec: {
  prefix: string;
  format: string;
  keep: number;
  version: () => string;
  encode: () => Buffer;
  decode: (file: Buffer) => T | undefined;
  install: (tables: T) => void;
  available?: () => boolean;
}): TableCache<T> {
  const name = () => `${spec.prefix}${spec.version()}-${spec.format}.bin`;
  const available = spec.available ?? (() => true);
  const read = (dir = cacheDir()): T | undefined => {
    if (!dir || !available()) return undefined;
    try {
      return spec.decode(readFileSync(join(dir, name())));
    } catch {
      return undefined;
    }
  };
  return {
    read,
    write(dir = cacheDir()): boolean {
      if (!dir || !available()) return false;
      let bytes: Buffer;
      try {
        bytes = spec.encode();
      } catch {
        return false;
      }
      return writeCacheFile(dir, name(), bytes, spec.prefix, spec.keep);
    },
    adopt(dir = cacheDir()): boolean {
      const t = read(dir);
      if (t === undefined) return false;
      spec.install(t);
      return true;
    },
  };
}
