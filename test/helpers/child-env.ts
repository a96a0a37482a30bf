/**
 * NODE_OPTIONS for the Node children the tests start: none of the test worker's own options (vitest's), only
 * test/setup/no-fsync.mjs, which makes a file handle's sync() return at once, as in the test workers
 * themselves (see there: no test can observe a sync, and a viewer build waits seconds for them).
 */
export const CHILD_NODE_OPTIONS = `--import=${new URL('../setup/no-fsync.mjs', import.meta.url).href}`;
