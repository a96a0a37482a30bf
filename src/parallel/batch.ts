/**
 * What an extraction worker does with a batch (./worker.ts), as a function: the main thread of a build that
 * segments for the pool runs the same on the batches it takes back from the pool's queue while it would
 * otherwise wait (./pool.ts `helpOne`), so a batch gives the same results on either thread.
 */
import type { Article, Mention, Token } from '../types.js';
import { storedDrafts } from '../resolve/index.js';
import type { BatchRequest, BatchResponse } from './protocol.js';
import { unpackTokens } from './tokens.js';

/** An article's mentions, given its tokens when they came with it (`extractArticleMentions` of the pipeline). */
export type ExtractArticle = (a: Article, options: { tokens?: Token[] }) => Mention[];

/** The response to `req`: per article its mentions (and drafts when asked), or the error that stopped it. */
export function extractBatch(req: BatchRequest, extract: ExtractArticle): BatchResponse {
  try {
    // Only what extraction reads travels with a batch (see protocol.ts); the offset map stays behind.
    const articles = req.articles.map((a): Article => ({
      text: a.text,
      gaps: a.gaps,
      authors: a.authors,
      id: '',
      source: '',
      title: '',
      section: '',
      map: new Int32Array(0),
      sentences: [],
    }));
    const mentions = articles.map((a, i) => {
      const packed = req.articles[i]!.tokens;
      return extract(a, packed ? { tokens: unpackTokens(a.text, packed, req.tagNames ?? []) } : {});
    });
    // Drafts read the text, the bylines and the mentions only (not the id or the offset map).
    return req.drafts ? { id: req.id, mentions, drafts: articles.map((a, i) => storedDrafts(a, mentions[i]!)) } : { id: req.id, mentions };
  } catch (err) {
    return { id: req.id, error: err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err) };
  }
}
