import type { Command } from 'commander';

/** `zhkg view [DIR|FILE] [--port N]` — owned by the viewer work (issue 5). */
export function registerView(program: Command): void {
  program
    .command('view')
    .description('serve the viewer on 127.0.0.1 and print its URL')
    .argument('[target]', 'output folder of `zhkg build` or a .gexf/.json graph file', 'out')
    .option('-p, --port <n>', 'port (0: any free port)', '0')
    .action(async () => {
      throw new Error('view: not implemented yet');
    });
}
