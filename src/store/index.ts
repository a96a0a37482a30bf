/** Stores of extraction results (issue 11): the interface, and opening one by its location. */
import { SqliteStore } from './sqlite.js';
import { pipelineVersion } from './version.js';
import type { ExtractionStore } from './types.js';

export type { ArticleRef, ExtractionStore, ReadNote, StoredFile, StoredGraph } from './types.js';
export { pipelineVersion, STORE_FORMAT } from './version.js';
export { SqliteStore, APPLICATION_ID, loadStoredGraph } from './sqlite.js';

/** The store file a build writes beside its outputs when `--store` names none (out/zhkg.db by default). */
export const STORE_FILE = 'zhkg.db';

/** Opens the store at `location` (a file path) for the reading settings given (see pipelineVersion). */
export function openStore(location: string, settings: unknown = {}): ExtractionStore {
  return SqliteStore.open(location, pipelineVersion(settings));
}
