/** Messages between the relations pool (./relations-pool.ts) and its workers (./relations-worker.ts). */
import type { Article, Entity } from '../types.js';
import type { ArticleDrafts, NamingParts } from '../resolve/index.js';
import type { DivisionTables } from '../lexicon/divisions.js';

/** What the relation families read of an entity (ENTITY_FIELDS_READ) and what a lookup by name reads (`articles`). */
export type RelationEntity = Pick<Entity, 'key' | 'kind' | 'label' | 'aliases' | 'articles'> & { attributes?: { code?: unknown } };

/** Sent once to each worker, first: the corpus the facts are made in. */
export interface RelationsInit {
  init: {
    /** What the corpus-wide naming is made from (`namingOf`). */
    naming: NamingParts;
    /** Keys of the entities dropped as weak. */
    weak: string[];
    entities: RelationEntity[];
    /** The main thread's division index (the families look places up): the worker adopts it instead of parsing its own. */
    divisions?: DivisionTables;
  };
}

/** Articles and their drafts; each draft refers to its article (sent once with them). */
export interface RelationsRequest {
  id: number;
  articles: Article[];
  drafts: ArticleDrafts[];
}

/** Per article its entry (`RelationCache.entry`), null when its facts cannot be kept as one; or the error's message. */
export type RelationsAnswer = { id: number; entries: Array<Uint8Array | null> } | { id: number; error: string };
