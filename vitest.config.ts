import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { withHugePages } from './src/cli/relaunch.js';

/**
 * The files that take longest (wall seconds of a full run, ZHKG_TEST_CPU_LOG: see docs/development.md), in
 * that order but with the browser files (Chromium: a renderer and a GPU process besides the test's own) spread
 * between the others, so that two of them seldom run at once: they start first, so the two workers end close
 * together instead of one of them starting a long file last. Order only: every file still runs.
 */
const LONG_FIRST = [
  'test/hardening/kill.test.ts',
  'test/store/postgres.test.ts',
  'test/viewer/bench.test.ts',
  'test/store/cli-store.test.ts',
  'test/viewer/big.test.ts',
  'test/hardening/parallel.test.ts',
  'test/viewer/browser.test.ts',
  'test/store/incremental.test.ts',
  'test/docs/readme.test.ts',
  'test/parallel/segmenter.test.ts',
  'test/startup/cold-build.test.ts',
  'test/viewer/timeline.test.ts',
  'test/segment/jieba-load.test.ts',
  'test/hardening/cli-defects.test.ts',
  'test/hardening/bad-input.test.ts',
  'test/store/export.test.ts',
  'test/hardening/stream.test.ts',
  'test/export/gexf.test.ts',
];

/**
 * glibc's malloc backs its heaps with transparent huge pages (`glibc.malloc.hugetlb=1`; glibc ≥ 2.35, ignored
 * by older ones and where THP is off) in the worker processes, their worker threads and the children they start
 * (all inherit the variable). nodejieba's load allocates ~250 MB in small pieces: with 4 kB pages that is some
 * 150 k page faults; measured on the 2-core machine, a load 2.6 → 1.0–1.2 s of CPU, a cold `zhkg build` of the
 * bundled page 3.9 → 2.5 s (docs/development.md, "Test wall time", ninth round). Nothing a test checks depends
 * on the page size (the hostile-GEXF test's RSS bound has the same room). Set here, in the process that starts
 * the workers (glibc reads it when a process starts); added to tunables already set, unless they choose this one.
 * The CLI children the tests start therefore run their command in the process the test started (src/cli/relaunch.ts
 * starts build and extract again only without the tunable): a SIGKILL of a test reaches the process doing the work.
 */
const tunables = withHugePages(process.env['GLIBC_TUNABLES']);
if (tunables !== null) process.env['GLIBC_TUNABLES'] = tunables;

class LongFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONG_FIRST.findIndex((name) => f.moduleId.endsWith(`/${name}`));
      return i < 0 ? LONG_FIRST.length : i;
    };
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // cpu.ts: per-file CPU figures when ZHKG_TEST_CPU_LOG names a file (docs/development.md); otherwise nothing.
    // no-fsync.mjs: a file handle's sync() returns at once (no test can observe it; the children the tests start
    // load it too: test/helpers/child-env.ts).
    setupFiles: ['test/setup/fast-check.ts', 'test/setup/cpu.ts', 'test/setup/no-fsync.mjs'],
    // Once per run: rebuilds dist/ (the compiled CLI the child-process tests run) when a source is newer.
    // and the model's table cache of the processes tests start goes to a folder of the run (test/setup/cache.ts).
    globalSetup: ['test/setup/dist.ts', 'test/setup/cache.ts'],
    // Generous: the suite must not fail because a shared 2-core machine is busy (no test asserts on time).
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // nodejieba and chromium are heavy; two cores on CI
    pool: 'forks',
    maxWorkers: 2,
    // The two worker processes run file after file in one module graph: nodejieba's dictionary, the model
    // and the division index load once per worker instead of once per file (seconds of CPU each; the
    // whole suite ran in 61 % of the isolated run's wall time, entities/relations/resolve/time/text alone
    // 175 s → 12 s). Safe because the library's module state is load-once caches of read-only data; tests
    // restore what they change (spies, process.exitCode, cwd); no test uses vi.mock or stubs globals.
    isolate: false,
    // The compiled CLI that runDistHere (test/helpers/cli.ts) runs in a test's process is imported by Node itself,
    // as a child imports it: vitest's transform would rewrite its modules (and they are plain JavaScript already).
    server: { deps: { external: [/\/dist\/src\//] } },
    sequence: { sequencer: LongFirst },
  },
});
