/**
 * `zhkg extract` as a one-shot process (`main` with `oneShot`, as the shell's `zhkg` runs it): the text is
 * segmented on a worker thread that loads nodejieba's dictionary while this thread loads the model, so this
 * thread never loads the dictionary; the output is the one of a run that segments here, byte for byte.
 */
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { jiebaLoaded } from '../../src/segment/jieba.js';
import { defaultWorkerCount } from '../../src/parallel/sizes.js';
import type { CliContext } from '../../src/cli/context.js';

const LINES = ['内蒙古自治区通辽市科尔沁区的王瑞新说，合作社负责人路国庆介绍了情况。', '', '锡林郭勒盟的牧民也来了。', 'plain ascii'];

/** `zhkg …` in this process with `context`, standard input `input`: its exit code and stdout. */
async function run(args: string[], input: string, context: CliContext): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  const stdin = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  const stream = Readable.from([Buffer.from(input)]);
  Object.defineProperty(process, 'stdin', { configurable: true, enumerable: true, get: () => stream });
  try {
    return { code: await main(args, context), stdout };
  } finally {
    out.mockRestore();
    Object.defineProperty(process, 'stdin', stdin);
  }
}

describe('one-shot zhkg extract', () => {
  it('segments on a worker when there is another core (this thread loads no dictionary) and prints what a run segmenting here prints', async () => {
    const input = `${LINES.join('\n')}\n`;
    const lines = await run(['extract', '--lines'], input, { oneShot: true });
    const whole = await run(['extract'], input, { oneShot: true });
    // With one core there is no worker: all is loaded here, as in a long-lived process.
    expect(jiebaLoaded()).toBe(defaultWorkerCount() === 1);
    expect(lines.code).toBe(0);
    expect(whole.code).toBe(0);
    const here = await run(['extract', '--lines'], input, {});
    const hereWhole = await run(['extract'], input, {});
    expect(jiebaLoaded()).toBe(true);
    expect(lines.stdout).toBe(here.stdout);
    expect(whole.stdout).toBe(hereWhole.stdout);
    expect(here.stdout.trimEnd().split('\n')).toHaveLength(LINES.length);
    expect(here.stdout).toContain('"text":"王瑞新"');
    expect(hereWhole.stdout).toContain('"text":"锡林郭勒盟"');
  });
});
