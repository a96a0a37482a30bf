/**
 * A CPU profile of the viewer page's load up to its first frame (Chrome DevTools protocol's sampling
 * profiler, headless Chromium, software GL), on the synthetic graph of bench/viewer.ts, from file://.
 * Prints the phases the page records, the self time of the heaviest functions and the inclusive time of the
 * page's own top functions. The page is bundled unminified here so that the names read. Figures, not a test.
 * Usage: npx tsx bench/viewer-profile.ts [nodes] [edges]
 * ZHKG_BENCH_OUT=dir: the output folder (kept; made once when it has no graph.json); ZHKG_PROFILE_FILE=f: the
 * raw profile written there (open it in DevTools).
 */
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { buildViewer } from '../scripts/build-viewer.mjs';
import { syntheticGraph } from '../scripts/synthetic-graph.js';
import { copyViewer } from '../src/viewer/copy.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.js';
import { loadAverage } from './child.js';

const nodes = Number(process.argv[2] ?? 16000);
const edges = Number(process.argv[3] ?? 47000);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const keep = process.env.ZHKG_BENCH_OUT;
const out = keep ? resolve(keep) : await mkdtemp(join(tmpdir(), 'zhkg-viewer-profile-'));
const assets = await mkdtemp(join(tmpdir(), 'zhkg-viewer-profile-assets-'));
await mkdir(out, { recursive: true });
await buildViewer(assets, { minify: false });
const has = async (f: string) =>
  stat(f).then(
    () => true,
    () => false,
  );
if (!(await has(join(out, 'graph.json')))) await writeFile(join(out, 'graph.json'), JSON.stringify(syntheticGraph({ nodes, edges })));
await copyViewer(out, { assetsDir: assets });

console.log(`load average ${loadAverage()}`);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  // the page starts the profile itself and ends it when the ready attribute is set (console.profile: the
  // protocol reports it), so that the profile covers the load up to the first frame and nothing after
  const finished = new Promise<Profile>((ok) => cdp.on('Profiler.consoleProfileFinished', (e) => ok(e.profile as unknown as Profile)));
  await page.addInitScript(`console.profile('load');
    new MutationObserver((_m, o) => {
      if (document.body && document.body.dataset.ready) { o.disconnect(); window.__readyAt = performance.now(); console.profileEnd('load'); }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });`);
  await page.goto(pathToFileURL(join(out, 'index.html')).href, { timeout: 600_000 });
  const profile = await finished;
  const timings = await page.evaluate<Record<string, number>>('window.__zhkg.timings');
  const ready = await page.evaluate<number>('window.__readyAt');
  console.log(
    `ready seen at page clock ${(ready / 1000).toFixed(2)} s; phases: ${Object.entries(timings)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`)
      .join(', ')}`,
  );
  if (process.env.ZHKG_PROFILE_FILE) await writeFile(process.env.ZHKG_PROFILE_FILE, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  const selfBy = new Map<string, number>();
  const inclBy = new Map<string, number>();
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    selfBy.set(name(n), (selfBy.get(name(n)) ?? 0) + ms);
    // inclusive: each distinct frame name on the stack once
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = name(byId.get(cur)!);
      if (seen.has(k)) continue;
      seen.add(k);
      inclBy.set(k, (inclBy.get(k) ?? 0) + ms);
    }
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`profile ${total.toFixed(0)} ms sampled`);
  const top = (m: Map<string, number>, k: number, filter: (s: string) => boolean = () => true) =>
    [...m]
      .filter(([s]) => filter(s))
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([s, ms]) => `  ${ms.toFixed(0).padStart(6)} ms  ${s}`)
      .join('\n');
  console.log(`self time:\n${top(selfBy, Number(process.env.ZHKG_PROFILE_TOP ?? 40))}`);
  console.log(`inclusive, app.js:\n${top(inclBy, Number(process.env.ZHKG_PROFILE_TOP ?? 60), (s) => s.includes('app.js') || s.includes('graph.js'))}`);
  await page.close();
} finally {
  await browser.close();
  await rm(assets, { recursive: true, force: true });
  if (!keep) await rm(out, { recursive: true, force: true });
}
