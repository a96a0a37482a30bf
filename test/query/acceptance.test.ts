/**
 * Issue 6 acceptance: `zhkg query neighbors 金宝 --graph out/graph.gexf` prints 苏吉嘎查 with the relation
 * 第一书记. The GEXF is written by the same `writeOutputs` that `zhkg build` uses.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutputs } from '../../src/output.js';
import { buildGraphFromPaths } from '../../src/pipeline.js';
import { loadGraph } from '../../src/query/load.js';
import { dataPath } from '../../src/paths.js';
import { SAMPLE_JSON, runCli, tempDir } from './helpers.js';

function row(stdout: string, name: string): string | undefined {
  return stdout.split('\n').find((l) => l.startsWith(`${name} `));
}

describe('query on graph.gexf as zhkg build writes it', () => {
  it('neighbors 金宝 prints 苏吉嘎查 with the relation 第一书记 (hand-made graph)', async () => {
    const dir = tempDir();
    const files = await writeOutputs(loadGraph(SAMPLE_JSON), dir, { viewer: false });
    expect(files.gexf).toBe(join(dir, 'graph.gexf'));
    const r = await runCli(['query', 'neighbors', '金宝', '--graph', files.gexf]);
    expect(r.code).toBe(0);
    expect(row(r.stdout, '苏吉嘎查')).toContain('第一书记');
  });

  it('the bundled corpus: neighbors 金宝 shows 苏吉嘎查 (第一书记); every role edge shows up with its title', async () => {
    const { graph } = await buildGraphFromPaths([dataPath('000_6a6b28fc1a4d90e2.txt')]);
    const dir = tempDir();
    const files = await writeOutputs(graph, dir, { viewer: false });
    const roles = graph.filterEdges((_e, a) => a.relation === 'role');
    expect(roles.length).toBeGreaterThan(0);
    for (const edge of roles) {
      const holder = graph.source(edge);
      const at = graph.getNodeAttribute(graph.target(edge), 'label') as string;
      const title = graph.getEdgeAttribute(edge, 'label') as string;
      const r = await runCli(['query', 'neighbors', holder, '--graph', files.gexf, '--relation', 'role']);
      expect(r.code, holder).toBe(0);
      expect(row(r.stdout, at), `${holder} → ${at}`).toContain(title);
    }
    // the acceptance line, on the real corpus
    const jinbao = await runCli(['query', 'neighbors', '金宝', '--graph', files.gexf]);
    expect(jinbao.code).toBe(0);
    expect(row(jinbao.stdout, '苏吉嘎查')).toContain('第一书记');
    // and the JSON export answers the same
    const json = await runCli(['query', 'stats', '--graph', files.json, '--json']);
    const gexf = await runCli(['query', 'stats', '--graph', files.gexf, '--json']);
    const stats = (out: string) => JSON.parse(out) as { relations: unknown; kinds: unknown };
    expect(stats(json.stdout).relations).toEqual(stats(gexf.stdout).relations);
    expect(stats(json.stdout).kinds).toEqual(stats(gexf.stdout).kinds);
  });
});
