/**
 * CPU of processes a test starts but never waits for, for the per-file figures of test/setup/cpu.ts
 * (`ZHKG_TEST_CPU_LOG`): Chromium's GPU, renderer and utility processes. Their CPU never reaches the test
 * process's children figure (/proc's cutime), which has the browser process itself (reaped by the test
 * process) but not the processes the browser and its zygote start. Their share is large: about 2.5–3.5 s of CPU per page load of the viewer with
 * software GL (docs/development.md, "Test wall time").
 *
 * `watchProcesses(mark)` samples, every half second, the CPU of the processes whose command line holds `mark`
 * (a browser's profile folder); its `stop()` samples once more and adds the total to the figure `takeUnreaped`
 * gives (and resets). Without `ZHKG_TEST_CPU_LOG` nothing is sampled. Linux (/proc) only; elsewhere 0.
 */
import { readFileSync, readdirSync } from 'node:fs';

const KEY = Symbol.for('zhkg.test.unreapedCpu');
type Store = { [KEY]?: number };

/** CPU seconds (user + system) of the live processes whose command line holds `mark`, by pid. */
function sample(mark: string, seen: Map<string, number>): void {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return;
  }
  for (const pid of pids) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(mark)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // the fields after the command name: ppid [1], utime [11], stime [12] (ticks of 1/100 s)
      const f = stat
        .slice(stat.lastIndexOf(')') + 2)
        .split(' ')
        .map(Number);
      // (a child of this process, the browser itself, is reaped by it: its CPU is in the children figure already)
      if (f[1] === process.pid) continue;
      seen.set(pid, Math.max(seen.get(pid) ?? 0, (f[11]! + f[12]!) / 100));
    } catch {
      // the process ended meanwhile: its last sample stands
    }
  }
}

/** Starts sampling the processes whose command line holds `mark`; `stop()` (before they end) adds their CPU up. */
export function watchProcesses(mark: string): { stop(): void } {
  if (!process.env['ZHKG_TEST_CPU_LOG']) return { stop: () => undefined };
  const seen = new Map<string, number>();
  const timer = setInterval(() => sample(mark, seen), 500);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      sample(mark, seen);
      const store = globalThis as Store;
      store[KEY] = (store[KEY] ?? 0) + [...seen.values()].reduce((a, b) => a + b, 0);
    },
  };
}

/** The CPU seconds `stop()` added up since the last call. */
export function takeUnreaped(): number {
  const store = globalThis as Store;
  const cpu = store[KEY] ?? 0;
  store[KEY] = 0;
  return cpu;
}
