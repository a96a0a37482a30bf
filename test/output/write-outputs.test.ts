import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiGraph } from 'graphology';
import { writeOutputs } from '../../src/output.js';

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
});
