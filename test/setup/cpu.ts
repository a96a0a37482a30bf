/**
 * Per-file CPU, for finding where the suite's time goes (docs/development.md, "Test wall time"): with
 * `ZHKG_TEST_CPU_LOG=FILE`, each test file appends one line to FILE — its path under test/, the CPU seconds of
 * the worker process while it ran (its worker threads included), the CPU seconds of the child processes it
 * waited for (CLI children, python3 …), its wall seconds, and the CPU seconds of the Chromium processes it
 * started (sampled: test/helpers/process-cpu.ts; they are not reaped through the worker, so the children
 * figure misses them). CPU figures hold on a busy shared machine, where wall times do not. Read from /proc
 * (Linux); without the variable it does nothing. Not counted: the file's import, a PostgreSQL server.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import { takeUnreaped } from '../helpers/process-cpu.js';

const log = process.env['ZHKG_TEST_CPU_LOG'];

/** CPU ticks (1/100 s) of this process and of its waited-for children. */
function ticks(): { self: number; children: number } {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // the fields after the command name (which may hold spaces): state is [0], utime [11], stime [12], cutime [13], cstime [14]
  const f = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  return { self: f[11]! + f[12]!, children: f[13]! + f[14]! };
}

if (log) {
  let start = { self: 0, children: 0 };
  let wall = 0;
  beforeAll(() => {
    takeUnreaped();
    start = ticks();
    wall = performance.now();
  });
  afterAll(() => {
    const end = ticks();
    const file = (expect.getState().testPath ?? '?').replace(/^.*\/test\//, '');
    const s = (t: number) => (t / 100).toFixed(1);
    const browsers = takeUnreaped().toFixed(1);
    appendFileSync(
      log,
      `${file}\t${s(end.self - start.self)}\t${s(end.children - start.children)}\t${((performance.now() - wall) / 1000).toFixed(1)}\t${browsers}\n`,
    );
  });
}
