/**
 * Start-up costs a user waits for (issue 14): a cold `zhkg build` of the bundled page (a fresh process and
 * a fresh output folder, so no store to reuse; with the model's table cache filled by an earlier build, and
 * without it) beside a cold Node process that only loads nodejieba and tags the same page, and the first
 * answer of `zhkg extract --lines` (from spawning the process to the first JSON line on stdout). Each is run `runs` times in fresh processes;
 * the median wall time is printed. Needs the compiled CLI (`npm run build`). A benchmark that prints figures,
 * never a test. `npx tsx bench/startup.ts [runs]` runs it alone; `npm run bench` calls it.
 *
 * `ZHKG_BENCH_OLD=DIR npx tsx bench/startup.ts [rounds]` compares this package's compiled CLI with the one of
 * DIR (another checkout, built) instead: each round runs the old build, the new build and the jieba-only process
 * (fresh folders, each CLI with its own filled table cache), the two builds' order alternating from round to
 * round; it prints the medians, the medians of the per-round ratios, and the load average before and after.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadAverage, median } from './child.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const page = join(root, 'data', '000_6a6b28fc1a4d90e2.txt');

/** The preload that reports a child's CPU time at exit (bench/cpu-at-exit.mjs). */
const cpuAtExit = pathToFileURL(join(root, 'bench', 'cpu-at-exit.mjs')).href;

/** A fresh process's wall time and CPU time (user + system, its threads included), in ms. */
interface Timed {
  wall: number;
  cpu: number;
}

function timed(args: string[], env: NodeJS.ProcessEnv = process.env): Timed {
  const dir = mkdtempSync(join(tmpdir(), 'zhkg-startup-cpu-'));
  const file = join(dir, 'cpu');
  try {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', cpuAtExit, ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...env, ZHKG_BENCH_CPU_FILE: file },
    });
    const wall = performance.now() - t0;
    if (r.status !== 0) throw new Error(`bench/startup: ${args.join(' ')} exited ${r.status}`);
    // per process its last line (its main thread ends last), summed over the processes (the CLI and the one it started)
    const last = new Map(
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(' ') as [string, string]),
    );
    const cpu = [...last.values()].reduce((a, v) => a + Number(v), 0);
    return { wall, cpu };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** ms from spawning `zhkg extract --lines` (of the CLI `main`) to its first line of output for one line of input. */
function firstAnswer(env: NodeJS.ProcessEnv, main = cli): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [main, 'extract', '--lines'], { stdio: ['pipe', 'pipe', 'inherit'], env });
    let done = false;
    child.stdout.on('data', () => {
      if (done) return;
      done = true;
      const ms = performance.now() - t0;
      child.stdin.end();
      child.on('close', () => resolve(ms));
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (!done) reject(new Error(`bench/startup: extract --lines exited ${code} before answering`));
    });
    child.stdin.write('内蒙古自治区通辽市科尔沁区的王瑞新说，合作社负责人路国庆介绍了情况。\n');
  });
}

export interface StartupBench {
  runs: number;
  /** With the model's table cache filled (as every build after the first). */
  buildPage: number;
  /** Without the table cache (`ZHKG_CACHE_DIR=`): the first build, or one with the cache off. */
  buildUncached: number;
  jiebaPage: number;
  extractFirst: number;
  /** CPU time (user + system, ms; medians) of the cached build and of the jieba-only process. */
  buildPageCpu: number;
  jiebaPageCpu: number;
}

export async function benchStartup(runs = 3): Promise<StartupBench | undefined> {
  if (!existsSync(cli)) return undefined;
  const tmp = mkdtempSync(join(tmpdir(), 'zhkg-startup-'));
  let n = 0;
  // A fresh output folder each time: a second build into the same one reuses its store (zhkg.db) and extracts nothing.
  const out = () => join(tmp, `out${n++}`);
  const jiebaOnly = `const j=require('nodejieba');j.load({userDict:${JSON.stringify(join(root, 'data', 'jieba-userdict.utf8'))}});j.tag(require('fs').readFileSync(${JSON.stringify(page)},'utf8'));`;
  const build: Timed[] = [];
  const uncached: Timed[] = [];
  const jieba: Timed[] = [];
  const first: number[] = [];
  // The model's table cache (src/parallel/model-cache.ts) in a folder of its own: filled by the first build.
  const cached = { ...process.env, ZHKG_CACHE_DIR: join(tmp, 'cache') };
  const noCache = { ...process.env, ZHKG_CACHE_DIR: '' };
  try {
    timed([cli, 'build', '-q', '--no-viewer', '-o', out()], cached);
    for (let i = 0; i < runs; i++) {
      build.push(timed([cli, 'build', '-q', '--no-viewer', '-o', out()], cached));
      jieba.push(timed(['-e', jiebaOnly]));
      uncached.push(timed([cli, 'build', '-q', '--no-viewer', '-o', out()], noCache));
      first.push(await firstAnswer(cached));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const wall = (t: Timed[]) => median(t.map((x) => x.wall));
  const cpu = (t: Timed[]) => median(t.map((x) => x.cpu));
  return {
    runs,
    buildPage: wall(build),
    buildUncached: wall(uncached),
    jiebaPage: wall(jieba),
    extractFirst: median(first),
    buildPageCpu: cpu(build),
    jiebaPageCpu: cpu(jieba),
  };
}

export interface StartupComparison {
  rounds: number;
  load: [string, string];
  old: Timed[];
  new: Timed[];
  jieba: Timed[];
  /** First answers of `zhkg extract --lines`, old and new CLI. */
  oldFirst: number[];
  newFirst: number[];
}

/** Old and new compiled CLIs (`oldRoot`: a package folder holding dist/) alternating, beside jieba-only; see the head. */
export async function compareStartup(oldRoot: string, rounds: number): Promise<StartupComparison> {
  const oldCli = join(oldRoot, 'dist', 'src', 'cli', 'main.js');
  if (!existsSync(cli) || !existsSync(oldCli)) throw new Error('bench/startup: both CLIs must be built (npm run build)');
  const tmp = mkdtempSync(join(tmpdir(), 'zhkg-startup-'));
  let n = 0;
  const out = () => join(tmp, `out${n++}`);
  const jiebaOnly = `const j=require('nodejieba');j.load({userDict:${JSON.stringify(join(root, 'data', 'jieba-userdict.utf8'))}});j.tag(require('fs').readFileSync(${JSON.stringify(page)},'utf8'));`;
  const envOf = (name: string) => ({ ...process.env, ZHKG_CACHE_DIR: join(tmp, `cache-${name}`) });
  const run = {
    old: () => timed([oldCli, 'build', '-q', '--no-viewer', '-o', out()], envOf('old')),
    new: () => timed([cli, 'build', '-q', '--no-viewer', '-o', out()], envOf('new')),
  };
  const first = { old: (): Promise<number> => firstAnswer(envOf('old'), oldCli), new: (): Promise<number> => firstAnswer(envOf('new'), cli) };
  const result: StartupComparison = { rounds, load: [loadAverage(), ''], old: [], new: [], jieba: [], oldFirst: [], newFirst: [] };
  try {
    // Fills each CLI's table cache.
    run.old();
    run.new();
    for (let i = 0; i < rounds; i++) {
      const order = i % 2 === 0 ? (['old', 'new'] as const) : (['new', 'old'] as const);
      for (const which of order) result[which].push(run[which]());
      result.jieba.push(timed(['-e', jiebaOnly]));
      for (const which of order) result[which === 'old' ? 'oldFirst' : 'newFirst'].push(await first[which]());
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  result.load[1] = loadAverage();
  return result;
}

export function formatStartupComparison(c: StartupComparison): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const ratio = (a: number[], b: number[]) => median(a.map((x, i) => x / b[i]!)).toFixed(2);
  const [oldWall, newWall, jiebaWall] = [c.old, c.new, c.jieba].map((t) => t.map((x) => x.wall)) as [number[], number[], number[]];
  const [oldCpu, newCpu, jiebaCpu] = [c.old, c.new, c.jieba].map((t) => t.map((x) => x.cpu)) as [number[], number[], number[]];
  return [
    `start-up, old vs new CLI, ${c.rounds} alternating rounds (load average ${c.load[0]} before, ${c.load[1]} after), medians:`,
    `  wall: old build ${s(median(oldWall))}, new build ${s(median(newWall))}, jieba-only ${s(median(jiebaWall))}`,
    `  per round: old ÷ jieba ${ratio(oldWall, jiebaWall)}, new ÷ jieba ${ratio(newWall, jiebaWall)}, new ÷ old ${ratio(newWall, oldWall)}`,
    `  CPU (user + system, threads included): old build ${s(median(oldCpu))}, new build ${s(median(newCpu))}, jieba-only ${s(median(jiebaCpu))}; per round new ÷ old ${ratio(newCpu, oldCpu)}`,
    `  extract --lines, first answer: old ${s(median(c.oldFirst))}, new ${s(median(c.newFirst))}; per round new ÷ old ${ratio(c.newFirst, c.oldFirst)}, new ÷ jieba-only ${ratio(c.newFirst, jiebaWall)}`,
    `  runs (s): old ${oldWall.map((x) => (x / 1000).toFixed(1)).join(' ')}; new ${newWall.map((x) => (x / 1000).toFixed(1)).join(' ')}; jieba ${jiebaWall.map((x) => (x / 1000).toFixed(1)).join(' ')}`,
  ].join('\n');
}

export function formatStartupBench(b: StartupBench | undefined): string {
  if (!b) return 'start-up: dist/ missing (run npm run build first)';
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return [
    `start-up, cold processes (median of ${b.runs}):`,
    `  zhkg build of the bundled page (--no-viewer)   ${s(b.buildPage)}`,
    `  the same without the model's table cache       ${s(b.buildUncached)}`,
    `  node: load nodejieba + tag the page            ${s(b.jiebaPage)}  → build ÷ that = ${(b.buildPage / b.jiebaPage).toFixed(2)} (${(b.buildUncached / b.jiebaPage).toFixed(2)} without the cache)`,
    `  CPU (user + system, threads included): build ${s(b.buildPageCpu)}, jieba-only ${s(b.jiebaPageCpu)} → ${(b.buildPageCpu / b.jiebaPageCpu).toFixed(2)}`,
    `  zhkg extract --lines, first answer             ${s(b.extractFirst)}`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const old = process.env['ZHKG_BENCH_OLD'];
  if (old) console.log(formatStartupComparison(await compareStartup(old, Number(process.argv[2] ?? 7))));
  else console.log(formatStartupBench(await benchStartup(Number(process.argv[2] ?? 3))));
}
