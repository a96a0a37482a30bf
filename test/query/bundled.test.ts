/**
 * The library API on the graph of the bundled corpus, as `zhkg build` writes it (GEXF read back):
 * properties that must hold whatever the extraction finds, so the tests follow the pipeline's progress.
 */
import type { MultiGraph } from 'graphology';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeOutputs } from '../../src/output.js';
import { buildGraphFromPaths } from '../../src/pipeline.js';
import { dataPath } from '../../src/paths.js';
import type { QueryGraph } from '../../src/query/attributes.js';
import { egoNetwork } from '../../src/query/ego.js';
import { AmbiguousEntityError, findEntities, resolveEntity } from '../../src/query/find.js';
import { holdersOf } from '../../src/query/holders.js';
import { loadGraph } from '../../src/query/load.js';
import { neighbors } from '../../src/query/neighbors.js';
import { shortestPath } from '../../src/query/path.js';
import { graphStats } from '../../src/query/stats.js';
import { tempDir } from './helpers.js';

let built: MultiGraph;
let g: QueryGraph;

beforeAll(async () => {
  built = (await buildGraphFromPaths([dataPath('000_6a6b28fc1a4d90e2.txt')])).graph;
  const files = await writeOutputs(built, tempDir(), { viewer: false });
  g = loadGraph(files.gexf);
});

describe('query API on the bundled corpus (graph.gexf)', () => {
  it('loads every node and edge of the built graph', () => {
    expect(g.order).toBe(built.order);
    expect(g.size).toBe(built.size);
    expect(g.order).toBeGreaterThan(10);
  });

  it('finds every entity by its label and by each alias', () => {
    g.forEachNode((key, attrs) => {
      const byLabel = findEntities(g, String(attrs.label));
      expect(
        byLabel.some((m) => m.key === key && m.match === 'label'),
        key,
      ).toBe(true);
      for (const alias of attrs.aliases as string[]) {
        expect(
          findEntities(g, alias).some((m) => m.key === key),
          `${key} / ${alias}`,
        ).toBe(true);
      }
      // a name resolves to its node unless another node has the same label
      const same = byLabel.filter((m) => m.match === 'label');
      if (same.length === 1) expect(resolveEntity(g, String(attrs.label))).toBe(key);
      else expect(() => resolveEntity(g, String(attrs.label))).toThrow(AmbiguousEntityError);
    });
  });

  it('role edges: holders, one-hop neighbors and one-hop paths agree', () => {
    const roles = g.filterEdges((_e, a) => a.relation === 'role');
    expect(roles.length).toBeGreaterThan(0);
    for (const edge of roles) {
      const holder = g.source(edge);
      const at = g.target(edge);
      const title = String(g.getEdgeAttribute(edge, 'label'));
      expect(
        holdersOf(g, title).some((h) => h.holder.key === holder && h.at.key === at),
        edge,
      ).toBe(true);
      const n = neighbors(g, holder, { relation: 'role' }).find((x) => x.key === at);
      expect(
        n?.edges.some((e) => e.label === title),
        edge,
      ).toBe(true);
      const p = shortestPath(g, holder, at)!;
      expect(p.hops).toHaveLength(1);
      expect(p.hops[0]!.edge.relation).not.toBe('co_occurs');
    }
  });

  it('ego networks contain their centre and its neighbors; stats add up', () => {
    const centre = graphStats(g, { top: 1 }).top[0]!.key;
    const ego = egoNetwork(g, centre, 1);
    expect(ego.hasNode(centre)).toBe(true);
    expect(ego.order).toBe(1 + neighbors(g, centre).length);
    const s = graphStats(g);
    expect(s.kinds.reduce((n, [, c]) => n + c, 0)).toBe(g.order);
    expect(s.relations.reduce((n, [, c]) => n + c, 0)).toBe(g.size);
  });
});
