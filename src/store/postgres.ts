/**
 * The shared store: the SQLite store's tables in a PostgreSQL database (through `pg`), for several builders
 * at once — shards on one machine or many — and one `zhkg export` that assembles the graph of all of them.
 *
 * Tables live in the connection's current schema (`public`, or the first schema of a `search_path` given
 * in the URL: `?options=-c%20search_path%3Dzhkg`). A schema that holds other tables and no zhkg marker, or
 * the marker of a newer store format, is refused with one line before anything is written; creating the
 * tables is serialized by an advisory lock, so builders started together do not race.
 *
 * Each file's results are written in one transaction under an advisory lock on the file's name: a second
 * builder given the same file (same content, same pipeline version) finds it stored and writes nothing;
 * a file stored by another pipeline version is replaced, never mixed. Every change bumps the store's
 * generation; a saved graph belongs to one generation and is only served while it is current.
 */
import pg from 'pg';
import { gunzipSync } from 'node:zlib';
import { deserialize, serialize } from 'node:v8';
import { StoreError } from '../errors.js';
import type { Article, Mention } from '../types.js';
import {
  compareNames,
  type ArticleRef,
  type ExtractionStore,
  type GraphToSave,
  type ReadNote,
  type StoreSnapshot,
  type StoredFile,
  type StoredGraph,
} from './types.js';
import { STORE_FORMAT } from './version.js';
import { redactUrl } from './url.js';
import { graphBlob } from './compress.js';

/** Advisory lock class of zhkg ('zhkg' in ASCII, an int4): key 0 guards the schema, class + 1 a file's name. */
const LOCK_CLASS = 0x7a686b67;

const TABLES = ['zhkg_store', 'files', 'articles', 'graph', 'shards'];

const SCHEMA = [
  `CREATE TABLE zhkg_store (id integer PRIMARY KEY CHECK (id = 1), application text NOT NULL, format integer NOT NULL, generation bigint NOT NULL)`,
  `CREATE TABLE files (name text PRIMARY KEY, hash text NOT NULL, version text NOT NULL, articles integer NOT NULL, notes text NOT NULL)`,
  `CREATE TABLE articles (
    file text NOT NULL, seq integer NOT NULL, id text NOT NULL, source text NOT NULL, title text NOT NULL, authors text NOT NULL,
    date text, date_source text, url text, publisher text, page integer, body bytea NOT NULL, mentions bytea NOT NULL,
    PRIMARY KEY (file, seq))`,
  `CREATE TABLE graph (id integer PRIMARY KEY CHECK (id = 1), settings text NOT NULL, json bytea NOT NULL, generation bigint NOT NULL)`,
  `CREATE TABLE shards (name text PRIMARY KEY, state text NOT NULL, version text NOT NULL)`,
];

/** Articles per INSERT (13 parameters each; PostgreSQL takes at most 65,535). */
const ROWS_PER_INSERT = 200;

/** SQLSTATE classes and system errors that mean the server cannot be reached or will not let us in. */
function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return err instanceof Error && /connection|terminated|timeout/i.test(err.message);
  return /^(08|28|3D|57P)/.test(code) || /^E[A-Z]+$/.test(code);
}

/** Text columns (kept for reading the database with other tools) cannot hold NUL; the bodies keep the truth. */
const text = (s: string | undefined): string | null => (s === undefined ? null : s.replaceAll('\0', '\uFFFD'));

interface ArticleRow {
  file: string;
  body: Buffer;
  mentions: Buffer;
}

export interface PgOpenOptions {
  /** Create the tables in an empty schema (builds); false for readers (export, query), which refuse it. */
  create?: boolean;
  /** Read the rows of this pipeline version (a reader assembling what builders of another setting stored). */
  version?: string;
}

export class PgStore implements ExtractionStore {
  /** One query at a time on the connection: a transaction never interleaves with another call's. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly client: pg.Client,
    readonly location: string,
    readonly version: string,
  ) {}

  /** Connects to `url` and checks (or creates) the store's tables for pipeline version `version`. */
  static async open(url: string, version: string, options: PgOpenOptions = {}): Promise<PgStore> {
    const location = redactUrl(url);
    // A server that does not answer is reported after 30 s rather than waited for without end.
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 30_000 });
    // An error on an idle connection (the server went away) surfaces at the next query, not as a crash.
    client.on('error', () => {});
    try {
      await client.connect();
    } catch (err) {
      await client.end().catch(() => {});
      throw new StoreError(`cannot connect to the PostgreSQL server (${firstLine(err)})`, location);
    }
    const store = new PgStore(client, location, version);
    try {
      await store.prepare(options.create !== false);
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
    return store;
  }

  /** Runs `f` after every earlier call, turning lost connections into one StoreError line. */
  private run<T>(f: (c: pg.Client) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      try {
        return await f(this.client);
      } catch (err) {
        if (err instanceof StoreError || !isConnectionError(err)) throw err;
        throw new StoreError(`the PostgreSQL server failed (${firstLine(err)})`, this.location);
      }
    });
    this.queue = next.catch(() => {});
    return next;
  }

  /** `f` inside BEGIN … COMMIT; rolled back when it throws. */
  private transaction<T>(f: (c: pg.Client) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    return this.run(async (c) => {
      await c.query(begin);
      try {
        const value = await f(c);
        await c.query('COMMIT');
        return value;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {});
        throw err;
      }
    });
  }

  private refuse(why: string): never {
    throw new StoreError(`${why}; nothing in it was changed (name another database or schema with --store)`, this.location);
  }

  /** Checks the schema before anything is written: empty (a new store), a zhkg store, or refused. */
  private prepare(create: boolean): Promise<void> {
    return this.transaction(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_CLASS]);
      const schema = (await c.query<{ s: string | null }>('SELECT current_schema() AS s')).rows[0]?.s;
      if (!schema) this.refuse('no schema to keep the store in (the search_path names none that exists)');
      const tables = (
        await c.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [schema])
      ).rows.map((r) => r.table_name);
      if (tables.includes('zhkg_store')) {
        const marker = (await c.query<{ application: string; format: number }>('SELECT application, format FROM zhkg_store WHERE id = 1')).rows[0];
        if (marker?.application !== 'zhkg') this.refuse(`not a zhkg store (schema "${schema}" has a zhkg_store table of another application)`);
        if (marker.format > STORE_FORMAT) this.refuse(`written by a newer zhkg (store format ${marker.format}, this one reads ${STORE_FORMAT})`);
        if (marker.format === STORE_FORMAT) return;
        if (!create) this.refuse(`a store of an older format (${marker.format}): run zhkg build to re-extract it`);
        // An older format: its rows cannot be read any more; they are dropped and re-extracted.
        await c.query(`DROP TABLE IF EXISTS ${TABLES.join(', ')}`);
      } else if (tables.length > 0) {
        const list = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ` and ${tables.length - 5} more` : '');
        this.refuse(`not a zhkg store (schema "${schema}" holds tables of another application: ${list})`);
      } else if (!create) {
        throw new StoreError('an empty store: run zhkg build first', this.location);
      }
      for (const statement of SCHEMA) await c.query(statement);
      await c.query(`INSERT INTO zhkg_store (id, application, format, generation) VALUES (1, 'zhkg', $1, 0)`, [STORE_FORMAT]);
    });
  }

  lookup(name: string, hash: string): Promise<StoredFile | undefined> {
    return this.transaction(async (c) => {
      const file = (await c.query<{ notes: string }>(`SELECT notes FROM files WHERE name = $1 AND hash = $2 AND version = $3`, [name, hash, this.version]))
        .rows[0];
      if (!file) return undefined;
      const rows = (await c.query<ArticleRow>(`SELECT body, mentions FROM articles WHERE file = $1 ORDER BY seq`, [name])).rows;
      return {
        name,
        hash,
        articles: rows.map((r) => deserialize(r.body) as Article),
        mentions: rows.map((r) => deserialize(r.mentions) as Mention[]),
        notes: JSON.parse(file.notes) as ReadNote[],
      };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  peek(name: string, hash: string): Promise<{ notes: ReadNote[]; articles: ArticleRef[] } | undefined> {
    return this.transaction(async (c) => {
      const file = (await c.query<{ notes: string }>(`SELECT notes FROM files WHERE name = $1 AND hash = $2 AND version = $3`, [name, hash, this.version]))
        .rows[0];
      if (!file) return undefined;
      const articles = (await c.query<ArticleRef>(`SELECT id, source FROM articles WHERE file = $1 ORDER BY seq`, [name])).rows;
      return { notes: JSON.parse(file.notes) as ReadNote[], articles };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  put(file: StoredFile, inside?: () => void): Promise<boolean> {
    if (file.mentions.length !== file.articles.length) throw new RangeError('PgStore.put: one mention list per article is expected');
    return this.transaction(async (c) => {
      // Builders storing the same name take turns; the second finds the first's rows.
      await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS + 1, file.name]);
      const had = (await c.query<{ hash: string; version: string }>(`SELECT hash, version FROM files WHERE name = $1`, [file.name])).rows[0];
      if (had && had.hash === file.hash && had.version === this.version) return false;
      await c.query(`DELETE FROM articles WHERE file = $1`, [file.name]);
      await c.query(
        `INSERT INTO files (name, hash, version, articles, notes) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (name) DO UPDATE SET hash = EXCLUDED.hash, version = EXCLUDED.version, articles = EXCLUDED.articles, notes = EXCLUDED.notes`,
        [file.name, file.hash, this.version, file.articles.length, JSON.stringify(file.notes)],
      );
      for (let from = 0; from < file.articles.length; from += ROWS_PER_INSERT) {
        const values: unknown[] = [];
        const rows: string[] = [];
        file.articles.slice(from, from + ROWS_PER_INSERT).forEach((a, k) => {
          const seq = from + k;
          const at = values.length;
          rows.push(`(${Array.from({ length: 13 }, (_, i) => `$${at + i + 1}`).join(', ')})`);
          values.push(
            file.name,
            seq,
            text(a.id),
            text(a.source),
            text(a.title),
            text(JSON.stringify(a.authors.map((x) => x.name))),
            text(a.date),
            text(a.dateSource),
            text(a.url),
            text(a.publisher),
            a.page ?? null,
            serialize(a),
            serialize(file.mentions[seq]),
          );
        });
        await c.query(
          `INSERT INTO articles (file, seq, id, source, title, authors, date, date_source, url, publisher, page, body, mentions) VALUES ${rows.join(', ')}`,
          values,
        );
      }
      await this.changed(c);
      inside?.();
      return true;
    });
  }

  /** Bumps the generation (taken last, so concurrent builders hold the row's lock only while they commit). */
  private async changed(c: pg.Client): Promise<void> {
    await c.query(`DELETE FROM graph`);
    await c.query(`UPDATE zhkg_store SET generation = generation + 1 WHERE id = 1`);
  }

  async forgetExcept(names: ReadonlySet<string>, scope?: string): Promise<number> {
    const gone = (await this.names()).filter((n) => !names.has(n) && (scope === undefined || n.startsWith(`${scope}/`)));
    if (gone.length === 0) return 0;
    await this.transaction(async (c) => {
      await c.query(`DELETE FROM articles WHERE file = ANY($1)`, [gone]);
      await c.query(`DELETE FROM files WHERE name = ANY($1)`, [gone]);
      await this.changed(c);
    });
    return gone.length;
  }

  names(): Promise<string[]> {
    return this.run(async (c) => (await c.query<{ name: string }>(`SELECT name FROM files`)).rows.map((r) => r.name).sort(compareNames));
  }

  /**
   * A shard's build in progress is recorded, so that an export never assembles a shard half-stored by a
   * build that was killed. A whole-store build ('') that finishes owns every file: other shards' marks go.
   */
  markBuild(scope: string, state: 'started' | 'finished'): Promise<void> {
    return this.transaction(async (c) => {
      await c.query(
        `INSERT INTO shards (name, state, version) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET state = EXCLUDED.state, version = EXCLUDED.version`,
        [scope, state, this.version],
      );
      if (scope === '' && state === 'finished') await c.query(`DELETE FROM shards WHERE name <> ''`);
    });
  }

  snapshot(): Promise<StoreSnapshot> {
    return this.transaction(async (c) => {
      const generation = Number((await c.query<{ generation: string }>(`SELECT generation FROM zhkg_store WHERE id = 1`)).rows[0]!.generation);
      const unfinished = (await c.query<{ name: string }>(`SELECT name FROM shards WHERE state <> 'finished' ORDER BY name`)).rows.map((r) => r.name);
      const files = (await c.query<StoreSnapshot['files'][number]>(`SELECT name, hash, version FROM files`)).rows;
      return { files: files.sort((x, y) => compareNames(x.name, y.name)), unfinished, generation };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  generation(): Promise<number> {
    return this.run(async (c) => Number((await c.query<{ generation: string }>(`SELECT generation FROM zhkg_store WHERE id = 1`)).rows[0]!.generation));
  }

  saveGraph(graph: GraphToSave, generation?: number): Promise<boolean> {
    const blob = graphBlob(graph);
    return this.transaction(async (c) => {
      // Row-locked: a builder's change commits either before (and the graph is not saved) or after (and clears it).
      const current = Number((await c.query<{ generation: string }>(`SELECT generation FROM zhkg_store WHERE id = 1 FOR UPDATE`)).rows[0]!.generation);
      if (generation !== undefined && generation !== current) return false;
      await c.query(
        `INSERT INTO graph (id, settings, json, generation) VALUES (1, $1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings, json = EXCLUDED.json, generation = EXCLUDED.generation`,
        [JSON.stringify(graph.settings), blob, current],
      );
      return true;
    });
  }

  loadGraph(): Promise<StoredGraph | undefined> {
    return this.run(async (c) => {
      const row = (
        await c.query<{ settings: string; json: Buffer }>(
          `SELECT g.settings, g.json FROM graph g JOIN zhkg_store s ON s.id = 1 AND g.generation = s.generation WHERE g.id = 1`,
        )
      ).rows[0];
      if (!row) return undefined;
      return { settings: JSON.parse(row.settings) as Record<string, unknown>, json: gunzipSync(row.json).toString('utf8') };
    });
  }

  async close(): Promise<void> {
    await this.queue;
    await this.client.end().catch(() => {});
  }
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}
