/** copyViewer and writeGraphScript recommit the folder's set: replaced names change, the rest stays. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiGraph } from 'graphology';
import { writeOutputs } from '../../src/output.js';
import { copyViewer, writeGraphScript } from '../../src/viewer/copy.js';
import { graphJsonShape, rebuildFolder, scriptJson } from './render-data.js';

let dir: string;
let assets: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhkg-copy-'));
  assets = join(dir, 'assets');
  mkdirSync(assets);
  for (const f of ['app.js', 'index.html', 'style.css']) writeFileSync(join(assets, f), `/* ${f} of this test */\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function graphFolder(name: string): Promise<string> {
  const g = new MultiGraph();
  g.addNode('PERSON:金宝', { label: '金宝', kind: 'PERSON', x: 0, y: 0, size: 3, color: '#e15759', articles: ['a1'], evidence: `${name}的证据` });
  const out = join(dir, name);
  await writeOutputs(g, out, { viewer: false });
  return out;
}

const read = (out: string, name: string) => readFileSync(join(out, name), 'utf8');
/** graph.js and the shards are graph.json's data, exactly. */
function matchesJson(out: string): void {
  const back = rebuildFolder(out);
  const want = graphJsonShape(read(out, 'graph.json'));
  expect(back.nodes).toEqual(want.nodes);
  expect(back.edges).toEqual(want.edges);
  expect(back.shards).toBeGreaterThan(0);
}

describe('recommitting an output folder', () => {
  it('copyViewer adds the page, graph.js and the evidence shards beside an unchanged graph', async () => {
    const out = await graphFolder('with-viewer');
    const gexf = read(out, 'graph.gexf');
    const json = read(out, 'graph.json');
    await copyViewer(out, { assetsDir: assets });
    expect(read(out, 'graph.gexf')).toBe(gexf);
    expect(read(out, 'graph.json')).toBe(json);
    matchesJson(out);
    expect(scriptJson(read(out, 'graph.js'))).not.toContain('with-viewer的证据');
    expect(scriptJson(read(out, 'evidence/000.js'))).toContain('with-viewer的证据');
    expect(read(out, 'index.html')).toBe(read(assets, 'index.html'));
  });

  it('copyViewer into a folder without graph.json writes no graph.js', async () => {
    const out = join(dir, 'empty');
    await copyViewer(out, { assetsDir: assets });
    expect(existsSync(join(out, 'graph.js'))).toBe(false);
    expect(existsSync(join(out, 'evidence'))).toBe(false);
    expect(read(out, 'app.js')).toBe(read(assets, 'app.js'));
  });

  it('writeGraphScript refreshes graph.js and the shards only, and is false without graph.json', async () => {
    const out = await graphFolder('script');
    const gexf = read(out, 'graph.gexf');
    expect(await writeGraphScript(out)).toBe(true);
    matchesJson(out);
    expect(read(out, 'graph.gexf')).toBe(gexf);
    expect(existsSync(join(out, 'index.html'))).toBe(false);
    expect(await writeGraphScript(join(dir, 'nothing'))).toBe(false);
  });
});

describe('the graph size in the shipped page', () => {
  /** A page folder whose index.html is the real one (with its empty size element). */
  function pageAssets(): string {
    const d = mkdtempSync(join(dir, 'page-'));
    for (const f of ['app.js', 'style.css']) writeFileSync(join(d, f), `/* ${f} */\n`);
    writeFileSync(join(d, 'index.html'), readFileSync(new URL('../../viewer/index.html', import.meta.url), 'utf8'));
    return d;
  }
  const size = (out: string) => /<meta name="zhkg-graph-size" content="([^"]*)">/.exec(read(out, 'index.html'))?.[1];
  const graph = (nodes: number, edges: number) => {
    const g = new MultiGraph();
    for (let i = 0; i < nodes; i++) g.addNode(`n${i}`, { label: `n${i}`, x: i, y: 0 });
    for (let i = 0; i < edges; i++) g.addEdge(`n${i % nodes}`, `n${(i + 1) % nodes}`);
    return g;
  };

  it('is what writeOutputs, copyViewer and writeGraphScript ship beside the graph, and empty without one', async () => {
    const page = pageAssets();
    const out = join(dir, 'sized');
    await writeOutputs(graph(5, 7), out, { assetsDir: page });
    expect(size(out)).toBe('5 7');
    // graph.json replaced by another graph's (as `zhkg export` writes it): the page follows graph.json
    await writeOutputs(graph(3, 1), join(dir, 'sized-other'), { viewer: false });
    writeFileSync(join(out, 'graph.json'), read(join(dir, 'sized-other'), 'graph.json'));
    expect(await writeGraphScript(out)).toBe(true);
    expect(size(out)).toBe('3 1');
    await copyViewer(out, { assetsDir: page });
    expect(size(out)).toBe('3 1');
    // no graph beside the page: no size
    const bare = join(dir, 'sized-bare');
    await copyViewer(bare, { assetsDir: page });
    expect(size(bare)).toBe('');
    expect(read(bare, 'index.html')).toBe(read(page, 'index.html'));
  });
});
