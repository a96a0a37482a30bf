/**
 * Shared set-up for the viewer tests: an `out/`-style folder (graph.json, graph.gexf, graph.js and the
 * page, as `zhkg build` writes it) and a headless Chromium per SPEC §6.
 *
 * The source is either 'fixture' (test/fixtures/viewer/small-graph.json, hand-made to the graph contract,
 * with known keys and a hostile label) or 'bundled' (the pipeline's graph of data/, built in-process).
 */
import { statfsSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildViewer } from '../../scripts/build-viewer.mjs';
import { copyViewer } from '../../src/viewer/copy.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.js';
import { watchProcesses } from '../helpers/process-cpu.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURE_JSON = join(ROOT, 'test/fixtures/viewer/small-graph.json');
export const FIXTURE_GEXF = join(ROOT, 'test/fixtures/viewer/small-graph.gexf');

/** Builds the page from the current viewer/ sources into a fresh folder (not the shared dist/). */
export async function buildAssets(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'zhkg-viewer-assets-'));
  await buildViewer(dir);
  return dir;
}

/** An out/-style folder: graph.json + graph.gexf + the page + graph.js. */
export async function makeOutDir(assetsDir: string, source: 'fixture' | 'bundled' = 'fixture'): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'zhkg-viewer-out-'));
  if (source === 'fixture') {
    await copyFile(FIXTURE_JSON, join(out, 'graph.json'));
    await copyFile(FIXTURE_GEXF, join(out, 'graph.gexf'));
  } else {
    const { buildGraphFromPaths } = await import('../../src/pipeline.js');
    const { writeOutputs } = await import('../../src/output.js');
    const { defaultCorpus } = await import('../../src/text/read.js');
    // The bundled corpus as `zhkg build` takes it: data/'s own .txt files, not its folders (lexicons).
    const result = await buildGraphFromPaths(await defaultCorpus(join(ROOT, 'data')));
    await writeOutputs(result.graph, out, { viewer: false });
  }
  await copyViewer(out, { assetsDir });
  return out;
}

/**
 * Where the browsers' fresh profiles go: a memory file system (/dev/shm) when there is one with room, else the
 * temporary folder. Chromium syncs its profile's files to disk as it writes them (some 750 fsyncs in a full
 * run, 7.4 s of waiting); in memory a launch and eight page loads took 34–36 s wall and 31–32 s of CPU instead
 * of 50–52 s and 37–39 s (load 8–10, docs/development.md). Nothing a test checks is in the profile.
 */
function profileBase(): string {
  const shm = '/dev/shm';
  try {
    const s = statfsSync(shm);
    if (s.bavail * s.bsize >= 1024 ** 3) return shm;
  } catch {
    // no /dev/shm (not Linux): the temporary folder
  }
  return tmpdir();
}

/**
 * A headless Chromium with a fresh profile. `reducedMotion`: the browser asks for reduced motion
 * (`prefers-reduced-motion: reduce`), so that the page's camera jumps instead of gliding: each glide is some
 * twenty full redraws in software GL, about 7 % of a browser file's CPU. The files whose checks do not look at
 * the glide ask for it; test/viewer/browser.test.ts keeps the glide.
 */
export async function launchBrowser(opts: { reducedMotion?: boolean } = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = await mkdtemp(join(profileBase(), 'zhkg-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1200, height: 800 },
    // Reduced motion: the page moves its camera at once instead of over some twenty frames (viewer/src/camera.ts).
    ...(opts.reducedMotion ? { reducedMotion: 'reduce' as const } : {}),
  });
  // Waits are on application state (data-ready, panel attributes), never on time; on a busy shared 2-core
  // machine the first render can take far longer than Playwright's default 30 s, so the bound is generous.
  context.setDefaultTimeout(180_000);
  context.setDefaultNavigationTimeout(180_000);
  // (the browser's CPU for ZHKG_TEST_CPU_LOG: its processes are not reaped through this one)
  const cpu = watchProcesses(profile);
  return {
    context,
    close: async () => {
      cpu.stop();
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Where a node and its shown neighbours are drawn: their bounding box in viewport pixels, and the view's size. */
export interface NeighbourhoodFrame {
  width: number;
  /** the view's height less what the open data table covers */
  height: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** the node and its shown neighbours */
  n: number;
}

/** The frame of `key` with its neighbours sigma shows, once the camera has stopped. */
export async function neighbourhoodFrame(page: Page, key: string): Promise<NeighbourhoodFrame> {
  await page.waitForFunction(() => !window.__zhkg!.sigma!.getCamera().isAnimated());
  return page.evaluate((k) => {
    const s = window.__zhkg!.sigma!;
    const g = s.getGraph();
    const { width, height } = s.getDimensions();
    const near = [k, ...g.neighbors(k)].filter((n) => !s.getNodeDisplayData(n)!.hidden);
    const pts = near.map((n) => s.framedGraphToViewport(s.getNodeDisplayData(n)!));
    const table = document.getElementById('table')!;
    const covered = table.hidden ? 0 : Math.max(0, document.getElementById('graph')!.getBoundingClientRect().bottom - table.getBoundingClientRect().top);
    const xs = pts.map((p) => p.x);
    const ys = pts.map((p) => p.y);
    return { width, height: height - covered, x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys), n: pts.length };
  }, key);
}

/** Whether the frame lies inside the view (less the table) and spans more than `share` of its width or height. */
export function framedWithin(f: NeighbourhoodFrame, share: number): boolean {
  return f.x0 >= 0 && f.y0 >= 0 && f.x1 <= f.width && f.y1 <= f.height && Math.max((f.x1 - f.x0) / f.width, (f.y1 - f.y0) / f.height) > share;
}

/** What countWebGL records in the page. */
export interface WebGLCount {
  /** WebGL contexts the page made */
  __webgl: number;
  /** how many it had made when graph.js handed over the render graph (-1 before that) */
  __webglAtGraph: number;
}

/**
 * An init script (`page.addInitScript(countWebGL)`): counts the WebGL contexts the page makes (a sigma makes
 * three), and notes how many there were when graph.js assigned the render graph.
 */
export function countWebGL(): void {
  const w = window as unknown as WebGLCount & Record<string, unknown>;
  w.__webgl = 0;
  w.__webglAtGraph = -1;
  const get = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, 'getContext')!.value as (this: HTMLCanvasElement, ...a: unknown[]) => unknown;
  (HTMLCanvasElement.prototype as unknown as { getContext: typeof get }).getContext = function (...a: unknown[]) {
    if (typeof a[0] === 'string' && a[0].startsWith('webgl')) w.__webgl++;
    return get.apply(this, a);
  };
  let render: unknown;
  Object.defineProperty(window, '__ZHKG_RENDER__', {
    configurable: true,
    get: () => render,
    set: (v: unknown) => {
      render = v;
      w.__webglAtGraph = w.__webgl;
    },
  });
}
