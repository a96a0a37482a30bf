// Preloaded into a benchmark's child process (`node --import`, bench/startup.ts): at exit, appends the process's
// CPU time (user + system, in ms; its worker threads included) as a line to the file ZHKG_BENCH_CPU_FILE names.
import { appendFileSync } from 'node:fs';

const file = process.env['ZHKG_BENCH_CPU_FILE'];
if (file) {
  process.on('exit', () => {
    const c = process.cpuUsage();
    appendFileSync(file, `${(c.user + c.system) / 1000}\n`);
  });
}
