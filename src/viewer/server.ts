/**
 * A small static server for the viewer: 127.0.0.1 only, GET/HEAD only, and nothing outside its folders.
 * Paths are decoded once and rejected when a segment is `..` (so `..%2f` cannot climb), and the real
 * path of every file must stay inside the real path of its root (so a symlink cannot lead out).
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, isAbsolute, join, resolve, sep } from 'node:path';
import { viewerAssetsDir } from './assets.js';

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.gexf': 'application/xml; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function mimeType(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export interface ServeViewerOptions {
  /** 0 or absent: any free port */
  port?: number;
  /** folder holding the built page; default: the package's dist/viewer */
  assetsDir?: string;
}

export interface ViewerServer {
  url: string;
  close(): Promise<void>;
}

type Resolution = { file: string } | { status: number };

/** What the server serves: files under `roots` (first match wins) plus fixed names mapped to files. */
interface Site {
  roots: string[];
  fixed: Map<string, string>;
}

export async function serveViewer(target: string, opts: ServeViewerOptions = {}): Promise<ViewerServer> {
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`serveViewer: port must be an integer 0–65535, got ${String(opts.port)}`);
  const site = await siteFor(target, opts.assetsDir);
  const server = createServer((req, res) => {
    handle(site, req, res).catch(() => send(res, 500, 'internal error'));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  const addr = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${addr.port}/`,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.close((err) => (err ? fail(err) : ok()));
        server.closeAllConnections();
      }),
  };
}

async function siteFor(target: string, assetsDir?: string): Promise<Site> {
  const abs = resolve(target);
  const st = await stat(abs).catch(() => null);
  if (!st) throw new Error(`${target}: no such file or folder`);
  if (st.isDirectory()) {
    const root = await realpath(abs);
    // A folder without the page (graph files only) gets the package's page.
    const hasPage = await stat(join(root, 'index.html')).then(
      (s) => s.isFile(),
      () => false,
    );
    return { roots: hasPage ? [root] : [root, await realpath(viewerAssetsDir(assetsDir))], fixed: new Map() };
  }
  const ext = extname(abs).toLowerCase();
  if (ext !== '.json' && ext !== '.gexf') throw new Error(`${target}: not a .json or .gexf graph file`);
  // A single graph file is served under the name the page looks for.
  return { roots: [await realpath(viewerAssetsDir(assetsDir))], fixed: new Map([[`/graph${ext}`, await realpath(abs)]]) };
}

function send(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(`${status} ${text}\n`);
}

function hostAllowed(req: IncomingMessage): boolean {
  // Refuse other Host names: a page on another site that rebinds its DNS to 127.0.0.1 gets nothing.
  const host = (req.headers.host ?? '').toLowerCase();
  return /^(127\.0\.0\.1|localhost)(:\d+)?$/u.test(host);
}

async function handle(site: Site, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(res, 405, 'method not allowed');
  }
  if (!hostAllowed(req)) return send(res, 403, 'forbidden host');
  const found = await resolveRequest(site, req.url ?? '/');
  if ('status' in found) return send(res, found.status, found.status === 404 ? 'not found' : found.status === 400 ? 'bad request' : 'forbidden');
  const st = await stat(found.file);
  res.writeHead(200, {
    'Content-Type': mimeType(found.file),
    'Content-Length': st.size,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy':
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'",
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(found.file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** Maps a request target to a file inside the site, or to an HTTP status. Exported for tests. */
export async function resolveRequest(site: Site, rawUrl: string): Promise<Resolution> {
  const rawPath = rawUrl.split(/[?#]/u)[0] ?? '/';
  if (!rawPath.startsWith('/')) return { status: 400 };
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { status: 400 };
  }
  if (path.includes('\0') || path.includes('\\')) return { status: 400 };
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return { status: 403 };
  if (segments.some((s) => s.startsWith('.'))) return { status: 404 }; // no dotfiles
  const rel = segments.length === 0 ? 'index.html' : segments.join('/');
  const fixed = site.fixed.get(`/${rel}`);
  if (fixed) return { file: fixed };
  for (const root of site.roots) {
    const candidate = resolve(root, rel);
    if (isAbsolute(rel) || !candidate.startsWith(root + sep)) return { status: 403 };
    let real: string;
    try {
      real = await realpath(candidate);
    } catch {
      continue; // not in this root
    }
    if (!real.startsWith(root + sep)) return { status: 403 }; // symlink pointing outside
    const st = await stat(real);
    if (!st.isFile()) return { status: 404 };
    if (basename(real).startsWith('.')) return { status: 404 };
    return { file: real };
  }
  return { status: 404 };
}
