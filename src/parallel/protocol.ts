/** Messages between the extraction pool and its workers. */
import type { Article, Mention } from '../types.js';
import type { SharedModel } from '../entities/model/index.js';

/** The parts of an article that extraction reads (text, repair gaps, bylines). */
export type ExtractionInput = Pick<Article, 'text' | 'gaps' | 'authors'>;

export interface BatchRequest {
  id: number;
  articles: ExtractionInput[];
}

/** Sent once, before any batch: the main thread's model tables in shared memory (see shareModel). */
export interface ModelMessage {
  model: SharedModel;
}

export type BatchResponse = { id: number; mentions: Mention[][] } | { id: number; error: string };

export function extractionInput(a: Article): ExtractionInput {
  return { text: a.text, gaps: a.gaps, authors: a.authors };
}
