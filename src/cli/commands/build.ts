import type { Command } from 'commander';
import type { Stage } from '../../pipeline.js';
import { checkShardName } from '../../store/shard.js';
import { defaultCorpus, listInputFiles } from '../../text/read.js';
import { earlySegmenter, segmentsEarly, type WorkerSegmenter } from '../../parallel/segmenter.js';
import { existsSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { dataPath, packageRoot } from '../../paths.js';
import { checkOutputDir } from '../../export/commit.js';
import { createProgress } from '../progress.js';
import { InvalidArgumentError } from 'commander';
import { parseFieldMapping } from '../../intake/jsonl.js';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { connectStore, isPostgresUrl, STORE_FILE } from '../../store/index.js';
import { UsageError } from '../errors.js';
import type { CliContext } from '../context.js';

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

/**
 * The standby segmenter (src/cli/standby-worker.ts), told to load the dictionary, when the build will segment on
 * this side of the pool (`segmentsEarly`, the rule `earlySegmenter` follows). Otherwise it is closed (it never
 * loaded anything) and the build goes without.
 */
async function adoptStandby(standby: WorkerSegmenter, files: readonly string[], allNew: boolean): Promise<WorkerSegmenter | undefined> {
  if (await segmentsEarly(files, allNew)) {
    void standby.segment('').catch(() => {}); // the signal to load
    return standby;
  }
  standby.close();
  return undefined;
}

/** `zhkg build [INPUT…] [-o DIR]` (SPEC §5). */
export function registerBuild(program: Command, context: CliContext = {}): void {
  program
    .command('build')
    .description('build the knowledge graph of text, PDF and HTML files or folders; writes graph.gexf, graph.json and the viewer')
    .argument('[inputs...]', 'files or folders of .txt, .jsonl/.ndjson, .pdf, .html/.htm (default: the bundled corpus in data/)')
    .option('-o, --out <dir>', 'output folder', 'out')
    .option('-q, --quiet', 'no progress on stderr')
    .option('--no-viewer', 'do not copy the viewer page into the output folder (and remove one an earlier build put there)')
    .option(
      '--skip-bad',
      'skip files that cannot be read or decoded (binary, unreadable, too large, broken PDF) and malformed JSONL lines, with a warning each',
    )
    .option(
      '--field <FIELD=NAME>',
      'JSONL: read FIELD (text, title, date, url, source) from the key NAME, e.g. --field text=content (repeatable)',
      collectField,
      [],
    )
    .option('--min-confidence <x>', 'drop entities whose confidence is below x (0–1; default 0 keeps all)', parseConfidence)
    .option(
      '--store <file|url>',
      `store of extraction results: only new and changed files are extracted (default: ${STORE_FILE} in the output folder; postgres://… for a PostgreSQL database)`,
    )
    .option('--no-store', 'extract every file, keep no store')
    .option(
      '--shard <name>',
      'store the inputs as shard NAME of a PostgreSQL store shared with other builders (files named NAME/…, only its own gone files forgotten); writes no graph: zhkg export --store assembles all shards',
      (v: string) => {
        try {
          return checkShardName(v);
        } catch (err) {
          throw new InvalidArgumentError((err as Error).message);
        }
      },
    )
    .action(
      async (
        inputs: string[],
        opts: {
          out: string;
          quiet?: boolean;
          viewer: boolean;
          skipBad?: boolean;
          field: string[];
          minConfidence?: number;
          store: string | boolean;
          shard?: string;
        },
      ) => {
        if (opts.shard !== undefined && (typeof opts.store !== 'string' || !isPostgresUrl(opts.store)))
          throw new UsageError('--shard needs a PostgreSQL store shared by the builders: --store postgres://…');
        // The output folder is checked before the (long) build, not after it.
        await checkOutputDir(opts.out);
        const hook = boundaryHook();
        const fields = opts.field.length ? parseFieldMapping(opts.field) : undefined;
        let storePath: string | undefined;
        if (opts.store !== false) {
          storePath = typeof opts.store === 'string' ? opts.store : join(opts.out, STORE_FILE);
          if (typeof opts.store !== 'string') await mkdir(opts.out, { recursive: true });
        }
        const bundled = inputs.length === 0;
        const paths = bundled ? await defaultCorpus(dataPath()) : inputs;
        // A one-shot build of a small input into a new store (or none): its segmenter starts now, before the
        // pipeline's modules load (earlySegmenter); the build adopts and closes it. A listing that fails is
        // reported by the build itself.
        const allNew = storePath === undefined || (!isPostgresUrl(storePath) && !existsSync(storePath));
        const files =
          context.oneShot && allNew
            ? await listInputFiles(paths).then(
                (l) => l.map((f) => f.path),
                () => [],
              )
            : [];
        const segmenter = context.standby ? await adoptStandby(context.standby, files, allNew) : await earlySegmenter(files, allNew);
        // Opened (and checked: a file that is not a zhkg store is refused untouched) before any work.
        const store =
          storePath === undefined
            ? undefined
            : await connectStore(storePath, { fields: fields ?? null }).catch((err: unknown) => {
                segmenter?.close();
                throw err;
              });
        // Loaded now, while a one-shot build's segmenter loads the dictionary.
        const { buildGraphFromPaths, storeFromPaths } = await import('../../pipeline.js');
        // The exporters and the viewer's assets are only needed by `build`, once the graph is made: their
        // modules load meanwhile (in a one-shot build of a small input, while this thread waits for the
        // dictionary on the segmenter's worker), not after it.
        const output = opts.shard === undefined ? import('../../output.js') : undefined;
        output?.catch(() => {}); // awaited below; a build that fails first reports its own error
        try {
          const progress = createProgress({ quiet: !!opts.quiet });
          const t0 = Date.now();
          let stage: Stage | undefined;
          const options = {
            ...(segmenter ? { segmenter } : {}),
            onProgress: (s: Stage, done: number, total: number) => {
              if (hook && s !== stage) hook(`stage:${s}`);
              stage = s;
              progress.update(s, done, total);
            },
            onWarning: (message: string) => process.stderr.write(`zhkg: warning: ${message}\n`),
            ...(fields ? { fields } : {}),
            ...(opts.minConfidence !== undefined ? { minConfidence: opts.minConfidence } : {}),
            ...(opts.skipBad ? { onBadFile: (_path: string, error: Error) => process.stderr.write(`zhkg: skipped ${error.message}\n`) } : {}),
            // The bundled corpus goes by data/<file>, wherever the package is installed.
            ...(bundled ? { sourceName: (p: string) => relative(packageRoot, p).split(sep).join('/') } : {}),
            ...(store ? { store, onStored: (phase: string, n: number) => hook?.(`store:${phase}:${n}`) } : {}),
            // A one-shot process: a small input's segmenter loads on a worker while this thread loads the model.
            ...(context.oneShot ? { oneShot: true } : {}),
            // Only the graph is used: facts are folded into edges as they are made, never listed and sorted.
            facts: false,
          };
          if (opts.shard !== undefined && store) {
            // A shard only fills the shared store; the graph of all shards is zhkg export's.
            const use = await storeFromPaths(paths, { ...options, store, shard: opts.shard });
            progress.stop();
            if (!opts.quiet) {
              const secs = ((Date.now() - t0) / 1000).toFixed(1);
              const twice = use.alreadyStored ? `, ${use.alreadyStored} of them already stored by another builder` : '';
              process.stderr.write(
                `zhkg: shard ${opts.shard}: ${use.articles} articles in ${secs} s (${use.extracted} file${use.extracted === 1 ? '' : 's'} extracted${twice}, ${use.reused} reused${use.forgotten ? `, ${use.forgotten} forgotten` : ''}) in ${store.location}; zhkg export --store assembles the graph\n`,
              );
            }
            return;
          }
          // Only the graph is kept: articles, entities and relation facts can be freed before the export.
          const { graph, articleCount, use, generation } = await buildGraphFromPaths(paths, options).then((r) => ({
            graph: r.graph,
            articleCount: r.articleCount,
            use: r.store,
            generation: r.storeGeneration,
          }));
          progress.stop();
          hook?.('stage:built');
          const { writeOutputs } = await (output ?? import('../../output.js'));
          // The graph is saved in the store inside the outputs' commit (from graph.json's own chunks), before the set is switched in.
          const save = store ? { store, settings: { minConfidence: opts.minConfidence ?? 0 }, generation, onSaved: () => hook?.('store:graph') } : undefined;
          const files = await writeOutputs(graph, opts.out, { viewer: opts.viewer, ...(save ? { save } : {}), ...(hook ? { onBoundary: hook } : {}) });
          if (!opts.quiet) {
            const secs = ((Date.now() - t0) / 1000).toFixed(1);
            const reuse = use
              ? ` (${use.extracted} file${use.extracted === 1 ? '' : 's'} extracted, ${use.reused} reused from ${store?.location}${use.forgotten ? `, ${use.forgotten} forgotten` : ''})`
              : '';
            process.stderr.write(`zhkg: ${articleCount} articles → ${graph.order} nodes, ${graph.size} edges in ${secs} s${reuse}\n`);
          }
          process.stdout.write(`${files.gexf}\n${files.json}\n${files.viewer ? `${files.viewer}\n` : ''}`);
        } finally {
          segmenter?.close();
          await store?.close();
        }
      },
    );
}
