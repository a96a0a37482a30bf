export { decodeBytes } from './decode.js';
export type { Decoded } from './decode.js';
export { normalizeText, toOriginalSpan, isCjk } from './normalize.js';
export { splitArticles, parseByline } from './articles.js';
export { splitSentences } from './sentences.js';
export { listInputs, listInputFiles, readSource, MAX_FILE_BYTES } from './read.js';
export type { InputFile } from './read.js';
export { utf16ToCodePointTable } from './codepoints.js';
