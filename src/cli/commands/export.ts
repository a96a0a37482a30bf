/**
 * `zhkg export [--store FILE] [-o DIR] [--ego NAME --depth N] [--kind K…] [--articles GLOB…]` (issue 11):
 * GEXF, JSON and the viewer for a slice of the graph the last build assembled in the store, without
 * reading or extracting any input again.
 */
import { InvalidArgumentError, type Command } from 'commander';
import picomatch from 'picomatch';
import { graphFromStore } from '../../stored-graph.js';
import { redactUrl } from '../../store/url.js';
import { sliceGraph, type SliceOptions } from '../../query/slice.js';
import { checkOutputDir } from '../../export/commit.js';
import { ENTITY_KINDS } from '../../types.js';
import { boundaryHook } from '../test-hooks.js';

const KINDS = [...ENTITY_KINDS, 'ARTICLE'];
const MAX_DEPTH = 20;

function collectKind(value: string, previous: string[]): string[] {
  const kinds = value
    .split(',')
    .map((k) => k.trim().toUpperCase())
    .filter((k) => k !== '');
  const bad = kinds.find((k) => !KINDS.includes(k));
  if (bad !== undefined || kinds.length === 0) throw new InvalidArgumentError(`expected one or more of ${KINDS.join(', ')}`);
  return [...previous, ...kinds];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseDepth(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > MAX_DEPTH) throw new InvalidArgumentError(`expected an integer from 1 to ${MAX_DEPTH}`);
  return n;
}

interface ExportOpts {
  store: string;
  out: string;
  ego?: string;
  depth?: number;
  kind: string[];
  articles: string[];
  viewer: boolean;
  quiet?: boolean;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write graph.gexf, graph.json and the viewer for the graph in a store, or a slice of it, without rebuilding')
    .option('--store <file|url>', 'the store a build wrote (a file, or postgres://… where shard builders wrote)', 'out/zhkg.db')
    .option('-o, --out <dir>', 'output folder', 'out/export')
    .option('--ego <name>', 'only the ego network of this entity (label, alias or node key)')
    .option('--depth <n>', `hops of the ego network (1–${MAX_DEPTH}, default 1)`, parseDepth)
    .option('--kind <kinds>', `only nodes of these kinds (${KINDS.join(', ')}; repeatable or comma-separated)`, collectKind, [])
    .option(
      '--articles <glob>',
      "only what articles of these files attest (a glob over the file's name in the graph, or an article id; repeatable)",
      collect,
      [],
    )
    .option('--no-viewer', 'do not copy the viewer page into the output folder')
    .option('-q, --quiet', 'no summary on stderr')
    .action(async (opts: ExportOpts) => {
      if (opts.depth !== undefined && opts.ego === undefined) throw new InvalidArgumentError('--depth needs --ego');
      await checkOutputDir(opts.out);
      const whole = await graphFromStore(opts.store);
      const match = opts.articles.length ? picomatch(opts.articles, { dot: true }) : undefined;
      const slice: SliceOptions = {
        ...(match ? { articles: (id: string, source: string) => match(source) || match(id) } : {}),
        ...(opts.ego !== undefined ? { ego: opts.ego, depth: opts.depth ?? 1 } : {}),
        ...(opts.kind.length ? { kinds: opts.kind } : {}),
      };
      const graph = sliceGraph(whole, slice);
      const hook = boundaryHook();
      const { writeOutputs } = await import('../../output.js');
      const files = await writeOutputs(graph, opts.out, { viewer: opts.viewer, ...(hook ? { onBoundary: hook } : {}) });
      if (!opts.quiet)
        process.stderr.write(`zhkg: exported ${graph.order} of ${whole.order} nodes, ${graph.size} of ${whole.size} edges from ${redactUrl(opts.store)}\n`);
      process.stdout.write(`${files.gexf}\n${files.json}\n${files.viewer ? `${files.viewer}\n` : ''}`);
    });
}
