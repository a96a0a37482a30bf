/**
 * A store of extraction results (issue 11): for each input file, keyed by its name, the content hash of
 * its bytes and the pipeline version, the articles it was split into and the raw entity mentions of each
 * (before corpus-wide resolution), plus the remarks its reading produced. Resolution, relations and the
 * graph are made from these on every build, so a build that reuses stored files gives the same bytes as a
 * fresh one. The last assembled graph is kept too, for `zhkg export` and `zhkg query --store`.
 */
import type { Article, Mention } from '../types.js';

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
  notes: ReadNote[];
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

export interface ExtractionStore {
  /** Where it lies (a file path), for messages. */
  readonly location: string;
  /** The pipeline version whose rows this store reads and writes (src/store/version.ts). */
  readonly version: string;
  /** The stored results of `name` when they are of this content and this pipeline version. */
  lookup(name: string, hash: string): StoredFile | undefined;
  /**
   * Whether `name` is stored with this content and pipeline version, without reading its articles: its
   * reading remarks and the id and source of each article (in order); undefined when not stored.
   */
  peek(name: string, hash: string): { notes: ReadNote[]; articles: ArticleRef[] } | undefined;
  /**
   * Stores one file's results in one transaction, replacing whatever was stored under its name.
   * `inside` runs within the transaction, before it commits (test hooks).
   */
  put(file: StoredFile, inside?: () => void): void;
  /** Forgets every file not named in `names` (inputs that are gone); returns how many were forgotten. */
  forgetExcept(names: ReadonlySet<string>): number;
  /** Names of the stored files (sorted). */
  names(): string[];
  saveGraph(graph: StoredGraph): void;
  /** The last assembled graph; undefined when none was saved since the stored files last changed. */
  loadGraph(): StoredGraph | undefined;
  close(): void;
}
