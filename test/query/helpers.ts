/** Shared helpers of the query tests: fixture paths and an in-process CLI runner. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const FIXTURES = resolve(import.meta.dirname, '../fixtures/query');
export const SAMPLE_JSON = join(FIXTURES, 'sample.json');
export const NETWORKX_GEXF = join(FIXTURES, 'networkx.gexf');
export const MALFORMED_GEXF = join(FIXTURES, 'malformed.gexf');

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'zhkg-query-'));
}

export function tempFile(name: string, content: string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

export type { CliResult as CliRun } from '../helpers/cli.js';

/** Runs `zhkg …` in this process, capturing stdout and stderr. */
export { runCliHere as runCli } from '../helpers/cli.js';
