/**
 * zhkg library entry point. Each area exports its public API here, one line per module.
 */
export * from './types.js';
export { buildFromSources, buildGraphFromPaths, extractArticleMentions } from './pipeline.js';
export type { BuildOptions, BuildResult, Stage } from './pipeline.js';
export { extractText, extractDocument } from './extract.js';
export type { ExtractResult, ExtractedEntity } from './extract.js';
export { decodeBytes, normalizeText, splitArticles, splitSentences, listInputs, readSource } from './text/index.js';
export { segment } from './segment/jieba.js';
export { recognize } from './entities/index.js';
export { writeOutputs } from './output.js';
