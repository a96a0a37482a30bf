import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { readSources } from '../../text/read.js';
import { decodeBytes } from '../../text/decode.js';
import { extractDocument, extractText } from '../../extract.js';
import { InputError } from '../../errors.js';

/** Reads a stream line by line (LF or CRLF), decoding UTF-8. */
async function* linesOf(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

function warn(message: string): void {
  process.stderr.write(`zhkg: warning: ${message}\n`);
}

function write(obj: unknown): void {
  process.stdout.write(`${JSON.stringify(obj)}\n`);
}

/** `zhkg extract [FILE…] [--lines]` (SPEC §5). */
export function registerExtract(program: Command): void {
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
      if (opts.lines) {
        if (files.length === 0) {
          for await (const line of linesOf(process.stdin)) write(extractText(line));
          return;
        }
        for (const f of files) {
          // Read the whole file first (GB18030/UTF-16 detection needs the bytes; a PDF or a web page gives
          // its extracted text), then split lines.
          for (const doc of await readSources(f, { onWarning: warn })) {
            const lines = doc.text.split('\n');
            if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
            for (const line of lines) write(extractText(line.endsWith('\r') ? line.slice(0, -1) : line));
          }
        }
        return;
      }
      if (files.length === 0) {
        const chunks: Buffer[] = [];
        for await (const c of process.stdin) chunks.push(c as Buffer);
        const { text } = decodeBytes(Buffer.concat(chunks), '<stdin>');
        write(extractDocument({ path: '<stdin>', encoding: 'utf-8', text }));
        return;
      }
      for (const f of files) {
        const docs = await readSources(f, { onWarning: warn }).catch((err) => {
          throw err instanceof InputError ? err : new InputError(String(err), f);
        });
        // One object per document: a text file, each page of a PDF (offsets into that page's text), a web page.
        for (const doc of docs) write({ file: f, ...(doc.page !== undefined ? { page: doc.page } : {}), ...extractDocument(doc) });
      }
    });
}
