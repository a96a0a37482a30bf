/**
 * The embedded store: one SQLite file through better-sqlite3 (synchronous, one transaction per file). It
 * implements the store interface with answers given at once; one build writes it at a time (the file is
 * locked while a transaction is open), so a change simply clears the saved graph in its transaction.
 * A file that is not a zhkg store — another program's database, a damaged one, any other file — is refused
 * with one line and left exactly as it was: it is checked read-only before anything is written.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { deflateRawSync, gunzipSync, inflateRawSync } from 'node:zlib';
import { deserialize, serialize } from 'node:v8';
import { dirname, resolve } from 'node:path';
import { StoreError } from '../errors.js';
import type { Article, Mention } from '../types.js';
import type { StoredDraft } from '../resolve/index.js';
import {
  compareNames,
  type ArticleRef,
  type ExtractionStore,
  type GraphToSave,
  type LazyStoredFile,
  type ReadNote,
  type StoreSnapshot,
  type StoredFile,
  type StoredGraph,
} from './types.js';
import { STORE_FORMAT } from './version.js';
import { graphBlob } from './compress.js';

/** PRAGMA application_id of a zhkg store: 'zhkg' in ASCII. */
export const APPLICATION_ID = 0x7a686b67;

const SQLITE_HEADER = 'SQLite format 3\0';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS files (
  name TEXT PRIMARY KEY,
  hash TEXT NOT NULL,
  version TEXT NOT NULL,
  articles INTEGER NOT NULL,
  notes TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
  file TEXT NOT NULL,
  seq INTEGER NOT NULL,
  id TEXT NOT NULL,
  source TEXT NOT NULL,
  title TEXT NOT NULL,
  authors TEXT NOT NULL,
  date TEXT,
  date_source TEXT,
  url TEXT,
  publisher TEXT,
  page INTEGER,
  body BLOB NOT NULL,
  mentions BLOB NOT NULL,
  drafts BLOB,
  PRIMARY KEY (file, seq)
);
CREATE TABLE IF NOT EXISTS relations (
  file TEXT NOT NULL,
  seq INTEGER NOT NULL,
  entry BLOB NOT NULL,
  PRIMARY KEY (file, seq)
);
CREATE TABLE IF NOT EXISTS edges (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version TEXT NOT NULL,
  state BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS resolution (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version TEXT NOT NULL,
  state BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS graph (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  settings TEXT NOT NULL,
  json BLOB NOT NULL
);
`;

/** Codes of SQLite errors that mean the file is not (or no longer) a sound database. */
const DAMAGE = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_IOERR_SHORT_READ']);

function refuse(path: string, why: string): never {
  throw new StoreError(`${why}; the file was left as it was (name another with --store)`, path);
}

/** Runs `f`, turning SQLite's damage errors into one StoreError line. */
function guarded<T>(path: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code && (DAMAGE.has(code) || code.startsWith('SQLITE_CORRUPT'))) refuse(path, `not a sound zhkg store (${(err as Error).message.split('\n')[0]})`);
    if (code === 'SQLITE_BUSY') throw new StoreError('the store is in use by another build (database is locked)', path);
    if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY')
      throw new StoreError(`cannot open the store for writing (${(err as Error).message.split('\n')[0]})`, path);
    throw err;
  }
}

/**
 * Checks `path` before anything opens it for writing: absent or empty (a new store), an empty SQLite
 * database, or a zhkg store of a format this zhkg reads. Another program's database and newer stores are
 * told from the 100-byte header alone, so not even SQLite's side files (-wal, -shm) appear beside them.
 */
function inspect(path: string): 'new' | 'store' {
  if (!existsSync(path)) {
    if (!existsSync(dirname(resolve(path)))) throw new StoreError(`no such folder: ${dirname(resolve(path))}`, path);
    return 'new';
  }
  const st = statSync(path);
  if (!st.isFile()) refuse(path, 'not a file');
  if (st.size === 0) return 'new';
  const head = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let got: number;
  try {
    got = readSync(fd, head, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (got < 100 || head.toString('latin1', 0, 16) !== SQLITE_HEADER) refuse(path, 'not a zhkg store (not an SQLite database)');
  const schemaCookie = head.readUInt32BE(40);
  const userVersion = head.readUInt32BE(60);
  const app = head.readUInt32BE(68);
  if (app === 0 && schemaCookie === 0) return 'new'; // an SQLite database nothing was ever created in
  if (app !== APPLICATION_ID) refuse(path, 'not a zhkg store (an SQLite database of another application)');
  if (userVersion > STORE_FORMAT) refuse(path, `written by a newer zhkg (store format ${userVersion}, this one reads ${STORE_FORMAT})`);
  return 'store';
}

/** A damaged store is refused (SQLite's first complaint, on one line) before anything is written to it. */
function checkSound(db: Database.Database, path: string): void {
  const check = String(db.pragma('quick_check(1)', { simple: true }));
  if (check !== 'ok') refuse(path, `a damaged zhkg store (${check.split('\n')[0]})`);
}

/**
 * Drafts and relation entries are stored deflated (raw, level 1): they repeat labels and keys, and shrink ~4×
 * for a few per cent of the time it takes to read them back.
 */
function pack(bytes: Buffer): Buffer {
  return deflateRawSync(bytes, { level: 1 });
}

function unpack(bytes: Buffer): unknown {
  return deserialize(inflateRawSync(bytes));
}

interface ArticleRow {
  body: Buffer;
  mentions: Buffer;
  drafts: Buffer | null;
}

export class SqliteStore implements ExtractionStore {
  private readonly db: Database.Database;
  readonly keepsDrafts = true;
  /** Statements prepared once per store (a build runs the same few per file: compiling them was ~1 % of a +1 page build). */
  private readonly statements = new Map<string, Database.Statement>();

  private sql(text: string): Database.Statement {
    let st = this.statements.get(text);
    if (!st) this.statements.set(text, (st = this.db.prepare(text)));
    return st;
  }

  private constructor(
    readonly location: string,
    readonly version: string,
  ) {
    const kind = inspect(location);
    this.db = guarded(location, () => {
      const db = new Database(location);
      try {
        db.pragma('busy_timeout = 10000');
        if (kind === 'store') checkSound(db, location);
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        const format = db.pragma('user_version', { simple: true }) as number;
        db.transaction(() => {
          // An older format: its rows cannot be read any more; they are dropped and re-extracted.
          if (kind === 'store' && format < STORE_FORMAT)
            db.exec(
              'DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS articles; DROP TABLE IF EXISTS relations; DROP TABLE IF EXISTS edges; DROP TABLE IF EXISTS resolution; DROP TABLE IF EXISTS graph;',
            );
          db.exec(SCHEMA);
          db.pragma(`application_id = ${APPLICATION_ID}`);
          db.pragma(`user_version = ${STORE_FORMAT}`);
        })();
        // The header in the main file is what `inspect` reads: it must carry the id and format at once,
        // not only in the write-ahead log.
        if (kind === 'new' || format < STORE_FORMAT) db.pragma('wal_checkpoint(TRUNCATE)');
        return db;
      } catch (err) {
        db.close();
        throw err;
      }
    });
  }

  /** Opens (or creates) the store at `path` for pipeline version `version`. */
  static open(path: string, version: string): SqliteStore {
    return new SqliteStore(path, version);
  }

  lookup(name: string, hash: string): StoredFile | undefined {
    const file = this.read(name, hash);
    if (!file) return undefined;
    const { articles, mentionsOf, draftsOf, notes } = file;
    return {
      name,
      hash,
      articles,
      mentions: articles.map((_a, k) => mentionsOf(k)),
      ...(draftsOf ? { drafts: articles.map((_a, k) => draftsOf(k)) } : {}),
      notes,
    };
  }

  /** As the interface says, with the file's reading remarks (`lookup` is this, every article's mentions and drafts read). */
  read(name: string, hash: string): (LazyStoredFile & { notes: ReadNote[] }) | undefined {
    return guarded(this.location, () => {
      const file = this.sql(`SELECT notes FROM files WHERE name = ? AND hash = ? AND version = ?`).get(name, hash, this.version) as
        { notes: string } | undefined;
      if (!file) return undefined;
      const rows = this.sql(`SELECT body, mentions, drafts FROM articles WHERE file = ? ORDER BY seq`).all(name) as ArticleRow[];
      const drafted = rows.every((r) => r.drafts !== null);
      return {
        articles: rows.map((r) => deserialize(r.body) as Article),
        mentionsOf: (k: number) => deserialize(rows[k]!.mentions) as Mention[],
        ...(drafted ? { draftsOf: (k: number) => unpack(rows[k]!.drafts!) as StoredDraft[] } : {}),
        notes: JSON.parse(file.notes) as ReadNote[],
      };
    });
  }

  peek(name: string, hash: string): { notes: ReadNote[]; articles: ArticleRef[] } | undefined {
    return guarded(this.location, () => {
      const file = this.sql(`SELECT notes FROM files WHERE name = ? AND hash = ? AND version = ?`).get(name, hash, this.version) as
        { notes: string } | undefined;
      if (!file) return undefined;
      const articles = this.sql(`SELECT id, source FROM articles WHERE file = ? ORDER BY seq`).all(name) as ArticleRef[];
      return { notes: JSON.parse(file.notes) as ReadNote[], articles };
    });
  }

  put(file: StoredFile, inside?: () => void): boolean {
    if (file.mentions.length !== file.articles.length) throw new RangeError('SqliteStore.put: one mention list per article is expected');
    guarded(this.location, () => {
      const insertArticle = this.sql(
        `INSERT INTO articles (file, seq, id, source, title, authors, date, date_source, url, publisher, page, body, mentions, drafts)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      this.db.transaction(() => {
        this.sql(`DELETE FROM graph`).run();
        this.sql(`DELETE FROM articles WHERE file = ?`).run(file.name);
        this.sql(`DELETE FROM relations WHERE file = ?`).run(file.name);
        this.sql(`INSERT OR REPLACE INTO files (name, hash, version, articles, notes) VALUES (?, ?, ?, ?, ?)`).run(
          file.name,
          file.hash,
          this.version,
          file.articles.length,
          JSON.stringify(file.notes),
        );
        file.articles.forEach((a, seq) => {
          insertArticle.run(
            file.name,
            seq,
            a.id,
            a.source,
            a.title,
            JSON.stringify(a.authors.map((x) => x.name)),
            a.date ?? null,
            a.dateSource ?? null,
            a.url ?? null,
            a.publisher ?? null,
            a.page ?? null,
            serialize(a),
            serialize(file.mentions[seq]),
            file.drafts?.[seq] ? pack(serialize(file.drafts[seq])) : null,
          );
        });
        inside?.();
      })();
    });
    return true;
  }

  forgetExcept(names: ReadonlySet<string>, scope?: string): number {
    const gone = this.names().filter((n) => !names.has(n) && (scope === undefined || n.startsWith(`${scope}/`)));
    if (gone.length === 0) return 0;
    guarded(this.location, () =>
      this.db.transaction(() => {
        this.sql(`DELETE FROM graph`).run();
        const files = this.sql(`DELETE FROM files WHERE name = ?`);
        const articles = this.sql(`DELETE FROM articles WHERE file = ?`);
        const relations = this.sql(`DELETE FROM relations WHERE file = ?`);
        for (const n of gone) {
          files.run(n);
          articles.run(n);
          relations.run(n);
        }
      })(),
    );
    return gone.length;
  }

  names(): string[] {
    return guarded(this.location, () => (this.sql(`SELECT name FROM files ORDER BY name`).all() as Array<{ name: string }>).map((r) => r.name));
  }

  /** Nothing to record: a build that did not finish leaves no saved graph, which export refuses. */
  markBuild(): void {}

  snapshot(): StoreSnapshot {
    return guarded(this.location, () => {
      const files = this.sql(`SELECT name, hash, version FROM files`).all() as StoreSnapshot['files'];
      return { files: files.sort((x, y) => compareNames(x.name, y.name)), unfinished: [], generation: 0 };
    });
  }

  /** Always 0: changes clear the saved graph in their own transaction instead. */
  generation(): number {
    return 0;
  }

  saveGraph(graph: GraphToSave): boolean {
    const blob = graphBlob(graph);
    guarded(this.location, () => {
      this.sql(`INSERT OR REPLACE INTO graph (id, settings, json) VALUES (1, ?, ?)`).run(JSON.stringify(graph.settings), blob);
    });
    return true;
  }

  loadGraph(): StoredGraph | undefined {
    return guarded(this.location, () => {
      const row = this.sql(`SELECT settings, json FROM graph WHERE id = 1`).get() as { settings: string; json: Buffer } | undefined;
      if (!row) return undefined;
      return { settings: JSON.parse(row.settings) as Record<string, unknown>, json: gunzipSync(row.json).toString('utf8') };
    });
  }

  /**
   * A file's relation entries belong to its stored articles: they are written only while the file is stored with
   * this content and pipeline version (`putRelationEntries`), and deleted with its articles whenever it is
   * replaced or forgotten, so the file's row says of which content and version they are.
   */
  relationEntries(name: string, hash: string): Map<number, Buffer> {
    return guarded(this.location, () => {
      const rows = this.sql(
        `SELECT r.seq, r.entry FROM relations r JOIN files f ON f.name = r.file
           WHERE r.file = ? AND f.hash = ? AND f.version = ?`,
      ).all(name, hash, this.version) as Array<{ seq: number; entry: Buffer }>;
      return new Map(rows.map((r) => [r.seq, inflateRawSync(r.entry)]));
    });
  }

  putRelationEntries(name: string, hash: string, entries: ReadonlyArray<{ seq: number; bytes: Buffer }>): void {
    guarded(this.location, () =>
      this.db.transaction(() => {
        const stored = this.sql(`SELECT 1 FROM files WHERE name = ? AND hash = ? AND version = ?`).get(name, hash, this.version);
        if (!stored) return; // replaced or forgotten meanwhile: its entries would describe other articles
        const insert = this.sql(`INSERT OR REPLACE INTO relations (file, seq, entry) VALUES (?, ?, ?)`);
        for (const e of entries) insert.run(name, e.seq, pack(e.bytes));
      })(),
    );
  }

  /**
   * The edges the last build of this pipeline version folded, with the files and what the facts were made from
   * (opaque bytes, src/pipeline.ts); they say themselves of which files, so no change to the files clears them.
   */
  edgeState(): Buffer[] | undefined {
    return this.readParts('edges');
  }

  putEdgeState(parts: readonly Buffer[]): void {
    this.writeParts('edges', parts);
  }

  /** The resolution of the last build of this pipeline version (opaque bytes, src/pipeline.ts), as `edgeState`. */
  resolutionState(): Buffer[] | undefined {
    return this.readParts('resolution');
  }

  putResolutionState(parts: readonly Buffer[]): void {
    this.writeParts('resolution', parts);
  }

  /** The parts kept in `table` (one row) for this pipeline version; parts that do not read are none (the build makes them again). */
  private readParts(table: 'edges' | 'resolution'): Buffer[] | undefined {
    return guarded(this.location, () => {
      const row = this.sql(`SELECT state FROM ${table} WHERE id = 1 AND version = ?`).get(this.version) as { state: Buffer } | undefined;
      if (!row) return undefined;
      // Each part deflated on its own, after its length.
      const parts: Buffer[] = [];
      try {
        for (let at = 0; at + 4 <= row.state.length;) {
          const n = row.state.readUInt32BE(at);
          parts.push(inflateRawSync(row.state.subarray(at + 4, at + 4 + n)));
          at += 4 + n;
        }
      } catch {
        return undefined;
      }
      return parts;
    });
  }

  private writeParts(table: 'edges' | 'resolution', parts: readonly Buffer[]): void {
    const blob: Buffer[] = [];
    for (const p of parts) {
      const packed = pack(p);
      const head = Buffer.alloc(4);
      head.writeUInt32BE(packed.length);
      blob.push(head, packed);
    }
    guarded(this.location, () => {
      this.sql(`INSERT OR REPLACE INTO ${table} (id, version, state) VALUES (1, ?, ?)`).run(this.version, Buffer.concat(blob));
    });
  }

  close(): void {
    this.db.close();
  }
}

/**
 * The graph the last finished build assembled from the store at `path`, for export and queries; the store
 * is read, never created or changed.
 */
export function loadStoredGraph(path: string): StoredGraph {
  if (!existsSync(path)) throw new StoreError('no such store (run zhkg build first, or name one with --store)', path);
  if (inspect(path) === 'new') throw new StoreError('an empty store: run zhkg build first', path);
  return guarded(path, () => {
    const db = new Database(path, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 10000');
      checkSound(db, path);
      const row = db.prepare(`SELECT settings, json FROM graph WHERE id = 1`).get() as { settings: string; json: Buffer } | undefined;
      if (!row) throw new StoreError('the store holds no assembled graph (its last build did not finish): run zhkg build', path);
      return { settings: JSON.parse(row.settings) as Record<string, unknown>, json: gunzipSync(row.json).toString('utf8') };
    } finally {
      db.close();
    }
  });
}
