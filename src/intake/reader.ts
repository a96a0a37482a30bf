/**
 * The intake interface: one reader per input format. A reader takes a file's bytes and its path and
 * yields source documents (text plus metadata); the pipeline does not know formats. To add a format,
 * write a Reader and list it in `READERS` (src/intake/index.ts).
 */
import type { SourceDoc } from '../types.js';
import type { InputError } from '../errors.js';

export interface ReadContext {
  /** A non-fatal remark about the input (an HTML page without an article body …), one line. */
  onWarning?: (message: string) => void;
  /**
   * When set, a reader that can drop one bad part of a file (a malformed JSONL line) reports it here and
   * goes on; when absent it throws. Whole-file failures are always thrown as InputError.
   */
  onBadPart?: (error: InputError) => void;
  /**
   * Field names of record formats (JSONL): which key holds `text`, `title`, `date`, `url`, `source`
   * (`{ text: 'content' }`). Readers without records ignore it.
   */
  fields?: Readonly<Partial<Record<'text' | 'title' | 'date' | 'url' | 'source', string>>>;
}

export interface Reader {
  /** Format name, recorded as `SourceDoc.format`: 'text' | 'pdf' | 'html' … */
  readonly format: string;
  /** File name endings (lower case, with the dot) that folders are searched for and that select it. */
  readonly extensions: readonly string[];
  /** True when the first bytes of a file are unmistakably this format, whatever the file is called. */
  sniff?(head: Uint8Array): boolean;
  /**
   * The documents of one file, in order. `path` names the file in messages and becomes `SourceDoc.path`.
   * @throws InputError (one line, naming the file) when the file cannot be read as this format.
   */
  read(bytes: Uint8Array, path: string, context: ReadContext): AsyncIterable<SourceDoc>;
}
