/** Stores of extraction results (issue 11): the interface, and opening one by its location. */
import { SqliteStore } from './sqlite.js';
import type { PgOpenOptions } from './postgres.js';
import { isPostgresUrl } from './url.js';
import { pipelineVersion } from './version.js';
import type { ExtractionStore } from './types.js';

export type { ArticleRef, Awaitable, ExtractionStore, GraphToSave, ReadNote, StoredFile, StoredGraph, StoreSnapshot } from './types.js';
export { compareNames } from './types.js';
export { pipelineVersion, codeVersion, STORE_FORMAT } from './version.js';
export { SqliteStore, APPLICATION_ID, loadStoredGraph } from './sqlite.js';
export { isPostgresUrl, redactUrl } from './url.js';
export type { PgStore, PgOpenOptions } from './postgres.js';

/** The store file a build writes beside its outputs when `--store` names none (out/zhkg.db by default). */
export const STORE_FILE = 'zhkg.db';

/** Opens the SQLite store file at `location` for the reading settings given (see pipelineVersion). */
export function openStore(location: string, settings: unknown = {}): SqliteStore {
  return SqliteStore.open(location, pipelineVersion(settings));
}

/**
 * Opens the store at `location`: a PostgreSQL database for a `postgres://` or `postgresql://` URL, else an
 * SQLite file. `create: false` (readers) refuses an empty database instead of creating the tables.
 */
export async function connectStore(location: string, settings: unknown = {}, options: PgOpenOptions = {}): Promise<ExtractionStore> {
  if (isPostgresUrl(location)) {
    // Loaded on demand: builds into SQLite never load the PostgreSQL client.
    const { PgStore } = await import('./postgres.js');
    return PgStore.open(location, options.version ?? pipelineVersion(settings), options);
  }
  return openStore(location, settings);
}
