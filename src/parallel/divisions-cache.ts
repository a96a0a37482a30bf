/**
 * A cache of the division index's tables, for cold processes (as model-cache.ts is for the model's). Parsing
 * data/divisions.tsv.gz (gunzip, 665 k rows, their parents and a name table) costs a cold process ~0.35–0.45 s
 * of CPU; the same tables read back from one file are views of one buffer read, nothing decoded or copied
 * (`divisionIndexFromTables` checks them and makes the ~3,000 derived aliases again). Written by the first cold
 * build and read by the next ones; named after the pipeline's code version (`codeVersion`: a hash of the
 * package's code and data, the division file included) and its layout's version, so a changed file, parser or
 * layout never reads a stale one. A missing, unreadable or malformed file is ignored (the index is parsed from
 * its file, as without a cache), and so is a folder that cannot be written. Same folder as the model's tables
 * (`cacheDir`); the newest four files are kept.
 */
import { adoptDivisionIndex, divisionIndex, divisionIndexFromTables, divisionTables, type DivisionIndex, type DivisionTables } from '../lexicon/divisions.js';
import { codeVersion } from '../store/version.js';
import { decodeTableFile, encodeTableFile, tableCache, type TableCache } from '../util/table-file.js';

const PREFIX = 'divisions-';
/** The file's layout; raise it when the layout or the index's arrays change. */
const FORMAT = 'd1';
const KEEP = 4;
const MAGIC = 'ZHKGDIV1';

const TYPES = {
  units: Uint16Array,
  starts: Int32Array,
  codeLength: Uint8Array,
  parent: Int32Array,
  next: Int32Array,
  names: Int32Array,
} as const;

/** The cache file of an index's tables (exported for tests that write damaged ones). */
export function encodeDivisionTables(t: DivisionTables): Buffer {
  return encodeTableFile(MAGIC, {}, { ...t }, TYPES);
}

/** The index of a file of its tables; undefined (or a throw) when they do not make one. */
function decode(file: Buffer): DivisionIndex | undefined {
  const tables = decodeTableFile(file, MAGIC)?.views(TYPES);
  return tables && divisionIndexFromTables(tables);
}

/**
 * The cache of the bundled division index: `read` (for this code and data), `write` (loading the index if need be;
 * other versions' files removed), `adopt` (installs the cached index as the bundled one when the cache has it, else
 * false, and the index is parsed from its file when first used: `write` once it is).
 */
export const divisionsCache: TableCache<DivisionIndex> = tableCache<DivisionIndex>({
  prefix: PREFIX,
  format: FORMAT,
  keep: KEEP,
  version: codeVersion,
  encode: () => encodeDivisionTables(divisionTables(divisionIndex())),
  decode,
  install: adoptDivisionIndex,
});
