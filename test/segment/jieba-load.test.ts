/**
 * Loading nodejieba (src/segment/jieba.ts `getJieba`) with its stand-in IDF table, when the temporary folder
 * for it fails: a folder that cannot be removed afterwards leaves the loaded dictionary in use (one load, the
 * next call gives it back), and a folder that cannot be made means the full tables. Each case runs in a worker
 * thread of its own (its own module state, so this process's dictionary is not touched) whose `node:fs`
 * function is made to throw.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { segment } from '../../src/segment/jieba.js';

const TEXT = '锡林郭勒盟的牧民王建国在合作社开会。';

interface Seen {
  error?: string;
  /** The options of each `load` call, in order (getJieba twice, then releaseJieba with node:fs whole again). */
  loads: Array<Record<string, string>>;
  /** The second getJieba gave the module the first gave. */
  same: boolean;
  words: string[];
}

const require = createRequire(import.meta.url);
const tsxApi = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
const jiebaModule = pathToFileURL(join(import.meta.dirname, '..', '..', 'src', 'segment', 'jieba.ts')).href;

// CommonJS, evaluated: `fail` of node:fs throws (for ESM imports too) until the dictionary is released, which
// it then can be (nodejieba would keep a dictionary after its thread ends); `load` calls are recorded.
const SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { syncBuiltinESMExports } = require('node:module');
const real = fs[workerData.fail];
fs[workerData.fail] = () => { throw Object.assign(new Error(workerData.fail + ' refused (test)'), { code: 'EACCES' }); };
syncBuiltinESMExports();
const nodejieba = require(workerData.nodejieba);
const loads = [];
const load = nodejieba.load;
nodejieba.load = (opts) => (loads.push({ ...opts }), load(opts));
import(workerData.tsx)
  .then((m) => (m.register(), import(workerData.module)))
  .then((j) => {
    j.releaseJieba(); // nothing loaded yet: nothing to free, nothing loaded (the loads below stay two)
    const first = j.getJieba();
    const second = j.getJieba();
    const words = j.segment(workerData.text).map((t) => t.word);
    fs[workerData.fail] = real;
    syncBuiltinESMExports();
    j.releaseJieba();
    parentPort.postMessage({ loads, same: first === second, words });
  })
  .catch((err) => parentPort.postMessage({ loads, same: false, words: [], error: String(err) }));
`;

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** Runs the script with `fail` throwing, its temporary files in a folder of its own (returned). */
function run(fail: 'rmSync' | 'mkdtempSync'): Promise<{ seen: Seen; tmp: string }> {
  const tmp = mkdtempSync(join(tmpdir(), 'zhkg-test-jieba-'));
  temps.push(tmp);
  const worker = new Worker(SCRIPT, {
    eval: true,
    env: { ...process.env, TMPDIR: tmp },
    workerData: { fail, nodejieba: require.resolve('nodejieba'), tsx: tsxApi, module: jiebaModule, text: TEXT },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (seen: Seen) => void worker.terminate().then(() => resolve({ seen, tmp })));
    worker.once('error', reject);
  });
}

describe('getJieba when its temporary folder fails', () => {
  it('loads once when the folder cannot be removed, and segments as this thread does', async () => {
    const { seen, tmp } = await run('rmSync');
    expect(seen.error).toBeUndefined();
    expect(seen.same).toBe(true);
    // getJieba loaded once, with the stand-in table; releaseJieba loaded the one-word dictionary.
    expect(seen.loads).toHaveLength(2);
    expect(seen.loads[0]!['idfDict']).toMatch(/zhkg-jieba-[^/]*\/idf\.utf8$/);
    expect(seen.loads[0]!['dict']).toBeUndefined();
    expect(seen.loads[1]!['dict']).toMatch(/dict\.utf8$/);
    expect(seen.words).toEqual(segment(TEXT).map((t) => t.word));
    // The load's folder stayed behind, in the temporary folder given (the release's was removed).
    expect(readdirSync(tmp).filter((f) => f.startsWith('zhkg-jieba-'))).toHaveLength(1);
  });

  it('loads the full tables when no folder can be made', async () => {
    const { seen } = await run('mkdtempSync');
    expect(seen.error).toBeUndefined();
    expect(seen.same).toBe(true);
    // One load by getJieba, without the stand-in (then releaseJieba's).
    expect(seen.loads).toHaveLength(2);
    expect(seen.loads[0]!['idfDict']).toBeUndefined();
    expect(seen.loads[1]!['dict']).toMatch(/dict\.utf8$/);
    expect(seen.words).toEqual(segment(TEXT).map((t) => t.word));
  });
});
