/**
 * `npm run screenshots`: screenshots of the viewer for the README and docs/ — the whole bundled graph at the
 * default zoom (docs/viewer-graph.png) and an evidence panel (docs/viewer-evidence.png).
 * Builds the page (dist/viewer) and, if out/graph.json is missing (or with --rebuild), the bundled graph.
 * Usage: tsx scripts/screenshots.ts [--out DIR] [--rebuild] [--node LABEL]
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { buildViewer } from './build-viewer.mjs';
import { packageRoot } from '../src/paths.js';
import { copyViewer } from '../src/viewer/copy.js';
import { serveViewer } from '../src/viewer/server.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string', default: 'out' }, rebuild: { type: 'boolean', default: false }, node: { type: 'string', default: '金宝' } },
  });
  const out = resolve(values.out);
  await buildViewer();
  if (values.rebuild || !existsSync(join(out, 'graph.json'))) {
    process.stderr.write(`screenshots: building the bundled graph into ${out}\n`);
    // The CLI's own default corpus and options, exactly what `npm start` shows.
    const { main: cli } = await import('../src/cli/main.js');
    const code = await cli(['build', '-o', out, '--quiet']);
    if (code !== 0) throw new Error(`zhkg build failed (exit ${code})`);
  } else {
    await copyViewer(out);
  }
  const docs = join(packageRoot, 'docs');
  await mkdir(docs, { recursive: true });

  const server = await serveViewer(out);
  const profile = await mkdtemp(join(tmpdir(), 'zhkg-shots-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 860 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready]');
    await page.waitForTimeout(600);
    const graphShot = join(docs, 'viewer-graph.png');
    await page.screenshot({ path: graphShot });

    // The evidence panel: the requested node if the graph has it, else the node with most typed relations.
    const key = await page.evaluate((wanted) => {
      const g = window.__zhkg!.graph!;
      const byLabel = g.findNode((_n, a) => a.label === wanted);
      if (byLabel) return byLabel;
      let best: string | null = null;
      let most = -1;
      g.forEachNode((n) => {
        const typed = g.edges(n).filter((e) => g.getEdgeAttribute(e, 'relation') !== 'co_occurs').length;
        if (typed > most) [best, most] = [n, typed];
      });
      return best;
    }, values.node);
    if (!key) throw new Error('the graph is empty');
    const label = await page.evaluate((k) => window.__zhkg!.graph!.getNodeAttribute(k, 'label'), key);
    await page.fill('#search', label);
    await page.click(`#suggestions li[data-node=${JSON.stringify(key)}]`).catch(async () => page.press('#search', 'Enter'));
    await page.waitForSelector('#panel .rel-group');
    const typed = page.locator('#panel .rel-group:not([data-relation="co_occurs"]) .edge-label');
    await ((await typed.count()) > 0 ? typed.first() : page.locator('#panel .edge-label').first()).click();
    await page.waitForSelector('#panel .evidence');
    await page.waitForTimeout(600);
    const evidenceShot = join(docs, 'viewer-evidence.png');
    await page.screenshot({ path: evidenceShot });
    process.stdout.write(`${graphShot}\n${evidenceShot}\n`);
  } finally {
    await context.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`screenshots: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
