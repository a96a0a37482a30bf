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
import { adoptSharedModel, hasModel, modelPath, modelTables, type SharedModel } from '../entities/model/index.js';
import { recordsTagged } from '../entities/model/decode.js';
import { codeVersion } from '../store/version.js';
import { decodeTableFile, encodeTableFile, tableCache, type TableCache } from '../util/table-file.js';

const PREFIX = 'ner-tables-';
/** The file's layout (see encodeTables); raise it when the layout or the tables' arrays change. */
const FORMAT = 'f2';
/** Files kept in the cache folder (the newest). */
const KEEP = 4;

const MAGIC = 'ZHKGTAB1';

/** The typed arrays of a table file, by name, and their element types: every file has these … */
const REQUIRED = {
  trans: Float32Array,
  end: Float32Array,
  keys: Uint32Array,
  weights: Float32Array,
  lexKeys: Uint32Array,
  lexVals: Int32Array,
} as const;
/** … and a model of one-byte weight codes these two. */
const CODES = { codes: Uint8Array, values: Float64Array } as const;
const TYPES = { ...REQUIRED, ...CODES };

interface FileHead {
  header: SharedModel['header'];
  mask: number;
  zero: number;
  lexiconMaxLen: number;
}

/** The tables as a table file (src/util/table-file.ts), read back as views of the one buffer read, nothing copied. */
function encodeTables(t: SharedModel): Buffer {
  const arrays: Record<string, ArrayBufferView> = {
    trans: t.trans,
    end: t.end,
    keys: t.packed.keys,
    weights: t.packed.weights,
    ...(t.packed.codes ? { codes: t.packed.codes, values: t.packed.values! } : {}),
    lexKeys: t.lexicon.keys,
    lexVals: t.lexicon.vals,
  };
  const head: FileHead = { header: t.header, mask: t.packed.mask, zero: t.lexicon.zero, lexiconMaxLen: t.lexiconMaxLen };
  return encodeTableFile(MAGIC, head, arrays, TYPES);
}

/** The tables of a file `encodeTables` wrote; undefined when it is not one (damaged, cut short, foreign). */
function decodeTables(file: Buffer): SharedModel | undefined {
  const f = decodeTableFile(file, MAGIC);
  if (!f) return undefined;
  const head = f.head as Partial<FileHead>;
  const tables = f.views(REQUIRED);
  const codes = f.view('codes', CODES.codes);
  const values = f.view('values', CODES.values);
  if (!tables || (codes === undefined) !== (values === undefined)) return undefined;
  const { trans, end, keys, weights, lexKeys, lexVals } = tables;
  if (typeof head.header !== 'object' || head.header === null || ![head.mask, head.zero, head.lexiconMaxLen].every(Number.isInteger)) return undefined;
  const packed = { keys, mask: head.mask!, weights, ...(codes && values ? { codes, values } : {}) };
  // Tables of one-byte codes are read through their records' tags, which adoptPackedIndex requires.
  if (codes && !recordsTagged(packed)) return undefined;
  return {
    path: modelPath(),
    header: head.header,
    trans,
    end,
    packed,
    lexicon: { keys: lexKeys, vals: lexVals, zero: head.zero! },
    lexiconMaxLen: head.lexiconMaxLen!,
  };
}

/**
 * The cache of the shipped model's tables: `read` (for this code and data), `write` (loading the model if need
 * be; other versions' files removed), `adopt` (installs the cached tables as the shipped model when the cache has
 * them, else false, and the model is loaded from its file as usual: `write` once it is).
 */
export const modelCache: TableCache<SharedModel> = tableCache<SharedModel>({
  prefix: PREFIX,
  format: FORMAT,
  keep: KEEP,
  version: codeVersion,
  encode: () => encodeTables(modelTables()),
  decode: decodeTables,
  install: (t) => void adoptSharedModel(t),
  available: hasModel,
});
