/** Runs the zhkg CLI from source (no build needed): to completion (runCli) or as a live child (spawnCli). */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const cliArgs = (args: string[]) => ['--import', 'tsx', resolve(repoRoot, 'src/cli/main.ts'), ...args];
const cliEnv = () => ({ ...process.env, NODE_OPTIONS: '' });

export function runCli(args: string[], options: { input?: string | Buffer; cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, cliArgs(args), {
    cwd: options.cwd ?? repoRoot,
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: cliEnv(),
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the CLI with piped stdin, stdout and stderr, for tests that talk to it while it runs. */
export function spawnCli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, cliArgs(args), { cwd: repoRoot, env: cliEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
}
