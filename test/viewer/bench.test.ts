/**
 * The analysis bench in headless Chromium: focus (ego network, breadcrumb), paths, attribute filters.
 * Also: the data table and its CSV, the live layout, exports of the view (GEXF checked against the schema
 * and read by networkx, JSON, PNG). The fixture graph gets a `confidence` per node here (written by the test, so the expected sets are
 * computed from the same data); expected walks come from the query library run in Node on that graph.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { MultiGraph } from 'graphology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveViewer, type ViewerServer } from '../../src/viewer/server.js';
import { copyViewer } from '../../src/viewer/copy.js';
import { shortestPath } from '../../src/query/path.js';
import { egoNetwork } from '../../src/query/ego.js';
import type { QueryGraph } from '../../src/query/attributes.js';
import { FIXTURE_JSON, buildAssets, framedWithin, launchBrowser, neighbourhoodFrame } from './helpers.js';
import { NETWORKX_SUMMARY, runPython, validateGexf } from '../export/helpers.js';
import { toGexf } from '../../src/export/gexf.js';
import { syntheticGraph } from '../../scripts/synthetic-graph.js';

interface FixtureNode {
  key: string;
  attributes: Record<string, unknown> & { degree: number; mentions: number; community: number; kind: string };
}
interface Fixture {
  nodes: FixtureNode[];
  edges: { key: string; source: string; target: string; attributes: Record<string, unknown> }[];
}

let assets: string;
let out: string;
let fixture: Fixture;
let server: ViewerServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  assets = await buildAssets();
  out = await mkdtemp(join(tmpdir(), 'zhkg-bench-out-'));
  fixture = JSON.parse(await readFile(FIXTURE_JSON, 'utf8')) as Fixture;
  // A confidence per node, spread over 0.3–0.95 by position in the file.
  fixture.nodes.forEach((n, i) => (n.attributes.confidence = Math.round((0.3 + (0.65 * i) / (fixture.nodes.length - 1)) * 100) / 100));
  await writeFile(join(out, 'graph.json'), JSON.stringify(fixture));
  await copyViewer(out, { assetsDir: assets });
  server = await serveViewer(out, { assetsDir: assets });
  browser = await launchBrowser({ reducedMotion: true });
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (out) await rm(out, { recursive: true, force: true });
  if (assets) await rm(assets, { recursive: true, force: true });
});

function libraryGraph(): QueryGraph {
  const g = new MultiGraph({ type: 'mixed' });
  g.import(fixture as unknown as Parameters<typeof g.import>[0]);
  return g;
}

async function open(hash = ''): Promise<void> {
  await page.goto('about:blank');
  await page.goto(server.url + hash);
  await page.waitForSelector('body[data-ready]');
}

/** Keys of the nodes sigma draws (not hidden), sorted. */
function shownNodes(): Promise<string[]> {
  return page.evaluate(() => {
    const s = window.__zhkg!.sigma!;
    return s
      .getGraph()
      .filterNodes((n) => s.getNodeDisplayData(n)?.hidden === false)
      .sort();
  });
}

function shownEdges(): Promise<string[]> {
  return page.evaluate(() => {
    const s = window.__zhkg!.sigma!;
    return s
      .getGraph()
      .filterEdges((e) => s.getEdgeDisplayData(e)?.hidden === false)
      .sort();
  });
}

/** Waits for the next scope computation after `action`. */
async function afterScope(action: () => Promise<unknown>): Promise<void> {
  const before = await page.evaluate(() => document.body.dataset.scope);
  await action();
  await page.waitForFunction((b) => document.body.dataset.scope !== b, before);
}

const enc = encodeURIComponent;

describe('focus', () => {
  it('shows the ego network to the chosen depth, with the library’s walk, breadcrumb and URL', async () => {
    await open(`#node=${enc('place:苏吉嘎查')}`);
    await page.waitForSelector('#panel[data-node="place:苏吉嘎查"]');
    await afterScope(() => page.click('#focus-node'));
    const lib = libraryGraph();
    const ego1 = egoNetwork(lib, 'place:苏吉嘎查', 1).nodes().sort();
    expect(ego1.length).toBeLessThan(fixture.nodes.length);
    expect(await shownNodes()).toEqual(ego1);
    expect(decodeURIComponent(page.url())).toContain('focus=place:苏吉嘎查');
    expect(await page.isVisible('#focus-bar')).toBe(true);
    expect(await page.textContent('#focus-bar .crumb.current')).toBe('苏吉嘎查');

    await afterScope(() => page.selectOption('#focus-depth', '2'));
    const ego2 = egoNetwork(lib, 'place:苏吉嘎查', 2).nodes().sort();
    expect(ego2.length).toBeGreaterThan(ego1.length);
    expect(await shownNodes()).toEqual(ego2);
    expect(page.url()).toContain('depth=2');

    // refocus on a neighbour from its panel: the trail grows; the breadcrumb goes back
    await page.evaluate(() => window.__zhkg!.selectNode('person:金宝'));
    await page.waitForSelector('#panel[data-node="person:金宝"]');
    await afterScope(() => page.click('#focus-node'));
    expect(await shownNodes()).toEqual(egoNetwork(lib, 'person:金宝', 2).nodes().sort());
    expect(await page.locator('#focus-bar .crumb').allTextContents()).toEqual(['全图', '苏吉嘎查', '金宝']);
    await afterScope(() => page.click('#focus-bar .crumb[data-crumb="0"]'));
    expect(await shownNodes()).toEqual(ego2);
    await afterScope(() => page.click('#focus-bar .crumb[data-crumb="-1"]'));
    expect(await shownNodes()).toEqual(fixture.nodes.map((n) => n.key).sort());
    expect(await page.isVisible('#focus-bar')).toBe(false);
    expect(page.url()).not.toContain('focus=');
  });

  it('walks only the relations left on, and comes back from the URL', async () => {
    await open(`#focus=${enc('program:驻村工作队')}`);
    const lib = libraryGraph();
    const all = egoNetwork(lib, 'program:驻村工作队', 1).nodes().sort();
    expect(await shownNodes()).toEqual(all);
    await afterScope(() => page.uncheck('#relations input[value="co_occurs"]'));
    const typed = egoNetwork(lib, 'program:驻村工作队', 1, { relation: ['runs', 'role', 'located_in', 'part_of', 'authored', 'partner_of'] })
      .nodes()
      .sort();
    expect(typed.length).toBeLessThan(all.length);
    expect(await shownNodes()).toEqual(typed);
    expect(pageErrors).toEqual([]);
  });
});

describe('path', () => {
  async function pathBetween(a: string, b: string): Promise<void> {
    await open(`#node=${enc(a)}`);
    await page.waitForSelector(`#panel[data-node=${JSON.stringify(a)}]`);
    await afterScope(() => page.click('#path-from'));
    await page.evaluate((k) => window.__zhkg!.selectNode(k), b);
    await page.waitForSelector(`#panel[data-node=${JSON.stringify(b)}]`);
    await afterScope(() => page.click('#path-to'));
  }

  it('prefers stated relations to a shorter co-occurrence (the rule of `zhkg query path`), evidence per hop', async () => {
    await pathBetween('person:萨仁苏和', 'org:苏吉嘎查党支部');
    const lib = shortestPath(libraryGraph(), 'person:萨仁苏和', 'org:苏吉嘎查党支部')!;
    // a direct co_occurs edge joins the two: the stated two-hop path wins
    expect(lib.hops.length).toBe(2);
    expect(lib.usesCoOccurs).toBe(false);
    expect(await shownNodes()).toEqual(lib.nodes.map((n) => n.key).sort());
    expect(await shownEdges()).toEqual(lib.hops.map((h) => h.edge.key).sort());
    const hops = page.locator('#path li.hop');
    expect(await hops.evaluateAll((els) => els.map((e) => e.getAttribute('data-edge')))).toEqual(lib.hops.map((h) => h.edge.key));
    for (const [i, hop] of lib.hops.entries()) {
      const ev = fixture.edges.find((e) => e.key === hop.edge.key)!.attributes.evidence as string;
      expect(ev.length).toBeGreaterThan(0);
      expect(await hops.nth(i).locator('.evidence .sentence').first().textContent()).toBe(ev);
    }
    const url = decodeURIComponent(page.url());
    expect(url).toContain('pathFrom=person:萨仁苏和');
    expect(url).toContain('pathTo=org:苏吉嘎查党支部');

    // the URL alone brings the same path back
    await open(`#pathFrom=${enc('person:萨仁苏和')}&pathTo=${enc('org:苏吉嘎查党支部')}`);
    expect(await page.locator('#path li.hop').count()).toBe(2);
    await afterScope(() => page.click('#path-clear'));
    expect(await page.isVisible('#path')).toBe(false);
    expect(page.url()).not.toContain('path');
  });

  it('labels every node of a path, whatever the label density and zoom (a path is read node by node)', async () => {
    for (const density of ['', '&labels=0', '&labels=1']) {
      await open(`#pathFrom=${enc('person:金宝')}&pathTo=${enc('place:锡林郭勒盟')}${density}`);
      // zoomed out, the path's labels would touch each other and the discs beside them
      await page.evaluate(() => {
        const camera = window.__zhkg!.sigma!.getCamera();
        camera.setState({ ratio: camera.getState().ratio * 8 });
      });
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const nodes = await shownNodes();
      expect(nodes.length).toBeGreaterThanOrEqual(4);
      const unlabelled = await page.evaluate((ns) => ns.filter((n) => window.__zhkg!.sigma!.getNodeDisplayData(n)?.forceLabel !== true), nodes);
      expect(unlabelled).toEqual([]);
    }
    expect(pageErrors).toEqual([]);
  });

  it('uses co-occurrence only when nothing else connects, and says so; none when co_occurs is off', async () => {
    await pathBetween('place:新巴尔虎左旗', 'org:通辽市委');
    const lib = shortestPath(libraryGraph(), 'place:新巴尔虎左旗', 'org:通辽市委')!;
    expect(lib.usesCoOccurs).toBe(true);
    expect(await page.locator('#path li.hop').count()).toBe(lib.hops.length);
    expect(await page.textContent('#path')).toContain('共现');
    await afterScope(() => page.uncheck('#relations input[value="co_occurs"]'));
    expect(await page.isVisible('#path-none')).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});

describe('filters', () => {
  it('ranges of degree, mentions and confidence and a community; counts follow; in the URL', async () => {
    await open();
    const count = (f: (n: FixtureNode['attributes']) => boolean) =>
      fixture.nodes
        .filter((n) => f(n.attributes))
        .map((n) => n.key)
        .sort();
    await afterScope(async () => {
      await page.fill('#degree-min', '2');
      await page.dispatchEvent('#degree-min', 'change');
    });
    const deg = count((a) => a.degree >= 2);
    expect(deg.length).toBeGreaterThan(0);
    expect(deg.length).toBeLessThan(fixture.nodes.length);
    expect(await shownNodes()).toEqual(deg);
    expect(await page.getAttribute('#status', 'data-nodes')).toBe(String(deg.length));
    const places = count((a) => a.degree >= 2 && a.kind === 'PLACE').length;
    expect(await page.textContent('#legend input[value="PLACE"] ~ .count')).toBe(String(places));
    expect(page.url()).toContain('degree=2..');

    await afterScope(async () => {
      await page.fill('#confidence-max', '0.6');
      await page.dispatchEvent('#confidence-max', 'change');
    });
    const both = count((a) => a.degree >= 2 && (a.confidence as number) <= 0.6);
    expect(both.length).toBeLessThan(deg.length);
    expect(await shownNodes()).toEqual(both);

    // from the URL: mentions and community
    await open('#mentions=2..&community=0');
    expect(await page.inputValue('#mentions-min')).toBe('2');
    expect(await page.inputValue('#community-filter')).toBe('0');
    expect(await shownNodes()).toEqual(count((a) => a.mentions >= 2 && a.community === 0));
    await open('#community=1');
    const c1 = count((a) => a.community === 1);
    expect(await shownNodes()).toEqual(c1);
    // an edge is shown only when both its ends are
    const edges = fixture.edges
      .filter((e) => c1.includes(e.source) && c1.includes(e.target))
      .map((e) => e.key)
      .sort();
    expect(await shownEdges()).toEqual(edges);
    await afterScope(() => page.click('#filters-reset'));
    expect(await shownNodes()).toEqual(fixture.nodes.map((n) => n.key).sort());
    expect(page.url()).not.toContain('community');
    expect(pageErrors).toEqual([]);
  });
});

describe('data table', () => {
  it('a row click frames the node with its neighbours above the table, so that their labels have room; at once for reduced motion', async () => {
    await open();
    const camera = () => page.evaluate(() => window.__zhkg!.sigma!.getCamera().getState());
    // the node's neighbours drawn close around it, as in a crowded part of a larger graph
    await page.evaluate((k) => {
      const g = window.__zhkg!.graph!;
      const c = g.getNodeAttributes(k);
      const near = new Set(g.neighbors(k));
      g.updateEachNodeAttributes((n, a) => (near.has(n) ? { ...a, x: c.x + (a.x - c.x) * 0.05, y: c.y + (a.y - c.y) * 0.05 } : a));
    }, 'place:苏吉嘎查');
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const before = await camera();
    await page.click('#table-toggle');
    await page.fill('#table-search', '苏吉嘎查');
    const key = 'place:苏吉嘎查';
    await page.click(`#table tbody tr[data-key=${JSON.stringify(key)}]`);
    await page.waitForSelector(`#panel[data-node=${JSON.stringify(key)}]`);
    const frame = await neighbourhoodFrame(page, key);
    expect(frame.n).toBeGreaterThan(3);
    // every neighbour in the part of the view the table leaves, spread over a good part of it (zoomed in)
    expect(framedWithin(frame, 0.4), JSON.stringify(frame)).toBe(true);
    expect((await camera()).ratio).toBeLessThan(before.ratio);
    // this browser asks for reduced motion (launchBrowser): framing another node moves the camera at once, no glide
    const gliding = await page.evaluate((k) => {
      window.__zhkg!.selectNode(k, true);
      return window.__zhkg!.sigma!.getCamera().isAnimated();
    }, 'person:金宝');
    expect(gliding).toBe(false);
    expect(pageErrors).toEqual([]);
  });

  it('sorts and searches the rows in view; a row click selects in the graph; CSV of the visible rows', async () => {
    await open('#community=0');
    await page.click('#table-toggle');
    await page.waitForSelector('#table:not([hidden]) tbody tr');
    const inView = fixture.nodes.filter((n) => n.attributes.community === 0);
    expect(await page.getAttribute('#table', 'data-rows')).toBe(String(inView.length));
    // default order: degree, largest first
    const keys = () => page.locator('#table tbody tr').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
    const byDegree = [...inView].sort((a, b) => b.attributes.degree - a.attributes.degree || (a.key < b.key ? -1 : 1)).map((n) => n.key);
    expect(await keys()).toEqual(byDegree);
    // a click on the label header sorts by label
    await page.click('#table th[data-col="0"]');
    const byLabel = [...inView].sort((a, b) => (String(a.attributes.label) < String(b.attributes.label) ? -1 : 1)).map((n) => n.key);
    expect(await keys()).toEqual(byLabel);
    expect(page.url()).toContain('table=nodes&sort=label');
    // search narrows the rows
    await page.fill('#table-search', '嘎查');
    const found = inView
      .filter((n) => String(n.attributes.label).includes('嘎查'))
      .map((n) => n.key)
      .sort();
    expect((await keys()).sort()).toEqual(found);
    // a row click selects the node
    await page.click(`#table tbody tr[data-key=${JSON.stringify(found[0])}]`);
    await page.waitForSelector(`#panel[data-node=${JSON.stringify(found[0])}]`);
    expect(await page.getAttribute(`#table tbody tr[data-key=${JSON.stringify(found[0])}]`, 'class')).toContain('selected');

    // the table's state is in the URL: the same URL opens the same table
    expect(decodeURIComponent(page.url())).toContain('tq=嘎查');
    const sameTable = page.url();
    await open(sameTable.slice(sameTable.indexOf('#')));
    await page.waitForSelector('#table:not([hidden]) tbody tr');
    expect(await page.inputValue('#table-search')).toBe('嘎查');
    expect((await keys()).sort()).toEqual(found);
    // CSV: exactly the visible rows, a reader gets them back
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#table-csv')]);
    const csv = await readFile(await download.path(), 'utf8');
    const Papa = (await import('papaparse')).default;
    const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/u, ''), { newline: '\r\n', skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['key', 'label', 'kind', 'degree', 'mentions', 'articles']);
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(found);

    // edges tab; a row click opens the edge
    await page.fill('#table-search', '');
    await page.click('#table-head .tab[data-table="edges"]');
    const edgeKeys = (await keys()) as string[];
    const c0 = new Set(inView.map((n) => n.key));
    expect(edgeKeys.sort()).toEqual(
      fixture.edges
        .filter((e) => c0.has(e.source) && c0.has(e.target))
        .map((e) => e.key)
        .sort(),
    );
    await page.click('#table tbody tr[data-key="e3"]');
    await page.waitForSelector('#panel[data-edge="e3"]');
    expect(pageErrors).toEqual([]);
  });

  it('keeps a hostile label as text in the table and in the CSV', async () => {
    await open(`#focus=${enc('org:hostile')}`);
    await page.click('#table-toggle');
    await page.fill('#table-search', '<img');
    await page.waitForSelector('#table tbody tr[data-key="org:hostile"]');
    expect(await page.textContent('#table tbody tr[data-key="org:hostile"] td')).toBe('<img src=x onerror=alert(1)>');
    expect(await page.locator('#table img').count()).toBe(0);
    const csv = await page.evaluate(() => window.__zhkg!.tableCsv());
    expect(csv).toContain('org:hostile,<img src=x onerror=alert(1)>,ORGANIZATION');
  });
});

describe('live layout', () => {
  const positions = (): Promise<Record<string, [number, number]>> =>
    page.evaluate(() => {
      const out: Record<string, [number, number]> = {};
      window.__zhkg!.graph!.forEachNode((n, a) => (out[n] = [a.x, a.y]));
      return out;
    });
  const frames = () => page.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))));

  it('runs ForceAtlas2 in a worker with start/stop, separates overlapping nodes, restores the built positions', async () => {
    await open();
    const built = await positions();
    await page.click('#layout-run');
    expect(await page.getAttribute('#layout-controls', 'data-layout')).toBe('running');
    await page.waitForFunction(
      (b) => {
        let moved = false;
        window.__zhkg!.graph!.forEachNode((n, a) => (moved ||= a.x !== b[n]![0] || a.y !== b[n]![1]));
        return moved;
      },
      built,
      { timeout: 60_000 },
    );
    await page.click('#layout-run');
    expect(await page.getAttribute('#layout-controls', 'data-layout')).toBe('moved');
    expect(await page.evaluate(() => window.__zhkg!.layout!.running)).toBe(false);
    const stopped = await positions();
    await frames();
    expect(await positions()).toEqual(stopped);
    await page.click('#layout-restore');
    expect(await positions()).toEqual(built);
    expect(await page.getAttribute('#layout-controls', 'data-layout')).toBe('built');

    // two nodes put on one spot are pushed apart until their discs no longer overlap on screen
    await page.evaluate(() => {
      const g = window.__zhkg!.graph!;
      const a = g.getNodeAttributes('place:苏吉嘎查');
      g.mergeNodeAttributes('person:金宝', { x: a.x, y: a.y });
    });
    await frames();
    const gap = () =>
      page.evaluate(() => {
        const s = window.__zhkg!.sigma!;
        const a = s.getNodeDisplayData('person:金宝')!;
        const b = s.getNodeDisplayData('place:苏吉嘎查')!;
        const p = s.framedGraphToViewport(a);
        const q = s.framedGraphToViewport(b);
        return Math.hypot(p.x - q.x, p.y - q.y) - (s.scaleSize(a.size) + s.scaleSize(b.size));
      });
    expect(await gap()).toBeLessThan(0);
    await page.click('#layout-noverlap');
    await frames();
    expect(await gap()).toBeGreaterThanOrEqual(0);
    await page.click('#layout-restore');
    expect(await positions()).toEqual(built);
    expect(pageErrors).toEqual([]);
  });

  it('starts its worker from file:// too', async () => {
    await page.goto('about:blank');
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    await page.waitForSelector('body[data-ready]');
    const built = await positions();
    await page.click('#layout-run');
    await page.waitForFunction(
      (b) => {
        let moved = false;
        window.__zhkg!.graph!.forEachNode((n, a) => (moved ||= a.x !== b[n]![0] || a.y !== b[n]![1]));
        return moved;
      },
      built,
      { timeout: 60_000 },
    );
    await page.click('#layout-run');
    expect(pageErrors).toEqual([]);
  });
});

describe('export what you see', () => {
  async function downloaded(button: string): Promise<Buffer> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    return readFile(await download.path());
  }

  it('GEXF of the visible subgraph: the CLI writer, valid against the GEXF schema, read by networkx', async () => {
    await open(`#focus=${enc('place:苏吉嘎查')}&hideRelations=co_occurs`);
    const shown = await shownNodes();
    const edges = await shownEdges();
    expect(shown.length).toBeLessThan(fixture.nodes.length);
    const gexf = (await downloaded('#export-gexf')).toString('utf8');
    const valid = await validateGexf(gexf);
    expect(valid.errors).toEqual([]);
    expect(valid.valid).toBe(true);
    const nx = await runPython(NETWORKX_SUMMARY, gexf);
    expect(nx.stderr).toBe('');
    const summary = JSON.parse(nx.stdout) as { nodes: Record<string, { label: string }>; edges: { key: string }[] };
    expect(Object.keys(summary.nodes).sort()).toEqual(shown);
    expect(summary.edges.map((e) => e.key).sort()).toEqual(edges);
    expect(summary.nodes['place:苏吉嘎查']!.label).toBe('苏吉嘎查');
    // the same bytes as the CLI's writer gives for that subgraph
    const lib = libraryGraph();
    const sub = new MultiGraph({ type: 'mixed' });
    sub.replaceAttributes(lib.getAttributes());
    lib.forEachNode((n, a) => shown.includes(n) && sub.addNode(n, a));
    lib.forEachEdge((e, a, s, t, _sa, _ta, u) => edges.includes(e) && (u ? sub.addUndirectedEdgeWithKey(e, s, t, a) : sub.addDirectedEdgeWithKey(e, s, t, a)));
    expect(gexf).toBe(toGexf(sub));

    const json = JSON.parse((await downloaded('#export-json')).toString('utf8')) as Fixture;
    expect(json.nodes.map((n) => n.key).sort()).toEqual(shown);
    expect(json.edges.map((e) => e.key).sort()).toEqual(edges);
    expect(json.edges.find((e) => e.key === 'e0')!.attributes.evidence).toBe(fixture.edges.find((e) => e.key === 'e0')!.attributes.evidence);
  });

  it('PNG of the view as drawn', async () => {
    await open();
    const png = await downloaded('#export-png');
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const size = await page.evaluate(() => {
      const c = Object.values(window.__zhkg!.sigma!.getCanvases())[0]!;
      return [c.width, c.height];
    });
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual(size);
    // something is drawn: pixels of the node colours, not only white
    const coloured = await page.evaluate(
      async (bytes) => {
        const bmp = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
        const c = document.createElement('canvas');
        c.width = bmp.width;
        c.height = bmp.height;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(bmp, 0, 0);
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        // the place colour #59a14f
        for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i]! - 0x59) < 8 && Math.abs(d[i + 1]! - 0xa1) < 8 && Math.abs(d[i + 2]! - 0x4f) < 8) n++;
        return n;
      },
      [...png],
    );
    expect(coloured).toBeGreaterThan(20);
    expect(pageErrors).toEqual([]);
  });
});

describe('minimap', () => {
  it('appears above a few hundred nodes; a click on it moves the camera there', async () => {
    // the fixture is small: no minimap
    await open();
    expect(await page.isHidden('#minimap')).toBe(true);
    const big = await mkdtemp(join(tmpdir(), 'zhkg-bench-big-'));
    try {
      await writeFile(join(big, 'graph.json'), JSON.stringify(syntheticGraph({ nodes: 600, edges: 900, evidence: 1 })));
      await copyViewer(big, { assetsDir: assets });
      await page.goto('about:blank');
      await page.goto(pathToFileURL(join(big, 'index.html')).href);
      await page.waitForSelector('body[data-ready]');
      expect(await page.isVisible('#minimap')).toBe(true);
      const camera = () => page.evaluate(() => window.__zhkg!.sigma!.getCamera().getState());
      const before = await camera();
      const viewport = await page.getAttribute('#minimap', 'data-viewport');
      const box = (await page.locator('#minimap').boundingBox())!;
      await page.mouse.click(box.x + box.width * 0.15, box.y + box.height * 0.2);
      const after = await camera();
      expect(after.x).toBeLessThan(before.x);
      expect(after.y).toBeGreaterThan(before.y);
      await page.waitForFunction((v) => document.getElementById('minimap')!.dataset.viewport !== v, viewport);
      expect(pageErrors).toEqual([]);
    } finally {
      await rm(big, { recursive: true, force: true });
    }
  });
});
