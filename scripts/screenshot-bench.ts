/**
 * Screenshots of the viewer's analysis bench for docs/viewer.md: focus, path (and its PNG export), filters, data table, live
 * layout (on the bundled graph, built into out/ when missing) and the minimap (a synthetic 800-node graph).
 * Usage: npx tsx scripts/screenshot-bench.ts [--out DIR]
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { buildViewer } from './build-viewer.mjs';
import { packageRoot } from '../src/paths.js';
import { copyViewer } from '../src/viewer/copy.js';
import { serveViewer } from '../src/viewer/server.js';
import { syntheticGraph } from './synthetic-graph.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

async function keyOf(page: Page, label: string): Promise<string> {
  const key = await page.evaluate((l) => window.__zhkg!.graph!.findNode((_n, a) => a.label === l), label);
  if (!key) throw new Error(`no node labelled ${label}`);
  return key;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'out' } } });
  const out = resolve(values.out);
  await buildViewer();
  if (!existsSync(join(out, 'graph.json'))) {
    const { main: cli } = await import('../src/cli/main.js');
    if ((await cli(['build', '-o', out, '--quiet'])) !== 0) throw new Error('zhkg build failed');
  } else await copyViewer(out);
  const docs = join(packageRoot, 'docs');
  const server = await serveViewer(out);
  const profile = await mkdtemp(join(tmpdir(), 'zhkg-shots-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 860 },
  });
  const shots: string[] = [];
  const shot = async (page: Page, name: string) => {
    await page.waitForTimeout(800);
    const path = join(docs, `viewer-${name}.png`);
    await page.screenshot({ path });
    shots.push(path);
  };
  const open = async (page: Page, hash = '') => {
    await page.goto('about:blank');
    await page.goto(server.url + hash);
    await page.waitForSelector('body[data-ready]');
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await open(page);
    const jinbao = await keyOf(page, '金宝');
    const suji = await keyOf(page, '苏吉嘎查');
    const far = await keyOf(page, '锡林郭勒盟');
    const enc = encodeURIComponent;

    await open(page, `#node=${enc(suji)}&focus=${enc(jinbao)}&focus=${enc(suji)}&depth=2&hideRelations=co_occurs&lang=en`);
    await shot(page, 'focus');

    await open(page, `#pathFrom=${enc(jinbao)}&pathTo=${enc(far)}&lang=en`);
    await shot(page, 'path');
    // The same view as the page's own PNG export writes it (sigma's canvases on white).
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    const exported = join(docs, 'viewer-export.png');
    await download.saveAs(exported);
    shots.push(exported);

    await open(page, '#degree=4..&mentions=2..&lang=en');
    await shot(page, 'filters');

    await open(page, '#lang=en');
    await page.click('#table-toggle');
    await page.fill('#table-search', '嘎查');
    await page.click(`#table tbody tr[data-key=${JSON.stringify(suji)}]`).catch(() => undefined);
    await shot(page, 'table');

    await open(page, '#lang=en');
    await page.click('#layout-run');
    await page.waitForTimeout(4000);
    await page.click('#layout-run');
    await page.click('#zoom-fit');
    await shot(page, 'layout');

    const big = await mkdtemp(join(tmpdir(), 'zhkg-shots-big-'));
    try {
      await writeFile(join(big, 'graph.json'), JSON.stringify(syntheticGraph({ nodes: 800, edges: 1400, evidence: 1 })));
      await copyViewer(big);
      await page.goto(pathToFileURL(join(big, 'index.html')).href + '#lang=en');
      await page.waitForSelector('body[data-ready]');
      await page.evaluate(() => window.__zhkg!.sigma!.getCamera().setState({ x: 0.7, y: 0.6, ratio: 0.35 }));
      await shot(page, 'minimap');
    } finally {
      await rm(big, { recursive: true, force: true });
    }
    process.stdout.write(shots.join('\n') + '\n');
  } finally {
    await context.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`screenshot-bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
