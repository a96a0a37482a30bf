/** Messages between the extraction pool and its workers. */
import type { Article, Mention, Token } from '../types.js';
import type { StoredDraft } from '../resolve/index.js';
import type { SharedModel } from '../entities/model/index.js';
import type { PackedTokens } from './tokens.js';
import type { Candidate } from '../entities/rules/context.js';

/**
 * The parts of an article that extraction reads (text, repair gaps, bylines) and, when the main thread segmented
 * it, its tokens (packed: ./tokens.ts; their tags in the batch's `tagNames`) and its rule families' candidates
 * (`ruleCandidates` of the same tokens). Without tokens the worker segments and runs the families.
 */
export type ExtractionInput = Pick<Article, 'text' | 'gaps' | 'authors'> & { tokens?: PackedTokens; ruleCandidates?: Candidate[] };

export interface BatchRequest {
  id: number;
  articles: ExtractionInput[];
  /** The tags of the articles' packed tokens, by index. */
  tagNames?: string[];
  /** Also the resolution drafts of each article (for a store: made once, where the division index is loaded). */
  drafts?: boolean;
}

/** Sent once to the other workers, before any batch: the model tables in shared memory (see shareModel). */
export interface ModelMessage {
  model: SharedModel;
}

/**
 * Sent first to the first worker: build the model tables in shared memory and send them back (`{ shared }`,
 * null when the model cannot be loaded), so the main thread never holds the model (it needs none after
 * extraction).
 */
export interface ShareRequest {
  share: true;
  /** Read the model's tables and the division index from the table caches (or write them there): a one-shot process. */
  caches?: boolean;
}

/**
 * Sent first to the worker of a pool of one (the others warm up once they have the model tables): load what
 * recognition reads (model, rule lexicons, division index) before the first batch, while the main thread loads
 * the dictionary and segments it.
 */
export interface WarmRequest {
  warm: true;
  /** As `ShareRequest.caches`. */
  caches?: boolean;
}

/** What a worker sends besides batch responses. */
export type WorkerNote = { shared: SharedModel | null } | ReleasedAnswer;

export type BatchResponse = { id: number; mentions: Mention[][]; drafts?: StoredDraft[][] } | { id: number; error: string };

/**
 * Sent last, when the pool closes: the worker frees its segmenter's dictionary and answers `{ released: true }`
 * before it is terminated (nodejieba never frees it when a thread ends: ~250 MB per worker would stay).
 */
export interface ReleaseMessage {
  release: true;
}

/** Either worker's answer to a ReleaseMessage (./source.ts `answerRelease`). */
export interface ReleasedAnswer {
  released: true;
}

export function extractionInput(a: Article, tokens?: PackedTokens, ruleCandidates?: Candidate[]): ExtractionInput {
  return { text: a.text, gaps: a.gaps, authors: a.authors, ...(tokens ? { tokens } : {}), ...(ruleCandidates ? { ruleCandidates } : {}) };
}

/** To the segmentation worker (segment-worker.ts): a text to segment, or the last message (free the dictionary). */
export type SegmentMessage = { id: number; text: string } | ReleaseMessage;

/** From the segmentation worker: a text's tokens, or why it could not segment it; `released` answers a release. */
export type SegmentAnswer = { id: number; tokens: Token[] } | { id: number; error: string } | ReleasedAnswer;
