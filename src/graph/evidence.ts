/**
 * Evidence kept compact while a graph is assembled and afterwards (issue 11: memory at 200 MB).
 *
 * An evidence record as `makeEvidence` makes it is an object with a sentence, the article's id, source,
 * page and date, and two arrays of [start, end] pairs: ~0.5 kB of heap each, and a 200 MB corpus keeps about
 * a million of them in its graph (up to MAX_EDGE_EVIDENCE per edge, MAX_NODE_EVIDENCE per node). Here a
 * record becomes a few integers: the index of its sentence in a table of distinct sentences (the sentence
 * of a fact is shared by every edge and node it supports), the index of its article's fields (article,
 * source, page, date) in a table of distinct ones, and its offsets. A list of records is one Int32Array.
 *
 * Users see no difference: the graph's `evidenceList` (edges) and `evidence` (nodes) attributes are
 * enumerable own accessors that decode the list when read — `getEdgeAttribute`, `getNodeAttributes`,
 * `graph.export()`, `JSON.stringify`, spreading and `Object.assign` give the same records, in the same key
 * order, as before. Each read gives a new list (a list changed in place is not kept: set the attribute to
 * change it; setting it makes it an ordinary attribute). A record of any other shape (other keys, other key
 * order, offsets that are not 32-bit integers) is kept as it is, so decoding is always exact.
 */
import type { Evidence } from '../types.js';

/** Where a packed list hides on its owner (a node's or an edge's attributes, an entity): not enumerable. */
const PACKED = Symbol('zhkg.packedEvidence');
/** The name of the attribute it is under (an owner has one packed list at most). */
const PACKED_NAME = Symbol('zhkg.packedEvidenceName');

/** An article's fields as evidence repeats them; `page` and `date` absent when the record has no such key. */
export interface Context {
  article: string;
  source: string;
  page?: number;
  date?: string;
}

/**
 * One record while a list is being chosen: [sentence index, context index, n, n pairs of span offsets,
 * m, m pairs of source offsets], or the record itself when it is not of the compact shape.
 */
export type EvidenceRecord = number[] | Evidence;

/** A finished list: the records' integers one after the other, or the records as they were. */
type Packed = Int32Array | Evidence[];

const EMPTY = new Int32Array(0);

/** The pool behind each accessor `attach` makes: the writers read a packed list without decoding it. */
const POOLS = new WeakMap<object, EvidencePool>();

/** The pool and packed list behind `owner[key]`, when it is an attribute `attach` gave (not set since). */
function packedOf(owner: object, key: string): { pool: EvidencePool; p: Int32Array } | undefined {
  const p = (owner as Record<PropertyKey, unknown>)[PACKED];
  if (!(p instanceof Int32Array)) return undefined;
  const get = (Object.getOwnPropertyDescriptor(owner, key) as { get?: object } | undefined)?.get;
  const pool = get && POOLS.get(get);
  return pool ? { pool, p } : undefined;
}

/**
 * Where the writers put JSON as UTF-8 (src/export/utf8.ts): a packed list is written from bytes made once per
 * sentence and article, kept in the sink's memo for as long as the sink lives (one output file).
 */
export interface JsonByteSink {
  bytes(b: Uint8Array): void;
  byte(c: number): void;
  /** An integer in decimal. */
  int(n: number): void;
  /** The value made by `make` for `key` the first time, the same one afterwards. */
  memo<T>(key: object, make: () => T): T;
}

/** Writes `packedJson(owner, key)` into `sink` as UTF-8; false (nothing written) when `owner[key]` is not packed. */
export function writePackedJson(owner: object, key: string, sink: JsonByteSink): boolean {
  const at = packedOf(owner, key);
  if (!at) return false;
  at.pool.writeListJson(at.p, sink);
  return true;
}

/** `packedJson(owner, key)!.length`, without making the text; undefined when `owner[key]` is not packed. */
export function packedJsonLength(owner: object, key: string, memo: JsonByteSink['memo']): number | undefined {
  const at = packedOf(owner, key);
  return at && at.pool.listJsonLength(at.p, memo);
}

/** The name of the packed list `owner` holds (undefined: none). */
export function packedKey(owner: object): string | undefined {
  const o = owner as Record<PropertyKey, unknown>;
  const name = o[PACKED_NAME] as string | undefined;
  return name !== undefined && packedOf(owner, name) ? name : undefined;
}

/** Whether `owner[key]` is a packed list. */
export function isPacked(owner: object, key: string): boolean {
  return packedOf(owner, key) !== undefined;
}

/** Whether `owner` may hold a packed list (a cheap test before `packedJson`). */
export function mayHoldPacked(owner: object): boolean {
  return (owner as Record<PropertyKey, unknown>)[PACKED] instanceof Int32Array;
}

/**
 * `JSON.stringify(canonical(owner[key]))` (src/export/json.ts: keys sorted) when `owner[key]` is a packed list,
 * written from the packed integers without decoding the records; undefined when it is anything else.
 */
export function packedJson(owner: object, key: string): string | undefined {
  const at = packedOf(owner, key);
  return at && at.pool.listJson(at.p);
}

/** The first record of a packed `owner[key]` (a list of one, or none), decoding no other; undefined when it is not packed. */
export function packedHead(owner: object, key: string): Evidence[] | undefined {
  const at = packedOf(owner, key);
  return at && (at.p.length === 0 ? [] : [at.pool.decodeFirst(at.p)]);
}

const contextKey = (c: Context): string => `${c.article}\u0000${c.source}\u0000${'page' in c ? c.page : ''}\u0000${'date' in c ? `=${c.date}` : ''}`;

const isInt32 = (v: unknown): v is number => typeof v === 'number' && (v | 0) === v;

function pairsOk(list: unknown): list is Array<[number, number]> {
  if (!Array.isArray(list)) return false;
  for (const p of list) if (!Array.isArray(p) || p.length !== 2 || !isInt32(p[0]) || !isInt32(p[1])) return false;
  return true;
}

/** The keys of a compact record, in makeEvidence's order. */
function compactShape(e: Evidence): boolean {
  const keys = Object.keys(e);
  const base = ['article', 'sentence', 'spans', 'sourceSpans', 'source'];
  let n = base.length;
  for (let i = 0; i < base.length; i++) if (keys[i] !== base[i]) return false;
  if (keys[n] === 'page') {
    if (!isInt32(e.page)) return false;
    n++;
  }
  if (keys[n] === 'date') {
    if (typeof e.date !== 'string') return false;
    n++;
  }
  return (
    keys.length === n &&
    typeof e.article === 'string' &&
    typeof e.sentence === 'string' &&
    typeof e.source === 'string' &&
    pairsOk(e.spans) &&
    pairsOk(e.sourceSpans)
  );
}

/** `[[a,b],…]` of the n pairs after the count at `p[at]`. */
function pairsJson(p: Int32Array, at: number): string {
  const n = p[at]!;
  if (n === 0) return '[]';
  let out = '[';
  for (let k = 0, i = at + 1; k < n; k++, i += 2) out += `${k === 0 ? '[' : ',['}${p[i]!},${p[i + 1]!}]`;
  return `${out}]`;
}

/** The two parts of a record's JSON around its sentence that its article fields decide. */
function contextParts(x: Context): [string, string] {
  let head = `{"article":${JSON.stringify(x.article)}`;
  if ('date' in x) head += `,"date":${JSON.stringify(x.date)}`;
  if ('page' in x) head += `,"page":${x.page!}`;
  return [`${head},"sentence":`, `,"source":${JSON.stringify(x.source)},"sourceSpans":`];
}

const encoder = new TextEncoder();
const SPANS_KEY = encoder.encode(',"spans":');

/** The UTF-8 bytes of the JSON of sentences and article fields, made when first asked for. */
class JsonBytes {
  private readonly sentences: Array<Uint8Array | undefined> = [];
  private readonly contexts: Array<[Uint8Array, Uint8Array] | undefined> = [];
  constructor(
    private readonly sentenceTable: readonly string[],
    private readonly contextTable: readonly Context[],
  ) {}
  sentence(i: number): Uint8Array {
    return (this.sentences[i] ??= encoder.encode(JSON.stringify(this.sentenceTable[i]!)));
  }
  context(i: number): [Uint8Array, Uint8Array] {
    let c = this.contexts[i];
    if (!c) {
      const [head, mid] = contextParts(this.contextTable[i]!);
      c = this.contexts[i] = [encoder.encode(head), encoder.encode(mid)];
    }
    return c;
  }
}

/** The lengths (UTF-16) of the same JSON. */
class JsonLengths {
  private readonly sentences: number[] = [];
  private readonly contexts: number[] = [];
  constructor(
    private readonly sentenceTable: readonly string[],
    private readonly contextTable: readonly Context[],
  ) {}
  sentence(i: number): number {
    return (this.sentences[i] ??= JSON.stringify(this.sentenceTable[i]!).length);
  }
  context(i: number): number {
    let n = this.contexts[i];
    if (n === undefined) {
      const [head, mid] = contextParts(this.contextTable[i]!);
      n = this.contexts[i] = head.length + mid.length;
    }
    return n;
  }
}

function writePairs(p: Int32Array, at: number, sink: JsonByteSink): void {
  const n = p[at]!;
  sink.byte(0x5b);
  for (let k = 0, i = at + 1; k < n; k++, i += 2) {
    if (k > 0) sink.byte(0x2c);
    sink.byte(0x5b);
    sink.int(p[i]!);
    sink.byte(0x2c);
    sink.int(p[i + 1]!);
    sink.byte(0x5d);
  }
  sink.byte(0x5d);
}

/** The length of String(n) for a 32-bit integer. */
function digits(n: number): number {
  let len = n < 0 ? 2 : 1;
  for (let x = n < 0 ? -n : n; x >= 10; x = Math.floor(x / 10)) len++;
  return len;
}

function pairsLength(p: Int32Array, at: number): number {
  const n = p[at]!;
  let len = 2 + (n > 0 ? n - 1 : 0);
  for (let k = 0, i = at + 1; k < n; k++, i += 2) len += 3 + digits(p[i]!) + digits(p[i + 1]!);
  return len;
}

/**
 * A string with no tie to a larger one: a sentence sliced out of an article's text keeps that whole text
 * alive in V8 (a sliced string points into its parent), and an interned sentence lives as long as the graph.
 */
const detached = (s: string): string => (s.length < 13 ? s : (' ' + s).slice(1));

/** The tables of one graph's evidence: distinct sentences and article fields; encodes and decodes lists. */
export class EvidencePool {
  private readonly sentences: string[] = [];
  private sentenceIds: Map<string, number> | undefined = new Map();
  private readonly contexts: Context[] = [];
  private contextIds: Map<string, number> | undefined = new Map();
  private readonly accessors = new Map<string, PropertyDescriptor>();

  /** A record in the compact form (its sentence and article fields entered in the tables), or itself. */
  record(e: Evidence): EvidenceRecord {
    if (!compactShape(e)) return e;
    const context: Context = { article: e.article, source: e.source, ...('page' in e ? { page: e.page! } : {}), ...('date' in e ? { date: e.date! } : {}) };
    const out = [this.sentenceIndex(e.sentence), this.contextIndex(context), e.spans.length];
    for (const [a, b] of e.spans) out.push(a, b);
    out.push(e.sourceSpans.length);
    for (const [a, b] of e.sourceSpans) out.push(a, b);
    return out;
  }

  private sentenceIndex(sentence: string): number {
    // After seal(), the lookup tables are made again from the tables (a graph assembled is not added to).
    this.sentenceIds ??= new Map(this.sentences.map((x, i) => [x, i]));
    let s = this.sentenceIds.get(sentence);
    if (s === undefined) {
      s = this.sentences.length;
      this.sentences.push(detached(sentence));
      this.sentenceIds.set(this.sentences[s]!, s);
    }
    return s;
  }

  private contextIndex(context: Context): number {
    this.contextIds ??= new Map(this.contexts.map((x, i) => [contextKey(x), i]));
    const key = contextKey(context);
    let c = this.contextIds.get(key);
    if (c === undefined) {
      c = this.contexts.length;
      this.contexts.push(context);
      this.contextIds.set(key, c);
    }
    return c;
  }

  /** The evidence a record holds (a new object for a compact one; `record` gives the same record of it again). */
  evidence(r: EvidenceRecord): Evidence {
    return Array.isArray(r) ? this.decodeAt(r, 0).e : r;
  }

  /** A compact record's article fields (the pool's own object: not to be changed). */
  contextOf(r: number[]): Readonly<Context> {
    return this.contexts[r[1]!]!;
  }

  /**
   * The compact record of a sentence, article fields and offsets (`tail`, from `from` to `to`: a compact
   * record's numbers after its first two) — a record of another pool (`sentenceOf`, `contextOf`) made one of this.
   */
  recordFrom(sentence: string, context: Context, tail: ArrayLike<number>, from: number, to: number): number[] {
    const out = [this.sentenceIndex(sentence), this.contextIndex(context)];
    for (let i = from; i < to; i++) out.push(tail[i]!);
    return out;
  }

  /** The record's article id. */
  articleOf(r: EvidenceRecord): string {
    return Array.isArray(r) ? this.contexts[r[1]!]!.article : r.article;
  }

  /** The record's sentence. */
  sentenceOf(r: EvidenceRecord): string {
    return Array.isArray(r) ? this.sentences[r[0]!]! : r.sentence;
  }

  /** The record's `date` (undefined when it has none). */
  dateOf(r: EvidenceRecord): string | undefined {
    return Array.isArray(r) ? this.contexts[r[1]!]!.date : r.date;
  }

  /** The records as one finished list. */
  pack(records: readonly EvidenceRecord[]): Packed {
    if (records.length === 0) return EMPTY;
    let size = 0;
    for (const r of records) {
      if (!Array.isArray(r)) return records.map((x) => (Array.isArray(x) ? this.decodeAt(x, 0).e : x));
      size += r.length;
    }
    const out = new Int32Array(size);
    let at = 0;
    for (const r of records) {
      out.set(r as number[], at);
      at += (r as number[]).length;
    }
    return out;
  }

  /** The evidence records of a finished list, new objects each time (the raw ones as they were). */
  unpack(p: Packed): Evidence[] {
    if (!(p instanceof Int32Array)) return p;
    const out: Evidence[] = [];
    let i = 0;
    while (i < p.length) {
      const { e, next } = this.decodeAt(p, i);
      out.push(e);
      i = next;
    }
    return out;
  }

  /** The first record of a non-empty list. */
  decodeFirst(p: Int32Array): Evidence {
    return this.decodeAt(p, 0).e;
  }

  /** What a sink's memo keeps, for this pool, the bytes and the lengths of the JSON under. */
  private readonly bytesKey = {};
  private readonly lengthsKey = {};

  /** Per context: the JSON of its record up to the sentence, and from the source to the source offsets. */
  private contextJson: Array<[string, string] | undefined> = [];

  /**
   * The list's records as JSON with sorted keys, as `canonical` orders them (article, date, page, sentence,
   * source, sourceSpans, spans): the text `JSON.stringify(canonical(this.unpack(p)))` gives.
   */
  listJson(p: Int32Array): string {
    let out = '[';
    let i = 0;
    while (i < p.length) {
      const c = p[i + 1]!;
      let parts = this.contextJson[c];
      parts ??= this.contextJson[c] = contextParts(this.contexts[c]!);
      const spans = i + 2;
      const sourceSpans = spans + 1 + 2 * p[spans]!;
      const next = sourceSpans + 1 + 2 * p[sourceSpans]!;
      out += `${i === 0 ? '' : ','}${parts[0]}${JSON.stringify(this.sentences[p[i]!])}${parts[1]}${pairsJson(p, sourceSpans)},"spans":${pairsJson(p, spans)}}`;
      i = next;
    }
    return `${out}]`;
  }

  /** `listJson(p)` into a sink, as UTF-8. */
  writeListJson(p: Int32Array, sink: JsonByteSink): void {
    const bytes = sink.memo(this.bytesKey, () => new JsonBytes(this.sentences, this.contexts));
    sink.byte(0x5b); // [
    let i = 0;
    while (i < p.length) {
      if (i > 0) sink.byte(0x2c); // ,
      const context = bytes.context(p[i + 1]!);
      const spans = i + 2;
      const sourceSpans = spans + 1 + 2 * p[spans]!;
      sink.bytes(context[0]);
      sink.bytes(bytes.sentence(p[i]!));
      sink.bytes(context[1]);
      writePairs(p, sourceSpans, sink);
      sink.bytes(SPANS_KEY);
      writePairs(p, spans, sink);
      sink.byte(0x7d); // }
      i = sourceSpans + 1 + 2 * p[sourceSpans]!;
    }
    sink.byte(0x5d); // ]
  }

  /** `listJson(p).length` (UTF-16 code units), without making the text. */
  listJsonLength(p: Int32Array, memo: JsonByteSink['memo']): number {
    const lengths = memo(this.lengthsKey, () => new JsonLengths(this.sentences, this.contexts));
    let n = 2;
    let i = 0;
    while (i < p.length) {
      if (i > 0) n++;
      const spans = i + 2;
      const sourceSpans = spans + 1 + 2 * p[spans]!;
      n += lengths.context(p[i + 1]!) + lengths.sentence(p[i]!) + pairsLength(p, sourceSpans) + SPANS_KEY.length + pairsLength(p, spans) + 1;
      i = sourceSpans + 1 + 2 * p[sourceSpans]!;
    }
    return n;
  }

  private decodeAt(p: ArrayLike<number>, i: number): { e: Evidence; next: number } {
    const sentence = this.sentences[p[i]!]!;
    const c = this.contexts[p[i + 1]!]!;
    i += 2;
    const spans: Array<[number, number]> = [];
    for (let n = p[i++]!; n > 0; n--, i += 2) spans.push([p[i]!, p[i + 1]!]);
    const sourceSpans: Array<[number, number]> = [];
    for (let n = p[i++]!; n > 0; n--, i += 2) sourceSpans.push([p[i]!, p[i + 1]!]);
    const e: Evidence = { article: c.article, sentence, spans, sourceSpans, source: c.source };
    if ('page' in c) e.page = c.page!;
    if ('date' in c) e.date = c.date!;
    return { e, next: i };
  }

  /**
   * Gives `owner` (an attributes object or an entity) the property `name`, enumerable, at the place in its
   * key order where it is defined now, read from `records` packed. Setting the property replaces it with an
   * ordinary one, in the same place.
   */
  attach(owner: object, name: string, records: readonly EvidenceRecord[]): void {
    let accessor = this.accessors.get(name);
    if (!accessor) {
      const unpack = (p: Packed) => this.unpack(p);
      accessor = {
        get(this: Record<PropertyKey, unknown>) {
          return unpack(this[PACKED] as Packed);
        },
        set(this: Record<PropertyKey, unknown>, value: unknown) {
          Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
          this[PACKED] = undefined;
        },
        enumerable: true,
        configurable: true,
      };
      this.accessors.set(name, accessor);
      POOLS.set((accessor as { get: object }).get, this);
    }
    Object.defineProperty(owner, name, accessor);
    Object.defineProperty(owner, PACKED, { value: this.pack(records), writable: true, enumerable: false, configurable: true });
    Object.defineProperty(owner, PACKED_NAME, { value: name, writable: true, enumerable: false, configurable: true });
  }

  /** The packed records of a property `attach` gave, undefined when it was set since (or never attached). */
  recordsOf(owner: object): EvidenceRecord[] | undefined {
    const p = (owner as Record<PropertyKey, unknown>)[PACKED] as Packed | undefined;
    if (p === undefined) return undefined;
    if (!(p instanceof Int32Array)) return [...p];
    const out: number[][] = [];
    let i = 0;
    while (i < p.length) {
      const start = i;
      i += 2;
      i += 1 + 2 * p[i]!;
      i += 1 + 2 * p[i]!;
      out.push(Array.from(p.subarray(start, i)));
    }
    return out;
  }

  /** No more records: the lookup tables go (the sentence and article tables stay, for decoding). */
  seal(): void {
    this.sentenceIds = undefined;
    this.contextIds = undefined;
  }
}
