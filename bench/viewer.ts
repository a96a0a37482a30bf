/**
 * The viewer on a big graph (issue 14 item 5, issue 17's 200 ms target): a synthetic graph of the build's
 * shape (scripts/synthetic-graph.ts, default 16 000 nodes / 47 000 edges, evidence included) written as
 * `zhkg build` writes it (graph.json + the page with its compact graph.js and evidence shards), opened in
 * headless Chromium (software GL) over `zhkg view`'s server and from file://; prints the bytes (and those
 * of the format before the render graph, where graph.js was graph.json again), the time to ready (first
 * frame drawn) with the page's phases, and for filters, a selection, a focus, a path and a search the page's
 * own time and the time until that frame is drawn to the pixel (software GL), each repeated
 * (ZHKG_BENCH_REPEATS, default 3: median and range), and opening a node's evidence. Figures, not a test.
 * Usage: npx tsx bench/viewer.ts [nodes] [edges]
 * ZHKG_BENCH_STEPS=0: the time to ready and the phases only (no steps, no panels); ZHKG_BENCH_ASSETS=dir: the
 * page built there (app.js, index.html, style.css: another commit's `buildViewer(dir)`) instead of this
 * tree's, to compare two builds on the same graph.
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
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
import { PAINTED_SCRIPT, type PaintedWindow } from './viewer-pixels.js';

const nodes = Number(process.argv[2] ?? 16000);
const edges = Number(process.argv[3] ?? 47000);
const REPEATS = Number(process.env.ZHKG_BENCH_REPEATS ?? 3);
const STEPS_TOO = process.env.ZHKG_BENCH_STEPS !== '0';
const OTHER_ASSETS = process.env.ZHKG_BENCH_ASSETS;
const STEPS = `(async () => {
  const app = window.__zhkg;
  const g = app.graph;
  let hub = '', best = -1;
  g.forEachNode((n, a) => { if (a.degree > best) { best = a.degree; hub = n; } });
  // a path between two nodes of the hub's ego network at depth 2 (two hops apart)
  const near = new Set(g.neighbors(hub));
  let far = '';
  for (const n of near) for (const m of g.neighbors(n)) if (!far && m !== hub && !near.has(m)) far = m;
  const ranges = app.state.ranges;
  const sizes = new Map();
  g.forEachNode((_n, a) => { if (a.community !== null) sizes.set(a.community, (sizes.get(a.community) ?? 0) + 1); });
  const largest = [...sizes].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? null;
  // One frame as software GL draws it: a one-pixel read of each WebGL canvas waits until the GL process has
  // drawn what the page sent (what the user sees, and what the page's next task waits for). (viewer-pixels.ts)
  const drawn = () => window.__zhkgPainted(app.sigma.webGLContexts, false);
  // Each step: the page's own work (the state change, the scope, counts, legend, labels and sigma's refresh,
  // all synchronous) and the time until that frame is drawn to the pixel. The camera's animated return to
  // the whole graph (leaving a focus) is ended at once (its frames draw without edges meanwhile), and each
  // repeat starts from the whole graph in view, so that every repeat draws the same frames.
  const r = {};
  const cam = app.sigma.getCamera();
  const whole = { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
  const time = (name, f) => {
    drawn();
    const t = performance.now();
    f();
    const js = performance.now() - t;
    // (sigma's Camera: an animation runs until its frame callback clears nextFrame; render() hides edges meanwhile)
    if (cam.isAnimated()) { cancelAnimationFrame(cam.nextFrame); cam.nextFrame = null; cam.animationCallback = undefined; cam.setState(whole); }
    app.sigma.render();
    drawn();
    (r[name] ??= []).push([js, performance.now() - t]);
  };
  for (let i = 0; i < ${REPEATS}; i++) {
    cam.setState(whole);
    app.sigma.render();
    time('frame, whole graph', () => app.sigma.render());
    time('filter degree ≥ 3', () => app.update({ ranges: { ...ranges, degree: { min: 3, max: null } } }));
    time('filter confidence 0.2–0.8', () => app.update({ ranges: { ...ranges, confidence: { min: 0.2, max: 0.8 } } }));
    time('filter degree ≥ 8 (a few nodes left)', () => app.update({ ranges: { ...ranges, degree: { min: 8, max: null } } }));
    time('filters cleared', () => app.update({ ranges }));
    time('filter kind (persons hidden)', () => app.update({ hiddenKinds: ['PERSON'] }));
    time('filter relation (co-occurs hidden)', () => app.update({ hiddenKinds: [], hiddenRelations: ['co_occurs'] }));
    time('filter community (the largest)', () => app.update({ hiddenRelations: [], community: largest }));
    time('filters cleared again', () => app.update({ community: null }));
    time('select the hub (whole graph)', () => app.selectNode(hub));
    time('selection cleared', () => app.selectNode(null));
    time('focus on the hub, depth 1', () => app.focusOn(hub));
    time('focus depth 2', () => app.update({ depth: 2 }));
    time('focus depth 1 again', () => app.update({ depth: 1 }));
    time('focus off (whole graph)', () => app.focusTrail(-1));
    time('path hub → a node 2 hops away', () => { app.setPathEnd('from', hub); app.setPathEnd('to', far); });
    time('path cleared', () => app.update({ pathFrom: null, pathTo: null }));
  }
  const input = document.getElementById('search');
  time('search 金宝1 (suggestions drawn)', () => { input.value = '金宝1'; input.dispatchEvent(new Event('input')); });
  // A node's panel, its evidence loaded from its shard (a script tag) and drawn: right after leaving a
  // focus (its frame still being drawn, as when a user clicks at once), then on a settled page.
  app.focusOn(hub);
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
  app.focusTrail(-1);
  const p1 = await openPanel(first);
  app.selectNode(null);
  await new Promise((ok) => setTimeout(ok, 3000));
  const p2 = await openPanel(unloaded(first));
  return { steps: r, panels: { 'node panel with its evidence, right after focus off': p1, 'node panel with its evidence, settled page': p2 } };
})()`;
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tts?: number;
  tdur?: number;
  args?: { name?: string };
}
type TraceFile = { traceEvents: TraceEvent[] } | TraceEvent[];

/**
 * From a trace of the page's load: the CPU time (thread time) of the renderer's main thread until the page's
 * last phase mark (`zhkg:state`, set right before the ready attribute), in all and per phase (between the
 * page's user-timing marks `zhkg:…`, the first phase being everything before `zhkg:start`: the document,
 * styles, fonts and app.js). Null for a page without those marks (an older build).
 */
function mainThreadCpu(file: TraceFile): { total: number; phases: Record<string, number> } | null {
  const ev = Array.isArray(file) ? file : file.traceEvents;
  const marks = ev.filter((e) => e.name.startsWith('zhkg:') && e.tts !== undefined).sort((a, b) => a.ts - b.ts);
  const end = marks.find((m) => m.name === 'zhkg:state');
  if (!end) return null;
  const thread = `${end.pid}:${end.tid}`;
  // the thread's top-level slices (not inside another) that start before the end mark, their thread time
  const slices = ev
    .filter((e) => `${e.pid}:${e.tid}` === thread && e.ph === 'X' && e.ts > 0 && e.ts < end.ts)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  let until = -1;
  let before = 0;
  const start = marks[0]!;
  for (const e of slices) {
    if (e.ts < until) continue;
    until = e.ts + (e.dur ?? 0);
    // (the slice running the page's code holds the marks: what is before the first mark counts for it by thread time)
    if (e.ts + (e.dur ?? 0) <= start.ts) before += e.tdur ?? 0;
    else if (e.ts <= start.ts && e.tts !== undefined) before += start.tts! - e.tts;
  }
  const phases: Record<string, number> = { 'document+app.js': before / 1000 };
  let total = before;
  for (let i = 1; i < marks.length && marks[i - 1] !== end; i++) {
    const d = marks[i]!.tts! - marks[i - 1]!.tts!;
    phases[marks[i]!.name.slice(5)] = d / 1000;
    total += d;
  }
  return { total: total / 1000, phases };
}

/** median (min–max) of a list of milliseconds */
const spread = (xs: number[]): string => {
  const v = [...xs].sort((a, b) => a - b);
  const med = v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
  return v.length === 1 ? `${med.toFixed(0)}` : `${med.toFixed(0)} (${v[0]!.toFixed(0)}–${v[v.length - 1]!.toFixed(0)})`;
};
const mb = (n: number) => (n / 1e6).toFixed(1);

/** The phases of the page's last load (window.__zhkg.timings), one line. */
const phases = (timings: Record<string, number>): string =>
  `  phases: ${Object.entries(timings)
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`)
    .join(', ')}`;

// this tree's page, built into a folder of its own, or the one given (copyViewer and serveViewer read either)
const built = OTHER_ASSETS ? null : await mkdtemp(join(tmpdir(), 'zhkg-bench-viewer-assets-'));
const assets = OTHER_ASSETS ?? built!;
const out = await mkdtemp(join(tmpdir(), 'zhkg-bench-viewer-out-'));
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
try {
  if (built) await buildViewer(built);
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
      // the page's clock when the ready attribute is set (a mutation observer: runs right after that task's script),
      // and when the GL process has drawn that first frame to the pixel (a one-pixel read of each WebGL canvas,
      // right then: no later task of the page's counts)
      await page.addInitScript(PAINTED_SCRIPT);
      await page.addInitScript(() => {
        new MutationObserver((_m, o) => {
          if (document.body?.dataset.ready) {
            const w = window as unknown as PaintedWindow & {
              __readyAt: number;
              __drawnAt: number;
              __zhkg: { sigma: { webGLContexts: Record<string, WebGLRenderingContext> } };
            };
            w.__readyAt = performance.now();
            w.__zhkgPainted(w.__zhkg.sigma.webGLContexts, false);
            w.__drawnAt = performance.now();
            o.disconnect();
          }
        }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
        // the same for the frame with the edges, when a large graph's first frame was drawn without them
        new MutationObserver((_m, o) => {
          if (document.body?.dataset.edges === 'drawn') {
            const w = window as unknown as PaintedWindow & { __edgesAt: number; __zhkg: { sigma: { webGLContexts: Record<string, WebGLRenderingContext> } } };
            w.__zhkgPainted(w.__zhkg.sigma.webGLContexts, false);
            w.__edgesAt = performance.now();
            o.disconnect();
          }
        }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-edges'] });
      });
      // a trace of the load: the CPU time of the page's main thread up to its first frame, which depends far
      // less on the shared machine's load than the clock does
      const trace = join(out, 'trace.json');
      await browser.startTracing(page, { path: trace, categories: ['toplevel', 'blink.user_timing'] });
      const t0 = Date.now();
      await page.goto(url, { timeout: 600_000 });
      await page.waitForSelector('body[data-ready]', { timeout: 600_000 });
      const ready = Date.now() - t0;
      await browser.stopTracing();
      const cpu = mainThreadCpu(JSON.parse(await readFile(trace, 'utf8')) as TraceFile);
      await rm(trace);
      // the page's clock when ready was set, and when the GL process has drawn that first frame to the pixel
      const [readyMs, drawnMs] = await page.evaluate<[number, number]>(`[window.__readyAt, window.__drawnAt]`);
      // a large graph's first frame is drawn without its edges: when the frame with them is drawn (a page
      // without that attribute draws them in its first frame)
      await page.waitForFunction('document.body.dataset.edges !== "later"', undefined, { timeout: 600_000 });
      const edgesMs = await page.evaluate<number>('window.__edgesAt ?? window.__drawnAt');
      console.log(
        `time to ready (${how}): ${(ready / 1000).toFixed(2)} s; page clock: ready ${(readyMs / 1000).toFixed(2)} s, first frame drawn ${(drawnMs / 1000).toFixed(2)} s, the frame with the edges drawn ${(edgesMs / 1000).toFixed(2)} s`,
      );
      if (cpu)
        console.log(
          `  main thread CPU until ready ${(cpu.total / 1000).toFixed(2)} s: ${Object.entries(cpu.phases)
            .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`)
            .join(', ')}`,
        );
      if (how === 'file://' || !STEPS_TOO) {
        if (!STEPS_TOO) console.log(phases(await page.evaluate<Record<string, number>>('window.__zhkg.timings')));
        await page.close();
        continue;
      }
      // Each step: the state change, the scope, the counts, the legend, and sigma's redraw (synchronous).
      console.log(phases(await page.evaluate<Record<string, number>>('window.__zhkg.timings')));
      // The undirected view a first focus walks is built when the page is idle after its first frame.
      await page.waitForFunction('window.__zhkg.timings.warmFocus !== undefined', undefined, { timeout: 600_000 });
      const warm = await page.evaluate<number>('window.__zhkg.timings.warmFocus');
      // (and the view a first path walks, by a page that builds it at idle: one that defers the edges)
      const path = await page.evaluate<boolean>('document.body.dataset.edges !== undefined');
      if (path) await page.waitForFunction('window.__zhkg.timings.warmPath !== undefined', undefined, { timeout: 600_000 });
      const warmPath = path ? await page.evaluate<number>('window.__zhkg.timings.warmPath') : null;
      console.log(
        `  focus view built at idle after the first frame: ${warm.toFixed(0)} ms${warmPath === null ? '' : `; path view: ${warmPath.toFixed(0)} ms`}`,
      );
      // A string: the page must not see the TS transform's helpers.
      const { steps, panels } = await page.evaluate<{ steps: Record<string, [number, number][]>; panels: Record<string, number> }>(STEPS);
      console.log(`  ${'step (ms, median (min–max) of the repeats)'.padEnd(40)} ${'page'.padStart(16)} ${'drawn'.padStart(18)}`);
      for (const [k, v] of Object.entries(steps))
        console.log(`  ${k.padEnd(40)} ${spread(v.map((x) => x[0])).padStart(16)} ${spread(v.map((x) => x[1])).padStart(18)}`);
      for (const [k, v] of Object.entries(panels)) console.log(`  ${k.padEnd(56)} ${v.toFixed(0).padStart(6)} ms`);
      await page.close();
    }
  } finally {
    await server.close();
  }
} finally {
  await browser.close();
  await rm(out, { recursive: true, force: true });
  if (built) await rm(built, { recursive: true, force: true });
}
