/**
 * What the benches share: one build in a child process of its own (so its peak RSS is its own), reporting one
 * JSON line last on stdout; the machine line printed first; the load average beside each figure.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Runs bench/`script` with `args` under this Node (and its loader flags) and parses its last stdout line. */
export function runJsonChild<T>(script: string, args: readonly string[], what: string): T {
  const child = spawnSync(process.execPath, [...process.execArgv, join(here, script), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 24,
  });
  if (child.status !== 0) throw new Error(`bench ${what} build failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as T;
}

/** The load averages, one decimal each. */
export const loadAverage = (): string =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

/** `zhkg bench: <title> — node …, N cores, load average …` */
export const machineLine = (title: string): string =>
  `zhkg bench: ${title} — node ${process.version}, ${availableParallelism()} cores, load average ${loadAverage()}`;

/** Wall time and CPU time of this process (all its threads), in milliseconds. */
export interface Clock {
  wall: number;
  cpu: number;
}
export const now = (): Clock => {
  const c = process.cpuUsage();
  return { wall: performance.now(), cpu: (c.user + c.system) / 1000 };
};
/** What passed since `t`. */
export const since = (t: Clock): Clock => {
  const n = now();
  return { wall: n.wall - t.wall, cpu: n.cpu - t.cpu };
};

/** The median (the mean of the two middle values of an even count). */
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
