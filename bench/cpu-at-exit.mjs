// Preloaded into a benchmark's child process (`node --import`, bench/startup.ts): at exit, appends the process's
// pid and CPU time (user + system, in ms; its worker threads included) as a line to the file ZHKG_BENCH_CPU_FILE
// names. Worker threads load it too (their line is the process's CPU so far); a process the child starts with its
// Node options (the CLI started again: src/cli/relaunch.ts) writes its own line.
import { appendFileSync } from 'node:fs';

const file = process.env['ZHKG_BENCH_CPU_FILE'];
if (file) {
  process.on('exit', () => {
    const c = process.cpuUsage();
    appendFileSync(file, `${process.pid} ${(c.user + c.system) / 1000}\n`);
  });
}
