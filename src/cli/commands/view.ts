import { stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Command } from 'commander';
import { serveViewer } from '../../viewer/server.js';
import { InputError } from '../../errors.js';
import { UsageError } from '../errors.js';

export function parsePort(value: string): number {
  if (!/^\d{1,5}$/u.test(value) || Number(value) > 65535) throw new UsageError(`--port must be an integer 0–65535, got "${value}"`);
  return Number(value);
}

/** Checks the target before starting a server, so a typo gets one clear line. */
export async function checkViewTarget(target: string): Promise<void> {
  const st = await stat(target).catch(() => null);
  if (!st) throw new InputError('no such file or folder (run `zhkg build` first to write out/)', target);
  if (st.isDirectory()) {
    const has = async (f: string): Promise<boolean> =>
      stat(join(target, f)).then(
        (s) => s.isFile(),
        () => false,
      );
    if (!(await has('graph.json')) && !(await has('graph.gexf'))) throw new InputError('folder holds no graph.json or graph.gexf', target);
    return;
  }
  const ext = extname(target).toLowerCase();
  if (ext !== '.json' && ext !== '.gexf') throw new InputError('not a .json or .gexf graph file', target);
}

/** `zhkg view [DIR|FILE] [--port N]`: serves the viewer on 127.0.0.1, prints the URL, runs until Ctrl+C. */
export function registerView(program: Command): void {
  program
    .command('view')
    .description('serve the viewer on 127.0.0.1 and print its URL')
    .argument('[target]', 'output folder of `zhkg build` or a .gexf/.json graph file', 'out')
    .option('-p, --port <n>', 'port (0: any free port)', '0')
    .action(async (target: string, opts: { port: string }) => {
      const port = parsePort(opts.port);
      await checkViewTarget(target);
      const server = await serveViewer(target, { port }).catch((err: unknown) => {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new InputError(`port ${port} is already in use`, '127.0.0.1');
        throw err;
      });
      process.stdout.write(`${server.url}\n`);
      process.stderr.write(`zhkg: serving ${target} at ${server.url} (Ctrl+C to stop)\n`);
      await new Promise<void>((done) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(done, done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
