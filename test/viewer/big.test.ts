/**
 * The viewer on a graph of the big bench's size (issue 14 item 5): 16 000 nodes, 47 000 edges of the build's
 * shape (scripts/synthetic-graph.ts), written as `zhkg build` writes it. Guards that the page loads it from
 * file:// through the compact render graph (graph.js, no evidence in it), draws it, answers a search, a
 * filter and a focus, and loads a node's evidence from its shard when the panel opens. What a filter or a
 * selection leaves drawn is checked item by item against the graph file's own data (computed here, not by
 * the page): the byte of each node and edge in the visibility texture the page handed to WebGL (captured at
 * its upload), at the id sigma gave that item. Waits are on application state with bounds sized for a busy
 * shared 2-core machine; no time is asserted (the bench prints the figures: bench/viewer.ts).
 */
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyViewer } from '../../src/viewer/copy.js';
import { syntheticGraph } from '../../scripts/synthetic-graph.js';
import { PAINTED_SCRIPT, type PaintedWindow } from '../../bench/viewer-pixels.js';
import { buildAssets, countWebGL, launchBrowser, type WebGLCount } from './helpers.js';
import { scriptJson } from './render-data.js';

const NODES = 16_000;
const EDGES = 47_000;
/** A graph above the viewer's "large" threshold (10 000 nodes and edges), a quarter of the big one's frames. */
const MID_NODES = 4_000;
const MID_EDGES = 9_000;
const LONG = 600_000;

let assets: string;
let out: string;
let mid: string;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let sentence: string;
const pageErrors: string[] = [];
type GraphData = ReturnType<typeof syntheticGraph>;
type Attrs = Record<string, unknown>;
let big: GraphData;
let midData: GraphData;

/**
 * Every upload of the visibility texture (flat-programs.ts: a LUMINANCE byte per sigma item id), kept on
 * its GL context as `__zhkgTexels`, and the last value given to the programs' `u_zhkgMask` as `__zhkgMask`:
 * the programs read the texture only while the mask is on (otherwise they draw every item).
 */
function captureTexels(): void {
  type Call = (this: WebGLRenderingContext, ...args: unknown[]) => unknown;
  type Layer = WebGLRenderingContext & { __zhkgTexels?: Uint8Array; __zhkgMask?: number };
  for (const C of [WebGLRenderingContext, WebGL2RenderingContext]) {
    const proto = C.prototype as unknown as { texImage2D: Call; getUniformLocation: Call; uniform1f: Call };
    const upload = proto.texImage2D;
    proto.texImage2D = function (this: Layer, ...args: unknown[]) {
      if (args.length === 9 && args[2] === this.LUMINANCE && args[8] instanceof Uint8Array) this.__zhkgTexels = args[8].slice();
      return upload.apply(this, args);
    };
    const locate = proto.getUniformLocation;
    proto.getUniformLocation = function (this: Layer, ...args: unknown[]) {
      const at = locate.apply(this, args) as { __zhkgMask?: boolean } | null;
      if (at && args[1] === 'u_zhkgMask') at.__zhkgMask = true;
      return at;
    };
    const set = proto.uniform1f;
    proto.uniform1f = function (this: Layer, ...args: unknown[]) {
      if ((args[0] as { __zhkgMask?: boolean } | null)?.__zhkgMask) this.__zhkgMask = args[1] as number;
      return set.apply(this, args);
    };
  }
}

/**
 * Per node and edge key, its byte in the visibility texture last uploaded to the nodes' and the edges' layer (-1:
 * none), or 255 when the layer's last frame drew with the mask off (every item drawn).
 */
async function texels(): Promise<{ nodes: Record<string, number>; edges: Record<string, number> }> {
  // (a moving camera draws no edges: nothing would be uploaded to their layer)
  await page.waitForFunction(() => !window.__zhkg!.sigma!.getCamera().isAnimated());
  return page.evaluate(() => {
    type Layer = { __zhkgTexels?: Uint8Array; __zhkgMask?: number };
    const s = window.__zhkg!.sigma! as unknown as {
      render(): void;
      nodeIndices: Record<string, number>;
      edgeIndices: Record<string, number>;
      webGLContexts: Record<string, Layer>;
    };
    s.render();
    const read = (ids: Record<string, number>, layer: Layer | undefined) => {
      const out: Record<string, number> = {};
      for (const [k, id] of Object.entries(ids)) out[k] = layer?.__zhkgMask === 0 ? 255 : (layer?.__zhkgTexels?.[id] ?? -1);
      return out;
    };
    return { nodes: read(s.nodeIndices, s.webGLContexts.nodes), edges: read(s.edgeIndices, s.webGLContexts.edges) };
  });
}

/**
 * The oracle: the nodes `nodeOn` accepts (from the graph file's attributes) are drawn and no other, and the
 * edges between two of them that `edgeOn` accepts are drawn and no other, by their bytes in the texture.
 */
async function expectDrawn(data: GraphData, nodeOn: (a: Attrs) => boolean, edgeOn: (source: string, target: string) => boolean = () => true): Promise<void> {
  const got = await texels();
  const on = new Map(data.nodes.map((n) => [n.key, nodeOn(n.attributes)]));
  const wrong = (items: [string, boolean][], bytes: Record<string, number>) => {
    const bad = items.filter(([k, want]) => bytes[k] !== (want ? 255 : 0)).map(([k, want]) => `${k}: ${bytes[k]} (want ${want ? 255 : 0})`);
    return { count: bad.length, first: bad.slice(0, 5) };
  };
  expect(Object.keys(got.nodes).length).toBe(data.nodes.length);
  expect(Object.keys(got.edges).length).toBe(data.edges.length);
  expect(wrong([...on], got.nodes)).toEqual({ count: 0, first: [] });
  const edges = data.edges.map((e): [string, boolean] => [e.key, on.get(e.source)! && on.get(e.target)! && edgeOn(e.source, e.target)]);
  expect(wrong(edges, got.edges)).toEqual({ count: 0, first: [] });
}

beforeAll(async () => {
  assets = await buildAssets();
  out = await mkdtemp(join(tmpdir(), 'zhkg-big-'));
  const g = (big = syntheticGraph({ nodes: NODES, edges: EDGES }));
  sentence = (g.edges[0]!.attributes.evidenceList as { sentence: string }[])[0]!.sentence;
  await writeFile(join(out, 'graph.json'), JSON.stringify(g));
  await copyViewer(out, { assetsDir: assets });
  mid = await mkdtemp(join(tmpdir(), 'zhkg-mid-'));
  midData = syntheticGraph({ nodes: MID_NODES, edges: MID_EDGES });
  await writeFile(join(mid, 'graph.json'), JSON.stringify(midData));
  await copyViewer(mid, { assetsDir: assets });
  browser = await launchBrowser({ reducedMotion: true });
  browser.context.setDefaultTimeout(LONG);
  browser.context.setDefaultNavigationTimeout(LONG);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.addInitScript(PAINTED_SCRIPT);
  await page.addInitScript(captureTexels);
}, LONG);

afterAll(async () => {
  await browser?.close();
  if (out) await rm(out, { recursive: true, force: true });
  if (mid) await rm(mid, { recursive: true, force: true });
  if (assets) await rm(assets, { recursive: true, force: true });
});

describe('the viewer on a 16 000-node, 47 000-edge graph', () => {
  it(
    'writes a graph.js without evidence, and shards far smaller than graph.json',
    async () => {
      const js = await readFile(join(out, 'graph.js'), 'utf8');
      expect(scriptJson(js)).not.toContain(sentence);
      const shards = await readdir(join(out, 'evidence'));
      expect(shards.length).toBeGreaterThan(1);
      let bytes = (await stat(join(out, 'graph.js'))).size;
      for (const f of shards) bytes += (await stat(join(out, 'evidence', f))).size;
      expect(bytes * 4).toBeLessThan((await stat(join(out, 'graph.json'))).size);
    },
    LONG,
  );

  it(
    'loads from file://, draws every node, answers search, filter and focus, and opens evidence',
    async () => {
      // how many edges sigma has when the ready attribute is set (the first frame)
      await page.addInitScript(() => {
        new MutationObserver((_m, o) => {
          if (document.body?.dataset.ready) {
            (window as unknown as { __edgesAtReady: number }).__edgesAtReady = window.__zhkg!.sigma!.getGraph().size;
            o.disconnect();
          }
        }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
      });
      await page.addInitScript(countWebGL);
      await page.goto(pathToFileURL(join(out, 'index.html')).href);
      // a large graph's first frame is drawn without its edges, which follow
      await page.waitForSelector('body[data-edges="drawn"]');
      // its sigma was made while graph.js loaded (the page is told the graph's size), and is the one that draws
      const count = await page.evaluate(() => {
        const w = window as unknown as WebGLCount;
        return [w.__webgl, w.__webglAtGraph];
      });
      expect(count).toEqual([3, 3]);
      expect(await page.evaluate(() => (window as unknown as { __edgesAtReady: number }).__edgesAtReady)).toBe(0);
      expect(await page.evaluate(() => [window.__zhkg!.sigma!.getGraph().order, window.__zhkg!.sigma!.getGraph().size])).toEqual([NODES, EDGES]);
      expect(await page.getAttribute('#status', 'data-nodes')).toBe(String(NODES));
      // nothing hidden before any filter
      expect(await page.evaluate(() => window.__zhkg!.sigma!.getGraph().filterNodes((n) => !window.__zhkg!.isDrawn('node', n)).length)).toBe(0);
      await expectDrawn(big, () => true);

      const first = await page.evaluate(() => window.__zhkg!.graph!.nodes()[0]!);
      const label = await page.evaluate((k) => window.__zhkg!.graph!.getNodeAttribute(k, 'label'), first);
      await page.fill('#search', label);
      await page.click(`#suggestions li[data-node=${JSON.stringify(first)}]`);
      await page.waitForSelector(`#panel[data-node=${JSON.stringify(first)}][data-details="ready"]`);
      expect(await page.textContent('#panel .evidence .sentence')).toContain(label);

      // an edge's evidence comes from its own shard
      const edge = await page.evaluate(() => window.__zhkg!.graph!.edges()[0]!);
      await page.evaluate((e) => window.__zhkg!.selectEdge(e), edge);
      await page.waitForSelector(`#panel[data-edge=${JSON.stringify(edge)}][data-details="ready"]`);
      expect(await page.textContent('#panel .evidence .sentence')).toBe(sentence);

      // a filter: the nodes of degree ≥ 5 stay, counts follow
      const before = await page.evaluate(() => document.body.dataset.scope);
      await page.fill('#degree-min', '5');
      await page.dispatchEvent('#degree-min', 'change');
      await page.waitForFunction((b) => document.body.dataset.scope !== b, before);
      const degreeAtLeast5 = (a: Attrs) => (a.degree as number) >= 5;
      const expected = big.nodes.filter((n) => degreeAtLeast5(n.attributes)).length;
      expect(expected).toBeGreaterThan(0);
      expect(expected).toBeLessThan(NODES);
      expect(await page.getAttribute('#status', 'data-nodes')).toBe(String(expected));
      // (sigma keeps the whole graph: what the filter leaves out is not drawn through the programs' visibility texture)
      expect(await page.evaluate(() => [window.__zhkg!.sigma!.getGraph().order, window.__zhkg!.sigma!.getGraph().size])).toEqual([NODES, EDGES]);
      expect(await page.evaluate(() => window.__zhkg!.sigma!.getGraph().filterNodes((n) => window.__zhkg!.isDrawn('node', n)).length)).toBe(expected);
      // each node and edge drawn or not as the graph file's degrees say
      await expectDrawn(big, degreeAtLeast5);

      // focus on the node: its ego network only
      await page.evaluate(() =>
        window.__zhkg!.update({ ranges: { degree: { min: null, max: null }, mentions: { min: null, max: null }, confidence: { min: null, max: null } } }),
      );
      await page.evaluate((k) => window.__zhkg!.focusOn(k), first);
      const ego = await page.evaluate((k) => window.__zhkg!.graph!.neighbors(k).length + 1, first);
      expect(await page.getAttribute('#status', 'data-nodes')).toBe(String(ego));
      expect(pageErrors).toEqual([]);
    },
    LONG,
  );

  it(
    'draws a focus as a graph of its own and comes back to the whole graph exactly as a full refresh draws it',
    async () => {
      // (a 4 000-node / 9 000-edge graph: large for the viewer, and software GL draws it four times faster)
      await page.goto(pathToFileURL(join(mid, 'index.html')).href);
      // (a large graph's first frame is drawn without its edges, which follow: wait for them)
      await page.waitForSelector('body[data-edges="drawn"]');
      // the best connected node the filter below (mentions ≥ 3) keeps
      const hub = await page.evaluate(() => {
        let hub = '';
        let best = -1;
        window.__zhkg!.graph!.forEachNode((n, a) => {
          if (a.mentions >= 3 && a.degree > best) [best, hub] = [a.degree, n];
        });
        return hub;
      });
      // what sigma holds: its graph's size, a digest of its program buffers and of every item's display data
      // sigma's full refresh, the oracle the states are compared with. (Nothing returned: refresh() returns sigma
      // itself, which Playwright would serialize, typed arrays and all, for seconds each time.)
      const refresh = () => page.evaluate(() => void window.__zhkg!.sigma!.refresh());
      const state = () =>
        page.evaluate(() => {
          type Program = { array: Float32Array; verticesCount: number; programs?: Program[] };
          const s = window.__zhkg!.sigma! as unknown as {
            nodePrograms: Record<string, Program>;
            edgePrograms: Record<string, Program>;
            getGraph(): { order: number; size: number; nodes(): string[]; edges(): string[] };
            getNodeDisplayData(n: string): unknown;
            getEdgeDisplayData(e: string): unknown;
          };
          const fnv = (words: ArrayLike<number>) => {
            let h = 0x811c9dc5;
            for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i]!, 0x01000193) >>> 0;
            return h.toString(16);
          };
          const fnvText = (text: string) => {
            let h = 0x811c9dc5;
            for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
            return h.toString(16);
          };
          const leaves = (p: Program): Program[] => (p.programs ? p.programs.flatMap(leaves) : [p]);
          const buffers = [...Object.entries(s.nodePrograms), ...Object.entries(s.edgePrograms)].flatMap(([k, p]) =>
            leaves(p).map((l) => `${k}:${l.verticesCount}:${fnv(new Uint32Array(l.array.buffer, l.array.byteOffset, l.array.length))}`),
          );
          const g = s.getGraph();
          const text = JSON.stringify([g.nodes().map((n) => s.getNodeDisplayData(n)), g.edges().map((e) => s.getEdgeDisplayData(e))]);
          const app = window.__zhkg!;
          const drawn =
            g
              .nodes()
              .map((n) => (app.isDrawn('node', n) ? 'n' : '-'))
              .join('') +
            g
              .edges()
              .map((e) => (app.isDrawn('edge', e) ? 'e' : '-'))
              .join('');
          return { order: g.order, size: g.size, buffers: buffers.join(' '), data: fnvText(text), drawn: fnvText(drawn) };
        });
      // whole-graph filters (most nodes stay: sigma keeps the whole graph, edges whose ends were filtered in or
      // out are repainted by their hidden flag alone): the same buffers and display data as a full refresh
      for (const min of [2, 3, 2, null]) {
        await page.evaluate((m) => window.__zhkg!.update({ ranges: { ...window.__zhkg!.state.ranges, degree: { min: m, max: null } } }), min);
        const left = Number(await page.getAttribute('#status', 'data-nodes'));
        expect(left * 4).toBeGreaterThan(MID_NODES);
        const filtered = await state();
        expect([filtered.order, filtered.size]).toEqual([MID_NODES, MID_EDGES]);
        await refresh();
        expect(await state()).toEqual(filtered);
        await expectDrawn(midData, (a) => min === null || (a.degree as number) >= min);
      }
      // what is drawn is what the filter leaves, counted in the pixels of sigma's node and edge layers: nothing
      // when it leaves nothing (the visibility texture hides every item), something once cleared
      const painted = (ranges: unknown) =>
        page.evaluate((r) => {
          const app = window.__zhkg!;
          app.update({ ranges: r as typeof app.state.ranges });
          // (render and webGLContexts: sigma's, typed loosely here; __zhkgPainted: bench/viewer-pixels.ts)
          const s = app.sigma! as unknown as { render(): void; webGLContexts: Record<string, WebGL2RenderingContext> };
          s.render();
          return (window as unknown as PaintedWindow).__zhkgPainted({ nodes: s.webGLContexts.nodes!, edges: s.webGLContexts.edges! }, true);
        }, ranges);
      const none = { degree: { min: 1e9, max: null }, mentions: { min: null, max: null }, confidence: { min: null, max: null } };
      const all = { degree: { min: null, max: null }, mentions: { min: null, max: null }, confidence: { min: null, max: null } };
      expect(await painted(none)).toEqual([0, 0]);
      expect(await page.getAttribute('#status', 'data-nodes')).toBe('0');
      await expectDrawn(midData, () => false);
      const [nodesPainted, edgesPainted] = await painted(all);
      expect(nodesPainted).toBeGreaterThan(1000);
      expect(edgesPainted).toBeGreaterThan(1000);
      await expectDrawn(midData, () => true);
      // a filter first, so that coming back has something to put back besides the whole graph
      await page.evaluate(() => window.__zhkg!.update({ ranges: { ...window.__zhkg!.state.ranges, mentions: { min: 3, max: null } } }));
      await page.evaluate((k) => window.__zhkg!.focusOn(k), hub);
      const shown = Number(await page.getAttribute('#status', 'data-nodes'));
      const edges = Number(await page.getAttribute('#status', 'data-edges'));
      // sigma draws only the ego network: a graph of exactly what is shown, nothing hidden in it
      const focused = await state();
      expect([focused.order, focused.size]).toEqual([shown, edges]);
      expect(shown).toBeLessThan(MID_NODES / 4);
      await page.evaluate(() => window.__zhkg!.update({ depth: 2 }));
      expect((await state()).order).toBe(Number(await page.getAttribute('#status', 'data-nodes')));

      await page.evaluate(() => window.__zhkg!.focusTrail(-1));
      const back = await state();
      expect([back.order, back.size]).toEqual([MID_NODES, MID_EDGES]);
      expect(Number(await page.getAttribute('#status', 'data-nodes'))).toBeLessThan(MID_NODES); // the filter still holds
      // the same buffers and display data as sigma's own full refresh of the whole graph in this state
      await refresh();
      expect(await state()).toEqual(back);
      // (the focus selected the hub, and it stays selected: of the edges between the nodes the filter keeps, only its own are drawn)
      expect(await page.evaluate(() => window.__zhkg!.state.node)).toBe(hub);
      const mentions3 = (a: Attrs) => (a.mentions as number) >= 3;
      const hubs = (s: string, t: string) => s === hub || t === hub;
      await expectDrawn(midData, mentions3, hubs);

      // a selection on the whole graph highlights the node, labels its neighbours and draws only its edges; no node fades
      const other = await page.evaluate((h) => window.__zhkg!.graph!.nodes().find((n) => n !== h && !window.__zhkg!.graph!.areNeighbors(n, h))!, hub);
      const colour = () => page.evaluate((n) => window.__zhkg!.sigma!.getNodeDisplayData(n)!.color, other);
      const before = await colour();
      await page.evaluate((k) => window.__zhkg!.selectNode(k), hub);
      expect(await page.evaluate((k) => window.__zhkg!.sigma!.getNodeDisplayData(k)!.highlighted, hub)).toBe(true);
      expect(await colour()).toBe(before);
      const neighbour = await page.evaluate((h) => window.__zhkg!.graph!.neighbors(h).find((n) => window.__zhkg!.scope!.nodes.has(n))!, hub);
      expect(await page.evaluate((n) => window.__zhkg!.sigma!.getNodeDisplayData(n)!.forceLabel, neighbour)).toBe(true);
      const edgeHidden = () =>
        page.evaluate((h) => {
          const app = window.__zhkg!;
          const g = app.graph!;
          const shown = g.filterEdges((_e, _a, s, t) => app.scope!.nodes.has(s) && app.scope!.nodes.has(t));
          const touches = (e: string) => g.extremities(e).includes(h);
          return [shown.filter(touches), shown.filter((e) => !touches(e))].map((es) => es.filter((e) => !app.isDrawn('edge', e)).length);
        }, hub);
      const [touching, others] = await edgeHidden();
      expect(touching).toBe(0);
      expect(others).toBeGreaterThan(0);
      // every node the filter keeps, and of the edges between them only the hub's
      await expectDrawn(midData, mentions3, hubs);
      await page.evaluate(() => window.__zhkg!.selectNode(null));
      expect(await page.evaluate((k) => window.__zhkg!.sigma!.getNodeDisplayData(k)!.highlighted, hub)).toBe(false);
      expect(await edgeHidden()).toEqual([0, 0]);
      await expectDrawn(midData, mentions3);
      const cleared = await state();
      await refresh();
      expect(await state()).toEqual(cleared);
      expect(pageErrors).toEqual([]);
    },
    LONG,
  );
});
