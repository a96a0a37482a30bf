/** `zhkg extract --lines` streams: each line's result is printed before standard input ends. */
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';

describe('extract --lines on stdin', () => {
  it('answers the first line while stdin is still open, then the second, then exits 0', async () => {
    const child = spawnCli(['extract', '--lines']);
    let out = '';
    const lines: string[] = [];
    const waitLine = (n: number) =>
      new Promise<void>((ok, fail) => {
        const check = () => {
          if (lines.length >= n) ok();
        };
        child.stdout.on('data', check);
        child.on('exit', () => (lines.length >= n ? ok() : fail(new Error(`exited after ${lines.length} lines`))));
        check();
      });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const parts = out.split('\n');
      out = parts.pop()!;
      lines.push(...parts);
    });
    child.stdin.write('王瑞新在呼和浩特市工作。\n');
    await waitLine(1); // stdin is still open here: the result did not wait for the end of input
    expect((JSON.parse(lines[0]!) as { entities: { text: string }[] }).entities.some((e) => e.text === '呼和浩特市')).toBe(true);
    child.stdin.write('苏吉嘎查\n');
    await waitLine(2);
    child.stdin.end();
    const code = await new Promise<number | null>((ok) => (child.exitCode !== null ? ok(child.exitCode) : child.on('exit', ok)));
    expect(code).toBe(0);
    expect(lines).toHaveLength(2);
    expect((JSON.parse(lines[1]!) as { text: string }).text).toBe('苏吉嘎查');
  });
});
