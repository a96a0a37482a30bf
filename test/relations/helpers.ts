/** Builds small articles with hand-placed mentions, then runs resolution and relation extraction. */
import type { Article, Author, EntityKind, Mention, RelationFact } from '../../src/types.js';
import { splitSentences } from '../../src/text/sentences.js';
import { resolveEntities, type Resolution } from '../../src/resolve/index.js';
import { extractRelations } from '../../src/relations/index.js';

export function makeArticle(text: string, id = 'doc#1', authors: Author[] = []): Article {
  const map = new Int32Array(text.length + 1);
  for (let i = 0; i <= text.length; i++) map[i] = i;
  return { id, source: 'doc.txt', title: text.split('\n')[0] ?? '', section: '', authors, text, map, sentences: splitSentences(text), gaps: [] };
}

/** Spec: surface form and kind (optionally the canonical name). Every occurrence, longest forms first. */
export type Spec = [string, EntityKind] | [string, EntityKind, string];

export function mentionsOf(article: Article, specs: Spec[]): Mention[] {
  const taken = new Uint8Array(article.text.length);
  const out: Mention[] = [];
  for (const [form, kind, canonical] of [...specs].sort((a, b) => b[0].length - a[0].length)) {
    for (let i = article.text.indexOf(form); i >= 0; i = article.text.indexOf(form, i + 1)) {
      if (taken.subarray(i, i + form.length).some((x) => x === 1)) continue;
      taken.fill(1, i, i + form.length);
      out.push({ start: i, end: i + form.length, text: form, kind, ...(canonical ? { canonical } : {}) });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export interface Run extends Resolution {
  facts: RelationFact[];
  articles: Article[];
}

export function run(docs: Array<{ article: Article; specs: Spec[] }>): Run {
  const items = docs.map((d) => ({ article: d.article, mentions: mentionsOf(d.article, d.specs) }));
  const res = resolveEntities(items);
  const articles = docs.map((d) => d.article);
  return { ...res, articles, facts: extractRelations(articles, res.mentions, res.entities) };
}

/** `source -relation-> target (label)` with entity labels, for readable assertions. */
export function triples(r: Run, relation?: string): string[] {
  const label = new Map(r.entities.map((e) => [e.key, e.label]));
  return [
    ...new Set(
      r.facts
        .filter((f) => !relation || f.relation === relation)
        .map((f) => `${label.get(f.source) ?? f.source} -${f.relation}-> ${label.get(f.target) ?? f.target} (${f.label})`),
    ),
  ].sort();
}
