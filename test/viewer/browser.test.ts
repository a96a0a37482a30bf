/**
 * End-to-end checks of the page in headless Chromium (SPEC §6): one browser for the file, one page,
 * each test navigates afresh. Assertions read the DOM and sigma's own state (window.__zhkg).
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveViewer, type ViewerServer } from '../../src/viewer/server.js';
import { FIXTURE_GEXF, buildAssets, countWebGL, launchBrowser, makeOutDir, type WebGLCount } from './helpers.js';

const HOSTILE = '<img src=x onerror=alert(1)>';
const FADED = '#e6e6e9';

let assets: string;
let out: string;
let server: ViewerServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const dialogs: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  assets = await buildAssets();
  out = await makeOutDir(assets);
  server = await serveViewer(out, { assetsDir: assets });
  browser = await launchBrowser();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(out, { recursive: true, force: true });
  await rm(assets, { recursive: true, force: true });
});

async function open(hash = ''): Promise<void> {
  await page.goto('about:blank');
  await page.goto(server.url + hash);
  await page.waitForSelector('body[data-ready]');
}

/** What sigma last rendered for a node (after the reducers). */
function display(key: string): Promise<{ color: string; hidden: boolean; forceLabel: boolean; label: string | null } | null> {
  return page.evaluate((k) => {
    const d = window.__zhkg!.sigma!.getNodeDisplayData(k);
    return d ? { color: d.color, hidden: d.hidden, forceLabel: d.forceLabel, label: d.label ?? null } : null;
  }, key);
}

async function searchAndPick(query: string, nodeKey: string): Promise<void> {
  await page.fill('#search', query);
  await page.click(`#suggestions li[data-node="${nodeKey}"]`);
}

describe('the bundled graph in the browser', () => {
  let bundled: string;
  let s: ViewerServer;
  // Running the pipeline on data/ takes a few seconds (more on a loaded machine): a hook, not the test.
  beforeAll(async () => {
    bundled = await makeOutDir(assets, 'bundled');
    s = await serveViewer(bundled, { assetsDir: assets });
  });
  afterAll(async () => {
    await s?.close();
    if (bundled) await rm(bundled, { recursive: true, force: true });
  });

  it('search 金宝 → click → 苏吉嘎查 highlighted, the evidence sentence in the panel', async () => {
    {
      await page.goto(s.url);
      await page.waitForSelector('body[data-ready]');
      const keys = await page.evaluate(() => {
        const g = window.__zhkg!.graph!;
        return { jinbao: g.findNode((_n, a) => a.label === '金宝'), suji: g.findNode((_n, a) => a.label === '苏吉嘎查') };
      });
      expect(keys.jinbao).toBeTypeOf('string');
      expect(keys.suji).toBeTypeOf('string');
      await page.fill('#search', '金宝');
      await page.click(`#suggestions li[data-node=${JSON.stringify(keys.jinbao)}]`);
      await page.waitForSelector(`#panel[data-node=${JSON.stringify(keys.jinbao)}]`);
      const suji = await display(keys.suji!);
      expect(suji?.color).not.toBe(FADED);
      expect(suji?.forceLabel).toBe(true);
      const row = page.locator(`#panel .rel-row[data-node=${JSON.stringify(keys.suji)}]`).first();
      await row.locator('.edge-label').click();
      await page.waitForSelector('#panel .evidence .sentence');
      expect(await page.textContent('#panel .evidence')).toContain('苏吉嘎查第一书记金宝');
      expect(await page.locator('#panel .evidence mark').allTextContents()).toContain('金宝');
    }
  });
});

describe('viewer in the browser (fixture graph)', () => {
  it('loads the graph and shows its counts', async () => {
    await open();
    const graph = JSON.parse(await readFile(join(out, 'graph.json'), 'utf8')) as { nodes: unknown[]; edges: unknown[] };
    const order = await page.evaluate(() => window.__zhkg!.sigma!.getGraph().order);
    expect(order).toBe(graph.nodes.length);
    expect(await page.textContent('#status')).toContain(String(graph.nodes.length));
    expect(await page.locator('#legend li').count()).toBeGreaterThanOrEqual(4);
  });

  it('search 金宝 → click → 苏吉嘎查 highlighted, evidence sentence in the panel', async () => {
    await open();
    await searchAndPick('金宝', 'person:金宝');
    await page.waitForSelector('#panel[data-node="person:金宝"]');
    expect(await page.textContent('#panel h2.title')).toBe('金宝');
    expect(page.url()).toContain(`#node=${encodeURIComponent('person:金宝')}`);

    const neighbour = await display('place:苏吉嘎查');
    expect(neighbour?.color).not.toBe(FADED);
    expect(neighbour?.forceLabel).toBe(true);
    const far = await display('place:通辽市');
    expect(far?.color).toBe(FADED);
    expect(far?.label).toBe('');

    // the relation list names the neighbour; clicking the relation opens the edge with its evidence
    const roleRow = page.locator('#panel .rel-group[data-relation="role"] .rel-row');
    expect(await roleRow.locator('.node-link').textContent()).toBe('苏吉嘎查');
    await roleRow.locator('.edge-label').click();
    await page.waitForSelector('#panel[data-edge="e0"]');
    const sentence = await page.textContent('#panel .evidence .sentence');
    expect(sentence).toContain('苏吉嘎查第一书记金宝介 绍说');
    expect(await page.locator('#panel .evidence mark').allTextContents()).toEqual(['苏吉嘎查', '金宝']);
    expect(await page.textContent('#panel .evidence .source')).toContain('增收路上 我引路');
  });

  it('a click on a node in the canvas selects it', async () => {
    await open();
    const point = await page.evaluate(() => {
      const s = window.__zhkg!.sigma!;
      const a = s.getGraph().getNodeAttributes('place:苏吉嘎查');
      const v = s.graphToViewport({ x: a.x, y: a.y });
      const r = s.getContainer().getBoundingClientRect();
      return { x: r.left + v.x, y: r.top + v.y };
    });
    await page.mouse.move(point.x, point.y);
    await page.mouse.click(point.x, point.y);
    await page.waitForSelector('#panel[data-node="place:苏吉嘎查"]');
    const groups = await page.locator('#panel .rel-group').evaluateAll((els) => els.map((e) => e.getAttribute('data-relation')));
    expect(groups[0]).toBe('role');
    expect(groups[groups.length - 1]).toBe('co_occurs');

    // and a click on the middle of a straight edge opens the edge panel
    const mid = await page.evaluate(() => {
      const s = window.__zhkg!.sigma!;
      const g = s.getGraph();
      const [a, b] = g.extremities('e3').map((n) => s.graphToViewport({ x: g.getNodeAttribute(n, 'x'), y: g.getNodeAttribute(n, 'y') }));
      const r = s.getContainer().getBoundingClientRect();
      return { x: r.left + (a!.x + b!.x) / 2, y: r.top + (a!.y + b!.y) / 2 };
    });
    // two clicks within sigma's double-click delay (300 ms) would zoom instead
    await page.waitForTimeout(400);
    await page.mouse.move(mid.x, mid.y);
    await page.mouse.click(mid.x, mid.y);
    await page.waitForSelector('#panel[data-edge="e3"]');
    expect(await page.textContent('#panel .evidence .sentence')).toContain('格日勒敖都 苏木');
  });

  it('finds substrings of labels and aliases: 嘎查, 新左旗', async () => {
    await open();
    await page.fill('#search', '嘎查');
    const keys = await page.locator('#suggestions li[data-node]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node')));
    expect(keys).toEqual(expect.arrayContaining(['place:苏吉嘎查', 'org:苏吉嘎查党支部']));
    expect(await page.textContent('#suggestions li[data-node="org:苏吉嘎查党支部"] .label mark')).toBe('嘎查');
    await page.fill('#search', '新左旗');
    expect(await page.textContent('#suggestions li[data-node="place:新巴尔虎左旗"]')).toContain('新左旗');
    await page.press('#search', 'Enter');
    await page.waitForSelector('#panel[data-node="place:新巴尔虎左旗"]');
    await page
      .locator('#graph')
      .focus()
      .catch(() => undefined);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Escape');
    await page.waitForSelector('#panel[data-node=""]');
  });

  it('keeps a hostile label as text everywhere', async () => {
    await open();
    await page.fill('#search', '<img');
    expect(await page.textContent('#suggestions li[data-node="org:hostile"] .label')).toBe(HOSTILE);
    await page.click('#suggestions li[data-node="org:hostile"]');
    await page.waitForSelector('#panel[data-node="org:hostile"]');
    expect(await page.textContent('#panel h2.title')).toBe(HOSTILE);
    await page.click('#panel .rel-group[data-relation="partner_of"] .edge-label');
    await page.waitForSelector('#panel .evidence .sentence');
    expect(await page.textContent('#panel .evidence .sentence')).toContain('<script>alert(2)</script>');
    expect(await page.locator('#panel .evidence mark').first().textContent()).toBe(HOSTILE);
    expect(await page.locator('body img, #panel script, #suggestions script').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('restores filters, language and selection from the URL, and writes toggles back', async () => {
    await open(`#node=${encodeURIComponent('place:苏吉嘎查')}&hideRelations=co_occurs&lang=en`);
    await page.waitForSelector('#panel[data-node="place:苏吉嘎查"]');
    expect(await page.textContent('#lang-switch')).toBe('中文');
    expect(await page.isChecked('#relations input[value="co_occurs"]')).toBe(false);
    const co = await page.evaluate(() => window.__zhkg!.sigma!.getEdgeDisplayData('e1')?.hidden);
    expect(co).toBe(true);
    await page.uncheck('#legend input[value="PERSON"]');
    expect(decodeURIComponent(page.url())).toContain('hideKinds=PERSON');
    expect((await display('person:金宝'))?.hidden).toBe(true);
    await page.check('input[name="color-by"][value="community"]');
    expect(page.url()).toContain('color=community');
    await page.click('#lang-switch');
    expect(await page.textContent('#lang-switch')).toBe('English');
    expect(await page.getAttribute('#search', 'placeholder')).toContain('搜索');
    expect(page.url()).not.toContain('lang=');
  });

  it('opens a dropped GEXF file and reports a file it cannot read', async () => {
    await open();
    const before = await page.evaluate(() => document.body.dataset.ready);
    const gexf = await readFile(FIXTURE_GEXF, 'utf8');
    const drop = async (name: string, text: string): Promise<void> => {
      const dt = await page.evaluateHandle(
        ([n, t]) => {
          const d = new DataTransfer();
          d.items.add(new File([t], n, { type: 'application/octet-stream' }));
          return d;
        },
        [name, text] as const,
      );
      await page.dispatchEvent('#graph', 'drop', { dataTransfer: dt });
    };
    await drop('small-graph.gexf', gexf);
    await page.waitForFunction((b) => document.body.dataset.ready !== b, before);
    const order = await page.evaluate(() => window.__zhkg!.sigma!.getGraph().order);
    expect(order).toBe((gexf.match(/<node /gu) ?? []).length);
    await searchAndPick('新左旗', 'place:新巴尔虎左旗'); // aliases survived the GEXF
    await page.waitForSelector('#panel[data-node="place:新巴尔虎左旗"]');

    // the file picker takes the same path
    await page.setInputFiles('#file-input', { name: 'again.json', mimeType: 'application/json', buffer: await readFile(join(out, 'graph.json')) });
    await page.waitForFunction(
      () => window.__zhkg!.graph!.hasNode('org:hostile') && window.__zhkg!.graph!.getNodeAttribute('person:金宝', 'evidence').length > 0,
    );
    const jsonOrder = await page.evaluate(() => window.__zhkg!.sigma!.getGraph().order);
    expect(jsonOrder).toBe(order);

    await drop('notes.txt', 'this is not a graph');
    await page.waitForSelector('#message:not([hidden])');
    const msg = await page.textContent('#message');
    expect(msg).toContain('notes.txt');
    expect(msg).toContain('GEXF');
    expect(await page.evaluate(() => window.__zhkg!.sigma!.getGraph().order)).toBe(order);
    await drop('broken.gexf', '<gexf><graph><nodes><node id="a"></nodes>');
    await page.waitForFunction(() => document.getElementById('message')!.textContent.includes('broken.gexf'));
  });

  it('draws without instancing and opens a node with one shard fetch and one redraw of the panel', async () => {
    // The cause of a 33–45 s evidence panel on the 16k-node graph: sigma's instanced programs cost software
    // GL (SwiftShader) a fixed time per instance, so every frame took seconds and the shard's script waited
    // behind them. Guarded here by what the page asks of WebGL, not by time.
    await open();
    const draws = await page.evaluate(() => {
      const count = { instanced: 0, plain: 0 };
      const proto = WebGL2RenderingContext.prototype;
      type Draw = (this: WebGL2RenderingContext, ...a: unknown[]) => void;
      const inst = Object.getOwnPropertyDescriptor(proto, 'drawArraysInstanced')!.value as Draw;
      const plain = Object.getOwnPropertyDescriptor(proto, 'drawArrays')!.value as Draw;
      proto.drawArraysInstanced = function (...a: unknown[]) {
        count.instanced++;
        return inst.apply(this, a);
      };
      proto.drawArrays = function (...a: unknown[]) {
        count.plain++;
        return plain.apply(this, a);
      };
      const app = window.__zhkg!;
      // sigma's render() (private in its types): a frame drawn now, not on the next animation frame
      const render = () => (app.sigma as unknown as { render(): void }).render();
      render();
      app.selectNode('person:金宝');
      render();
      proto.drawArraysInstanced = inst;
      proto.drawArrays = plain;
      return count;
    });
    expect(draws.instanced).toBe(0);
    expect(draws.plain).toBeGreaterThan(0);

    // Opening a node loads its shard once (not one per edge) and draws the panel again once it is there.
    await open();
    const shards = () => page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/evidence/')).length);
    expect(await shards()).toBe(0);
    await page.evaluate(() => {
      const panel = document.getElementById('panel')!;
      const seen: string[] = [];
      new MutationObserver(() => seen.push(panel.dataset.details ?? '')).observe(panel, {
        attributes: true,
        attributeFilter: ['data-details'],
        childList: true,
      });
      (window as unknown as { panelStates: string[] }).panelStates = seen;
      window.__zhkg!.selectNode('person:金宝');
    });
    await page.waitForSelector('#panel[data-node="person:金宝"][data-details="ready"]');
    expect(await page.textContent('#panel .evidence')).toContain('金宝');
    expect(await shards()).toBe(1);
    // the panel drawn with "loading", then once with the evidence (each draw: children and the attribute)
    const states = await page.evaluate(() => (window as unknown as { panelStates: string[] }).panelStates);
    expect(states.filter((s) => s === 'ready').length).toBeLessThanOrEqual(2);
    // every edge of the node opened: still that one shard
    const edges = await page.evaluate(() => window.__zhkg!.graph!.edges('person:金宝'));
    for (const e of edges) {
      await page.evaluate((k) => window.__zhkg!.selectEdge(k), e);
      await page.waitForSelector(`#panel[data-edge="${e}"][data-details="ready"]`);
    }
    expect(await shards()).toBe(1);
  });

  it('makes one sigma for a small graph: no second set of WebGL contexts while graph.js loads', async () => {
    // The page is told the graph's size (index.html, src/viewer/page-size.ts) and makes sigma early only for a
    // graph that will draw with that early one (a large one): a sigma has three WebGL contexts.
    await page.addInitScript(countWebGL);
    await open();
    const count = await page.evaluate(() => {
      const w = window as unknown as WebGLCount;
      return [w.__webgl, w.__webglAtGraph];
    });
    // (none made before graph.js had loaded)
    expect(count).toEqual([3, 0]);
  });

  it('works from file:// through graph.js', async () => {
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    await page.waitForSelector('body[data-ready]');
    expect(await page.evaluate(() => window.__zhkg!.sigma!.getGraph().hasNode('person:金宝'))).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
