/** Reading inputs: files and folders of inputs (.txt, and the formats of src/intake/), in a deterministic order. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, extname } from 'node:path';
import type { SourceDoc } from '../types.js';
import { InputError } from '../errors.js';
import { decodeBytes } from './decode.js';
import { isInputName, readDocuments, type ReadContext } from '../intake/index.js';

/** Largest single input file accepted (bytes). Larger files must be split (one article or page per file). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Expands files and folders into a sorted list of input files (folders recursively, hidden entries
 * skipped; in folders, the file name endings the readers know: .txt …).
 */
export async function listInputs(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch {
      throw new InputError('no such file or folder', p);
    }
    if (st.isDirectory()) out.push(...(await listFolder(p)));
    else out.push(p);
  }
  return [...new Set(out)];
}

async function listFolder(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new InputError(`cannot read folder (${(err as NodeJS.ErrnoException).code ?? 'error'})`, dir);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFolder(full)));
    else if (e.isFile() && isInputName(e.name)) out.push(full);
  }
  return out;
}

/** Reads one file's bytes, refusing what is not a regular file or is larger than MAX_FILE_BYTES. */
export async function readFileBytes(path: string): Promise<Buffer> {
  let st;
  try {
    st = await stat(path);
  } catch {
    throw new InputError('no such file', path);
  }
  if (!st.isFile()) throw new InputError('not a regular file', path);
  if (st.size > MAX_FILE_BYTES) {
    throw new InputError(`file too large (${st.size} bytes; the limit is ${MAX_FILE_BYTES} bytes per file: split it into pages or articles)`, path);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new InputError(`cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, path);
  }
  return bytes;
}

/** Reads and decodes one text file (whatever its format: the bytes are decoded as text). */
export async function readSource(path: string): Promise<SourceDoc> {
  const { encoding, text } = decodeBytes(await readFileBytes(path), path);
  return { path, encoding, text };
}

/**
 * Reads one file of any supported format into its source documents (a text file: one; a PDF: one per
 * page with text). All documents are read before any is returned, so a file that fails adds nothing.
 * @throws InputError with one line naming the file.
 */
export async function readSources(path: string, context: ReadContext = {}): Promise<SourceDoc[]> {
  const bytes = await readFileBytes(path);
  const docs: SourceDoc[] = [];
  for await (const doc of readDocuments(bytes, path, context)) docs.push(doc);
  return docs;
}

/** The bundled corpus: the .txt files directly under the package's data/ folder (not its subfolders). */
export async function defaultCorpus(dataDir: string): Promise<string[]> {
  const entries = await readdir(dataDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && extname(e.name).toLowerCase() === '.txt' && !e.name.startsWith('.'))
    .map((e) => join(dataDir, e.name))
    .sort();
}
