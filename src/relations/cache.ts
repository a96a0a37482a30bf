/**
 * Relation facts of one article, kept for the next build (issue 11 item 2). An article's facts are a function
 * of its text and final id, its resolved mentions (its drafts, which do not depend on the corpus, and the key
 * the corpus-wide naming gives each), and what the families read of the entity table: per key looked up the
 * entity's kind, label, aliases and division code (ENTITY_FIELDS_READ), and per byline the entity found by
 * name. An entry records all of these beside the facts; a later build reuses the facts only when every one is
 * unchanged (same id, same keys, same reads), and makes them again otherwise — so the facts, and the graph,
 * are those a fresh build makes. Entries are opaque bytes to the store (v8 serialization), read only by the
 * pipeline version that wrote them (its hash covers this module), so a change of their layout needs no mark.
 */
import { deserialize, serialize } from 'node:v8';
import type { Article, Entity, EntityKind, Evidence, RelationFact, RelationType } from '../types.js';
import type { ArticleDrafts, Naming } from '../resolve/index.js';
import { resolveMentions } from '../resolve/index.js';
import { ENTITY_FIELDS_READ, EntityTable, type ArticleView, type EntityLookup, type FactHooks } from './context.js';
import { evidenceSentence } from '../text/evidence.js';
import { articleRelations } from './index.js';
import type { GraphAssembler } from '../graph/build.js';

/**
 * Where reused facts go, each as its relation, ends, label and spans (`count` pairs of offsets in `spans` from
 * `from`): the graph's assembler (or a list, in the tests).
 */
export type FactSink = Pick<GraphAssembler, 'addSpanFact'>;

/**
 * An entry. Every string is written once, in `strings`; the rest are indices into it (-1 for none), so a key
 * named by many mentions or facts costs four bytes each time.
 */
interface Entry {
  /** The article's id in the corpus (it can change when a file of the same stem comes or goes). */
  id: string;
  strings: string[];
  /** Per draft: kind, label, code and anchor (what its key is decided from). */
  parts: Int32Array;
  /** Per draft: the key it resolved to, -1 when that entity was dropped (minConfidence). */
  keys: Int32Array;
  /** Per key the families looked up: the key, and what they read of its entity ('' for none). */
  reads: Int32Array;
  /** Per entity found by name: name, kind, the key found (-1 for none). */
  named: Int32Array;
  /** Per fact: relation, source, target, label, the number of spans, then the spans (offsets in the article). */
  facts: Int32Array;
}

/** A string table being written. */
class Strings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  at(s: string | null | undefined): number {
    if (s === null || s === undefined) return -1;
    let i = this.index.get(s);
    if (i === undefined) this.index.set(s, (i = this.list.push(s) - 1));
    return i;
  }
}

/** The fields of ENTITY_FIELDS_READ besides the key (a print is kept per key), as paths. */
const PRINTED = ENTITY_FIELDS_READ.filter((f) => f !== 'key').map((f) => f.split('.'));

/** What the families read of an entity (ENTITY_FIELDS_READ), as one string ('' when there is none). */
function printOf(e: Entity | undefined): string {
  if (!e) return '';
  return JSON.stringify(PRINTED.map((path) => path.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], e) ?? null));
}

/**
 * An entity table that records what the families read from it while one article's facts are made: the keys
 * looked up and the entities found by name (bylines' people and outlets). The facts of the article are a
 * function of its text, its resolved mentions and these reads.
 */
class RecordingLookup implements EntityLookup {
  /** Keys looked up, in first-read order (an entity found by name is read too). */
  readonly keys = new Set<string>();
  /** Entities found by name: name, kind, the key found ('' for none). */
  readonly names: Array<[string, string, string]> = [];

  constructor(private readonly base: EntityLookup) {}

  get(key: string): Entity | undefined {
    this.keys.add(key);
    return this.base.get(key);
  }

  named(name: string, kind: Entity['kind'], articleId: string): Entity | undefined {
    const found = this.base.named(name, kind, articleId);
    this.names.push([name, kind, found?.key ?? '']);
    if (found) this.keys.add(found.key);
    return found;
  }
}

/**
 * What the facts of a set of articles were made from, across them: per draft name parts (kind, label, code,
 * anchor) the key they resolved to ('' for a weak entity), per key read what was read of its entity, per name
 * looked up (name, kind, article) the key found. The facts of every article of the set are still those it
 * would make when each of these is unchanged (`RelationCache.unchanged`): each article's entry holds a part of
 * them (`RelationCache.reuseInto`). Kept with the folded edges of a corpus (src/pipeline.ts `EdgeState`).
 */
export interface FactInputs {
  /** Per draft name parts: kind, label, code ('' none), anchor ('' none), key ('' weak); five strings each. */
  parts: string[];
  /** Per key read: the key, the print of its entity. */
  reads: string[];
  /** Per name looked up: name, kind, article id, key found ('' none). */
  named: string[];
}

/** Gathers `FactInputs` over articles, each distinct item once. */
class InputsGathered {
  private readonly parts = new Map<string, string[]>();
  private readonly reads = new Map<string, string>();
  private readonly named = new Map<string, string[]>();

  add(inputs: FactInputs): void {
    const { parts, reads, named } = inputs;
    for (let i = 0; i < parts.length; i += 5) {
      const k = `${parts[i]}\u0000${parts[i + 1]}\u0000${parts[i + 2]}\u0000${parts[i + 3]}`;
      if (!this.parts.has(k)) this.parts.set(k, parts.slice(i, i + 5));
    }
    for (let i = 0; i < reads.length; i += 2) this.reads.set(reads[i]!, reads[i + 1]!);
    for (let i = 0; i < named.length; i += 4) this.named.set(`${named[i]}\u0000${named[i + 1]}\u0000${named[i + 2]}`, named.slice(i, i + 4));
  }

  list(): FactInputs {
    const parts: string[] = [];
    for (const p of this.parts.values()) for (const x of p) parts.push(x);
    const reads: string[] = [];
    for (const [k, p] of this.reads) reads.push(k, p);
    const named: string[] = [];
    for (const n of this.named.values()) for (const x of n) named.push(x);
    return { parts, reads, named };
  }
}

/** The entry `bytes` hold, when they are one and one for `article`; else undefined. */
function entryOf(bytes: Buffer, article: Article): Entry | undefined {
  let entry: Entry;
  try {
    entry = deserialize(bytes) as Entry;
  } catch {
    return undefined;
  }
  return entry.id === article.id && entry.parts.length === 4 * entry.keys.length ? entry : undefined;
}

/** What an entry's facts were made from, as `FactInputs` (the entry's article on every name it looked up). */
function inputsOf(entry: Entry): FactInputs {
  const { strings, parts, keys, reads, named, id } = entry;
  const str = (i: number) => (i < 0 ? '' : strings[i]!);
  const out: FactInputs = { parts: [], reads: [], named: [] };
  for (let i = 0; i < keys.length; i++)
    out.parts.push(str(parts[4 * i]!), str(parts[4 * i + 1]!), str(parts[4 * i + 2]!), str(parts[4 * i + 3]!), str(keys[i]!));
  for (const r of reads) out.reads.push(strings[r]!);
  for (let i = 0; i < named.length; i += 3) out.named.push(strings[named[i]!]!, strings[named[i + 1]!]!, id, str(named[i + 2]!));
  return out;
}

/**
 * Evidence that names only the article and the sentence (`makeEvidence`'s, for the same spans): what the
 * families' deduplication reads, for facts that are kept as spans (`RelationCache.entry`).
 */
function sentenceOnly(article: Article, spans: Array<[number, number]>): Evidence {
  return { article: article.id, sentence: evidenceSentence(article, spans[0]?.[0]), spans: [], sourceSpans: [], source: article.source };
}

/**
 * An article's relation facts in one build (its corpus-wide naming, the entities it dropped as weak, its entity
 * table): made from the article's drafts, with or without the entry that lets a later build reuse them, or
 * reused from such an entry.
 */
export class RelationCache {
  private readonly prints = new Map<string, string>();
  private readonly table: EntityTable;
  /** What the facts given so far (`make` with an entry, `reuseInto`) were made from, when asked to gather it. */
  private gathered: InputsGathered | undefined;
  /** A fact was given without an entry (`facts`, or `make` of a fact not made by `fact()`): `inputs` cannot describe them. */
  private incomplete = false;

  constructor(
    private readonly naming: Naming,
    private readonly weak: ReadonlySet<string>,
    table: ReadonlyMap<string, Entity>,
  ) {
    this.table = new EntityTable(table);
  }

  private print(key: string): string {
    let p = this.prints.get(key);
    if (p === undefined) this.prints.set(key, (p = printOf(this.table.get(key))));
    return p;
  }

  private keyOf(kind: string, label: string, code: string | null, anchor: string | null): string {
    const key = this.naming.keyOf({
      kind: kind as EntityKind,
      label,
      ...(code !== null ? { code } : {}),
      ...(anchor !== null ? { anchor } : {}),
    });
    return this.weak.has(key) ? '' : key;
  }

  /** The facts of `article` from its drafts: what `articleRelations` gives for its resolved mentions. */
  facts(article: Article, drafts: ArticleDrafts): RelationFact[] {
    this.incomplete = true;
    return this.relations(article, drafts, this.table).facts;
  }

  /** From now on, gathers what the facts given are made from (`inputs`), starting with `from` (inputs of facts given before). */
  gather(from?: FactInputs): void {
    this.gathered = new InputsGathered();
    if (from) this.gathered.add(from);
  }

  /** What the facts given since `gather` were made from; undefined when one of them had no entry. */
  inputs(): FactInputs | undefined {
    return this.gathered && !this.incomplete ? this.gathered.list() : undefined;
  }

  /**
   * Whether facts made from `inputs` (in an earlier build) are those this build makes: every draft's parts still
   * give the same key, every entity read still prints the same, every name looked up finds the same entity.
   */
  unchanged(inputs: FactInputs): boolean {
    const { parts, reads, named } = inputs;
    const opt = (s: string) => (s === '' ? null : s);
    for (let i = 0; i < parts.length; i += 5) if (this.keyOf(parts[i]!, parts[i + 1]!, opt(parts[i + 2]!), opt(parts[i + 3]!)) !== parts[i + 4]) return false;
    for (let i = 0; i < reads.length; i += 2) if (this.print(reads[i]!) !== reads[i + 1]) return false;
    for (let i = 0; i < named.length; i += 4) {
      if ((this.table.named(named[i]!, named[i + 1] as Entity['kind'], named[i + 2]!)?.key ?? '') !== named[i + 3]) return false;
    }
    return true;
  }

  /** `facts`, and the entry that lets a later build reuse them (undefined for a fact not made by `fact()`). */
  make(article: Article, drafts: ArticleDrafts): { facts: RelationFact[]; entry: Buffer | undefined } {
    return this.made(article, drafts, undefined);
  }

  /**
   * The entry of `make` alone, its facts not wanted (a relations worker's: the thread that folds the entry makes
   * the evidence of the facts an edge keeps). The same bytes as `make`'s entry; the facts' evidence is not made,
   * only the sentence that deduplication reads.
   */
  entry(article: Article, drafts: ArticleDrafts): Buffer | undefined {
    return this.made(article, drafts, sentenceOnly).entry;
  }

  private made(article: Article, drafts: ArticleDrafts, evidence: ArticleView['evidence']): { facts: RelationFact[]; entry: Buffer | undefined } {
    const lookup = new RecordingLookup(this.table);
    const spansOf = new Map<RelationFact, Array<[number, number]>>();
    const { facts, keys } = this.relations(article, drafts, lookup, { onFact: (f, spans) => spansOf.set(f, spans), ...(evidence ? { evidence } : {}) });
    const strings = new Strings();
    const ints: number[] = [];
    for (const f of facts) {
      const spans = spansOf.get(f);
      if (!spans) {
        this.incomplete = true;
        return { facts, entry: undefined }; // not reproducible from spans
      }
      ints.push(strings.at(f.relation), strings.at(f.source), strings.at(f.target), strings.at(f.label), spans.length);
      for (const [s, e] of spans) ints.push(s, e);
    }
    const entry: Entry = {
      id: article.id,
      strings: strings.list,
      parts: Int32Array.from(drafts.flatMap((d) => [strings.at(d.kind), strings.at(d.label), strings.at(d.code), strings.at(d.anchor)])),
      keys: Int32Array.from(keys, (k) => (k === '' ? -1 : strings.at(k))),
      reads: Int32Array.from([...lookup.keys].flatMap((k) => [strings.at(k), strings.at(this.print(k))])),
      named: Int32Array.from(lookup.names.flatMap(([name, kind, key]) => [strings.at(name), strings.at(kind), key === '' ? -1 : strings.at(key)])),
      facts: Int32Array.from(ints),
    };
    this.gathered?.add(inputsOf(entry));
    return { facts, entry: serialize(entry) };
  }

  /** The facts of the article's resolved mentions (weak entities dropped), and the key of each draft ('' for a weak one). */
  private relations(article: Article, drafts: ArticleDrafts, lookup: EntityLookup, hooks: FactHooks = {}): { facts: RelationFact[]; keys: string[] } {
    let mentions = resolveMentions(drafts, this.naming);
    const keys = mentions.map((m) => (this.weak.has(m.entity) ? '' : m.entity));
    if (this.weak.size > 0) mentions = mentions.filter((m) => !this.weak.has(m.entity));
    return { facts: articleRelations(article, mentions, lookup, hooks), keys };
  }

  /**
   * The facts an entry holds for `article`, given to `sink` one at a time as relation, ends, label and spans (their
   * evidence is `spanEvidence` of the article and those spans), when nothing they were made from changed; false, and
   * nothing given, when the entry cannot be reused.
   */
  reuseInto(bytes: Buffer, article: Article, sink: FactSink): boolean {
    const entry = entryOf(bytes, article);
    if (!entry) return false;
    const inputs = inputsOf(entry);
    if (!this.unchanged(inputs)) return false;
    this.gathered?.add(inputs);
    const { strings, facts: ints } = entry;
    for (let i = 0; i < ints.length;) {
      const n = ints[i + 4]!;
      sink.addSpanFact(strings[ints[i]!]! as RelationType, strings[ints[i + 1]!]!, strings[ints[i + 2]!]!, strings[ints[i + 3]!]!, article, ints, i + 5, n);
      i += 5 + 2 * n;
    }
    return true;
  }
}
