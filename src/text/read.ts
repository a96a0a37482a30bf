/** Reading inputs: files and folders of inputs (.txt, and the formats of src/intake/), in a deterministic order. */
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type { SourceDoc } from '../types.js';
import { InputError } from '../errors.js';
import { decodeBytes } from './decode.js';
import { isInputName, readDocuments, type ReadContext } from '../intake/index.js';

/** Largest single input file accepted (bytes). Larger files must be split (one article or page per file). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** An input file and the name it goes by in the graph (`source`). */
export interface InputFile {
  path: string;
  /**
   * Relative to the input it was found under (a folder given: the path inside it, `/`-separated; a file
   * given: its base name), so outputs do not depend on where the corpus lies or how its path is spelled.
   * When two inputs give the same name, the later one is prefixed with its input's folder name (or its
   * position among the inputs).
   */
  name: string;
}

/**
 * Expands files and folders into a sorted list of input files (folders recursively, hidden entries
 * skipped; in folders, the file name endings the readers know: .txt …).
 */
export async function listInputs(paths: string[]): Promise<string[]> {
  return (await listInputFiles(paths)).map((f) => f.path);
}

/**
 * Expands files and folders into input files, in order (each folder sorted by name). Links inside folders
 * are followed, to files and to folders; a link back to a folder being walked (a loop) is not walked
 * again. A file reached twice (two spellings, a link and its target, a hard link) is listed once.
 */
export async function listInputFiles(paths: string[]): Promise<InputFile[]> {
  const seen = new Set<string>();
  const names = new Set<string>();
  const out: InputFile[] = [];
  for (const [k, p] of paths.entries()) {
    let st;
    try {
      st = await stat(p);
    } catch {
      throw new InputError('no such file or folder', p);
    }
    const found = st.isDirectory() ? await listFolder(p, '', [fileKey(st)]) : [{ path: p, rel: basename(p), key: fileKey(st) }];
    for (const f of found) {
      if (seen.has(f.key)) continue;
      seen.add(f.key);
      let name = f.rel;
      if (names.has(name)) name = `${basename(resolve(p)) || 'input'}/${f.rel}`;
      if (names.has(name)) name = `${k + 1}/${f.rel}`;
      names.add(name);
      out.push({ path: f.path, name });
    }
  }
  return out;
}

interface Found {
  path: string;
  rel: string;
  key: string;
}

const fileKey = (st: { dev: number; ino: number }) => `${st.dev}:${st.ino}`;

async function listFolder(dir: string, rel: string, ancestors: string[]): Promise<Found[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new InputError(`cannot read folder (${(err as NodeJS.ErrnoException).code ?? 'error'})`, dir);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: Found[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (!e.isDirectory() && !e.isSymbolicLink() && !(e.isFile() && isInputName(e.name))) continue;
    // stat follows links: a link is what it points to
    const st = await stat(full).catch(() => undefined);
    if (!st) {
      // a broken link with an input's name is listed, so that reading it reports it (or --skip-bad skips it)
      if (isInputName(e.name)) out.push({ path: full, rel: r, key: `missing:${full}` });
      continue;
    }
    if (st.isDirectory()) {
      if (ancestors.includes(fileKey(st))) continue; // a loop: this folder is being walked already
      for (const f of await listFolder(full, r, [...ancestors, fileKey(st)])) out.push(f);
    } else if (st.isFile() && isInputName(e.name)) {
      out.push({ path: full, rel: r, key: fileKey(st) });
    }
  }
  return out;
}

export interface ReadOptions {
  /**
   * Also read pipes and character devices (`/dev/stdin`, a FIFO), up to MAX_FILE_BYTES; `extract` does,
   * `build` does not (a FIFO among the inputs would block the build).
   */
  streams?: boolean;
}

/** Reads one file's bytes, refusing what is not a regular file (see `streams`) or is larger than MAX_FILE_BYTES. */
export async function readFileBytes(path: string, options: ReadOptions = {}): Promise<Buffer> {
  let st;
  try {
    st = await stat(path);
  } catch {
    throw new InputError('no such file', path);
  }
  const stream = options.streams === true && (st.isFIFO() || st.isCharacterDevice() || st.isSocket());
  if (!st.isFile() && !stream) throw new InputError('not a regular file', path);
  if (st.size > MAX_FILE_BYTES) {
    throw new InputError(`file too large (${st.size} bytes; the limit is ${MAX_FILE_BYTES} bytes per file: split it into pages or articles)`, path);
  }
  let bytes: Buffer;
  try {
    bytes = stream ? await readLimited(createReadStream(path), path) : await readFile(path);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, path);
  }
  return bytes;
}

/** Reads and decodes one text file (whatever its format: the bytes are decoded as text). */
export async function readSource(path: string, options: ReadOptions = {}): Promise<SourceDoc> {
  const { encoding, text } = decodeBytes(await readFileBytes(path, options), path);
  return { path, encoding, text };
}

/**
 * Reads one file of any supported format into its source documents (a text file: one; a PDF: one per
 * page with text). All documents are read before any is returned, so a file that fails adds nothing.
 * @throws InputError with one line naming the file.
 */
export async function readSources(path: string, context: ReadContext = {}, options: ReadOptions = {}): Promise<SourceDoc[]> {
  const bytes = await readFileBytes(path, options);
  const docs: SourceDoc[] = [];
  for await (const doc of readDocuments(bytes, path, context)) docs.push(doc);
  return docs;
}

/** Reads a stream whole, refusing it as soon as it passes MAX_FILE_BYTES (a pipe has no size to check first). */
export async function readLimited(stream: AsyncIterable<Buffer | string>, where: string, limit = MAX_FILE_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of stream) {
    const chunk = typeof c === 'string' ? Buffer.from(c) : c;
    total += chunk.length;
    if (total > limit) {
      throw new InputError(`input too large (more than ${limit} bytes; the limit is ${limit} bytes per text: split it, or use --lines)`, where);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The bundled corpus: the .txt files directly under the package's data/ folder (not its subfolders). */
export async function defaultCorpus(dataDir: string): Promise<string[]> {
  const entries = await readdir(dataDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && extname(e.name).toLowerCase() === '.txt' && !e.name.startsWith('.'))
    .map((e) => join(dataDir, e.name))
    .sort();
}
