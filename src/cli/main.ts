#!/usr/bin/env node
/**
 * zhkg command line. Each verb lives in src/cli/commands/<verb>.ts and registers itself here.
 * Exit codes (SPEC §5): 0 success, 1 error (one line: what and where), 2 bad usage.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { UsageError, errorLine } from './errors.js';
import type { CliContext } from './context.js';
import { relaunch, relaunchEnv, relaunchFacts } from './relaunch.js';

/** The verbs, in help order; each module is loaded when its verb is registered. */
const VERBS: Record<string, (program: Command, context: CliContext) => Promise<void>> = {
  build: async (p, c) => (await import('./commands/build.js')).registerBuild(p, c),
  extract: async (p, c) => (await import('./commands/extract.js')).registerExtract(p, c),
  view: async (p) => (await import('./commands/view.js')).registerView(p),
  query: async (p) => (await import('./commands/query.js')).registerQuery(p),
  export: async (p) => (await import('./commands/export.js')).registerExport(p),
};

/**
 * The program for `argv`: when it names a verb, only that verb is registered (the modules of the others, the
 * query and export stacks, are then not loaded: a cold `zhkg build` starts its work sooner); otherwise all of
 * them (help, a mistyped verb, `--version`).
 */
export async function createProgram(context: CliContext = {}, argv: readonly string[] = []): Promise<Command> {
  const program = new Command();
  program
    .name('zhkg')
    .description('Knowledge graphs from Chinese news text: entities, relations, evidence, GEXF, viewer')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const verb = argv[0];
  for (const name of verb !== undefined && Object.hasOwn(VERBS, verb) ? [verb] : Object.keys(VERBS)) await VERBS[name]!(program, context);
  for (const cmd of program.commands) cmd.exitOverride().showHelpAfterError();
  return program;
}

export async function main(argv: string[], context: CliContext = {}): Promise<number> {
  const standby = context.oneShot && (argv[0] === 'build' || argv[0] === 'extract') ? await startStandby() : undefined;
  // `zhkg extract` segments whatever it is given: its worker loads the dictionary from now on.
  if (standby && argv[0] === 'extract') void standby.segment('').catch(() => {});
  const program = await createProgram(standby ? { ...context, standby } : context, argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return 0;
      return 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`zhkg: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`zhkg: ${errorLine(err)}\n`);
    return 1;
  } finally {
    standby?.close(); // closed by the build when it adopted it; else never told to load
  }
}

/**
 * For a one-shot `zhkg build` or `zhkg extract` on a machine with another core: a segmentation worker started
 * before the command's modules load (./standby-worker.ts). Its thread boots meanwhile, so a small build that
 * segments there has it load the dictionary as soon as it knows, without waiting for a thread to start; an
 * extraction has it load at once.
 */
async function startStandby(): Promise<CliContext['standby']> {
  const [{ WorkerSegmenter }, { workerSource }, { defaultWorkerCount }] = await Promise.all([
    import('../parallel/segmenter.js'),
    import('../parallel/source.js'),
    import('../parallel/sizes.js'),
  ]);
  return defaultWorkerCount() > 1 ? new WorkerSegmenter({ source: workerSource('../cli/standby-worker') }) : undefined;
}

function invokedDirectly(): boolean {
  const arg = process.argv[1];
  if (!arg) return false;
  try {
    return realpathSync(arg) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

/** A write to standard output failed, and not because its reader had gone: exit status 1. */
let outputFailed = false;

/**
 * A reader that closes the pipe early (`zhkg extract --lines < big.txt | head -1`) has all it wants: stop
 * quietly, as other Unix tools do, instead of an unhandled 'error' event and its stack trace. Any other
 * failure to write standard output (a full disk) is one line and exit status 1. The process is not ended
 * here: the command stops writing once its output has failed (extract checks after each text) and ends as
 * usual, its workers first finishing what they are doing. `process.exit` here ended it with the segmentation
 * worker inside nodejieba now and then, and nodejieba then aborts the process (SIGABRT, no exit status).
 */
export function quietOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') return;
    process.stderr.write(`zhkg: ${errorLine(err)}\n`);
    outputFailed = true;
    process.exitCode = 1; // (when the command has already ended)
  });
}

if (invokedDirectly()) {
  const args = process.argv.slice(2);
  // build and extract start again with malloc on huge pages where that pays (./relaunch.ts)
  const env = relaunchEnv(args, process.env, relaunchFacts());
  if (env) relaunch(process.argv[1]!, args, env);
  else {
    quietOnClosedPipe();
    void main(args, { oneShot: true }).then((code) => {
      process.exitCode = outputFailed ? 1 : code;
    });
  }
}
