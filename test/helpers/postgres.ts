/**
 * A throwaway PostgreSQL cluster for the store's tests: initdb in a temporary folder, pg_ctl start on a
 * unix socket in that folder (no TCP port, so clusters of parallel test files never collide), stopped and
 * removed afterwards. Needs Debian's `postgresql` (its server binaries under /usr/lib/postgresql/<v>/bin;
 * .ci/run installs it): without them the tests fail, they are never skipped. As root (CI) the cluster
 * runs as the unprivileged user `nobody`, since PostgreSQL refuses to run as root.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface Cluster {
  /** URL of database `name` (created by `createDatabase`). */
  url(name: string): string;
  createDatabase(name: string): Promise<string>;
  /** Runs SQL on database `name` and returns the rows. */
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(name: string, sql: string, values?: unknown[]): Promise<T[]>;
  stop(): void;
}

/** The folder of initdb and pg_ctl (the newest installed version). */
export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    throw new Error(
      `PostgreSQL server binaries (initdb, pg_ctl) not found under ${root}/*/bin: install Debian's postgresql (apt-get install postgresql), as .ci/run does`,
    );
  return join(root, versions[0]!, 'bin');
}

export function startCluster(): Cluster {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'zhkg-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  // As root: the folder goes to nobody, who runs initdb and the server.
  if (asRoot) chownSync(dir, 65534, 65534);
  const run = (cmd: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'nobody', '--', cmd, ...args] : args, { stdio: 'pipe', cwd: dir, timeout: 120_000 });
  try {
    run(join(bin, 'initdb'), ['-D', data, '-U', 'zhkg', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const settings = [`-c listen_addresses=''`, `-c unix_socket_directories='${dir}'`, '-c fsync=off', '-c max_connections=40', '-c shared_buffers=16MB'];
    run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-o', settings.join(' '), '-w', '-t', '120', 'start']);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const url = (name: string) => `postgresql://zhkg@localhost/${name}?host=${encodeURIComponent(dir)}`;
  const query = async <T extends pg.QueryResultRow>(name: string, sql: string, values: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url(name) });
    await client.connect();
    try {
      return (await client.query<T>(sql, values)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    url,
    query,
    async createDatabase(name: string) {
      await query('postgres', `CREATE DATABASE "${name}"`);
      return url(name);
    },
    stop() {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
