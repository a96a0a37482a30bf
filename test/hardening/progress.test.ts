/** Progress output: nothing with --quiet, stage lines when stderr is not a terminal, a bar after a delay on a TTY. */
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { createProgress } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const s = new PassThrough() as unknown as NodeJS.WriteStream & { isTTY: boolean; columns: number };
  let out = '';
  s.isTTY = isTTY;
  s.columns = 80;
  s.write = (chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  };
  s.cursorTo = () => true;
  s.clearLine = () => true;
  s.moveCursor = () => true;
  s.clearScreenDown = () => true;
  return { stream: s, text: () => out };
}

describe('progress', () => {
  it('--quiet writes nothing, on a terminal or not', () => {
    for (const tty of [true, false]) {
      const f = fakeStream(tty);
      const p = createProgress({ quiet: true, stream: f.stream, delayMs: 0 });
      p.update('read', 1, 2);
      p.stop();
      expect(f.text()).toBe('');
    }
  });

  it('not a terminal: one line per stage, no bar', () => {
    const f = fakeStream(false);
    const p = createProgress({ quiet: false, stream: f.stream });
    for (let i = 1; i <= 5; i++) p.update('read', i, 5);
    p.update('extract', 1, 2);
    p.update('layout', 0, 1);
    p.stop();
    expect(f.text()).toBe('zhkg: read…\nzhkg: extract…\nzhkg: layout…\n');
  });

  it('a terminal: nothing before the delay, a bar with the stage after it', () => {
    const quick = fakeStream(true);
    const p = createProgress({ quiet: false, stream: quick.stream, delayMs: 60_000 });
    p.update('read', 1, 3);
    p.stop();
    expect(quick.text()).toBe('');
    const slow = fakeStream(true);
    const q = createProgress({ quiet: false, stream: slow.stream, delayMs: 0 });
    q.update('read', 1, 3);
    q.update('extract', 2, 4);
    expect(slow.text()).toMatch(/zhkg (read|extract) \[/);
    q.stop();
  });
});
