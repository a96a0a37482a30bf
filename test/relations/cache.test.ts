/**
 * The relation cache (src/relations/cache.ts): an article's facts kept with what they were made from are
 * reused only while nothing of it changed — the article's id, its mentions' keys, what the families read of the
 * entities (kind, label, aliases, division code), the entities bylines find by name — and are then exactly the
 * facts the families make. The families must read nothing else of an entity (checked here with a proxy).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { articlesOfDocs, assignUniqueIds, extractArticleMentions } from '../../src/pipeline.js';
import { readSources } from '../../src/text/read.js';
import { Resolver, articleDrafts, resolveMentions, type ArticleDrafts, type Naming } from '../../src/resolve/index.js';
import { ENTITY_FIELDS_READ, EntityTable, RELATION_FAMILIES, articleRelations, makeView } from '../../src/relations/index.js';
import { RelationCache, type FactSink } from '../../src/relations/cache.js';
import { spanEvidence } from '../../src/text/evidence.js';
import type { Article, Entity, RelationFact } from '../../src/types.js';

const root = join(import.meta.dirname, '..', '..');
const files = [
  join(root, 'data', '000_6a6b28fc1a4d90e2.txt'),
  ...['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt'].map((f) => join(root, 'test', 'fixtures', 'store', f)),
  join(root, 'test', 'fixtures', 'stream', 'two', 'cities.txt'),
];

let articles: Article[];
let drafts: ArticleDrafts[];
let naming: Naming;
let entities: Entity[];
let table: Map<string, Entity>;

beforeAll(async () => {
  const docs = [];
  for (const f of files) for (const d of await readSources(f)) docs.push(d);
  articles = assignUniqueIds(articlesOfDocs(docs));
  drafts = articles.map((a) => articleDrafts(a, extractArticleMentions(a)));
  const resolver = new Resolver();
  drafts.forEach((d, i) => resolver.add(d, i));
  ({ naming, entities } = resolver.finish());
  table = new Map(entities.map((e) => [e.key, e]));
}, 120_000);

const factsOf = (i: number, t: ReadonlyMap<string, Entity> = table) => articleRelations(articles[i]!, resolveMentions(drafts[i]!, naming), new EntityTable(t));

/** The facts an entry holds for `article`, made as `fact()` makes them; undefined when it cannot be reused. */
function reuse(cache: RelationCache, bytes: Buffer, article: Article): RelationFact[] | undefined {
  const facts: RelationFact[] = [];
  const sink: FactSink = {
    addSpanFact(relation, source, target, label, of, spans, from, count) {
      facts.push({ source, target, relation, label, evidence: spanEvidence(of, spans, from, count) });
    },
  };
  return cache.reuseInto(bytes, article, sink) ? facts : undefined;
}

/** Entries of every article, made against the build's table. */
function entries(cache = new RelationCache(naming, new Set(), table)): Buffer[] {
  return articles.map((a, i) => {
    const { facts, entry } = cache.make(a, drafts[i]!);
    expect(facts).toEqual(factsOf(i));
    expect(entry).toBeInstanceOf(Buffer);
    return entry!;
  });
}

describe('relation cache', () => {
  it('gives back exactly the facts the families make, when nothing changed', () => {
    const made = entries();
    const cache = new RelationCache(naming, new Set(), table);
    let facts = 0;
    made.forEach((bytes, i) => {
      const reused = reuse(cache, bytes, articles[i]!);
      expect(reused).toEqual(factsOf(i));
      facts += reused!.length;
    });
    // The fixtures are worth the check: many facts, bylines among them.
    expect(facts).toBeGreaterThan(300);
    expect(articles.some((a) => a.authors.length > 0)).toBe(true);
  });

  it('makes the same entry without the facts, as a relations worker asks it (entry)', () => {
    const made = entries();
    const cache = new RelationCache(naming, new Set(), table);
    made.forEach((bytes, i) => expect(cache.entry(articles[i]!, drafts[i]!)).toEqual(bytes));
    // Worth the check: facts of one relation and ends are read in more than one sentence of an article, so the
    // sentence the deduplication reads decides what an entry holds.
    const repeated = articles.some((_, i) => {
      const ends = factsOf(i).map((f) => `${f.relation} ${f.source} ${f.target} ${f.label}`);
      return new Set(ends).size < ends.length;
    });
    expect(repeated).toBe(true);
  });

  it('is not reused when what the families read of an entity changed, and is when only counts changed', () => {
    const made = entries();
    // An article whose facts read a place with a division code.
    const i = articles.findIndex((_a, k) => factsOf(k).some((f) => f.relation === 'located_in'));
    expect(i).toBeGreaterThanOrEqual(0);
    const key = factsOf(i).find((f) => f.relation === 'located_in')!.source;
    const changed = (edit: (e: Entity) => Entity) => {
      const t = new Map(table);
      t.set(key, edit(table.get(key)!));
      return reuse(new RelationCache(naming, new Set(), t), made[i]!, articles[i]!);
    };
    expect(changed((e) => ({ ...e, aliases: [...e.aliases, '某个新别名'] }))).toBeUndefined();
    expect(changed((e) => ({ ...e, label: `${e.label}新` }))).toBeUndefined();
    expect(changed((e) => ({ ...e, attributes: { ...e.attributes, code: '150000000000' } }))).toBeUndefined();
    // More mentions, articles and evidence elsewhere in the corpus: the same facts.
    expect(changed((e) => ({ ...e, mentions: e.mentions + 5, articles: [...e.articles, 'zzz#1'], evidence: [] }))).toEqual(factsOf(i));
    // Gone from the table (dropped as weak, or renamed by the naming).
    expect(reuse(new RelationCache(naming, new Set(), new Map([...table].filter(([k]) => k !== key))), made[i]!, articles[i]!)).toBeUndefined();
  });

  it('is not reused for another article id, another naming or entities dropped as weak', () => {
    const made = entries();
    const i = articles.findIndex((a) => a.authors.length > 0);
    const cache = new RelationCache(naming, new Set(), table);
    expect(reuse(cache, made[i]!, { ...articles[i]!, id: `${articles[i]!.id}x` })).toBeUndefined();
    // A naming that splits one of the article's names.
    const key = resolveMentions(drafts[i]!, naming)[0]!.entity;
    const split: Naming = { ...naming, keyOf: (d) => (naming.keyOf(d) === key ? `${key}@别处` : naming.keyOf(d)) };
    expect(reuse(new RelationCache(split, new Set(), table), made[i]!, articles[i]!)).toBeUndefined();
    expect(reuse(new RelationCache(naming, new Set([key]), table), made[i]!, articles[i]!)).toBeUndefined();
    // A weak set that the article does not touch: reused.
    expect(reuse(new RelationCache(naming, new Set(['PERSON:没有这个人']), table), made[i]!, articles[i]!)).toEqual(factsOf(i));
  });

  it('is not reused when a byline finds another entity by name', () => {
    const made = entries();
    const i = articles.findIndex((a) => a.authors.some((x) => x.outlet));
    expect(i).toBeGreaterThanOrEqual(0);
    const outlet = articles[i]!.authors.find((x) => x.outlet)!.outlet!;
    const role = (facts: ReturnType<typeof factsOf>) => facts.find((f) => f.relation === 'role' && table.get(f.target)?.label === outlet);
    expect(role(factsOf(i))).toBeDefined();
    const namesake = (articleIds: string[]): Entity => ({
      key: 'ORGANIZATION:!namesake',
      label: outlet,
      kind: 'ORGANIZATION',
      aliases: [],
      mentions: 1,
      articles: articleIds,
      evidence: [],
    });
    // A namesake first in table order that names this article: the byline's outlet is now that entity.
    const taken = new Map([[namesake([articles[i]!.id]).key, namesake([articles[i]!.id])], ...table]);
    expect(factsOf(i, taken)).not.toEqual(factsOf(i));
    expect(reuse(new RelationCache(naming, new Set(), taken), made[i]!, articles[i]!)).toBeUndefined();
    // One that names another article only: the byline still finds the same outlet, the entry holds.
    const elsewhere = new Map([[namesake(['zzz#1']).key, namesake(['zzz#1'])], ...table]);
    expect(factsOf(i, elsewhere)).toEqual(factsOf(i));
    expect(reuse(new RelationCache(naming, new Set(), elsewhere), made[i]!, articles[i]!)).toEqual(factsOf(i));
  });

  it('says whether inputs gathered over a whole build still hold (the check of the kept edges)', () => {
    const cache = new RelationCache(naming, new Set(), table);
    cache.gather();
    const made = entries(cache);
    const inputs = cache.inputs()!;
    expect(inputs.parts.length).toBeGreaterThan(0);
    expect(inputs.named.length).toBeGreaterThan(0);
    expect(new RelationCache(naming, new Set(), table).unchanged(inputs)).toBe(true);
    // Gathered again from the entries reused (and from inputs carried over): the same inputs.
    const again = new RelationCache(naming, new Set(), table);
    again.gather();
    made.forEach((bytes, i) => expect(reuse(again, bytes, articles[i]!)).toBeDefined());
    expect(again.inputs()).toEqual(inputs);
    const carried = new RelationCache(naming, new Set(), table);
    carried.gather(inputs);
    expect(carried.inputs()).toEqual(inputs);
    // Every article's file still there, but one input gives another answer: not unchanged.
    const located = articles.findIndex((_a, k) => factsOf(k).some((f) => f.relation === 'located_in'));
    const key = factsOf(located).find((f) => f.relation === 'located_in')!.source;
    const renamed = new Map(table).set(key, { ...table.get(key)!, label: `${table.get(key)!.label}新` });
    expect(new RelationCache(naming, new Set(), renamed).unchanged(inputs)).toBe(false);
    const first = resolveMentions(drafts[0]!, naming)[0]!.entity;
    const split: Naming = { ...naming, keyOf: (d) => (naming.keyOf(d) === first ? `${first}@别处` : naming.keyOf(d)) };
    expect(new RelationCache(split, new Set(), table).unchanged(inputs)).toBe(false);
    expect(new RelationCache(naming, new Set([first]), table).unchanged(inputs)).toBe(false);
    // A fact given without an entry: the inputs cannot describe the build.
    const partial = new RelationCache(naming, new Set(), table);
    partial.gather();
    partial.facts(articles[0]!, drafts[0]!);
    expect(partial.inputs()).toBeUndefined();
  });

  it('relation families read of an entity only the fields the cache compares', () => {
    // `attributes` is read to reach its fields, which are checked one by one.
    const allowed = new Set<string>([...ENTITY_FIELDS_READ, 'attributes']);
    const read = new Set<string>();
    // Reads inside a name lookup are not the families' own: the cache asks the lookup again (its `named` entries)
    // instead of comparing what it read. Everything else a family reads of an entity is recorded.
    let inNamed = 0;
    let namedCalls = 0;
    class WatchedTable extends EntityTable {
      override named(name: string, kind: Entity['kind'], articleId: string): Entity | undefined {
        namedCalls++;
        inNamed++;
        try {
          return super.named(name, kind, articleId);
        } finally {
          inNamed--;
        }
      }
    }
    const note = (field: string) => {
      if (inNamed === 0) read.add(field);
    };
    const watch = (e: Entity): Entity =>
      new Proxy(e, {
        get(target, prop, receiver) {
          if (typeof prop === 'string') note(prop);
          const value = Reflect.get(target, prop, receiver) as unknown;
          if (prop === 'attributes' && value)
            return new Proxy(value, {
              get(t, p, r) {
                if (typeof p === 'string') note(`attributes.${p}`);
                return Reflect.get(t, p, r) as unknown;
              },
            });
          return value;
        },
      });
    const watched = new Map([...table].map(([k, e]) => [k, watch(e)]));
    let facts = 0;
    articles.forEach((a, i) => {
      const view = makeView(a, resolveMentions(drafts[i]!, naming), new WatchedTable(watched));
      for (const family of RELATION_FAMILIES) facts += family(view).length;
    });
    expect(facts).toBeGreaterThan(300);
    // Bylines were looked up by name (so reads inside `named` were left out of a real run), and nothing else was read.
    expect(namedCalls).toBeGreaterThan(0);
    expect([...read].filter((f) => !allowed.has(f))).toEqual([]);
    expect(read.has('aliases')).toBe(true);
    expect(read.has('attributes.code')).toBe(true);
  });
});
