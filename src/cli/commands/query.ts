import type { Command } from 'commander';

/** `zhkg query …` — owned by the query work (issue 6). */
export function registerQuery(program: Command): void {
  program
    .command('query')
    .description('query a built graph (neighbors, path, find, stats)');
}
