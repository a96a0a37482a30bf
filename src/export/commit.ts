/**
 * One commit protocol for a folder of outputs (graph.gexf, graph.json, graph.js, the viewer page): the
 * files are written into a fresh *generation* folder, flushed, and then switched in all at once by
 * renaming one symbolic link. Readers never see a mix of two builds, a torn file or a temporary file
 * beside the outputs, whatever stops the build (a full disk, an error, SIGKILL):
 *
 *   out/graph.gexf   -> .zhkg/current/graph.gexf        (fixed links, one per output name)
 *   out/.zhkg/current -> gen-<pid>-<hex>                (swapped atomically by rename)
 *   out/.zhkg/gen-<pid>-<hex>/graph.gexf …              (one complete set per generation)
 *
 * Everything temporary lives in out/.zhkg/ under a name that carries the writer's process id; the next
 * commit removes what dead processes left there (and the `.name.<pid>.<hex>.tmp` files of older zhkg
 * versions). Names a commit does not write (the viewer under `--no-viewer`) are removed, never left stale.
 * A folder written by an older zhkg (plain files) is adopted first without changing what it shows.
 */
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { OutputError } from '../errors.js';
import { syncDir, writeSynced, type FileData } from './write.js';

/** The hidden folder holding generations and the `current` link. */
export const STATE_DIR = '.zhkg';
const CURRENT = 'current';
const GEN_RE = /^gen-(\d+)-[0-9a-f]+$/u;
const STATE_TMP_RE = /^[a-z]+\.(\d+)\.[0-9a-f]+\.tmp$/u;
/** Temporary files of writeFileAtomic, old (`.graph.gexf.<pid>.<hex>.tmp`) and current (`.zhkg-<pid>-<hex>.tmp`). */
const OUT_TMP_RE = /^\.(?:.+\.(\d+)\.[0-9a-f]{12}|zhkg-(\d+)-[0-9a-f]{12})\.tmp$/u;

/** The file-system calls a commit uses (node:fs/promises by default; tests inject failures). */
export type CommitFs = Pick<
  typeof fsp,
  'open' | 'mkdir' | 'rename' | 'symlink' | 'readlink' | 'lstat' | 'stat' | 'unlink' | 'rm' | 'readdir' | 'link' | 'copyFile' | 'realpath'
>;

export interface CommitOptions {
  /** Every name the commit protocol owns in the folder; those this commit does not write are removed. */
  owned: readonly string[];
  /** Called at each step boundary (`commit:staged:graph.json`, `commit:swapped` …); for tests. */
  onBoundary?: (name: string) => void;
  /** File-system calls to use instead of node:fs/promises (tests inject a full disk). */
  fs?: Partial<CommitFs>;
}

/** Writes one output file of the set being staged. */
export type PutFile = (name: string, data: FileData) => Promise<void>;

/** Generations being written by this process (never removed as stale by a concurrent commit). */
const inProgress = new Set<string>();

const linkTarget = (name: string) => `${STATE_DIR}/${CURRENT}/${name}`;
const hex = () => randomBytes(6).toString('hex');

/**
 * Checks, before any work, that `dir` can hold outputs: it is a folder, or it does not exist and its
 * nearest existing ancestor is a folder.
 * @throws OutputError with one line saying what is wrong.
 */
export async function checkOutputDir(dir: string): Promise<void> {
  if (typeof dir !== 'string' || dir.trim() === '') throw new OutputError('the output folder is empty: pass -o DIR');
  let p = resolve(dir);
  for (;;) {
    const st = await fsp.stat(p).catch((err: NodeJS.ErrnoException) => err);
    if (!(st instanceof Error)) {
      if (!st.isDirectory()) {
        throw new OutputError(p === resolve(dir) ? 'exists and is not a folder' : `${p} is not a folder`, dir);
      }
      try {
        await fsp.access(p, fsp.constants.W_OK | fsp.constants.X_OK);
      } catch {
        throw new OutputError(`cannot write in ${p} (permission denied)`, dir);
      }
      return;
    }
    if (st.code !== 'ENOENT' && st.code !== 'ENOTDIR') throw new OutputError(`cannot use as output folder (${st.code ?? 'error'})`, dir);
    const up = dirname(p);
    if (up === p) return;
    p = up;
  }
}

/**
 * Stages the files `produce` puts into a new generation of `dir`, then switches the whole set in.
 * @returns the owned names written (a folder once, however many files it got), in order.
 */
export async function commitOutputs(dir: string, produce: (put: PutFile) => Promise<void>, options: CommitOptions): Promise<string[]> {
  const fs: CommitFs = { ...fsp, ...options.fs };
  const hook = options.onBoundary ?? (() => {});
  await checkOutputDir(dir);
  const state = join(dir, STATE_DIR);
  await fs.mkdir(state, { recursive: true });
  // Stale generations first: on a small disk the space they hold may be what this build needs.
  await removeStale(fs, dir);
  const genName = `gen-${process.pid}-${hex()}`;
  const gen = join(state, genName);
  inProgress.add(gen);
  const written: string[] = [];
  try {
    await fs.mkdir(gen);
    hook('commit:begun');
    const seen = new Set<string>();
    const folders = new Set<string>();
    await produce(async (name, data) => {
      // `folder/file` puts a file into an owned folder (the viewer's evidence shards): one link for the folder.
      const parts = name.split('/');
      const top = parts[0]!;
      if (!options.owned.includes(top) || parts.length > 2 || parts.some((p) => p === '' || p === '.' || p === '..')) {
        throw new Error(`commitOutputs: "${name}" is not an owned output name`);
      }
      if (seen.has(name) || (parts.length === 1 && folders.has(top)) || (parts.length === 2 && seen.has(top))) {
        throw new Error(`commitOutputs: "${name}" written twice`);
      }
      if (parts.length === 2 && !folders.has(top)) {
        await fs.mkdir(join(gen, top));
        folders.add(top);
      }
      await writeSynced(fs, join(gen, name), data);
      seen.add(name);
      if (!written.includes(top)) written.push(top);
      hook(`commit:staged:${name}`);
    });
    for (const f of folders) await syncDir(fs, join(gen, f));
    await syncDir(fs, gen);
    await adoptPlainFiles(fs, dir, options.owned, hook);
    for (const name of written) await ensureLink(fs, dir, name);
    hook('commit:linked');
    await swapCurrent(fs, state, genName);
  } catch (error) {
    inProgress.delete(gen);
    await fs.rm(gen, { recursive: true, force: true }).catch(() => undefined);
    await reconcileLinks(fs, dir, options.owned);
    await fsp.rmdir(state).catch(() => undefined); // only when empty: a first build that failed leaves nothing
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof OutputError || typeof code !== 'string') throw error;
    throw new OutputError(`cannot write the outputs (${(error as Error).message}); the earlier outputs are unchanged`, dir);
  }
  hook('commit:swapped');
  // A concurrent commit may have switched in its own set since: the links follow whichever set is current.
  await reconcileLinks(fs, dir, options.owned).finally(() => inProgress.delete(gen));
  hook('commit:pruned');
  await removeStale(fs, dir);
  hook('commit:done');
  return written;
}

/** The content of an output name as the folder shows it now (undefined when absent). */
export async function readOutput(dir: string, name: string): Promise<Buffer | undefined> {
  return fsp.readFile(join(dir, name)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
}

async function exists(fs: CommitFs, path: string): Promise<boolean> {
  return fs.stat(path).then(
    () => true,
    () => false,
  );
}

/** Points `.zhkg/current` at `genName` with one rename (atomic). */
async function swapCurrent(fs: CommitFs, state: string, genName: string): Promise<void> {
  const tmp = join(state, `current.${process.pid}.${hex()}.tmp`);
  await fs.symlink(genName, tmp);
  try {
    await fs.rename(tmp, join(state, CURRENT));
  } catch (error) {
    await fs.unlink(tmp).catch(() => undefined);
    throw error;
  }
  await syncDir(fs, state);
}

async function isOwnLink(fs: CommitFs, path: string, name: string): Promise<boolean> {
  const target = await fs.readlink(path).catch(() => undefined);
  return target === linkTarget(name);
}

/** Makes `dir/name` the link through `.zhkg/current`; replaces a foreign link by rename (atomic). */
async function ensureLink(fs: CommitFs, dir: string, name: string): Promise<void> {
  const path = join(dir, name);
  const st = await fs.lstat(path).catch(() => undefined);
  if (st && (await isOwnLink(fs, path, name))) return;
  if (st?.isDirectory()) throw new OutputError(`is a folder; zhkg writes its ${name} there`, path);
  if (!st) {
    try {
      await fs.symlink(linkTarget(name), path);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await isOwnLink(fs, path, name)) return; // a concurrent build made it
    }
  }
  // A plain file or a foreign link: built in .zhkg/ (its text resolves relative to where it lands), renamed over.
  const tmp = join(dir, STATE_DIR, `link.${process.pid}.${hex()}.tmp`);
  await fs.symlink(linkTarget(name), tmp);
  try {
    await fs.rename(tmp, path);
  } catch (error) {
    await fs.unlink(tmp).catch(() => undefined);
    throw error;
  }
}

/**
 * Makes the folder show exactly the names of the set `current` points at: a link for each of them, none
 * for the others (it would dangle). Concurrent commits may switch `current` during a pass, and a pass that
 * read an older set may undo a later commit's links; so a pass repeats until `current` stayed the same
 * through it. Whichever commit switched last then finishes with links that match its set.
 */
async function reconcileLinks(fs: CommitFs, dir: string, owned: readonly string[]): Promise<void> {
  const state = join(dir, STATE_DIR);
  const current = () => fs.readlink(join(state, CURRENT)).catch(() => undefined);
  for (let pass = 0; pass < 16; pass++) {
    const gen = await current();
    for (const name of owned) {
      if (gen !== undefined && (await exists(fs, join(state, gen, name)))) await ensureLink(fs, dir, name).catch(() => undefined);
      else await removeOwnLink(fs, dir, name);
    }
    if ((await current()) === gen) return;
  }
}

async function removeOwnLink(fs: CommitFs, dir: string, name: string): Promise<void> {
  const path = join(dir, name);
  if (await isOwnLink(fs, path, name)) await fs.unlink(path).catch(() => undefined);
}

/**
 * A folder with plain output files (an older zhkg, or a user's copy): their content becomes a generation
 * and `current` points at it, then each file is replaced by its link. What the folder shows never changes.
 */
async function adoptPlainFiles(fs: CommitFs, dir: string, owned: readonly string[], hook: (name: string) => void): Promise<void> {
  const plain: string[] = [];
  for (const name of owned) {
    const path = join(dir, name);
    const st = await fs.lstat(path).catch(() => undefined);
    if (!st || (st.isSymbolicLink() && (await isOwnLink(fs, path, name)))) continue;
    if (st.isDirectory()) throw new OutputError(`is a folder; zhkg writes its ${name} there`, path);
    plain.push(name);
  }
  if (plain.length === 0) return;
  const state = join(dir, STATE_DIR);
  const genName = `gen-${process.pid}-${hex()}`;
  const gen = join(state, genName);
  inProgress.add(gen);
  try {
    await fs.mkdir(gen);
    for (const name of owned) {
      const path = join(dir, name);
      const st = await fs.stat(path).catch(() => undefined);
      if (!st?.isFile()) continue;
      const real = await fs.realpath(path);
      await fs.link(real, join(gen, name)).catch(() => fs.copyFile(real, join(gen, name)));
    }
    await syncDir(fs, gen);
    await swapCurrent(fs, state, genName);
  } catch (error) {
    await fs.rm(gen, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  } finally {
    inProgress.delete(gen);
  }
  hook('commit:adopted');
  for (const name of plain) {
    await ensureLink(fs, dir, name);
    hook(`commit:adopted:${name}`);
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false; // this process: only generations in `inProgress` are live
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes generations other than `current` and temporaries whose writer is gone. */
async function removeStale(fs: CommitFs, dir: string): Promise<void> {
  const state = join(dir, STATE_DIR);
  const current = await fs.readlink(join(state, CURRENT)).catch(() => undefined);
  for (const name of await fs.readdir(state).catch(() => [] as string[])) {
    const path = join(state, name);
    const gen = GEN_RE.exec(name);
    if (gen) {
      if (name !== current && !inProgress.has(path) && !alive(Number(gen[1]))) {
        // `current` may have moved to this generation since it was read (a commit that just finished).
        if ((await fs.readlink(join(state, CURRENT)).catch(() => undefined)) === name) continue;
        await fs.rm(path, { recursive: true, force: true }).catch(() => undefined);
      }
      continue;
    }
    const tmp = STATE_TMP_RE.exec(name);
    if (tmp && !alive(Number(tmp[1])) && Number(tmp[1]) !== process.pid) await fs.unlink(path).catch(() => undefined);
  }
  for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
    const tmp = OUT_TMP_RE.exec(name);
    const pid = tmp ? Number(tmp[1] ?? tmp[2]) : undefined;
    if (pid !== undefined && pid !== process.pid && !alive(pid)) await fs.unlink(join(dir, name)).catch(() => undefined);
  }
}
