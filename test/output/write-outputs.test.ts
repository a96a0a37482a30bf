import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { MultiGraph } from 'graphology';
import { writeOutputs } from '../../src/output.js';
import { toGexf } from '../../src/export/gexf.js';
import { toJSON } from '../../src/export/json.js';
import type { ExtractionStore, GraphToSave } from '../../src/store/types.js';

function smallGraph(extra: Record<string, unknown> = {}): MultiGraph {
  const g = new MultiGraph();
  g.addNode('PERSON:金宝', { label: '金宝', kind: 'PERSON', aliases: [], mentions: 1, articles: ['a#1'], x: 0, y: 0, size: 3, color: '#e15759', ...extra });
  g.addNode('PLACE:苏吉嘎查', { label: '苏吉嘎查', kind: 'PLACE', aliases: [], mentions: 1, articles: ['a#1'], x: 1, y: 1, size: 3, color: '#59a14f' });
  g.addDirectedEdgeWithKey('role:PERSON:金宝->PLACE:苏吉嘎查#第一书记', 'PERSON:金宝', 'PLACE:苏吉嘎查', {
    relation: 'role',
    label: '第一书记',
    weight: 1,
    articles: ['a#1'],
    evidence: '苏吉嘎查第一书记金宝介绍说',
  });
  return g;
}

describe('writeOutputs', () => {
  it('writes graph.gexf and graph.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-out-'));
    const files = await writeOutputs(smallGraph(), dir, { viewer: false });
    expect(readFileSync(files.gexf, 'utf8')).toContain('苏吉嘎查');
    expect((JSON.parse(readFileSync(files.json, 'utf8')) as { nodes: unknown[] }).nodes).toHaveLength(2);
  });

  it('leaves both earlier files untouched when the second serialization fails, with no temporary file left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-out-'));
    writeFileSync(join(dir, 'graph.gexf'), 'old gexf');
    writeFileSync(join(dir, 'graph.json'), 'old json');
    // GEXF writes a BigInt as text; JSON.stringify throws on it, after the GEXF has been staged.
    await expect(writeOutputs(smallGraph({ big: 1n }), dir, { viewer: false })).rejects.toThrow(/BigInt/);
    expect(readFileSync(join(dir, 'graph.gexf'), 'utf8')).toBe('old gexf');
    expect(readFileSync(join(dir, 'graph.json'), 'utf8')).toBe('old json');
    expect(readdirSync(dir).sort()).toEqual(['graph.gexf', 'graph.json']);
  });

  /** A graph whose JSON takes several 1 MB chunks (their memory is reused as the file is written). */
  function largeGraph(): MultiGraph {
    const g = smallGraph();
    for (let i = 0; i < 1500; i++) {
      g.addNode(`PLACE:地点${i}`, { label: `地点${i}`, kind: 'PLACE', note: `第${i}条说明：${'会议记录'.repeat(200 + (i % 7))}`, x: i, y: -i, size: 1 });
      if (i > 0) g.addDirectedEdge(`PLACE:地点${i - 1}`, `PLACE:地点${i}`, { relation: 'near', weight: i, evidence: `${'相邻'.repeat(40)}${i}` });
    }
    return g;
  }

  /** A store that keeps what it is given to save. */
  function keeping(saved: GraphToSave[], fail = false): ExtractionStore {
    return {
      saveGraph: (graph: GraphToSave) => {
        if (fail) throw new Error('disk I/O error');
        saved.push(graph);
        return true;
      },
    } as unknown as ExtractionStore;
  }

  it('with a store: the same files, the store gets graph.json compressed, and it is told after graph.json is staged and before graph.gexf', async () => {
    const g = largeGraph();
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-out-'));
    const saved: GraphToSave[] = [];
    const steps: string[] = [];
    const files = await writeOutputs(g, dir, {
      viewer: false,
      save: { store: keeping(saved), settings: { minConfidence: 0 }, onSaved: (ok) => steps.push(`saved:${ok}`) },
      onBoundary: (b) => steps.push(b),
    });
    const json = toJSON(g);
    expect(Buffer.byteLength(json)).toBeGreaterThan(3 << 20);
    expect(readFileSync(files.json, 'utf8')).toBe(json);
    expect(readFileSync(files.gexf, 'utf8')).toBe(toGexf(g));
    expect(saved).toHaveLength(1);
    const parts = (saved[0] as { gzip: readonly Buffer[] }).gzip;
    expect(parts.length).toBeGreaterThan(2);
    expect(gunzipSync(Buffer.concat(parts)).toString('utf8')).toBe(json);
    expect(saved[0]!.settings).toEqual({ minConfidence: 0 });
    // One order, whichever of the store's write and graph.json's flush ends first: graph.json staged, the store told, graph.gexf.
    expect(steps.indexOf('commit:staged:graph.json')).toBeGreaterThan(-1);
    expect(steps.indexOf('commit:staged:graph.json')).toBeLessThan(steps.indexOf('saved:true'));
    expect(steps.indexOf('saved:true')).toBeLessThan(steps.indexOf('commit:staged:graph.gexf'));
    expect(steps.indexOf('commit:staged:graph.gexf')).toBeLessThan(steps.indexOf('commit:swapped'));
  });

  it('with a store that fails to save: the earlier files stay, with no temporary file left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-out-'));
    writeFileSync(join(dir, 'graph.gexf'), 'old gexf');
    writeFileSync(join(dir, 'graph.json'), 'old json');
    const save = { store: keeping([], true), settings: {} };
    await expect(writeOutputs(largeGraph(), dir, { viewer: false, save })).rejects.toThrow(/disk I\/O error/);
    expect(readFileSync(join(dir, 'graph.gexf'), 'utf8')).toBe('old gexf');
    expect(readFileSync(join(dir, 'graph.json'), 'utf8')).toBe('old json');
    expect(readdirSync(dir).sort()).toEqual(['graph.gexf', 'graph.json']);
  });
});
