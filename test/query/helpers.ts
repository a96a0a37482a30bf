/** Shared helpers of the query tests: fixture paths and an in-process CLI runner. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';

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

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `zhkg …` in this process, capturing stdout and stderr. */
export async function runCli(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const savedExitCode = process.exitCode;
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = savedExitCode;
  }
}
