/**
 * The viewer on a big graph (issue 14 item 5, issue 17's 200 ms target): a synthetic graph of the build's
 * shape (scripts/synthetic-graph.ts, default 16 000 nodes / 47 000 edges, evidence included) written as
 * `zhkg build` writes it (graph.json + the page with its compact graph.js and evidence shards), opened in
 * headless Chromium (software GL) over `zhkg view`'s server and from file://; prints the bytes (and those
 * of the format before the render graph, where graph.js was graph.json again), the time to ready (first
 * frame drawn) with the page's phases, how long one whole-graph frame takes to be drawn (software GL: the
 * page's next task waits for it), opening a node's evidence, a filter, a focus (depth 1 and 2) and a search
 * take in the page. Figures, not a test.
 * Usage: npx tsx bench/viewer.ts [nodes] [edges]
 */
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { syntheticGraph } from '../scripts/synthetic-graph.js';
import { copyViewer } from '../src/viewer/copy.js';
import { serveViewer } from '../src/viewer/server.js';
import { buildViewer } from '../scripts/build-viewer.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.js';
import { loadAverage } from './child.js';

const nodes = Number(process.argv[2] ?? 16000);
const edges = Number(process.argv[3] ?? 47000);
const STEPS = `(async () => {
  const app = window.__zhkg;
  const g = app.graph;
  let hub = '', best = -1;
  g.forEachNode((n, a) => { if (a.degree > best) { best = a.degree; hub = n; } });
  // Each step: the state change, the scope, counts, legend, labels and sigma's redraw (synchronous: update()
  // ends with sigma's refresh and render).
  const time = (f) => { const t = performance.now(); f(); return performance.now() - t; };
  const ranges = app.state.ranges;
  const r = {};
  // One frame as software GL draws it: sigma's render, then a one-pixel read of each WebGL canvas, which
  // waits until the GL process has drawn it (what a page's next task waits for).
  const drawn = () => { for (const gl of Object.values(app.sigma.webGLContexts)) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4)); };
  drawn();
  r['frame, whole graph (drawn to the pixel)'] = time(() => { app.sigma.render(); drawn(); });
  r['filter degree ≥ 3'] = time(() => app.update({ ranges: { ...ranges, degree: { min: 3, max: null } } }));
  r['filter confidence 0.2–0.8'] = time(() => app.update({ ranges: { ...ranges, confidence: { min: 0.2, max: 0.8 } } }));
  r['filters cleared'] = time(() => app.update({ ranges }));
  r['focus on the hub (degree ' + best + '), depth 1, first'] = time(() => app.focusOn(hub));
  r['focus depth 2'] = time(() => app.update({ depth: 2 }));
  r['focus depth 1 again'] = time(() => app.update({ depth: 1 }));
  r['focus off (whole graph)'] = time(() => app.focusTrail(-1));
  r['focus on the hub again'] = time(() => app.focusOn(hub));
  const input = document.getElementById('search');
  r['search 金宝1 (suggestions drawn)'] = time(() => { input.value = '金宝1'; input.dispatchEvent(new Event('input')); });
  app.focusTrail(-1);
  // A node's panel, its evidence loaded from its shard (a script tag) and drawn: right after leaving the
  // focus (the frames that left still being drawn, as when a user clicks at once), then on a settled page.
  const panel = document.getElementById('panel');
  const openPanel = async (node) => {
    const t = performance.now();
    app.selectNode(node);
    // an observer, not a polling timer (Chromium throttles chained timers in a page it deems hidden)
    await new Promise((ok) => {
      if (panel.dataset.details === 'ready') return ok();
      const seen = new MutationObserver(() => { if (panel.dataset.details === 'ready') { seen.disconnect(); ok(); } });
      seen.observe(panel, { attributes: true, attributeFilter: ['data-details'] });
    });
    return performance.now() - t;
  };
  const unloaded = (skip) => { let k = ''; g.forEachNode((n) => { if (!k && n !== hub && n !== skip && app.shards.get('n', n) === undefined) k = n; }); return k; };
  const first = unloaded('');
  r['node panel with its evidence, right after focus off'] = await openPanel(first);
  app.selectNode(null);
  await new Promise((ok) => setTimeout(ok, 3000));
  r['node panel with its evidence, settled page'] = await openPanel(unloaded(first));
  return r;
})()`;
const mb = (n: number) => (n / 1e6).toFixed(1);

const assets = await mkdtemp(join(tmpdir(), 'zhkg-bench-viewer-assets-'));
const out = await mkdtemp(join(tmpdir(), 'zhkg-bench-viewer-out-'));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
try {
  await buildViewer(assets);
  const g = syntheticGraph({ nodes, edges });
  await writeFile(join(out, 'graph.json'), JSON.stringify(g));
  await copyViewer(out, { assetsDir: assets });
  const size = async (f: string) => (await stat(join(out, f))).size;
  console.log(`## viewer: ${nodes.toLocaleString('en-US')} nodes, ${edges.toLocaleString('en-US')} edges (synthetic, 2 evidence sentences per edge)`);
  console.log(`load average ${loadAverage()} (times scale with it: read ratios within one run)`);
  const shards = (await readdir(join(out, 'evidence'))).sort();
  let evidence = 0;
  for (const f of shards) evidence += await size(join('evidence', f));
  const page = (await size('app.js')) + (await size('index.html')) + (await size('style.css'));
  const json = await size('graph.json');
  const js = await size('graph.js');
  const before = page + json; // the page and graph.js, which was graph.json again
  console.log(
    `graph.json ${mb(json)} MB (the export for programs); the page reads graph.js ${mb(js)} MB before its first frame, evidence/ ${mb(evidence)} MB in ${shards.length} shards when opened; page ${mb(page)} MB`,
  );
  console.log(
    `viewer files (page + graph.js + evidence/) ${mb(page + js + evidence)} MB = ${((100 * (page + js + evidence)) / before).toFixed(0)} % of the format before (page + graph.js = graph.json, ${mb(before)} MB)`,
  );
  const server = await serveViewer(out, { assetsDir: assets });
  try {
    for (const [how, url] of [
      ['http (zhkg view)', server.url],
      ['file://', pathToFileURL(join(out, 'index.html')).href],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
      const t0 = Date.now();
      await page.goto(url, { timeout: 600_000 });
      await page.waitForSelector('body[data-ready]', { timeout: 600_000 });
      const ready = Date.now() - t0;
      const loadMs = await page.evaluate(() => performance.now());
      console.log(`time to ready (${how}): ${(ready / 1000).toFixed(2)} s (page clock ${(loadMs / 1000).toFixed(2)} s)`);
      if (how === 'file://') {
        await page.close();
        continue;
      }
      // Each step: the state change, the scope, the counts, the legend, and sigma's redraw (synchronous).
      const timings = await page.evaluate<Record<string, number>>('window.__zhkg.timings');
      console.log(
        `  phases: ${Object.entries(timings)
          .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`)
          .join(', ')}`,
      );
      // The undirected view a first focus walks is built when the page is idle after its first frame.
      await page.waitForFunction('window.__zhkg.timings.warmFocus !== undefined', undefined, { timeout: 600_000 });
      const warm = await page.evaluate<number>('window.__zhkg.timings.warmFocus');
      console.log(`  focus view built at idle after the first frame: ${warm.toFixed(0)} ms`);
      // A string: the page must not see the TS transform's helpers.
      const steps = await page.evaluate<Record<string, number>>(STEPS);
      for (const [k, v] of Object.entries(steps)) console.log(`  ${k.padEnd(44)} ${v.toFixed(0).padStart(6)} ms`);
      await page.close();
    }
  } finally {
    await server.close();
  }
} finally {
  await browser.close();
  await rm(out, { recursive: true, force: true });
  await rm(assets, { recursive: true, force: true });
}
