/**
 * The README's front page must stay true: every command in it is run here.
 *
 * - `npm ci && npm start` (between the `command:start` markers): `.ci/run` runs `npm ci`; `npm start` is
 *   run here in a fresh folder holding a copy of package.json, and must build the bundled corpus and serve
 *   the viewer.
 * - The test command (between the `command:test` markers) is the command `.ci/run` runs.
 * - The examples section: every line of every ```sh block is run by bash, in order, in a fresh folder that
 *   holds the bundled `data/`, with `npx zhkg` meaning this clone's compiled CLI (the package's `bin`,
 *   dist/src/cli/main.js, as the other CLI tests' children run it); a `# prints: X` comment means X must
 *   be in the line's stdout; `zhkg view` lines are started, their URL fetched, and stopped. Every ```ts block runs with tsx (`from 'zhkg'` pointed at
 *   src/index.ts) and must print its `// prints:` lines.
 * - docs/gephi.md's column tables name exactly the columns of the GEXF the examples built.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHILD_NODE_OPTIONS } from '../helpers/child-env.js';

const ROOT = resolve(import.meta.dirname, '../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

function between(text: string, name: string): string {
  const start = text.indexOf(`<!-- ${name} -->`);
  const end = text.indexOf(`<!-- /${name} -->`);
  return start >= 0 && end > start ? text.slice(start, end) : '';
}

function blocks(text: string, lang: string): string[] {
  return [...text.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

/** The single command of a marked ```sh block. */
function markedCommand(name: string): string {
  const found = blocks(between(readme, name), 'sh');
  expect(found, name).toHaveLength(1);
  return found[0]!.trim();
}

/** The commands `.ci/run` executes (lines that are not comments, blank or shell set-up). */
const ciLines = readFileSync(join(ROOT, '.ci/run'), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));

const examples = between(readme, 'section:examples');
const shLines = blocks(examples, 'sh').flatMap((b) => b.split('\n').filter((l) => l.trim() !== ''));
const tsBlocks = blocks(examples, 'ts');

/** What a `# prints: …` (sh) or `// prints: …` (ts) comment says. */
function printed(line: string, mark: string): string | undefined {
  const i = line.indexOf(`${mark} prints: `);
  return i < 0 ? undefined : line.slice(i + mark.length + ' prints: '.length).trim();
}

/** Starts `bash -c line` in its own process group; resolves with the first http URL it prints. */
async function startServer(line: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn('bash', ['-c', line], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  };
  try {
    const url = await new Promise<string>((ok, fail) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+\/\S*)\n/u.exec(stdout);
        if (m) ok(m[1]!);
      });
      void exited.then(() => fail(new Error(`\`${line}\` exited before printing a URL: ${stderr}`)));
    });
    return { url, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function expectViewerAt(url: string): Promise<void> {
  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(await page.text()).toMatch(/<html/i);
  const graph = await fetch(new URL('graph.json', url));
  expect(graph.status).toBe(200);
  expect(((await graph.json()) as { nodes: unknown[] }).nodes.length).toBeGreaterThan(10);
}

describe('README front page', () => {
  it('has the install-and-run command, the test command and examples of each use', () => {
    expect(markedCommand('command:start')).toBe('npm ci && npm start');
    expect(markedCommand('command:test')).not.toBe('');
    for (const use of ['zhkg build', 'zhkg view', '.gexf', 'zhkg query neighbors']) expect(examples).toContain(use);
    expect(tsBlocks.length).toBeGreaterThanOrEqual(1);
    expect(readme.split('\n').length).toBeLessThanOrEqual(150);
  });

  it("CI runs `npm ci`, the checks (types, lint, format), then the README's test command", () => {
    const test = markedCommand('command:test');
    expect(ciLines).toContain('npm ci --no-audit --no-fund');
    expect(ciLines.at(-1)).toBe(test);
    const at = (command: string) => ciLines.indexOf(command);
    expect(at('npm ci --no-audit --no-fund')).toBeLessThan(at('npm run check'));
    expect(at('npm run check')).toBeLessThan(ciLines.length - 1);
    expect(readme).toContain('`npm run check`');
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const step of ['typecheck', 'lint', 'format:check']) expect(scripts.check).toContain(`npm run ${step}`);
  });

  it('every relative link and image of the README and docs/ points at a file that exists', () => {
    const pages = [
      'README.md',
      ...readdirSync(join(ROOT, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
    ];
    const missing: string[] = [];
    for (const page of pages) {
      const text = readFileSync(join(ROOT, page), 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!.split('#')[0]!;
        if (target === '' || /^[a-z]+:/.test(target)) continue;
        if (!existsSync(resolve(ROOT, page, '..', target))) missing.push(`${page} → ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('`npm start` builds the bundled corpus and serves the viewer', async () => {
    // npm start runs the compiled CLI, which the global setup (test/setup/dist.ts) keeps current.
    const dir = mkdtempSync(join(tmpdir(), 'zhkg-start-'));
    copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    for (const name of ['dist', 'data', 'node_modules']) symlinkSync(join(ROOT, name), join(dir, name));
    const start = 'npm start';
    expect(markedCommand('command:start').endsWith(`&& ${start}`)).toBe(true);
    const server = await startServer(start, dir, process.env);
    try {
      await expectViewerAt(server.url);
      expect(existsSync(join(dir, 'out/graph.gexf'))).toBe(true);
    } finally {
      await server.stop();
    }
  }, 240_000);

  describe('examples, run in order in a fresh folder', () => {
    const work = mkdtempSync(join(tmpdir(), 'zhkg-readme-'));
    const bin = join(work, '.bin');
    mkdirSync(bin);
    symlinkSync(join(ROOT, 'data'), join(work, 'data'));
    symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'));
    // `npx zhkg …` is this clone's CLI; any other npx call fails loudly instead of reaching the registry.
    writeFileSync(
      join(bin, 'npx'),
      `#!/usr/bin/env bash\nif [ "$1" = zhkg ]; then shift; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(ROOT, 'dist/src/cli/main.js'))} "$@"; fi\necho "readme test: unexpected npx $*" >&2; exit 127\n`,
    );
    chmodSync(join(bin, 'npx'), 0o755);
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, NODE_OPTIONS: CHILD_NODE_OPTIONS };

    it('has shell lines to run', () => {
      expect(shLines.length).toBeGreaterThanOrEqual(5);
    });

    it.each(shLines.map((l, i) => [i + 1, l] as const))(
      'shell line %i: %s',
      async (_n, line) => {
        const expected = printed(line, '#');
        if (/\bzhkg view\b/.test(line)) {
          const server = await startServer(line, work, env);
          try {
            if (expected) expect(server.url).toContain(expected);
            await expectViewerAt(server.url);
          } finally {
            await server.stop();
          }
          return;
        }
        const r = spawnSync('bash', ['-c', line], { cwd: work, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        expect(r.stderr.includes('unexpected npx') ? r.stderr : '').toBe('');
        expect(r.status, r.stderr).toBe(0);
        if (expected) expect(r.stdout).toContain(expected);
      },
      180_000,
    );

    it.each(tsBlocks.map((b, i) => [i + 1, b] as const))(
      'TypeScript example %i prints what it says',
      (_n, block) => {
        const file = join(work, `example-${_n}.mts`);
        writeFileSync(file, block.replace(/from 'zhkg'/g, `from ${JSON.stringify(join(ROOT, 'src/index.ts'))}`));
        const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: work, env, encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(0);
        const expected = [...block.matchAll(/\/\/ prints: (.+)$/gm)].map((m) => m[1]!.trim());
        expect(expected.length).toBeGreaterThan(0);
        for (const line of expected) expect(r.stdout).toContain(line);
      },
      120_000,
    );

    it("docs/gephi.md's column tables name exactly the columns of the GEXF built above", () => {
      const gephi = readFileSync(join(ROOT, 'docs/gephi.md'), 'utf8');
      const gexf = readFileSync(join(work, 'news-graph/graph.gexf'), 'utf8');
      for (const cls of ['node', 'edge']) {
        const documented = [...between(gephi, `columns:${cls}`).matchAll(/^\| `(\w+)` \| (\w+) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
        const declared = new RegExp(`<attributes class="${cls}">([\\s\\S]*?)</attributes>`).exec(gexf)?.[1] ?? '';
        const written = [...declared.matchAll(/<attribute id="(\w+)" title="\w+" type="(\w+)"/g)].map((m) => `${m[1]} ${m[2]}`);
        expect(written.length, cls).toBeGreaterThan(0);
        expect(documented.sort(), cls).toEqual(written.sort());
      }
      // the walkthrough's commands are the README's, which ran above
      for (const line of blocks(gephi, 'sh').flatMap((b) => b.split('\n'))) {
        const command = line.replace(/\s+#.*$/, '').trim();
        if (command) expect(shLines.map((l) => l.replace(/\s+#.*$/, '').trim())).toContain(command);
      }
    });
  });
});
