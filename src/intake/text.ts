/** Plain text files: decoded (UTF-8, UTF-16, GB18030; binary refused), one document per file. */
import type { Reader } from './reader.js';
import { decodeBytes } from '../text/decode.js';

export const textReader: Reader = {
  format: 'text',
  extensions: ['.txt'],
  async *read(bytes, path) {
    const { encoding, text } = decodeBytes(bytes, path);
    yield { path, encoding, text };
  },
};
