/**
 * Entity resolution: mentions in articles → one entity per real-world thing, across articles and files.
 *
 * Keys (stable, derived from the entity):
 * - PLACE `PLACE:<name>`: the name is the division's full name when the index decides (新左旗 →
 *   新巴尔虎左旗); `code` and `divisionLevel` go to attributes. When one name resolves to two divisions
 *   in the corpus (two 苏吉嘎查), the coded ones become `PLACE:<name>#<code>`.
 * - ORGANIZATION / PROGRAM `<KIND>:<name>`, with article-level completion (嘎查党支部 → 苏吉嘎查党支部).
 * - PERSON `PERSON:<name>`; when a name is tied by a title to places or bodies in the corpus that cannot
 *   be one person's (张伟 第一书记 of two villages; places on one branch of the division tree, such as a
 *   village and its township, may be), each group becomes `PERSON:<name>@<place>`. Within an article a
 *   name is one person: all its mentions take the article's first anchor.
 * Every surface form other than the label becomes an alias.
 */
import type { Article, Entity, EntityKind, EntityMention, Evidence, Mention } from '../types.js';
import { makeEvidence, sentenceAt } from '../text/evidence.js';
import { writtenText } from '../text/written.js';
import { impliedPlaceMentions, resolveArticlePlaces, splitPlaceChains, withoutLoneProvinces } from './places.js';
import { organizationName, personAnchor } from './names.js';

export interface ArticleMentions {
  article: Article;
  mentions: Mention[];
}

export interface Resolution {
  entities: Entity[];
  mentions: EntityMention[];
}

/** Confidence of an outlet read from a byline (二连浩特报 in 二连浩特报记者 李晓英). */
const OUTLET_CONFIDENCE = 0.9;

/**
 * Confidence of an entity node from its scored mentions: the best mention's confidence, raised by every
 * further mention (each leaves 80 % of the remaining doubt): 1 − (1 − best) · 0.8^(count − 1), 3 decimals.
 * A name the text repeats is more likely a name; one weak mention stays weak.
 */
export function entityConfidence(best: number, count: number): number {
  if (!(count >= 1)) return 0;
  const c = 1 - (1 - Math.min(1, Math.max(0, best))) * 0.8 ** (count - 1);
  return Math.round(c * 1000) / 1000;
}

export function entityKey(kind: string, label: string): string {
  return `${kind}:${label}`;
}

/** Evidence kept per entity: enough to show, bounded so a frequent entity does not bloat the graph. */
export const MAX_NODE_EVIDENCE = 20;

/** One mention as resolution reads it: its article, label, division code and the anchor of a person. */
export interface Draft {
  article: Article;
  mention: Mention;
  kind: EntityKind;
  label: string;
  code?: string;
  level?: string;
  /** PERSON: label of the place/body the person is tied to in this article. */
  anchor?: string;
  /** PERSON: division code of that place (or of the place a body is named after), when known. */
  anchorCode?: string;
}

/**
 * The outlet a byline names (二连浩特报 in 二连浩特报记者 李晓英) is an organization even when the
 * recognizer missed it: its last occurrence before the author's name becomes an ORGANIZATION mention.
 */
function outletMentions(article: Article, given: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const a of article.authors ?? []) {
    if (!a.outlet || a.outlet.length < 2) continue;
    const at = article.text.lastIndexOf(a.outlet, a.start - a.outlet.length);
    if (at < 0 || a.start - at > a.outlet.length + 8) continue;
    const end = at + a.outlet.length;
    if ([...given, ...out].some((m) => m.start < end && at < m.end)) continue;
    // The byline says it is the author's outlet: as sure as the byline itself.
    out.push({ start: at, end, text: a.outlet, kind: 'ORGANIZATION', ...(given.some((m) => m.score !== undefined) ? { score: OUTLET_CONFIDENCE } : {}) });
  }
  return out;
}

/**
 * A person written by the opening of a name the article gives in full is that person (额尔敦 and the 额 of 额书记 for
 * 额尔敦巴雅尔; 韩 of 韩书记 for 韩军): where the article's longer person names that open so are one name and its
 * openings, each such draft takes that name as its label (its text becomes an alias). Mongolian names are often
 * shortened to their first part, and a surname before a form of address refers to the one person of that surname
 * named; two longer names that differ (韩军, 韩伟) leave the short one as it is. Genre set: no such pair; 30 fresh genre
 * pages 3 short forms joined, none wrongly (3 Dec 2026).
 */
function withFullPersonNames(drafts: Draft[]): void {
  const names = [...new Set(drafts.filter((d) => d.kind === 'PERSON').map((d) => d.label))];
  if (names.length < 2) return;
  for (const d of drafts) {
    if (d.kind !== 'PERSON') continue;
    const longer = names.filter((n) => n.length > d.label.length && n.startsWith(d.label));
    if (longer.length === 0) continue;
    const full = longer.reduce((a, b) => (b.length > a.length ? b : a));
    if (longer.every((n) => full.startsWith(n))) d.label = full;
  }
}

/**
 * Drops the places and people whose name is still one character once resolved (中 of 中交, 港 of 空港; a surname alone: 杜
 * of 杜蒙肉羊, 颜 of 颜值, 龙 before a title): such a node names nothing a reader can find. The recognizer reads these as
 * People's Daily marks them (中美, 京津, a surname: flat readings keep them); resolution gives a province's short name its
 * province where the article allows (沪 → 上海市, 黔 → 贵州省) and a surname the one full name that opens with it
 * (withFullPersonNames), and the genre gold has one-character names only as such aliases. Genre set none; 90 fresh
 * genre pages 11 places wrong and 1 right (汉 for 武汉), 4 people wrong (3 Dec 2026).
 */
function withoutOneCharacterNames(drafts: Draft[]): void {
  for (let k = drafts.length - 1; k >= 0; k--) {
    const d = drafts[k]!;
    if ((d.kind === 'PERSON' || d.kind === 'PLACE') && d.label.length === 1) drafts.splice(k, 1);
  }
}

/** Labels, codes and anchors of one article's mentions. */
function draftArticle(article: Article, given: Mention[]): Draft[] {
  if (!article || typeof article.text !== 'string' || !Array.isArray(given)) {
    throw new TypeError('resolveEntities: each item needs an article and a mentions array');
  }
  const split = splitPlaceChains(given);
  const withOutlets = [...split, ...outletMentions(article, split)];
  const all = [...withOutlets, ...impliedPlaceMentions(withOutlets)].sort((a, b) => a.start - b.start || b.end - a.end);
  const places = resolveArticlePlaces(all.filter((m) => m.kind === 'PLACE').map((m) => m.canonical ?? m.text));
  const mentions = withoutLoneProvinces(all, places);
  const placeNames = mentions.filter((m) => m.kind === 'PLACE').map((m) => m.canonical ?? m.text);
  const placeCounts = new Map<string, number>();
  for (const n of placeNames) {
    const label = places.get(n)!.label;
    placeCounts.set(label, (placeCounts.get(label) ?? 0) + 1);
  }
  const drafts: Draft[] = [];
  const labelAt = new Map<Mention, string>();
  let prevTop: Mention | undefined;
  for (const m of mentions) {
    const d: Draft = { article, mention: m, kind: m.kind, label: m.canonical ?? m.text };
    if (m.kind === 'PLACE') {
      const p = places.get(d.label)!;
      d.label = p.label;
      if (p.code) d.code = p.code;
      if (p.level) d.level = p.level;
    } else if (m.kind === 'ORGANIZATION') {
      d.label = organizationName(m, article.text, placeCounts, prevTop ? { mention: prevTop, label: labelAt.get(prevTop)! } : undefined);
    }
    labelAt.set(m, d.label);
    if (!prevTop || m.start >= prevTop.end) prevTop = m;
    drafts.push(d);
  }
  withFullPersonNames(drafts);
  withoutOneCharacterNames(drafts);
  for (const d of drafts) {
    if (d.kind !== 'PERSON') continue;
    const anchor = personAnchor(d.mention, mentions, article.text);
    if (!anchor) continue;
    d.anchor = labelAt.get(anchor);
    // The anchor's division: its own code, or that of the place nested at the start of a body's name.
    const placeDraft = drafts.find((x) => x.kind === 'PLACE' && x.code && x.mention.start === anchor.start && x.mention.end <= anchor.end);
    if (placeDraft?.code) d.anchorCode = placeDraft.code;
  }
  // A name is one person within an article: every mention takes the article's first anchor for the name.
  const first = new Map<string, Draft>();
  for (const d of drafts) if (d.kind === 'PERSON' && d.anchor && !first.has(d.label)) first.set(d.label, d);
  for (const d of drafts) {
    const f = d.kind === 'PERSON' ? first.get(d.label) : undefined;
    if (!f) continue;
    d.anchor = f.anchor;
    if (f.anchorCode) d.anchorCode = f.anchorCode;
    else delete d.anchorCode;
  }
  return drafts;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Groups a name's anchors that may be one person: the same label, or places on one branch of the division
 * tree (宝山村 lies in 巴彦花镇: 宝山村第一书记张伟 and 巴彦花镇干部张伟 may be one man; 宝山村 and 水泉沟村
 * may not). Returns anchor → group name (the group's highest place, ties by label).
 */
function groupAnchors(anchors: Map<string, string | undefined>): Map<string, string> {
  const labels = [...anchors.keys()].sort(cmp);
  const parent = new Map(labels.map((l) => [l, l]));
  const find = (l: string): string => {
    let x = l;
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = anchors.get(labels[i]!);
      const b = anchors.get(labels[j]!);
      if (a && b && (a.startsWith(b) || b.startsWith(a))) parent.set(find(labels[j]!), find(labels[i]!));
    }
  }
  const members = new Map<string, string[]>();
  for (const l of labels) (members.get(find(l)) ?? members.set(find(l), []).get(find(l))!).push(l);
  const out = new Map<string, string>();
  for (const group of members.values()) {
    const top = [...group].sort((x, y) => (anchors.get(x)?.length ?? 99) - (anchors.get(y)?.length ?? 99) || cmp(x, y))[0]!;
    for (const l of group) out.set(l, top);
  }
  return out;
}

export function resolveEntities(items: ArticleMentions[]): Resolution {
  if (!Array.isArray(items)) throw new TypeError('resolveEntities: items must be an array');
  const { drafts, naming, entities } = resolveDrafts(items);
  return { entities, mentions: drafts.flatMap((d) => resolveMentions(d, naming)) };
}

/**
 * `resolveEntities` before its mentions are resolved: each article's drafts (in order), the corpus-wide naming, what
 * it is made from and the entities. For a caller that resolves an article's mentions when it needs them
 * (`resolveMentions`, e.g. the relation pass: src/parallel/relation-pass.ts).
 */
export function resolveDrafts(items: ArticleMentions[]): { drafts: ArticleDrafts[]; naming: Naming; parts: NamingParts; entities: Entity[] } {
  return resolveMadeDrafts(items.map(({ article, mentions }) => draftArticle(article, mentions)));
}

/**
 * `resolveDrafts` of drafts made already, each article's in corpus order (`articleDrafts`, or stored ones given back
 * their article: `draftsOf`).
 */
export function resolveMadeDrafts(drafts: ArticleDrafts[]): { drafts: ArticleDrafts[]; naming: Naming; parts: NamingParts; entities: Entity[] } {
  const resolver = new Resolver();
  drafts.forEach((d, i) => resolver.add(d, i));
  return { drafts, ...resolver.finish() };
}

/** An article's drafts: labels, codes and anchors of its mentions (what resolution needs of the article). */
export type ArticleDrafts = readonly Draft[];

/** Drafts of one article: the first step of resolution, the same for an article whatever the corpus. */
export function articleDrafts(article: Article, mentions: Mention[]): ArticleDrafts {
  return draftArticle(article, mentions);
}

/** A draft as a store keeps it: without its article (given back by `draftsOf`). */
export type StoredDraft = Omit<Draft, 'article'>;

/**
 * An article's drafts without the article, for a store: they depend only on the article's text, bylines and
 * raw mentions (not on its id nor on the corpus), so they are made once, at extraction.
 */
export function storedDrafts(article: Article, mentions: Mention[]): StoredDraft[] {
  return draftArticle(article, mentions).map(({ article: _article, ...rest }) => rest);
}

/** Stored drafts given back their article (the article as this build names it). */
export function draftsOf(article: Article, stored: readonly StoredDraft[]): ArticleDrafts {
  return stored.map((d) => ({ article, ...d }));
}

/** What the keys are decided from: a draft's kind, label, division code and anchor. */
type NameParts = Pick<Draft, 'kind' | 'label' | 'code' | 'anchor'>;

/** The corpus-wide decisions of resolution: which names take disambiguating keys. */
export interface Naming {
  keyOf(d: NameParts): string;
  /** Whether a place name resolves to more than one division code in the corpus. */
  manyCodes(label: string): boolean;
}

/** What a corpus-wide naming is made from (`namingOf`): per place name its codes, per person name its anchors (→ anchor code). */
export interface NamingParts {
  codesOf: ReadonlyMap<string, ReadonlySet<string>>;
  anchorsOf: ReadonlyMap<string, Map<string, string | undefined>>;
}

/** The naming from the corpus-wide sets: per place name its codes, per person name its anchors (→ anchor code). */
export function namingOf({ codesOf, anchorsOf }: NamingParts): Naming {
  const anchorGroup = new Map<string, Map<string, string>>();
  for (const [name, anchors] of anchorsOf) anchorGroup.set(name, groupAnchors(anchors));
  const split = new Map<string, boolean>();
  for (const [name, groups] of anchorGroup) split.set(name, new Set(groups.values()).size > 1);
  const manyCodes = (label: string) => (codesOf.get(label)?.size ?? 0) > 1;
  const keyOf = (d: NameParts): string => {
    if (d.kind === 'PLACE' && d.code && manyCodes(d.label)) return `${entityKey(d.kind, d.label)}#${d.code}`;
    if (d.kind === 'PERSON' && d.anchor && split.get(d.label)) return `${entityKey(d.kind, d.label)}@${anchorGroup.get(d.label)!.get(d.anchor)}`;
    return entityKey(d.kind, d.label);
  };
  return { keyOf, manyCodes };
}

/** Resolved mentions of one article's drafts (no entity is changed). */
export function resolveMentions(drafts: ArticleDrafts, naming: Naming): EntityMention[] {
  return drafts.map((d) => resolvedMention(d, naming.keyOf(d)));
}

function resolvedMention(d: Draft, key: string): EntityMention {
  const { article, mention: m } = d;
  const sentence = sentenceAt(article, m.start);
  // `{ ...m, canonical, article, sentence, entity }` (same keys, same order), written with Object.assign: on
  // Node 20, properties added after a spread each cost ~1 µs (a new map per object), 4 µs per mention here.
  return Object.assign({}, m, { canonical: d.label, article: article.id, sentence: sentence?.index ?? -1, entity: key });
}

/**
 * Where a draft stands in the corpus: its article's position in corpus order × 2^20 + its index among the
 * article's drafts (an article holds at most 20,000 characters, so far fewer drafts).
 */
function draftPosition(ordinal: number, index: number): number {
  return ordinal * DRAFTS_PER_ARTICLE + index;
}

const DRAFTS_PER_ARTICLE = 1_048_576;

/** What a `Resolver` holds before `finish` (`Resolver.state`): plain maps, sets and records, for node:v8. */
export interface ResolverState {
  codesOf: Map<string, Set<string>>;
  anchorsOf: Map<string, Map<string, { code: string | undefined; at: number }>>;
  groups: Map<string, DraftGroup>;
}

/**
 * What one group of drafts gives an entity: the drafts of one kind, label, code and anchor. The corpus-wide
 * naming sends each group to one key; the entity of a key is the merge of its groups.
 */
export interface DraftGroup {
  kind: EntityKind;
  label: string;
  code?: string;
  anchor?: string;
  /** Position of its first draft (the entity takes the label and kind of the key's first draft). */
  first: number;
  mentions: number;
  best: number;
  scored: number;
  aliases: Set<string>;
  articles: Set<string>;
  /** Its MAX_NODE_EVIDENCE first evidence records by position, in position order. */
  evidence: Array<{ at: number; record: Evidence }>;
  /** Attributes written by its drafts. */
  attributes: Map<string, AttributeWrites>;
}

/** The writes of one attribute: where it was first written, and the last value and where (draft positions). */
export interface AttributeWrites {
  first: number;
  last: number;
  value: string;
}

/** Adds writes of attribute `name` to `writes` (a draft's one write, or a group's): the first position, the last value. */
function addWrite(writes: Map<string, AttributeWrites>, name: string, w: AttributeWrites): void {
  const was = writes.get(name);
  if (!was) writes.set(name, { ...w });
  else {
    if (w.first < was.first) was.first = w.first;
    if (w.last > was.last) {
      was.last = w.last;
      was.value = w.value;
    }
  }
}

/**
 * Resolution in one pass over the corpus, the articles in **any order**: each article is added with its
 * position in corpus order, and everything that depends on that order (the first evidence records, the last
 * anchor code of a name, the attribute written last and where each was first written) is decided by
 * positions. `finish` gives the naming and the entities the reference resolution (test/helpers/resolution-reference.ts) gives over the same
 * articles added in corpus order (the same objects, field for field, key order included). A build over a
 * store uses it to resolve the stored files while the new ones are still being extracted.
 */
export class Resolver {
  private codesOf = new Map<string, Set<string>>();
  private anchorsOf = new Map<string, Map<string, { code: string | undefined; at: number }>>();
  private groups = new Map<string, DraftGroup>();

  /**
   * What this resolver holds before `finish` — its own maps, not copies: serialize them (node:v8) before adding
   * more. A later build whose corpus holds the same articles, and maybe more, starts from it (`restore`).
   */
  state(): ResolverState {
    return { codesOf: this.codesOf, anchorsOf: this.anchorsOf, groups: this.groups };
  }

  /**
   * Takes up `state` (another resolver's, as `state` gave it, deserialized), on a resolver to which nothing was
   * added, as if that resolver's articles had been added here — each at a new position in corpus order:
   * `ordinals[o]` is the position now of the article that was at position o. The new positions must keep the
   * articles' order (every decision by position stays as it was); articles added afterwards go between them.
   */
  restore(state: ResolverState, ordinals: ArrayLike<number>): void {
    if (this.groups.size > 0 || this.codesOf.size > 0 || this.anchorsOf.size > 0) throw new Error('Resolver.restore: articles were added already');
    for (let o = 1; o < ordinals.length; o++) {
      if (!(ordinals[o]! > ordinals[o - 1]!)) throw new RangeError('Resolver.restore: the new positions must keep the articles in order');
    }
    let moved = false;
    for (let o = 0; o < ordinals.length && !moved; o++) moved = ordinals[o] !== o;
    if (moved) {
      const move = (at: number): number => {
        const o = Math.floor(at / DRAFTS_PER_ARTICLE);
        const to = ordinals[o];
        if (to === undefined) throw new RangeError(`Resolver.restore: no new position for article ${o}`);
        return to * DRAFTS_PER_ARTICLE + (at - o * DRAFTS_PER_ARTICLE);
      };
      for (const anchors of state.anchorsOf.values()) for (const w of anchors.values()) w.at = move(w.at);
      for (const g of state.groups.values()) {
        g.first = move(g.first);
        for (const e of g.evidence) e.at = move(e.at);
        for (const w of g.attributes.values()) {
          w.first = move(w.first);
          w.last = move(w.last);
        }
      }
    }
    this.codesOf = state.codesOf;
    this.anchorsOf = state.anchorsOf;
    this.groups = state.groups;
  }

  /** Adds one article's drafts; `ordinal` is the article's position in corpus order (0, 1 …). */
  add(drafts: ArticleDrafts, ordinal: number): void {
    const { codesOf, anchorsOf, groups } = this;
    drafts.forEach((d, i) => {
      const at = draftPosition(ordinal, i);
      if (d.kind === 'PLACE' && d.code) (codesOf.get(d.label) ?? codesOf.set(d.label, new Set()).get(d.label)!).add(d.code);
      if (d.kind === 'PERSON' && d.anchor) {
        const anchors = anchorsOf.get(d.label) ?? anchorsOf.set(d.label, new Map()).get(d.label)!;
        const was = anchors.get(d.anchor);
        // As a Map.set in corpus order would: the last draft's anchor code wins.
        if (!was || was.at < at) anchors.set(d.anchor, { code: d.anchorCode, at });
      }
      const id = `${d.kind}\u0000${d.label}\u0000${d.code ?? ''}\u0000${d.anchor ?? ''}`;
      let g = groups.get(id);
      if (!g) {
        g = {
          kind: d.kind,
          label: d.label,
          first: at,
          mentions: 0,
          best: 0,
          scored: 0,
          aliases: new Set(),
          articles: new Set(),
          evidence: [],
          attributes: new Map(),
        };
        if (d.code !== undefined) g.code = d.code;
        if (d.anchor !== undefined) g.anchor = d.anchor;
        groups.set(id, g);
      }
      if (at < g.first) g.first = at;
      const { article, mention: m } = d;
      const write = (name: string, value: string) => addWrite(g.attributes, name, { first: at, last: at, value });
      // The reference writes `code` (and `divisionLevel`) for every draft with a code: its key either has
      // no #code (one code for the name) or ends with its own.
      if (d.code) {
        write('code', d.code);
        if (d.level) write('divisionLevel', d.level);
      }
      if (d.kind === 'PERSON' && d.anchor) write('place', d.anchor);
      g.mentions++;
      if (m.score !== undefined) {
        g.best = Math.max(g.best, m.score);
        g.scored++;
      }
      const asWritten = article.written ? writtenText(article, m.start, m.end) : undefined;
      for (const form of [m.text, m.canonical, asWritten]) if (form && form !== d.label) g.aliases.add(form);
      g.articles.add(article.id);
      const ev = g.evidence;
      if (ev.length < MAX_NODE_EVIDENCE || at < ev[ev.length - 1]!.at) {
        let k = ev.length;
        while (k > 0 && ev[k - 1]!.at > at) k--;
        ev.splice(k, 0, { at, record: makeEvidence(article, [[m.start, m.end]]) });
        if (ev.length > MAX_NODE_EVIDENCE) ev.pop();
      }
    });
  }

  /**
   * The corpus-wide naming and the entities (sorted by key), once every article was added; `parts` are what the
   * naming was made from (`namingOf(parts)` makes the same one, e.g. on a worker thread).
   */
  finish(): { naming: Naming; entities: Entity[]; parts: NamingParts } {
    const anchorsOf = new Map<string, Map<string, string | undefined>>();
    for (const [name, anchors] of this.anchorsOf) anchorsOf.set(name, new Map([...anchors].map(([a, w]) => [a, w.code])));
    const parts: NamingParts = { codesOf: this.codesOf, anchorsOf };
    const naming = namingOf(parts);
    const byKey = new Map<string, DraftGroup[]>();
    for (const g of this.groups.values()) {
      const key = naming.keyOf(g);
      const list = byKey.get(key);
      if (list) list.push(g);
      else byKey.set(key, [g]);
    }
    this.groups.clear();
    const entities: Entity[] = [];
    for (const key of [...byKey.keys()].sort(cmp)) {
      const list = byKey.get(key)!.sort((a, b) => a.first - b.first);
      const head = list[0]!;
      const e: Entity = { key, label: head.label, kind: head.kind, aliases: [], mentions: 0, articles: [], evidence: [] };
      const aliases = new Set<string>();
      const articles = new Set<string>();
      const attributes = new Map<string, AttributeWrites>();
      const evidence: Array<{ at: number; record: Evidence }> = [];
      let best = 0;
      let scored = 0;
      for (const g of list) {
        e.mentions += g.mentions;
        best = Math.max(best, g.best);
        scored += g.scored;
        for (const a of g.aliases) aliases.add(a); // each without its own group's label, as the reference
        for (const a of g.articles) articles.add(a);
        for (const x of g.evidence) evidence.push(x);
        for (const [name, w] of g.attributes) {
          // Only attributes the reference writes for this key: a code is written when the key has no #code or its own.
          if (name !== 'place' && g.code && naming.manyCodes(g.label) && !key.endsWith(`#${g.code}`)) continue;
          addWrite(attributes, name, w);
        }
      }
      e.aliases = [...aliases].sort(cmp);
      e.articles = [...articles].sort(cmp);
      e.evidence = evidence
        .sort((a, b) => a.at - b.at)
        .slice(0, MAX_NODE_EVIDENCE)
        .map((x) => x.record);
      if (attributes.size > 0) {
        const attrs: Record<string, string | number | boolean> = {};
        for (const [name, w] of [...attributes].sort((a, b) => a[1].first - b[1].first)) attrs[name] = w.value;
        e.attributes = attrs;
      }
      if (scored > 0) e.attributes = { ...(e.attributes ?? {}), confidence: entityConfidence(best, scored) };
      entities.push(e);
    }
    return { naming, entities, parts };
  }
}
