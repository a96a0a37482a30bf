/**
 * The command line starts `build` and `extract` again with malloc on huge pages (src/cli/relaunch.ts): the
 * decision (pure, every case), and the compiled CLI started as the shell starts it, without the tunable:
 * arguments, standard streams, Node options, exit status and a stopping signal pass through.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relaunchEnv, relaunchFacts, withHugePages, type RelaunchFacts } from '../../src/cli/relaunch.js';
import { runCli, runCliHere, spawnCli } from '../helpers/cli.js';

const LINUX: RelaunchFacts = { platform: 'linux', glibc: '2.36', thp: 'madvise' };

describe('relaunchEnv', () => {
  it('adds the tunable for build and extract on Linux with glibc ≥ 2.35 and huge pages on, keeping other tunables', () => {
    expect(relaunchEnv(['build', 'data'], { PATH: '/bin' }, LINUX)).toEqual({ PATH: '/bin', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1' });
    expect(relaunchEnv(['extract', '--lines'], { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }, { ...LINUX, thp: 'always', glibc: '2.39' })).toEqual({
      GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1',
    });
    expect(relaunchEnv(['build'], {}, { ...LINUX, glibc: '3.1' })).not.toBeNull();
  });

  it('runs here otherwise: other verbs, other systems, old or no glibc, huge pages off or unknown, the tunable set already', () => {
    for (const argv of [[], ['view', 'out'], ['query', 'stats'], ['export'], ['--help'], ['BUILD']]) expect(relaunchEnv(argv, {}, LINUX)).toBeNull();
    for (const facts of [
      { ...LINUX, platform: 'darwin' as const },
      { ...LINUX, platform: 'win32' as const },
      { ...LINUX, glibc: '2.34' },
      { ...LINUX, glibc: '1.99' },
      { ...LINUX, glibc: undefined },
      { ...LINUX, glibc: 'musl' },
      { ...LINUX, thp: 'never' },
      { ...LINUX, thp: undefined },
      { ...LINUX, inspected: true },
    ]) {
      expect(relaunchEnv(['build'], {}, facts)).toBeNull();
    }
    expect(relaunchEnv(['build'], { GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }, LINUX)).toBeNull();
    expect(relaunchEnv(['build'], { GLIBC_TUNABLES: 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=2' }, LINUX)).toBeNull();
  });
});

// Preloaded (a Node option, so both processes load it): each says its pid and tunables when it starts and ends.
const PROBE = `process.stderr.write('start ' + process.pid + ' ' + (process.env.GLIBC_TUNABLES ?? '') + '\\n');
process.on('exit', (c) => process.stderr.write('exit ' + process.pid + ' ' + c + '\\n'));
`;

function probeFile(): string {
  const f = join(mkdtempSync(join(tmpdir(), 'zhkg-relaunch-')), 'probe.mjs');
  writeFileSync(f, PROBE);
  return f;
}

/** A child as a shell starts it: without the tunable the test runner sets for its own processes, with the probe. */
const plain = (tunables?: string) => ({ nodeArgs: ['--import', probeFile()], env: { GLIBC_TUNABLES: tunables } });

/** The probe's start lines, one per process (a worker thread loads the probe too, under its process's pid). */
const starts = (stderr: string) => [
  ...new Map(
    stderr
      .split('\n')
      .filter((l) => l.startsWith('start '))
      .map((l) => [l.split(' ')[1], l]),
  ).values(),
];
/** Whether this machine starts build and extract again (what the children below must do). */
const relaunches = relaunchEnv(['extract'], {}, relaunchFacts()) !== null;

describe('relaunchFacts', () => {
  it('reads this machine as its own tools do: glibc from getconf, the huge page mode from /sys', () => {
    const facts = relaunchFacts();
    expect(facts.platform).toBe(process.platform);
    if (process.platform !== 'linux') return expect(facts).toEqual({ platform: process.platform, glibc: undefined, thp: undefined });
    let mode: string | undefined;
    try {
      mode = readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8')
        .split(' ')
        .find((w) => w.startsWith('['))
        ?.replace(/[[\]\s]/g, '');
    } catch {
      mode = undefined;
    }
    expect(facts.thp).toBe(mode);
    if (mode !== 'always' && mode !== 'madvise') return expect(facts.glibc).toBeUndefined();
    let glibc: string | undefined;
    try {
      // "glibc 2.36"; musl has no such variable
      glibc = /^glibc (\S+)/.exec(execFileSync('getconf', ['GNU_LIBC_VERSION'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))?.[1];
    } catch {
      glibc = undefined;
    }
    expect(facts.glibc).toBe(glibc);
  });

  it('the test runner already runs with a huge-page tunable (vitest.config.ts): the CLI children the tests start do their work in the process a test started', () => {
    expect(withHugePages(process.env['GLIBC_TUNABLES'])).toBeNull();
    expect(withHugePages(undefined)).toBe('glibc.malloc.hugetlb=1');
    expect(withHugePages('glibc.malloc.arena_max=2:')).toBe('glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1');
    expect(withHugePages('glibc.malloc.hugetlb=0')).toBeNull();
  });
});

describe('the compiled CLI, started without the tunable', () => {
  it('extracts in a process with the tunable: the same output, standard input, exit status and Node options passed through', async () => {
    const input = '锡林郭勒盟的牧民王瑞新说，合作社办得好。\n';
    const r = runCli(['extract', '--lines'], { input, ...plain() });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe((await runCliHere(['extract', '--lines'], { input })).stdout);
    expect(starts(r.stderr)).toEqual(
      relaunches
        ? [expect.stringMatching(/^start \d+ $/), expect.stringMatching(/^start \d+ glibc\.malloc\.hugetlb=1$/)]
        : [expect.stringMatching(/^start \d+ $/)],
    );
  });

  it('passes an error line and exit status 1 through once, and leaves a process that chose its tunable as it is', () => {
    const missing = join(tmpdir(), 'zhkg-relaunch-no-such-folder');
    const r = runCli(['build', missing], plain());
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('zhkg: '))).toHaveLength(1);
    expect(starts(r.stderr)).toHaveLength(relaunches ? 2 : 1);
    const kept = runCli(['build', missing], plain('glibc.malloc.hugetlb=0'));
    expect(kept.code).toBe(1);
    expect(starts(kept.stderr)).toEqual([expect.stringMatching(/^start \d+ glibc\.malloc\.hugetlb=0$/)]);
  });

  it('stops the command it started when asked to stop, and ends by the same signal', async () => {
    const child = spawnCli(['extract', '--lines'], plain());
    let stderr = '';
    const want = relaunches ? 2 : 1;
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString('utf8');
        if (starts(stderr).length === want) resolve();
      });
    });
    const [, started] = starts(stderr).map((l) => Number(l.split(' ')[1]));
    const ended = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (code, signal) => resolve([code, signal])));
    child.kill('SIGTERM');
    expect(await ended).toEqual([null, 'SIGTERM']);
    if (started !== undefined) {
      // the started command ended before its parent did
      expect(() => process.kill(started, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    }
    child.stdin.end();
  });
});
