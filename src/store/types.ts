/**
 * A store of extraction results (issue 11): for each input file, keyed by its name, the content hash of
 * its bytes and the pipeline version, the articles it was split into and the raw entity mentions of each
 * (before corpus-wide resolution), plus the remarks its reading produced. Resolution, relations and the
 * graph are made from these on every build, so a build that reuses stored files gives the same bytes as a
 * fresh one. The last assembled graph is kept too, for `zhkg export` and `zhkg query --store`.
 */
import type { Article, Mention } from '../types.js';
import type { StoredDraft } from '../resolve/index.js';

/** What reading a file reported besides its documents, replayed when the stored results are reused. */
export type ReadNote = { warning: string } | { badPart: string };

export interface StoredFile {
  /** The name the file goes by in the graph (article `source`). */
  name: string;
  /** SHA-256 of the file's bytes (hex). */
  hash: string;
  articles: Article[];
  /** Raw mentions of each article, in article order. */
  mentions: Mention[][];
  /**
   * Resolution drafts of each article (src/resolve: what resolution reads of it, corpus-independent), when the
   * engine keeps them; a build makes them from the mentions otherwise.
   */
  drafts?: StoredDraft[][];
  notes: ReadNote[];
}

/** A stored file's articles, their mentions and drafts read on demand (`ExtractionStore.read`). */
export interface LazyStoredFile {
  articles: Article[];
  mentionsOf: (k: number) => Mention[];
  /** Undefined when the file's drafts are not stored. */
  draftsOf?: (k: number) => StoredDraft[];
}

/** An article as ids are assigned from: its id within its file (`<stem>#<n>`) and its source. */
export interface ArticleRef {
  id: string;
  source: string;
}

export interface StoredGraph {
  /** The graph as graphology JSON (what `graph.json` holds). */
  json: string;
  /** Build settings it was assembled with (minConfidence, seed …), for the record. */
  settings: Record<string, unknown>;
}

/** A value, or a promise of it: the SQLite store answers at once, the PostgreSQL store over the network. */
export type Awaitable<T> = T | Promise<T>;

/** What is stored (without the articles), and what the store knows of the builds that wrote it, at one moment. */
export interface StoreSnapshot {
  /** The stored files in the order a build of the folder holding them reads them (path segments, by name). */
  files: Array<{ name: string; hash: string; version: string }>;
  /** Shards (or '' for a whole-store build) whose last build started and did not finish. */
  unfinished: string[];
  /** The store's generation at that moment (see `saveGraph`). */
  generation: number;
}

/**
 * A graph to store, with the build settings it was assembled with: its JSON as one text or as pieces that,
 * joined, are that text, or that JSON already compressed (`compressedParts`), stored as it is.
 */
export type GraphToSave = { settings: Record<string, unknown> } & ({ json: string | Iterable<string> } | { gzip: readonly Buffer[] });

/**
 * The store interface both engines implement (SQLite: src/store/sqlite.ts, PostgreSQL: src/store/postgres.ts).
 * Methods may answer at once or with a promise; callers await them.
 */
export interface ExtractionStore {
  /** Where it lies (a file path, or a database URL without its password), for messages. */
  readonly location: string;
  /** The pipeline version whose rows this store reads and writes (src/store/version.ts). */
  readonly version: string;
  /** Whether it keeps each article's resolution drafts (`StoredFile.drafts`); builds make them only then. */
  readonly keepsDrafts?: boolean;
  /** The stored results of `name` when they are of this content and this pipeline version. */
  lookup(name: string, hash: string): Awaitable<StoredFile | undefined>;
  /**
   * As `lookup`, with each article's mentions and drafts deserialized only when asked for (a build that reuses an
   * article's relation facts needs neither). Engines without it are read through `lookup`.
   */
  read?(name: string, hash: string): Awaitable<LazyStoredFile | undefined>;
  /**
   * Whether `name` is stored with this content and pipeline version, without reading its articles: its
   * reading remarks and the id and source of each article (in order); undefined when not stored.
   */
  peek(name: string, hash: string): Awaitable<{ notes: ReadNote[]; articles: ArticleRef[] } | undefined>;
  /**
   * Stores one file's results in one transaction, replacing whatever was stored under its name. Returns
   * false when the same content of this pipeline version was already stored (by another builder given the
   * same file): nothing is written twice. `inside` runs within the transaction, before it commits (test hooks).
   */
  put(file: StoredFile, inside?: () => void): Awaitable<boolean>;
  /**
   * Forgets every stored file not named in `names` (inputs that are gone); returns how many were forgotten.
   * With `scope` (a shard's name) only files named `scope/…` are considered: other shards' files stay.
   */
  forgetExcept(names: ReadonlySet<string>, scope?: string): Awaitable<number>;
  /** Names of the stored files (sorted). */
  names(): Awaitable<string[]>;
  /**
   * Marks the build of `scope` ('' for a build that owns the whole store) as started or finished; a
   * snapshot lists the shards whose build started and did not finish.
   */
  markBuild(scope: string, state: 'started' | 'finished'): Awaitable<void>;
  /** The stored files, listed at one moment (for assembling the graph of a store written by shard builds). */
  snapshot(): Awaitable<StoreSnapshot>;
  /** Incremented by every change to the stored files; a graph is saved for one generation. */
  generation(): Awaitable<number>;
  /**
   * Saves the assembled graph (its JSON may come in pieces, `jsonPieces`, so the whole text is never held). With `generation`, only if the stored files are still those of that
   * generation (another builder may have written since); returns whether it was saved.
   */
  saveGraph(graph: GraphToSave, generation?: number): Awaitable<boolean>;
  /** The last assembled graph; undefined when none was saved since the stored files last changed. */
  loadGraph(): Awaitable<StoredGraph | undefined>;
  /**
   * Relation entries of a stored file's articles (article index in the file → bytes, src/relations/cache.ts),
   * kept from an earlier build; each says itself whether it is still valid. Engines without it make the
   * facts again on every build.
   */
  relationEntries?(name: string, hash: string): Awaitable<Map<number, Buffer>>;
  /**
   * Keeps relation entries of a stored file's articles (replacing those of the same articles), when the file
   * is still stored with this content and pipeline version; one transaction. Does not touch the saved graph.
   */
  putRelationEntries?(name: string, hash: string, entries: ReadonlyArray<{ seq: number; bytes: Buffer }>): Awaitable<void>;
  /**
   * The edges folded by the last build that kept them (parts of src/pipeline.ts `EdgeState`, which names the files
   * and articles they were folded from and what their facts were made from); engines without it fold every
   * article's facts on every build.
   */
  edgeState?(): Awaitable<Buffer[] | undefined>;
  /** Keeps the edges folded by this build (`edgeState`, its parts), replacing those kept before. */
  putEdgeState?(parts: readonly Buffer[]): Awaitable<void>;
  /**
   * The resolution of the last build that kept it (parts of src/pipeline.ts: the `KeptFile`s it was made from, then
   * the `KeptResolution`); engines without it resolve every stored article on every build.
   */
  resolutionState?(): Awaitable<Buffer[] | undefined>;
  /** Keeps the resolution of this build (`resolutionState`, its parts), replacing the one kept before. */
  putResolutionState?(parts: readonly Buffer[]): Awaitable<void>;
  close(): Awaitable<void>;
}

/** Compares stored file names as a folder walk orders them: path segment by segment, by UTF-16 code units. */
export function compareNames(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}
