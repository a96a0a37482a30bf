/**
 * `zhkg query neighbors|path|find|holders|ego|stats` (SPEC §5, issue 6): questions to a built graph.
 * Tables on stdout by default, `--json` for scripts; messages on stderr. A name that matches several
 * entities lists the candidates (stderr table, or stdout JSON with --json) and exits 1.
 */
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { InputError } from '../../errors.js';
import { UsageError } from '../errors.js';
import type { QueryGraph } from '../../query/attributes.js';
import { AmbiguousEntityError, findEntities, resolveEntity, UnknownEntityError } from '../../query/find.js';
import type { EntityMatch } from '../../query/find.js';
import { formatEntities, formatHolders, formatNeighbors, formatPath, formatStats } from '../../query/format.js';
import { egoNetwork } from '../../query/ego.js';
import { holdersOf } from '../../query/holders.js';
import { loadGraph } from '../../query/load.js';
import { graphFromStore } from '../../stored-graph.js';
import { neighbors, type Direction } from '../../query/neighbors.js';
import { shortestPath } from '../../query/path.js';
import { graphStats } from '../../query/stats.js';
import { nodeKind, nodeLabel } from '../../query/attributes.js';
import { normalizePeriod, periodBound, periodView, hasPeriod, type Period } from '../../query/period.js';
import { formatTimeline, timeline } from '../../query/timeline.js';

const KINDS = ['PERSON', 'ORGANIZATION', 'PLACE', 'PROGRAM', 'ARTICLE'];
const RELATIONS = ['role', 'located_in', 'member_of', 'part_of', 'runs', 'participates_in', 'authored', 'partner_of', 'co_occurs'];
const MAX_DEPTH = 20;
const DEFAULT_GRAPHS = ['out/graph.json', 'out/graph.gexf'];

interface CommonOpts {
  graph?: string;
  store?: string;
  json?: boolean;
  from?: string;
  to?: string;
}

function parseBound(end: boolean): (value: string) => string {
  return (value) => {
    try {
      periodBound(value, end);
    } catch {
      throw new InvalidArgumentError('expected a date: YYYY, YYYY-MM or YYYY-MM-DD');
    }
    return value.trim();
  };
}

/** The --from/--to period of the options (bad order is a usage error). */
function periodOf(opts: CommonOpts): Period {
  try {
    return normalizePeriod({ ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}) });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function describePeriod(p: Period): string {
  return p.from && p.to ? `between ${p.from} and ${p.to}` : p.from ? `from ${p.from} on` : `up to ${p.to}`;
}

/** A resolved entity must be attested in the period, else one clear line. */
function requireInPeriod(graph: QueryGraph, key: string, period: Period): void {
  if (hasPeriod(period) && !periodView(graph, period).hasNode(key)) {
    throw new InputError(`${nodeLabel(graph, key)} is not attested ${describePeriod(period)} (no dated article in that period names it)`);
  }
}

function withPeriod(cmd: Command): Command {
  return cmd
    .addOption(new Option('--from <date>', 'only what is attested on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)').argParser(parseBound(false)))
    .addOption(new Option('--to <date>', 'only what is attested on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)').argParser(parseBound(true)));
}

function parseKind(value: string): string {
  const kind = value.toUpperCase();
  if (!KINDS.includes(kind)) throw new InvalidArgumentError(`expected one of ${KINDS.join(', ')}`);
  return kind;
}

function parseRelations(value: string): string[] {
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = list.filter((r) => !RELATIONS.includes(r));
  if (list.length === 0 || bad.length > 0) {
    throw new InvalidArgumentError(`unknown relation ${bad.join(', ') || '(empty)'}; expected ${RELATIONS.join(', ')}`);
  }
  return list;
}

function intParser(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    }
    return n;
  };
}

/** The graph file: --graph, or the graph stored in --store, else out/graph.json (or out/graph.gexf) when present. */
async function openGraph(opts: CommonOpts): Promise<QueryGraph> {
  if (opts.graph !== undefined && opts.store !== undefined) throw new UsageError('pass --graph or --store, not both');
  if (opts.store !== undefined) return graphFromStore(opts.store);
  const path = opts.graph ?? DEFAULT_GRAPHS.find((p) => existsSync(p));
  if (!path) throw new UsageError(`no graph: pass --graph FILE (${DEFAULT_GRAPHS.join(' and ')} not found; run zhkg build)`);
  return loadGraph(path);
}

function out(text: string): void {
  process.stdout.write(text);
}

function json(value: unknown): void {
  out(JSON.stringify(value, null, 2) + '\n');
}

function candidateJson(c: EntityMatch): Record<string, unknown> {
  return { key: c.key, label: c.label, kind: c.kind, match: c.match, context: c.context, mentions: c.mentions, degree: c.degree };
}

/** Resolves a name for the CLI: candidates are shown before the one-line error (exit 1). */
function resolveForCli(graph: QueryGraph, name: string, opts: CommonOpts, kind?: string): string {
  try {
    return resolveEntity(graph, name, kind ? { kind } : {});
  } catch (err) {
    if (err instanceof AmbiguousEntityError) {
      if (opts.json) json({ error: 'ambiguous', query: err.query, candidates: err.candidates.map(candidateJson) });
      else process.stderr.write(formatEntities(err.candidates));
      throw new InputError(
        `"${err.query}" is ambiguous: ${err.candidates.length} entities match (listed ${opts.json ? 'on stdout' : 'above'}); pass a node key instead of the name`,
      );
    }
    if (err instanceof UnknownEntityError) {
      const near = findEntities(graph, err.query.slice(0, 1))
        .slice(0, 5)
        .map((m) => m.label);
      throw new InputError(`${err.message}${near.length > 0 ? ` (similar: ${[...new Set(near)].join(', ')})` : ''}`);
    }
    throw err;
  }
}

function entityRef(graph: QueryGraph, key: string): { key: string; label: string; kind: string } {
  return { key, label: nodeLabel(graph, key), kind: nodeKind(graph, key) };
}

function withCommon(cmd: Command): Command {
  return cmd
    .option('-g, --graph <file>', `graph file, GEXF or graphology JSON (default: ${DEFAULT_GRAPHS.join(', else ')})`)
    .option('--store <file>', 'the graph the last build assembled in this store (zhkg build writes out/zhkg.db; postgres://… where shard builders wrote)')
    .option('--json', 'print JSON for scripts instead of a table')
    .exitOverride()
    .showHelpAfterError();
}

export function registerQuery(program: Command): void {
  const query = program
    .command('query')
    .description('query a built graph (neighbors, path, find, holders, ego, stats, timeline)')
    .exitOverride()
    .showHelpAfterError();

  withCommon(
    withPeriod(
      query
        .command('neighbors')
        .description('entities linked to NAME (a label, alias or node key), with relation and evidence')
        .argument('<name>', 'entity label, alias or node key')
        .addOption(new Option('-k, --kind <kind>', 'only report neighbors of this kind').argParser(parseKind))
        .addOption(new Option('-r, --relation <relations>', 'only walk these relations (comma-separated)').argParser(parseRelations))
        .addOption(new Option('--direction <dir>', 'edge direction from NAME').choices(['out', 'in', 'both']).default('both'))
        .addOption(new Option('-d, --depth <n>', `hops (1–${MAX_DEPTH})`).argParser(intParser(1, MAX_DEPTH)).default(1)),
    ),
  ).action(async (name: string, opts: CommonOpts & { kind?: string; relation?: string[]; direction: Direction; depth: number }) => {
    const period = periodOf(opts);
    const graph = await openGraph(opts);
    const key = resolveForCli(graph, name, opts);
    requireInPeriod(graph, key, period);
    const list = neighbors(graph, key, {
      kind: opts.kind,
      relation: opts.relation,
      direction: opts.direction,
      depth: opts.depth,
      ...period,
    });
    if (opts.json) {
      json({
        entity: entityRef(graph, key),
        depth: opts.depth,
        direction: opts.direction,
        kind: opts.kind ?? null,
        relation: opts.relation ?? null,
        ...(hasPeriod(period) ? { period } : {}),
        neighbors: list,
      });
    } else {
      out(`${nodeLabel(graph, key)} [${nodeKind(graph, key) || '?'}] ${list.length} neighbor${list.length === 1 ? '' : 's'}\n`);
      out(formatNeighbors(nodeLabel(graph, key), list));
    }
  });

  withCommon(
    withPeriod(
      query
        .command('path')
        .description('shortest path between A and B with the relation and evidence of each hop')
        .argument('<a>', 'entity label, alias or node key')
        .argument('<b>', 'entity label, alias or node key')
        .addOption(
          new Option('--co-occurs <mode>', 'use co_occurs edges: fallback (only if no typed path), never, equal')
            .choices(['fallback', 'never', 'equal'])
            .default('fallback'),
        ),
    ),
  ).action(async (a: string, b: string, opts: CommonOpts & { coOccurs: 'fallback' | 'never' | 'equal' }) => {
    const period = periodOf(opts);
    const graph = await openGraph(opts);
    const from = resolveForCli(graph, a, opts);
    const to = resolveForCli(graph, b, opts);
    requireInPeriod(graph, from, period);
    requireInPeriod(graph, to, period);
    const result = shortestPath(graph, from, to, { coOccurs: opts.coOccurs, ...period });
    if (!result) {
      throw new InputError(
        `no path between ${nodeLabel(graph, from)} and ${nodeLabel(graph, to)}${opts.coOccurs === 'never' ? ' over typed relations' : ''}${hasPeriod(period) ? ` ${describePeriod(period)}` : ''}`,
      );
    }
    if (opts.json) json(result);
    else out(formatPath(result));
  });

  withCommon(
    query
      .command('find')
      .description('entities whose label or alias equals or contains NAME (exact label, alias, substring)')
      .argument('<name>', 'text to look for')
      .addOption(new Option('-k, --kind <kind>', 'only entities of this kind').argParser(parseKind)),
  ).action(async (name: string, opts: CommonOpts & { kind?: string }) => {
    const graph = await openGraph(opts);
    const list = findEntities(graph, name, opts.kind ? { kind: opts.kind } : {});
    if (list.length === 0) throw new UnknownEntityError(name.trim(), opts.kind);
    if (opts.json) json(list);
    else out(formatEntities(list));
  });

  withCommon(
    withPeriod(
      query
        .command('holders')
        .description('who holds TITLE (e.g. 第一书记) and where')
        .argument('<title>', 'role title as stored in role edges')
        .option('--substring', 'match titles containing TITLE (书记 finds 第一书记, 党支部书记 …)'),
    ),
  ).action(async (title: string, opts: CommonOpts & { substring?: boolean }) => {
    const period = periodOf(opts);
    const graph = await openGraph(opts);
    const list = holdersOf(graph, title, { match: opts.substring ? 'substring' : 'exact', ...period });
    if (list.length === 0)
      throw new InputError(`nobody holds the title "${title.trim()}" in the graph${hasPeriod(period) ? ` ${describePeriod(period)}` : ''}`);
    if (opts.json) json(list);
    else out(formatHolders(list));
  });

  withCommon(
    withPeriod(
      query
        .command('ego')
        .description('the ego network of NAME (NAME, its neighbors within --depth, every edge among them) as a graph file')
        .argument('<name>', 'entity label, alias or node key')
        .addOption(new Option('-d, --depth <n>', `hops (1–${MAX_DEPTH})`).argParser(intParser(1, MAX_DEPTH)).default(1))
        .addOption(new Option('-r, --relation <relations>', 'only walk these relations (comma-separated)').argParser(parseRelations))
        .option('-o, --out <file>', 'write GEXF (.gexf) or graphology JSON (.json) to this file instead of JSON on stdout'),
    ),
  ).action(async (name: string, opts: CommonOpts & { depth: number; relation?: string[]; out?: string }) => {
    const format = opts.out === undefined ? 'json' : extname(opts.out).toLowerCase().slice(1);
    if (format !== 'json' && format !== 'gexf') throw new UsageError(`--out must end in .gexf or .json: ${opts.out}`);
    const period = periodOf(opts);
    const graph = await openGraph(opts);
    const key = resolveForCli(graph, name, opts);
    requireInPeriod(graph, key, period);
    const ego = egoNetwork(graph, key, opts.depth, { ...(opts.relation ? { relation: opts.relation } : {}), ...period });
    // Loaded on demand, as `build` does: only this verb needs the exporters.
    const { toGexf, toJSON, writeFileAtomic } = await import('../../export/index.js');
    const text = format === 'gexf' ? toGexf(ego) : toJSON(ego);
    if (opts.out === undefined) {
      out(text.endsWith('\n') ? text : text + '\n');
      return;
    }
    await writeFileAtomic(opts.out, text);
    process.stderr.write(`zhkg: ego network of ${nodeLabel(graph, key)}: ${ego.order} nodes, ${ego.size} edges\n`);
    out(`${opts.out}\n`);
  });

  withCommon(
    withPeriod(
      query
        .command('stats')
        .description('counts per kind and relation, role titles, top entities')
        .addOption(new Option('--top <n>', 'how many top entities').argParser(intParser(0, 10_000)).default(10))
        .addOption(new Option('--by <metric>', 'rank by').choices(['degree', 'pagerank']).default('degree')),
    ),
  ).action(async (opts: CommonOpts & { top: number; by: 'degree' | 'pagerank' }) => {
    const period = periodOf(opts);
    const graph = await openGraph(opts);
    const stats = graphStats(graph, { top: opts.top, by: opts.by, ...period });
    if (opts.json) json(stats);
    else out(formatStats(stats));
  });

  withCommon(
    withPeriod(
      query
        .command('timeline')
        .description("NAME's relations in date order, with the sentence and article of each report")
        .argument('<name>', 'entity label, alias or node key')
        .addOption(new Option('-r, --relation <relations>', 'only these relations (comma-separated)').argParser(parseRelations))
        .option('--co-occurs', 'include co_occurs edges (left out by default)'),
    ),
  ).action(async (name: string, opts: CommonOpts & { relation?: string[]; coOccurs?: boolean }) => {
    const period = periodOf(opts);
    const graph = await openGraph(opts);
    const key = resolveForCli(graph, name, opts);
    requireInPeriod(graph, key, period);
    const entries = timeline(graph, key, { ...period, ...(opts.relation ? { relation: opts.relation } : {}), coOccurs: opts.coOccurs === true });
    if (opts.json) {
      json({ entity: entityRef(graph, key), ...(hasPeriod(period) ? { period } : {}), entries });
      return;
    }
    const dated = entries.filter((e) => e.date !== null).length;
    out(`${nodeLabel(graph, key)} [${nodeKind(graph, key) || '?'}] ${entries.length} report${entries.length === 1 ? '' : 's'}, ${dated} dated\n`);
    out(formatTimeline(nodeLabel(graph, key), entries));
  });
}
