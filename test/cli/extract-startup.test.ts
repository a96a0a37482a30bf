/**
 * `zhkg extract` as a one-shot process (the compiled CLI, as the shell's `zhkg` runs it): the text is segmented on
 * a worker thread that loads nodejieba's dictionary while the main thread loads the model, so the main thread
 * never loads nodejieba; the output is the one of a run that segments on its own thread (the same `main` inside
 * this process), byte for byte.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliHere } from '../helpers/cli.js';
import { defaultWorkerCount } from '../../src/parallel/sizes.js';

const LINES = ['内蒙古自治区通辽市科尔沁区的王瑞新说，合作社负责人路国庆介绍了情况。', '', '锡林郭勒盟的牧民也来了。', 'plain ascii'];

// Preloaded into the child: at exit, says whether its main thread required nodejieba (workers have module caches of their own).
const PROBE = `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
process.on('exit', () => process.stderr.write('nodejieba on the main thread: ' + Object.keys(require.cache).some((k) => k.includes('nodejieba')) + '\\n'));
`;

function oneShot(args: string[], input: string): { status: number; stdout: string; stderr: string } {
  const probe = join(mkdtempSync(join(tmpdir(), 'zhkg-extract-probe-')), 'probe.mjs');
  writeFileSync(probe, PROBE);
  const r = runCli(args, { input, nodeArgs: ['--import', probe] });
  return { status: r.code, stdout: r.stdout, stderr: r.stderr };
}

describe('one-shot zhkg extract', () => {
  it('segments on a worker when there is another core (the main thread loads no nodejieba) and prints what a run segmenting here prints', async () => {
    const input = `${LINES.join('\n')}\n`;
    // With one core there is no worker: all is loaded on the main thread, as in a long-lived process.
    const probe = `nodejieba on the main thread: ${defaultWorkerCount() === 1}\n`;
    const lines = oneShot(['extract', '--lines'], input);
    expect(lines.stderr).toBe(probe);
    expect(lines.status).toBe(0);
    const whole = oneShot(['extract'], input);
    expect(whole.stderr).toBe(probe);
    expect(whole.status).toBe(0);
    const here = await runCliHere(['extract', '--lines'], { input });
    const hereWhole = await runCliHere(['extract'], { input });
    expect(lines.stdout).toBe(here.stdout);
    expect(whole.stdout).toBe(hereWhole.stdout);
    expect(here.stdout.trimEnd().split('\n')).toHaveLength(LINES.length);
    expect(here.stdout).toContain('"text":"王瑞新"');
    expect(hereWhole.stdout).toContain('"text":"锡林郭勒盟"');
  });
});
