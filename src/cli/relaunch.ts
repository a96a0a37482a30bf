/**
 * `zhkg build` and `zhkg extract` run in a process whose malloc backs its heaps with transparent huge pages
 * (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`). nodejieba's dictionary load, most of a small build's time, makes
 * some 250 MB of small allocations: with 4 kB pages that is ~150 k page faults, and with huge pages a cold
 * build of the bundled page takes 1.7–2.0 s instead of 2.9–3.1 s (docs/pipeline.md, "Start-up"). glibc reads
 * its tunables only when a process starts, so the command line starts itself again with the tunable added
 * (its arguments, standard streams, Node options and exit status passed through; the signals that ask it
 * to stop passed on) — only where it pays: Linux, glibc 2.35 or later (older ones and musl ignore the
 * tunable), transparent huge pages not `never`, not under the inspector, and a tunable for huge pages not set
 * already (`GLIBC_TUNABLES=glibc.malloc.hugetlb=0` keeps the process as it is).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';

/** The commands that load nodejieba's dictionary. */
const HEAVY = new Set(['build', 'extract']);
const TUNABLE = 'glibc.malloc.hugetlb';

/** What decides whether to start again: facts of this machine and process. */
export interface RelaunchFacts {
  platform: NodeJS.Platform;
  /** glibc's version at run time ("2.36"), or undefined (musl, or not Linux) */
  glibc: string | undefined;
  /** the kernel's transparent huge page mode (always, madvise, never), or undefined when unknown */
  thp: string | undefined;
  /** this process runs under the inspector (`--inspect…`, on its command line or in NODE_OPTIONS) */
  inspected?: boolean;
}

/**
 * The environment to start the command line again with, or null to run here: see the module's comment.
 * Pure: `argv` as given to the command line (the verb first), `env` this process's.
 */
export function relaunchEnv(argv: readonly string[], env: NodeJS.ProcessEnv, facts: RelaunchFacts): NodeJS.ProcessEnv | null {
  // (under a debugger the command runs where it is being debugged: a second process would be neither attached nor able to listen)
  if (!HEAVY.has(argv[0] ?? '') || facts.platform !== 'linux' || facts.inspected === true) return null;
  if (facts.thp !== 'always' && facts.thp !== 'madvise') return null;
  const m = /^(\d+)\.(\d+)/.exec(facts.glibc ?? '');
  if (!m || Number(m[1]) * 1000 + Number(m[2]) < 2035) return null;
  const tunables = withHugePages(env['GLIBC_TUNABLES']);
  return tunables === null ? null : { ...env, GLIBC_TUNABLES: tunables };
}

/**
 * `GLIBC_TUNABLES` (its value, or undefined) with `glibc.malloc.hugetlb=1` added to the tunables it holds, or null
 * when it sets that tunable already (to any value: a choice that is kept). The CLI (relaunchEnv) and the test
 * runner (vitest.config.ts) both set it so.
 */
export function withHugePages(value: string | undefined): string | null {
  const tunables = (value ?? '').split(':').filter((t) => t !== '');
  return tunables.some((t) => t.startsWith(`${TUNABLE}=`)) ? null : [...tunables, `${TUNABLE}=1`].join(':');
}

/** This machine's and process's facts (Linux: the kernel's THP mode and glibc's version from Node's report). */
export function relaunchFacts(): RelaunchFacts {
  if (process.platform !== 'linux') return { platform: process.platform, glibc: undefined, thp: undefined };
  let thp: string | undefined;
  try {
    thp = /\[(\w+)\]/.exec(readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8'))?.[1];
  } catch {
    thp = undefined;
  }
  const inspected = [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)].some((a) => a.startsWith('--inspect'));
  if (inspected || (thp !== 'always' && thp !== 'madvise')) return { platform: 'linux', glibc: undefined, thp, inspected };
  const header = (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header;
  return { platform: 'linux', glibc: header?.glibcVersionRuntime, thp, inspected };
}

/** The signals that ask a command to stop: passed on to the command started again. */
const PASSED_ON: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

/**
 * Starts `script` again with `args` in `env` (this process's Node and its options, the standard streams
 * shared) and ends this process as it ends: with its exit code, or killed by the same signal.
 */
export function relaunch(script: string, args: readonly string[], env: NodeJS.ProcessEnv): void {
  const child = spawn(process.execPath, [...process.execArgv, script, ...args], { stdio: 'inherit', env });
  const pass = (signal: NodeJS.Signals) => {
    // (a terminal's Ctrl+C reaches both processes; a second SIGINT is harmless to a command that stops at the first)
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const s of PASSED_ON) process.on(s, pass);
  child.on('error', (err) => {
    process.stderr.write(`zhkg: cannot start ${process.execPath}: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const s of PASSED_ON) process.off(s, pass);
    // killed by a signal that stops this process too (no core dump of its own): ended by it; otherwise the shell's 128 + n
    if (signal && (PASSED_ON.includes(signal) || signal === 'SIGKILL')) process.kill(process.pid, signal);
    else process.exit(signal ? 128 + constants.signals[signal] : (code ?? 1));
  });
}
