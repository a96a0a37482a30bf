/**
 * PDF files through pdfjs-dist (its Node "legacy" build, in this thread: no worker file is fetched). Each
 * page with text becomes one document whose text is the page's text in reading order (pdf-layout.ts), so
 * evidence offsets count in that page's extracted text and carry its page number.
 *
 * Refused with one line each: encrypted files that need a password, files with no text layer at all
 * (scans: OCR is not done), truncated files (no %%EOF marker), malformed files, files with more than
 * `maxPages` pages, and files whose parsing takes longer than the time limit.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Reader } from './reader.js';
import type { SourceDoc } from '../types.js';
import { InputError } from '../errors.js';
import { pageText, type PageItem } from './pdf-layout.js';
import { unifyRadicals } from './radicals.js';

export interface PdfLimits {
  /** Most pages read from one file (default MAX_PDF_PAGES). */
  maxPages: number;
  /** Longest time for opening the file or reading one page's text, in ms (default PDF_STEP_MS). */
  stepMs: number;
}

/** A daily's edition is tens of pages; a file of more pages is refused rather than read for minutes. */
export const MAX_PDF_PAGES = 1000;
/** A step (opening the file, one page's text) that takes longer than this is treated as a hostile file. */
export const PDF_STEP_MS = 120_000;

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** `%PDF-` within the first 1024 bytes (where readers accept it). */
export function looksLikePdf(head: Uint8Array): boolean {
  const n = Math.min(head.length, 1024) - PDF_MAGIC.length;
  outer: for (let i = 0; i <= n; i++) {
    for (let k = 0; k < PDF_MAGIC.length; k++) if (head[i + k] !== PDF_MAGIC[k]) continue outer;
    return true;
  }
  return false;
}

/** `%%EOF` in the last 2 KiB: a file cut short (an interrupted download) lacks it. */
function hasEndMarker(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  return tail.includes('%%EOF');
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsModule: Promise<PdfJs> | undefined;
const assetDir = () => dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsModule;
}

class StepTimeout extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout()), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

/** One line for an error of pdfjs. */
function pdfError(err: unknown, path: string): InputError {
  const name = (err as { name?: string })?.name ?? '';
  const message = String((err as { message?: string })?.message ?? err).split('\n')[0];
  if (err instanceof InputError) return err;
  if (err instanceof StepTimeout) return new InputError('PDF takes too long to read (a damaged or hostile file?); not read', path);
  if (name === 'PasswordException') {
    return new InputError('encrypted PDF: a password is needed to open it (decrypt it first, e.g. qpdf --decrypt --password=… in.pdf out.pdf)', path);
  }
  if (name === 'InvalidPDFException' || name === 'FormatError') return new InputError(`malformed PDF (${message})`, path);
  return new InputError(`unreadable PDF (${message})`, path);
}

/** Share of private-use characters: text of fonts without a Unicode mapping. */
function unmapped(text: string): number {
  let letters = 0;
  let pua = 0;
  for (const ch of text) {
    if (/\s/.test(ch)) continue;
    letters++;
    const c = ch.codePointAt(0)!;
    if ((c >= 0xe000 && c <= 0xf8ff) || c >= 0xf0000 || c === 0xfffd) pua++;
  }
  return letters === 0 ? 0 : pua / letters;
}

const skipTitle = (t: string) => !t.trim() || /^(untitled|无标题|microsoft word|document\d*$)/i.test(t.trim());

export function createPdfReader(limits: Partial<PdfLimits> = {}): Reader {
  const maxPages = limits.maxPages ?? MAX_PDF_PAGES;
  const stepMs = limits.stepMs ?? PDF_STEP_MS;
  return {
    format: 'pdf',
    extensions: ['.pdf'],
    sniff: looksLikePdf,
    async *read(bytes, path, context) {
      if (!looksLikePdf(bytes.subarray(0, 1024))) throw new InputError('not a PDF (no %PDF- header)', path);
      if (!hasEndMarker(bytes)) throw new InputError('truncated PDF (no %%EOF end marker: the file was cut short, e.g. an interrupted download)', path);
      const pdfjs = await loadPdfJs();
      const assets = assetDir();
      const task = pdfjs.getDocument({
        // pdfjs takes ownership of the buffer it is given: pass a copy.
        data: new Uint8Array(bytes),
        cMapUrl: join(assets, 'cmaps/'),
        cMapPacked: true,
        standardFontDataUrl: join(assets, 'standard_fonts/'),
        wasmUrl: join(assets, 'wasm/'),
        isEvalSupported: false,
        disableFontFace: true,
        useSystemFonts: false,
        stopAtErrors: false,
        verbosity: 0,
      });
      const docs: SourceDoc[] = [];
      try {
        const pdf = await withTimeout(task.promise, stepMs);
        if (pdf.numPages > maxPages) throw new InputError(`PDF has too many pages (${pdf.numPages}; the limit is ${maxPages} per file: split it)`, path);
        const info: { Title?: unknown } | undefined = (await withTimeout(pdf.getMetadata(), stepMs).catch(() => undefined))?.info;
        const title = typeof info?.Title === 'string' && !skipTitle(info.Title) ? info.Title.trim() : undefined;
        const empty: number[] = [];
        for (let n = 1; n <= pdf.numPages; n++) {
          const page = await withTimeout(pdf.getPage(n), stepMs);
          const content = await withTimeout(page.getTextContent({ includeMarkedContent: false, disableNormalization: false }), stepMs);
          const items: PageItem[] = [];
          for (const it of content.items) {
            if (!('str' in it)) continue;
            const [a, b, c, d, e, f] = it.transform as number[];
            const size = Math.hypot(c!, d!) || Math.hypot(a!, b!);
            items.push({ text: unifyRadicals(it.str), x: e!, y: f!, width: it.width, size });
          }
          page.cleanup();
          const text = pageText(items);
          if (!/[\p{L}\p{N}]/u.test(text) || unmapped(text) > 0.3) {
            empty.push(n);
            continue;
          }
          docs.push({ path, encoding: 'utf-8', text, page: n, ...(title && pdf.numPages === 1 ? { meta: { title } } : {}) });
        }
        if (docs.length === 0) {
          throw new InputError(
            `PDF has no text layer on any of its ${pdf.numPages} page(s) (a scanned or image-only PDF); OCR is not done: run OCR first (e.g. ocrmypdf) or give the text`,
            path,
          );
        }
        if (empty.length > 0) context.onWarning?.(`${path}: page(s) ${empty.join(', ')} have no readable text (images only?); skipped, OCR is not done`);
      } catch (err) {
        throw pdfError(err, path);
      } finally {
        await task.destroy().catch(() => {});
      }
      yield* docs;
    },
  };
}

export const pdfReader = createPdfReader();
