/** Shards of a store shared by several builders (`zhkg build --shard NAME`). */
import { InputError } from '../errors.js';

/** A shard's name: one path segment of visible characters. */
export function checkShardName(name: string): string {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\\') || /\p{Cc}/u.test(name))
    throw new InputError('a shard name is one folder name (no slash, not empty, no control characters)', name);
  return name;
}
