/**
 * Entity scoring against the hand annotation of a page (seed-gold.json): a gold entity is found when a
 * predicted entity of the same kind carries its name or one of its aliases; a predicted entity is correct
 * when it matches some gold entity that way. Scores are over distinct entities (not mentions), per kind and
 * micro-averaged over the four kinds.
 */
import { readFileSync } from 'node:fs';
import type { EntityKind, Mention } from '../types.js';
import { ENTITY_KINDS } from '../types.js';
import { prf, type PRF } from './bio.js';

export interface GoldEntity {
  name: string;
  type: EntityKind;
  aliases: string[];
}

export interface SeedGold {
  entities: GoldEntity[];
  documents?: Array<{ id: string; title: string; authors: string[] }>;
}

/** A predicted entity: a kind and every name it goes by (label and aliases). */
export interface PredictedEntity {
  kind: string;
  names: string[];
}

export interface SeedScores {
  overall: PRF;
  byKind: Record<EntityKind, PRF>;
  missed: GoldEntity[];
  spurious: PredictedEntity[];
}

export function loadSeedGold(path: string): SeedGold {
  const data = JSON.parse(readFileSync(path, 'utf8')) as SeedGold;
  if (!data || !Array.isArray(data.entities)) throw new Error(`${path}: no "entities" array`);
  for (const e of data.entities) {
    if (typeof e.name !== 'string' || !ENTITY_KINDS.includes(e.type)) throw new Error(`${path}: bad entity ${JSON.stringify(e)}`);
    e.aliases ??= [];
  }
  return data;
}

/** Scores predicted entities against gold entities (see the module comment for the matching rule). */
export function scoreEntities(gold: readonly GoldEntity[], predicted: readonly PredictedEntity[]): SeedScores {
  const goldNames = (g: GoldEntity): Set<string> => new Set([g.name, ...g.aliases]);
  const matches = (g: GoldEntity, p: PredictedEntity): boolean => {
    if (p.kind !== g.type) return false;
    const names = goldNames(g);
    return p.names.some((n) => names.has(n));
  };
  const byKind = {} as Record<EntityKind, PRF>;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const missed: GoldEntity[] = [];
  const spurious: PredictedEntity[] = [];
  for (const kind of ENTITY_KINDS) {
    const g = gold.filter((e) => e.type === kind);
    const p = predicted.filter((e) => e.kind === kind);
    const found = g.filter((e) => p.some((q) => matches(e, q)));
    const wrong = p.filter((q) => !g.some((e) => matches(e, q)));
    for (const e of g) if (!found.includes(e)) missed.push(e);
    for (const e of wrong) spurious.push(e);
    // Recall counts gold entities found; precision counts predictions that hit some gold entity.
    const kp = prf(p.length - wrong.length, wrong.length, g.length - found.length);
    kp.recall = g.length === 0 ? 0 : found.length / g.length;
    kp.f1 = kp.precision + kp.recall === 0 ? 0 : (2 * kp.precision * kp.recall) / (kp.precision + kp.recall);
    byKind[kind] = kp;
    tp += found.length;
    fp += wrong.length;
    fn += g.length - found.length;
  }
  const overall = prf(tp, fp, fn);
  return { overall, byKind, missed, spurious };
}

/**
 * Entities of a page from its mentions: one per (kind, canonical ?? text), the surface forms as names.
 */
export function entitiesFromMentions(mentions: readonly Mention[]): PredictedEntity[] {
  const by = new Map<string, PredictedEntity>();
  for (const m of mentions) {
    const key = `${m.kind}\t${m.canonical ?? m.text}`;
    let e = by.get(key);
    if (!e) by.set(key, (e = { kind: m.kind, names: [m.canonical ?? m.text] }));
    if (!e.names.includes(m.text)) e.names.push(m.text);
  }
  return [...by.values()].sort((a, b) => (a.kind + a.names[0] < b.kind + b.names[0] ? -1 : 1));
}

/** Entities of a graph: every node whose `kind` is an entity kind, with its label and aliases. */
export function entitiesFromGraph(graph: { forEachNode(cb: (key: string, attrs: Record<string, unknown>) => void): void }): PredictedEntity[] {
  const out: PredictedEntity[] = [];
  graph.forEachNode((_key, a) => {
    const kind = typeof a['kind'] === 'string' ? a['kind'] : '';
    if (!ENTITY_KINDS.includes(kind as EntityKind)) return;
    const aliases = Array.isArray(a['aliases']) ? (a['aliases'] as unknown[]).map(String) : [];
    const label = a['label'];
    out.push({ kind, names: [typeof label === 'string' || typeof label === 'number' ? String(label) : '', ...aliases] });
  });
  return out;
}

/**
 * PDF repair for page-level scoring: white space between two CJK characters (or CJK and punctuation) is
 * removed line by line, and each removal is reported as a gap, as the text intake does for articles.
 */
export function normalizePage(raw: string): { text: string; gaps: number[] } {
  const cjk = (c: string | undefined): boolean => c !== undefined && /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/.test(c);
  let text = '';
  const gaps: number[] = [];
  for (const [n, line] of raw.split(/\r?\n/).entries()) {
    if (n > 0) text += '\n';
    const trimmed = line.trim();
    for (let i = 0; i < trimmed.length; i++) {
      const c = trimmed[i]!;
      if (/\s/.test(c)) {
        let j = i;
        while (j < trimmed.length && /\s/.test(trimmed[j]!)) j++;
        const prev = text[text.length - 1];
        const next = trimmed[j];
        if (cjk(prev) || cjk(next)) {
          if (gaps[gaps.length - 1] !== text.length) gaps.push(text.length);
        } else text += ' ';
        i = j - 1;
        continue;
      }
      text += c;
    }
  }
  return { text, gaps };
}
