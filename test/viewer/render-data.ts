/**
 * Reads a viewer folder's data back in Node, as the page does: graph.js (the render graph) evaluated in a
 * sandbox, every evidence shard evaluated with the page's callback, and both merged into graph.json's
 * shape. Used by the tests to check that render graph + shards are exactly graph.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { EVIDENCE_CALLBACK, RENDER_GLOBAL, decodeRender, isRenderJson, shardName, type ShardPayload } from '../../src/viewer/render-format.js';

type Attrs = Record<string, unknown>;

export interface Rebuilt {
  nodes: { key: string; attributes: Attrs }[];
  edges: { key: string; source: string; target: string; undirected?: boolean; attributes: Attrs }[];
  attributes: Attrs;
  shards: number;
  /** Whether each shard's entries are where shardOf puts them (checked by the caller). */
  placement: { what: 'n' | 'e'; key: string; shard: number }[];
}

/** base64 → gunzip → JSON, as the page does. */
export function unpack(b64: string): unknown {
  return JSON.parse(gunzipSync(Buffer.from(b64, 'base64')).toString('utf8')) as unknown;
}

/** The JSON text a data script carries: graph.js's string literal (or an older graph.js's base64), a shard's base64. */
export function scriptJson(script: string): string {
  const m = /"((?:[^"\\]|\\.)*)"/u.exec(script);
  if (!m) throw new Error('no payload in the script');
  const text = JSON.parse(`"${m[1]!}"`) as string;
  return isRenderJson(text) ? text : gunzipSync(Buffer.from(text, 'base64')).toString('utf8');
}

/** Evaluates graph.js and the shards (texts by name) and merges them. */
export function rebuild(files: (name: string) => string | undefined): Rebuilt {
  const sandbox: { window: Record<string, unknown> } = { window: {} };
  runInNewContext(files('graph.js') ?? '', sandbox);
  const text = sandbox.window[RENDER_GLOBAL];
  if (typeof text !== 'string') throw new Error('graph.js defines no render graph');
  const { render, nodes, edges } = decodeRender(isRenderJson(text) ? (JSON.parse(text) as unknown) : unpack(text));
  const rest: Record<'n' | 'e', Map<string, Attrs>> = { n: new Map(), e: new Map() };
  const placement: Rebuilt['placement'] = [];
  for (let i = 0; i < render.shards; i++) {
    const got: [number, string][] = [];
    runInNewContext(files(shardName(i)) ?? '', { [EVIDENCE_CALLBACK]: (s: number, t: string) => got.push([s, t]) });
    if (got.length !== 1 || got[0]![0] !== i) throw new Error(`${shardName(i)}: expected one call for shard ${i}`);
    const payload = unpack(got[0]![1]) as ShardPayload;
    for (const what of ['n', 'e'] as const)
      for (const [key, attrs] of payload[what]) {
        rest[what].set(key, attrs);
        placement.push({ what, key, shard: i });
      }
  }
  return {
    attributes: render.attributes,
    shards: render.shards,
    placement,
    nodes: nodes.map((n) => ({ key: n.key, attributes: { ...n.attributes, ...rest.n.get(n.key) } })),
    edges: edges.map((e) => ({
      key: e.key,
      source: e.source,
      target: e.target,
      ...(e.undirected ? { undirected: true } : {}),
      attributes: { ...e.attributes, ...rest.e.get(e.key) },
    })),
  };
}

/** The same, from a folder on disk. */
export function rebuildFolder(dir: string): Rebuilt {
  return rebuild((name) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : undefined));
}

/** graph.json's nodes and edges in the shape `rebuild` gives (edges without `undirected: false`). */
export function graphJsonShape(json: string): Omit<Rebuilt, 'shards' | 'placement'> {
  const g = JSON.parse(json) as { attributes?: Attrs; nodes: Rebuilt['nodes']; edges: Rebuilt['edges'] };
  return {
    attributes: g.attributes ?? {},
    nodes: g.nodes.map((n) => ({ key: n.key, attributes: n.attributes ?? {} })),
    edges: g.edges.map((e) => ({
      key: e.key,
      source: e.source,
      target: e.target,
      ...(e.undirected ? { undirected: true } : {}),
      attributes: e.attributes ?? {},
    })),
  };
}
