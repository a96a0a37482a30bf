/**
 * Entity resolution: mentions in articles → one entity per real-world thing, across articles and files.
 *
 * Keys (stable, derived from the entity):
 * - PLACE `PLACE:<name>`: the name is the division's full name when the index decides (新左旗 →
 *   新巴尔虎左旗); `code` and `divisionLevel` go to attributes. When one name resolves to two divisions
 *   in the corpus (two 苏吉嘎查), the coded ones become `PLACE:<name>#<code>`.
 * - ORGANIZATION / PROGRAM `<KIND>:<name>`, with article-level completion (嘎查党支部 → 苏吉嘎查党支部).
 * - PERSON `PERSON:<name>`; when a name is tied by a title to two different places or bodies in the
 *   corpus (张伟 第一书记 of two villages), each becomes `PERSON:<name>@<place>` and mentions without a
 *   title join the anchored person of their own article only.
 * Every surface form other than the label becomes an alias.
 */
import type { Article, Entity, EntityKind, EntityMention, Mention } from '../types.js';
import { makeEvidence, sentenceAt } from '../text/evidence.js';
import { impliedPlaceMentions, resolveArticlePlaces, splitPlaceChains } from './places.js';
import { organizationName, personAnchor } from './names.js';

export interface ArticleMentions {
  article: Article;
  mentions: Mention[];
}

export interface Resolution {
  entities: Entity[];
  mentions: EntityMention[];
}

export function entityKey(kind: string, label: string): string {
  return `${kind}:${label}`;
}

/** Evidence kept per entity: enough to show, bounded so a frequent entity does not bloat the graph. */
export const MAX_NODE_EVIDENCE = 20;

interface Draft {
  article: Article;
  mention: Mention;
  kind: EntityKind;
  label: string;
  code?: string;
  level?: string;
  /** PERSON: label of the place/body the person is tied to in this article. */
  anchor?: string;
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
    out.push({ start: at, end, text: a.outlet, kind: 'ORGANIZATION' });
  }
  return out;
}

/** Labels, codes and anchors of one article's mentions. */
function draftArticle(article: Article, given: Mention[]): Draft[] {
  if (!article || typeof article.text !== 'string' || !Array.isArray(given)) {
    throw new TypeError('resolveEntities: each item needs an article and a mentions array');
  }
  const split = splitPlaceChains(given);
  const withOutlets = [...split, ...outletMentions(article, split)];
  const mentions = [...withOutlets, ...impliedPlaceMentions(withOutlets)].sort((a, b) => a.start - b.start || b.end - a.end);
  const placeNames = mentions.filter((m) => m.kind === 'PLACE').map((m) => m.canonical ?? m.text);
  const places = resolveArticlePlaces(placeNames);
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
  for (const d of drafts) {
    if (d.kind !== 'PERSON') continue;
    const anchor = personAnchor(d.mention, mentions, article.text);
    if (anchor) d.anchor = labelAt.get(anchor);
  }
  // A name is one person within an article: unanchored mentions take the article's anchor for the name.
  const anchorOf = new Map<string, Set<string>>();
  for (const d of drafts) if (d.kind === 'PERSON' && d.anchor) (anchorOf.get(d.label) ?? anchorOf.set(d.label, new Set()).get(d.label)!).add(d.anchor);
  for (const d of drafts) {
    const set = d.kind === 'PERSON' && !d.anchor ? anchorOf.get(d.label) : undefined;
    if (set && set.size === 1) d.anchor = [...set][0];
  }
  return drafts;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function resolveEntities(items: ArticleMentions[]): Resolution {
  if (!Array.isArray(items)) throw new TypeError('resolveEntities: items must be an array');
  const drafts = items.flatMap(({ article, mentions }) => draftArticle(article, mentions));

  // Which names need disambiguating keys: a place name with two codes, a person name with two anchors.
  const codesOf = new Map<string, Set<string>>();
  const anchorsOf = new Map<string, Set<string>>();
  for (const d of drafts) {
    if (d.kind === 'PLACE' && d.code) (codesOf.get(d.label) ?? codesOf.set(d.label, new Set()).get(d.label)!).add(d.code);
    if (d.kind === 'PERSON' && d.anchor) (anchorsOf.get(d.label) ?? anchorsOf.set(d.label, new Set()).get(d.label)!).add(d.anchor);
  }
  const keyOf = (d: Draft): string => {
    if (d.kind === 'PLACE' && d.code && (codesOf.get(d.label)?.size ?? 0) > 1) return `${entityKey(d.kind, d.label)}#${d.code}`;
    if (d.kind === 'PERSON' && d.anchor && (anchorsOf.get(d.label)?.size ?? 0) > 1) return `${entityKey(d.kind, d.label)}@${d.anchor}`;
    return entityKey(d.kind, d.label);
  };

  const byKey = new Map<string, Entity>();
  const articlesOf = new Map<Entity, Set<string>>();
  const resolved: EntityMention[] = [];
  for (const d of drafts) {
    const { article, mention: m } = d;
    const key = keyOf(d);
    let e = byKey.get(key);
    if (!e) {
      e = { key, label: d.label, kind: d.kind, aliases: [], mentions: 0, articles: [], evidence: [] };
      byKey.set(key, e);
    }
    if (d.code && (codesOf.get(d.label)?.size ?? 0) <= 1 || (d.code && key.endsWith(`#${d.code}`))) {
      e.attributes = { ...(e.attributes ?? {}), code: d.code!, ...(d.level ? { divisionLevel: d.level } : {}) };
    }
    if (d.kind === 'PERSON' && d.anchor) e.attributes = { ...(e.attributes ?? {}), place: d.anchor };
    e.mentions++;
    for (const form of [m.text, m.canonical]) if (form && form !== d.label && !e.aliases.includes(form)) e.aliases.push(form);
    let seen = articlesOf.get(e);
    if (!seen) articlesOf.set(e, (seen = new Set()));
    if (!seen.has(article.id)) {
      seen.add(article.id);
      e.articles.push(article.id);
    }
    if (e.evidence.length < MAX_NODE_EVIDENCE) e.evidence.push(makeEvidence(article, [[m.start, m.end]]));
    const sentence = sentenceAt(article, m.start);
    resolved.push({ ...m, canonical: d.label, article: article.id, sentence: sentence?.index ?? -1, entity: key });
  }
  const entities = [...byKey.values()].sort((a, b) => cmp(a.key, b.key));
  for (const e of entities) {
    e.aliases.sort(cmp);
    e.articles.sort(cmp);
  }
  return { entities, mentions: resolved };
}
