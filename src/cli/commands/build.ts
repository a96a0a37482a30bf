import type { Command } from 'commander';
import { buildGraphFromPaths, type Stage } from '../../pipeline.js';
import { defaultCorpus } from '../../text/read.js';
import { relative, sep } from 'node:path';
import { dataPath, packageRoot } from '../../paths.js';
import { checkOutputDir } from '../../export/commit.js';
import { createProgress } from '../progress.js';
import { InvalidArgumentError } from 'commander';
import { parseFieldMapping } from '../../intake/jsonl.js';

function collectField(value: string, previous: string[]): string[] {
  try {
    parseFieldMapping([value]);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message.replace(/^--field expects /, 'expected '));
  }
  return [...previous, value];
}
import { boundaryHook } from '../test-hooks.js';

/** `--min-confidence`: a number from 0 to 1. */
function parseConfidence(value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x < 0 || x > 1) throw new InvalidArgumentError('a number from 0 to 1 is expected.');
  return x;
}

/** `zhkg build [INPUT…] [-o DIR]` (SPEC §5). */
export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('build the knowledge graph of text, PDF and HTML files or folders; writes graph.gexf, graph.json and the viewer')
    .argument('[inputs...]', 'files or folders of .txt, .jsonl/.ndjson, .pdf, .html/.htm (default: the bundled corpus in data/)')
    .option('-o, --out <dir>', 'output folder', 'out')
    .option('-q, --quiet', 'no progress on stderr')
    .option('--no-viewer', 'do not copy the viewer page into the output folder (and remove one an earlier build put there)')
    .option('--skip-bad', 'skip files that cannot be read or decoded (binary, unreadable, too large, broken PDF) and malformed JSONL lines, with a warning each')
    .option('--field <FIELD=NAME>', 'JSONL: read FIELD (text, title, date, url, source) from the key NAME, e.g. --field text=content (repeatable)', collectField, [])
    .option('--min-confidence <x>', 'drop entities whose confidence is below x (0–1; default 0 keeps all)', parseConfidence)
    .action(async (inputs: string[], opts: { out: string; quiet?: boolean; viewer: boolean; skipBad?: boolean; field: string[]; minConfidence?: number }) => {
      // The output folder is checked before the (long) build, not after it.
      await checkOutputDir(opts.out);
      const hook = boundaryHook();
      const bundled = inputs.length === 0;
      const paths = bundled ? await defaultCorpus(dataPath()) : inputs;
      const progress = createProgress({ quiet: !!opts.quiet });
      const t0 = Date.now();
      let stage: Stage | undefined;
      // Only the graph is kept: articles, entities and relation facts can be freed before the export.
      const { graph, articleCount } = await buildGraphFromPaths(paths, {
        onProgress: (s: Stage, done: number, total: number) => {
          if (hook && s !== stage) hook(`stage:${s}`);
          stage = s;
          progress.update(s, done, total);
        },
        onWarning: (message: string) => process.stderr.write(`zhkg: warning: ${message}\n`),
        ...(opts.field.length ? { fields: parseFieldMapping(opts.field) } : {}),
        ...(opts.minConfidence !== undefined ? { minConfidence: opts.minConfidence } : {}),
        ...(opts.skipBad
          ? { onBadFile: (_path: string, error: Error) => process.stderr.write(`zhkg: skipped ${error.message}\n`) }
          : {}),
        // The bundled corpus goes by data/<file>, wherever the package is installed.
        ...(bundled ? { sourceName: (p: string) => relative(packageRoot, p).split(sep).join('/') } : {}),
      }).then((r) => ({ graph: r.graph, articleCount: r.articles.length }));
      progress.stop();
      hook?.('stage:built');
      // Loaded on demand: the exporters and the viewer assets are only needed by `build`.
      const { writeOutputs } = await import('../../output.js');
      const files = await writeOutputs(graph, opts.out, { viewer: opts.viewer, ...(hook ? { onBoundary: hook } : {}) });
      if (!opts.quiet) {
        const secs = ((Date.now() - t0) / 1000).toFixed(1);
        process.stderr.write(
          `zhkg: ${articleCount} articles → ${graph.order} nodes, ${graph.size} edges in ${secs} s\n`,
        );
      }
      process.stdout.write(`${files.gexf}\n${files.json}\n${files.viewer ? `${files.viewer}\n` : ''}`);
    });
}
