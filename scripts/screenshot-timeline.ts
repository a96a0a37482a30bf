/**
 * `npx tsx scripts/screenshot-timeline.ts [--out DIR]`: the viewer's timeline for docs/viewer.md
 * (docs/viewer-timeline.png). Builds the dated test corpus — the bundled page's articles as JSONL records
 * with a date each (scripts/dated-corpus.ts) — into DIR (default out-time/), selects February 2020 on
 * the timeline and opens the node with the most dated evidence.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { buildViewer } from './build-viewer.mjs';
import { packageRoot } from '../src/paths.js';
import { datedJsonl } from './dated-corpus.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'out-time' } } });
  const out = resolve(values.out);
  await buildViewer();
  const input = await mkdtemp(join(tmpdir(), 'zhkg-time-in-'));
  await writeFile(join(input, 'nmgrb.jsonl'), datedJsonl());
  const { main: cli } = await import('../src/cli/main.js');
  const code = await cli(['build', input, '-o', out, '--quiet']);
  await rm(input, { recursive: true, force: true });
  if (code !== 0) throw new Error(`zhkg build failed (exit ${code})`);
  const { serveViewer } = await import('../src/viewer/server.js');
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
    await page.goto(`${server.url}#from=2020-02-01&to=2020-02-29`);
    await page.waitForSelector('body[data-ready]');
    const key = await page.evaluate(() => {
      const g = window.__zhkg!.graph!;
      let best: string | null = null;
      let most = -1;
      g.forEachNode((n, a) => {
        if (a.kind === 'ARTICLE') return;
        const n2 = new Set(a.evidence.map((e) => e.date)).size * 100 + a.degree;
        if (n2 > most) [best, most] = [n, n2];
      });
      return best;
    });
    if (key) await page.evaluate((k) => window.__zhkg!.selectNode(k, true), key);
    await page.waitForTimeout(600);
    await mkdir(join(packageRoot, 'docs'), { recursive: true });
    const shot = join(packageRoot, 'docs', 'viewer-timeline.png');
    await page.screenshot({ path: shot });
    process.stdout.write(`${shot}\n`);
  } finally {
    await context.close();
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`screenshot-timeline: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
