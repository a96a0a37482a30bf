import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parsePort } from '../../src/cli/commands/view.js';
import { UsageError } from '../../src/cli/errors.js';
import { copyViewer } from '../../src/viewer/copy.js';
import { serveViewer, type ViewerServer } from '../../src/viewer/server.js';
import { FIXTURE_GEXF, FIXTURE_JSON, ROOT, buildAssets, makeOutDir } from './helpers.js';
import { graphJsonShape, rebuildFolder } from './render-data.js';
import { distMain } from '../helpers/cli.js';

const SECRET = 'TOP-SECRET-do-not-serve';

/** Raw GET: fetch() would normalize `..` away before the server could refuse it. */
function get(url: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  const u = new URL(url);
  return new Promise((ok, fail) => {
    const req = request({ host: u.hostname, port: u.port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', fail);
    req.end();
  });
}

let assets: string;
let base: string;
let out: string;
let server: ViewerServer;

beforeAll(async () => {
  assets = await buildAssets();
  base = await mkdtemp(join(tmpdir(), 'zhkg-serve-'));
  // out/ beside a secret file, with a symlink in out/ that points at the secret
  out = await makeOutDir(assets);
  await writeFile(join(base, 'secret.txt'), SECRET);
  await symlink(join(base, 'secret.txt'), join(out, 'leak.txt'));
  await mkdir(join(base, 'sub'));
  await writeFile(join(base, 'sub', 'secret.json'), `"${SECRET}"`);
  await symlink(join(base, 'sub'), join(out, 'linkdir'));
  server = await serveViewer(out, { assetsDir: assets });
});

afterAll(async () => {
  await server?.close();
  await rm(base, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
  await rm(assets, { recursive: true, force: true });
});

describe('serveViewer', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/u);
  });

  it('serves the page and the graph with the right MIME types', async () => {
    const cases: [string, string][] = [
      ['/', 'text/html'],
      ['/index.html', 'text/html'],
      ['/app.js', 'text/javascript'],
      ['/style.css', 'text/css'],
      ['/graph.json', 'application/json'],
      ['/graph.gexf', 'application/xml'],
      ['/graph.js', 'text/javascript'],
      ['/evidence/000.js', 'text/javascript'],
    ];
    for (const [path, type] of cases) {
      const r = await get(server.url, path);
      expect(r.status, path).toBe(200);
      expect(r.type, path).toContain(type);
    }
    expect((await get(server.url, '/graph.json')).body).toBe(await readFile(join(out, 'graph.json'), 'utf8'));
  });

  it('refuses path traversal, encoded or not, and symlinks leading out', async () => {
    const attempts = [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/..%2F..%2F..%2Fetc%2Fpasswd',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/foo/..%2f..%2fsecret.txt',
      '/leak.txt',
      '/linkdir/secret.json',
      '/%00',
      '/%E0%A4%A',
      '//etc/passwd',
      '/.hidden',
    ];
    for (const path of attempts) {
      const r = await get(server.url, path);
      expect([400, 403, 404], path).toContain(r.status);
      expect(r.body, path).not.toContain(SECRET);
      expect(r.body, path).not.toContain('root:');
    }
    expect((await get(server.url, '/leak.txt')).status).toBe(403);
    expect((await get(server.url, '/..%2fsecret.txt')).status).toBe(403);
  });

  it('answers 404 for missing files, 405 for other methods, 403 for a foreign Host', async () => {
    expect((await get(server.url, '/nope.js')).status).toBe(404);
    expect((await get(server.url, '/', {}, 'POST')).status).toBe(405);
    expect((await get(server.url, '/', { Host: 'evil.example:80' })).status).toBe(403);
    expect((await get(server.url, '/', {}, 'HEAD')).status).toBe(200);
  });

  it('serves a single graph file under the name the page looks for', async () => {
    for (const [file, name] of [
      [FIXTURE_JSON, '/graph.json'],
      [FIXTURE_GEXF, '/graph.gexf'],
    ] as const) {
      const s = await serveViewer(file, { assetsDir: assets });
      try {
        const r = await get(s.url, name);
        expect(r.status).toBe(200);
        expect(r.body).toBe(await readFile(file, 'utf8'));
        expect((await get(s.url, '/')).status).toBe(200);
        expect((await get(s.url, '/graph.js')).status).toBe(404);
      } finally {
        await s.close();
      }
    }
  });

  it('rejects bad arguments', async () => {
    await expect(serveViewer(out, { port: -1, assetsDir: assets })).rejects.toThrow(RangeError);
    await expect(serveViewer(out, { port: 1.5, assetsDir: assets })).rejects.toThrow(RangeError);
    await expect(serveViewer(join(base, 'missing'), { assetsDir: assets })).rejects.toThrow(/no such file/u);
    await expect(serveViewer(join(base, 'secret.txt'), { assetsDir: assets })).rejects.toThrow(/\.json or \.gexf/u);
    await expect(serveViewer(FIXTURE_JSON, { assetsDir: base })).rejects.toThrow(/npm run build/u);
  });
});

describe('copyViewer', () => {
  it('writes the page, and a graph.js and evidence shards that together are graph.json', async () => {
    const back = rebuildFolder(out);
    const want = graphJsonShape(await readFile(join(out, 'graph.json'), 'utf8'));
    expect(back.nodes).toEqual(want.nodes);
    expect(back.edges).toEqual(want.edges);
    expect(back.attributes).toEqual(want.attributes);
    expect(await readFile(join(out, 'app.js'), 'utf8')).toBe(await readFile(join(assets, 'app.js'), 'utf8'));
  });

  it('rejects bad arguments', async () => {
    await expect(copyViewer('')).rejects.toThrow(TypeError);
    await expect(copyViewer(join(base, 'x'), { assetsDir: base })).rejects.toThrow(/npm run build/u);
  });
});

describe('zhkg view', () => {
  it('exits 2 on a bad port and 1 on a missing target', async () => {
    expect(() => parsePort('http')).toThrow(UsageError);
    expect(() => parsePort('70000')).toThrow(UsageError);
    expect(parsePort('8080')).toBe(8080);
    const err = process.stderr.write.bind(process.stderr);
    process.stderr.write = () => true;
    try {
      expect(await main(['view', out, '--port', 'abc'])).toBe(2);
      expect(await main(['view', join(base, 'missing')])).toBe(1);
      expect(await main(['view', base])).toBe(1); // a folder without a graph
    } finally {
      process.stderr.write = err;
    }
  });

  it('prints the URL on stdout, serves the folder, stops on SIGTERM', async () => {
    // the compiled CLI (kept current by test/setup/dist.ts), not a `tsx` child paying the TypeScript transform
    const child = spawn(process.execPath, [distMain, 'view', out, '--port', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const url = await new Promise<string>((ok, fail) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        const m = /^(http:\/\/127\.0\.0\.1:\d+\/)\n/u.exec(stdout);
        if (m) ok(m[1]!);
      });
      child.on('exit', () => fail(new Error(`view exited early: ${stderr}`)));
    });
    const r = await get(url, '/graph.json');
    expect(r.status).toBe(200);
    expect(stderr).toContain('serving');
    const code = await new Promise<number | null>((ok) => {
      child.on('exit', (c) => ok(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual([url]);
  });
});
