/** Messages between the extraction pool and its workers. */
import type { Article, Mention } from '../types.js';

/** The parts of an article that extraction reads (text, repair gaps, bylines). */
export type ExtractionInput = Pick<Article, 'text' | 'gaps' | 'authors'>;

export interface BatchRequest {
  id: number;
  articles: ExtractionInput[];
}

export type BatchResponse = { id: number; mentions: Mention[][] } | { id: number; error: string };

export function extractionInput(a: Article): ExtractionInput {
  return { text: a.text, gaps: a.gaps, authors: a.authors };
}
