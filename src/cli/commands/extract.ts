import type { Command } from 'commander';
import { readLimited, readSources } from '../../text/read.js';
import { decodedLines, splitLines } from '../../text/lines.js';
import { decodeBytes } from '../../text/decode.js';
import { extractDocument, extractDocumentWith, extractText, extractTextWith, type ExtractResult } from '../../extract.js';
import { InputError } from '../../errors.js';
import { useTableCaches } from '../../parallel/caches.js';
import { WorkerSegmenter } from '../../parallel/segmenter.js';
import { defaultWorkerCount } from '../../parallel/sizes.js';
import { warmRecognizer } from '../../pipeline.js';
import type { SourceDoc } from '../../types.js';
import type { CliContext } from '../context.js';

function warn(message: string): void {
  process.stderr.write(`zhkg: warning: ${message}\n`);
}

/**
 * The documents of FILE, or of standard input for `-` and `/dev/stdin` (which cannot be opened when it is
 * a socket, as under some process managers); pipes and FIFOs are read up to the size limit.
 */
async function readInput(f: string): Promise<SourceDoc[]> {
  if (f === '-' || f === '/dev/stdin') return [await readStdin(f)];
  return readSources(f, { onWarning: warn }, { streams: true });
}

/** Standard input read whole (up to the size limit) and decoded like a file; `where` names it. */
async function readStdin(where: string): Promise<SourceDoc> {
  const { encoding, text } = decodeBytes(await readLimited(process.stdin, where), where);
  return { path: where, encoding, text };
}

/**
 * Writes one result; false once standard output has failed (its reader has gone, as `| head -1` does, or the disk
 * is full), and extraction then stops. It stops between two texts, with its segmentation worker idle: a process
 * that ended while the worker was inside nodejieba would abort (SIGABRT: nodejieba's result cannot be handed to a
 * thread that is being stopped). main.ts's quietOnClosedPipe decides the exit code.
 */
function write(obj: unknown): boolean {
  process.stdout.write(`${JSON.stringify(obj)}\n`);
  return !process.stdout.errored && !process.stdout.destroyed;
}

/** `zhkg extract [FILE…] [--lines]` (SPEC §5). */
export function registerExtract(program: Command, context: CliContext = {}): void {
  program
    .command('extract')
    .description('print the entities of texts as JSON (one object per line of input with --lines, else per file)')
    .argument('[files...]', 'text, PDF or HTML files (default: standard input, as text)')
    .option('--lines', 'each input line is one text; prints one JSON object per line, in order')
    .addHelpText(
      'after',
      '\nOutput: {"text": "...", "entities": [{"start": 0, "end": 3, "kind": "PERSON", "text": "王瑞新"}]}\n' +
        'Offsets count Unicode code points in the text as given, end exclusive.',
    )
    .action(async (files: string[], opts: { lines?: boolean }) => {
      const segmenter = context.oneShot ? startSegmenter(context.standby) : undefined;
      try {
        await extract(files, opts, segmenter);
      } finally {
        segmenter?.close();
      }
    });
}

/**
 * A one-shot process (a shell's `zhkg extract`) with another core: the text is segmented on a worker thread
 * that loads nodejieba's dictionary (`standby`: started, and loading, before this command's modules loaded),
 * while this thread loads what recognition reads (the model's tables, from the cache a cold build left or written
 * there for the next process; the rule lexicons; the division index), so the first answer waits for the longer
 * of the two loads instead of their sum. Undefined with one core: all is then loaded here, as in a long-lived
 * process.
 */
function startSegmenter(standby?: WorkerSegmenter): WorkerSegmenter | undefined {
  const segmenter = standby ?? (defaultWorkerCount() > 1 ? new WorkerSegmenter() : undefined);
  useTableCaches(segmenter ? warmRecognizer : undefined);
  return segmenter;
}

async function extract(files: string[], opts: { lines?: boolean }, segmenter: WorkerSegmenter | undefined): Promise<void> {
  const tokensOf = segmenter ? (text: string) => segmenter.segment(text) : undefined;
  const ofText = (line: string): ExtractResult | Promise<ExtractResult> => (tokensOf ? extractTextWith(line, tokensOf) : extractText(line));
  const ofDocument = (doc: SourceDoc): ExtractResult | Promise<ExtractResult> => (tokensOf ? extractDocumentWith(doc, tokensOf) : extractDocument(doc));
  if (opts.lines) {
    if (files.length === 0) {
      // Decoded like a file (encoding detected, binary refused), each line printed as it arrives.
      for await (const line of decodedLines(process.stdin, '<stdin>')) {
        if (!write(await ofText(line))) return;
      }
      return;
    }
    for (const f of files) {
      // Read the whole file first (GB18030/UTF-16 detection needs the bytes; a PDF or a web page gives
      // its extracted text), then split lines: LF, CRLF or CR alone, as on standard input.
      for (const doc of await readInput(f)) {
        for (const line of splitLines(doc.text)) {
          if (!write(await ofText(line))) return;
        }
      }
    }
    return;
  }
  if (files.length === 0) {
    write(await ofDocument(await readStdin('<stdin>')));
    return;
  }
  for (const f of files) {
    const docs = await readInput(f).catch((err) => {
      throw err instanceof InputError ? err : new InputError(String(err), f);
    });
    // One object per document: a text file, each page of a PDF (offsets into that page's text), a web page.
    for (const doc of docs) {
      if (!write({ file: f, ...(doc.page !== undefined ? { page: doc.page } : {}), ...(await ofDocument(doc)) })) return;
    }
  }
}
