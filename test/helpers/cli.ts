/**
 * Runs the zhkg CLI: in a child process to completion (runCli) or as a live child (spawnCli), both on the
 * compiled CLI (`distMain`, which test/setup/dist.ts rebuilds before the run when a source is newer), or
 * in the test's own process: from source (runCliHere) or compiled (runDistHere). A child pays a cold start
 * (nodejieba's dictionary, the model, the division index: seconds of CPU each time; a `tsx` child paid the
 * TypeScript transform on top); use it where the process boundary is what is tested (standard input, pipes,
 * signals, exit of the process, several builders at once). runCliHere runs the same `main` with stdout and
 * stderr captured, sharing what the test process has loaded. runDistHere does so with the compiled `main`,
 * for runs on a store a child wrote (or will read): a store's rows belong to the pipeline version of the code
 * that wrote them, a hash of its modules (src/store/version.ts), so the compiled CLI and the sources are two
 * versions and one does not reuse what the other stored.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { CHILD_NODE_OPTIONS } from './child-env.js';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The compiled CLI (the package's `bin`), kept current by the global setup test/setup/dist.ts. */
export const distMain = resolve(repoRoot, 'dist/src/cli/main.js');

/** How a child is started: Node's own options before the script (`--import probe.mjs`), and variables to set or (undefined) remove. */
export interface ChildOptions {
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
}

const cliArgs = (args: string[], options: ChildOptions) => [...(options.nodeArgs ?? []), distMain, ...args];
function cliEnv(options: ChildOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: CHILD_NODE_OPTIONS, ...options.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env;
}

export function runCli(args: string[], options: { input?: string | Buffer; cwd?: string } & ChildOptions = {}): CliResult {
  const r = spawnSync(process.execPath, cliArgs(args, options), {
    cwd: options.cwd ?? repoRoot,
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: cliEnv(options),
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the CLI with piped stdin, stdout and stderr, for tests that talk to it while it runs. */
export function spawnCli(args: string[], options: ChildOptions = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, cliArgs(args, options), { cwd: repoRoot, env: cliEnv(options), stdio: ['pipe', 'pipe', 'pipe'] });
}

/**
 * The input in pieces of 1 to 7 bytes, as a pipe may deliver it: a line, a CRLF pair or a multi-byte
 * character split across chunks (fixed sizes, so every run splits alike).
 */
function chunks(input: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0, k = 0; at < input.length; k++) {
    const n = 1 + ((k * 3) % 7);
    out.push(input.subarray(at, at + n));
    at += n;
  }
  return out;
}

/**
 * Runs `zhkg …` in this process (`main` of src/cli/main.ts), capturing stdout and stderr; the exit code is
 * returned. With `input`, `process.stdin` is a stream of those bytes, in small chunks, while it runs (the
 * CLI reads standard input as a stream of chunks; what only a real pipe shows — a live writer, a reader
 * closing early — needs a child: spawnCli).
 */
export function runCliHere(args: string[], options: { input?: string | Buffer } = {}): Promise<CliResult> {
  return captured(main, args, options);
}

type Main = (args: string[]) => Promise<number>;
let compiled: Promise<Main> | undefined;

/**
 * Runs `zhkg …` in this process as runCliHere does, with the compiled CLI's `main` (dist/src/cli/main.js,
 * what the children run): imported by Node itself, not through vitest's transform (vitest.config.ts
 * externalizes dist/), once per test process. Its modules are their own copies, so the first run in a test
 * process loads nodejieba's dictionary, the model and the division index for them once more (seconds of CPU,
 * once; each child pays that every time). For a store a child wrote or will read (see above).
 */
export async function runDistHere(args: string[], options: { input?: string | Buffer } = {}): Promise<CliResult> {
  compiled ??= import(pathToFileURL(distMain).href).then((m: { main: Main }) => m.main);
  return captured(await compiled, args, options);
}

async function captured(run: Main, args: string[], options: { input?: string | Buffer }): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  const savedExitCode = process.exitCode;
  process.exitCode = undefined;
  const stdin = Object.getOwnPropertyDescriptor(process, 'stdin');
  if (options.input !== undefined) {
    const stream = Readable.from(chunks(Buffer.from(options.input)));
    Object.defineProperty(process, 'stdin', { configurable: true, enumerable: stdin?.enumerable ?? true, get: () => stream });
  }
  try {
    const code = await run(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = savedExitCode;
    if (options.input !== undefined && stdin) Object.defineProperty(process, 'stdin', stdin);
  }
}
