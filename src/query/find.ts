/**
 * Finding entities by name: exact label, then alias, then substring of label or alias.
 * Names in Chinese news repeat (two 王伟 in different villages), so lookups that need exactly one
 * node fail loudly with the candidates instead of picking one.
 */
import { InputError } from '../errors.js';
import { toSimplified } from '../text/script.js';
import type { QueryGraph } from './attributes.js';
import { compareEdges, compareStrings, describeEdge, edgeInfo, isTyped, nodeAliases, nodeKind, nodeLabel, numberAttr } from './attributes.js';

/** How a name matched an entity, strongest first. */
export type MatchType = 'key' | 'label' | 'alias' | 'substring';

export interface EntityMatch {
  key: string;
  label: string;
  kind: string;
  aliases: string[];
  match: MatchType;
  /** The label or alias that matched. */
  matched: string;
  mentions: number;
  degree: number;
  /** What tells same-named entities apart: the strongest stated relation, e.g. "role:第一书记 → 苏吉嘎查". */
  context: string;
}

export interface FindOptions {
  /** Only entities of this kind (PERSON, ORGANIZATION, PLACE, PROGRAM, ARTICLE). */
  kind?: string;
}

const RANK: Record<MatchType, number> = { key: 0, label: 1, alias: 2, substring: 3 };

/**
 * All entities whose label or alias equals or contains `name`, best first: exact label, exact
 * alias, substring; within a tier by mentions (desc), degree (desc), label and key. A name written in
 * traditional script is also looked up in simplified (labels are simplified): 錫林郭勒盟 finds 锡林郭勒盟.
 */
export function findEntities(graph: QueryGraph, name: string, options: FindOptions = {}): EntityMatch[] {
  const query = name.trim();
  if (query === '') throw new InputError('empty entity name');
  const forms = [...new Set([query, toSimplified(query).text])];
  const out: EntityMatch[] = [];
  graph.forEachNode((key, attrs) => {
    const kind = nodeKind(graph, key);
    if (options.kind && kind !== options.kind) return;
    const label = nodeLabel(graph, key);
    const aliases = nodeAliases(graph, key);
    let match: MatchType | null = null;
    let matched = '';
    if (forms.includes(label)) [match, matched] = ['label', label];
    else if (aliases.some((a) => forms.includes(a))) [match, matched] = ['alias', aliases.find((a) => forms.includes(a))!];
    else if (forms.some((f) => label.includes(f))) [match, matched] = ['substring', label];
    else {
      const alias = aliases.find((a) => forms.some((f) => a.includes(f)));
      if (alias !== undefined) [match, matched] = ['substring', alias];
    }
    if (match === null) return;
    out.push({
      key,
      label,
      kind,
      aliases,
      match,
      matched,
      mentions: numberAttr(attrs, 'mentions') ?? 0,
      degree: graph.degree(key),
      context: entityContext(graph, key),
    });
  });
  return out.sort(
    (a, b) =>
      RANK[a.match] - RANK[b.match] || b.mentions - a.mentions || b.degree - a.degree || compareStrings(a.label, b.label) || compareStrings(a.key, b.key),
  );
}

/** No entity matches the name. */
export class UnknownEntityError extends InputError {
  override name = 'UnknownEntityError';
  constructor(
    readonly query: string,
    kind?: string,
  ) {
    super(`no entity named "${query}"${kind ? ` of kind ${kind}` : ''} in the graph`);
  }
}

/** Several entities match the name equally well; `candidates` lists them, best first. */
export class AmbiguousEntityError extends InputError {
  override name = 'AmbiguousEntityError';
  constructor(
    readonly query: string,
    readonly candidates: EntityMatch[],
  ) {
    const shown = candidates.slice(0, 8).map((c) => `${c.label} [${[c.kind || '?', c.context, `key ${c.key}`].filter(Boolean).join(', ')}]`);
    const more = candidates.length > shown.length ? `, … ${candidates.length - shown.length} more` : '';
    super(`"${query}" is ambiguous: ${candidates.length} entities match (${shown.join('; ')}${more}); ` + 'pass a node key or a kind');
  }
}

/**
 * Resolves a name or node key to exactly one node key. A node key wins; then a unique exact label,
 * a unique alias, a unique substring match. Throws UnknownEntityError or AmbiguousEntityError.
 */
export function resolveEntity(graph: QueryGraph, nameOrKey: string, options: FindOptions = {}): string {
  if (graph.hasNode(nameOrKey) && (!options.kind || nodeKind(graph, nameOrKey) === options.kind)) {
    return nameOrKey;
  }
  const matches = findEntities(graph, nameOrKey, options);
  if (matches.length === 0) throw new UnknownEntityError(nameOrKey.trim(), options.kind);
  const best = matches.filter((m) => m.match === matches[0]!.match);
  if (best.length > 1) throw new AmbiguousEntityError(nameOrKey.trim(), best);
  return best[0]!.key;
}

/**
 * A short description of an entity's strongest stated relation (outgoing first), so that two 王伟
 * can be told apart in a candidate list: "role:第一书记 → 伊和乌拉嘎查". '' when it has none.
 */
export function entityContext(graph: QueryGraph, key: string): string {
  const typed = graph
    .edges(key)
    .map((e) => edgeInfo(graph, e))
    .filter((e) => isTyped(e) && e.source !== e.target)
    .sort((a, b) => Number(b.source === key) - Number(a.source === key) || compareEdges(a, b));
  const best = typed[0];
  if (!best) return '';
  return best.source === key ? `${describeEdge(best)} → ${nodeLabel(graph, best.target)}` : `${describeEdge(best)} ← ${nodeLabel(graph, best.source)}`;
}
