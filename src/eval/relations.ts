/**
 * Relation scoring against the `relations` of seed-gold.json: a predicted edge matches a gold relation
 * when its source, target and relation type agree (a gold `alt_targets` entry may stand for the target).
 * Entities are compared by the gold canonical name: a node whose label or alias is a gold name or alias
 * counts as that gold entity. ARTICLE nodes map to gold documents (`a1`, `a2` …) in page order.
 * `co_occurs` is not scored (the gold lists typed relations only).
 */
import type { Article, EntityKind, Mention, RelationType } from '../types.js';

export interface GoldEntity {
  name: string;
  type: EntityKind;
  aliases: string[];
  docs: string[];
}

export interface GoldRelation {
  source: string;
  target: string;
  type: RelationType;
  label: string;
  doc: string;
  evidence?: string;
  alt_targets?: string[];
}

export interface GoldData {
  documents: Array<{ id: string; title: string }>;
  entities: GoldEntity[];
  relations: GoldRelation[];
}

export interface ScoredNode {
  key: string;
  label: string;
  kind: string;
  aliases: string[];
}

export interface ScoredEdge {
  source: string;
  target: string;
  relation: string;
  label?: string;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface RelationScore {
  overall: Counts;
  byType: Record<string, Counts>;
  /** Gold relations not found, as `source -type-> target`. */
  missing: string[];
  /** Predicted typed edges that match no gold relation. */
  spurious: string[];
}

function counts(tp: number, fp: number, fn: number): Counts {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/**
 * Scores typed edges. `articleDocs` maps ARTICLE node keys to gold document ids.
 */
export function scoreRelations(gold: GoldData, nodes: ScoredNode[], edges: ScoredEdge[], articleDocs: ReadonlyMap<string, string>): RelationScore {
  if (!gold || !Array.isArray(gold.relations) || !Array.isArray(gold.entities)) {
    throw new TypeError('scoreRelations: gold must have entities and relations');
  }
  const goldName = new Map<string, string>();
  for (const e of gold.entities) {
    for (const n of [e.name, ...e.aliases]) if (!goldName.has(n)) goldName.set(n, e.name);
  }
  for (const e of gold.entities) goldName.set(e.name, e.name);
  const nameOf = new Map<string, string>();
  for (const n of nodes) {
    const doc = articleDocs.get(n.key);
    if (doc) {
      nameOf.set(n.key, doc);
      continue;
    }
    const hit = [n.label, ...n.aliases].map((x) => goldName.get(x)).find((x) => x !== undefined);
    nameOf.set(n.key, hit ?? n.label);
  }
  const predicted = new Map<string, { s: string; t: string; type: string }>();
  for (const e of edges) {
    if (e.relation === 'co_occurs') continue;
    const s = nameOf.get(e.source) ?? e.source;
    const t = nameOf.get(e.target) ?? e.target;
    const [a, b] = e.relation === 'partner_of' && t < s ? [t, s] : [s, t];
    predicted.set(`${a}\u0000${e.relation}\u0000${b}`, { s: a, t: b, type: e.relation });
  }
  const types = new Set<string>([...gold.relations.map((r) => r.type), ...[...predicted.values()].map((p) => p.type)]);
  const byType: Record<string, Counts> = {};
  const missing: string[] = [];
  const spurious: string[] = [];
  let TP = 0;
  let FP = 0;
  let FN = 0;
  for (const type of [...types].sort()) {
    const golds = gold.relations.filter((r) => r.type === type);
    const preds = [...predicted.values()].filter((p) => p.type === type);
    const used = new Set<number>();
    const explained = new Set<string>();
    let tp = 0;
    golds.forEach((g, gi) => {
      const targets = [g.target, ...(g.alt_targets ?? [])];
      const hits = preds.filter((p) => {
        if (type === 'partner_of') return (p.s === g.source && p.t === g.target) || (p.t === g.source && p.s === g.target);
        return p.s === g.source && targets.includes(p.t);
      });
      for (const h of hits) explained.add(`${h.s}\u0000${h.t}`);
      if (hits.length > 0 && !used.has(gi)) {
        used.add(gi);
        tp++;
      } else missing.push(`${g.source} -${type}-> ${g.target}`);
    });
    const fp = preds.filter((p) => !explained.has(`${p.s}\u0000${p.t}`));
    for (const p of fp) spurious.push(`${p.s} -${type}-> ${p.t}`);
    byType[type] = counts(tp, fp.length, golds.length - tp);
    TP += tp;
    FP += fp.length;
    FN += golds.length - tp;
  }
  return { overall: counts(TP, FP, FN), byType, missing: missing.sort(), spurious: spurious.sort() };
}

/** Gold document id per ARTICLE node key, by page order: the n-th article of the page is `a<n>`. */
export function articleDocMap(articles: Article[], gold: GoldData, articleKey: (id: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  articles.forEach((a, i) => {
    const doc = gold.documents[i];
    if (doc) out.set(articleKey(a.id), doc.id);
  });
  return out;
}

/**
 * Oracle mentions: every occurrence in the article of a gold entity name or alias (of the entities the
 * gold lists for that document), longest first, without overlaps. Scoring relations over these isolates
 * relation extraction from recognition errors.
 */
export function goldMentions(article: Article, docId: string, gold: GoldData): Mention[] {
  const forms: Array<{ form: string; e: GoldEntity }> = [];
  for (const e of gold.entities) {
    if (!e.docs.includes(docId)) continue;
    for (const f of [e.name, ...e.aliases]) if (f.length >= 2 || e.type === 'PLACE') forms.push({ form: f, e });
  }
  forms.sort((a, b) => b.form.length - a.form.length || (a.form < b.form ? -1 : 1));
  const taken = new Uint8Array(article.text.length);
  const out: Mention[] = [];
  for (const { form, e } of forms) {
    for (let i = article.text.indexOf(form); i >= 0; i = article.text.indexOf(form, i + 1)) {
      let free = true;
      for (let k = i; k < i + form.length; k++) if (taken[k]) free = false;
      if (!free) continue;
      // A one-character abbreviation (鄂) only where it stands alone after 赴/援.
      if (form.length === 1 && !/[赴援返]$/.test(article.text.slice(0, i))) continue;
      taken.fill(1, i, i + form.length);
      out.push({ start: i, end: i + form.length, text: form, kind: e.type, canonical: e.name });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
