// Loaded into every Node process of a test run (the vitest workers: setupFiles; the children the tests start:
// `NODE_OPTIONS=--import=…`, test/helpers/child-env.ts): a FileHandle's sync() and datasync() return at once
// instead of waiting for the disk. The outputs' atomic writes (src/export/write.ts: temporary file, sync,
// rename) sync every file they write, and a viewer build writes a file per evidence shard, ~2,000 for the
// bundled page: several seconds of waiting per build on this machine's disk, about 5 ms per sync. What a sync
// buys, a file that survives a power cut, no test can observe (a killed process's writes are in the page
// cache whether synced or not, so the kill tests see the same files); the order of the calls, and what
// happens when a sync fails (test/export/write.test.ts injects the failure through its own file system), are
// unchanged. A closed handle still gets the real call (and its EBADF). Like the PostgreSQL clusters' fsync=off.
import { open } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const handle = await open(fileURLToPath(import.meta.url), 'r');
const proto = Object.getPrototypeOf(handle);
await handle.close();
const KEY = Symbol.for('zhkg.test.noFsync');
if (!proto[KEY]) {
  const { sync, datasync } = proto;
  proto.sync = function () {
    return this.fd < 0 ? sync.call(this) : Promise.resolve();
  };
  proto.datasync = function () {
    return this.fd < 0 ? datasync.call(this) : Promise.resolve();
  };
  proto[KEY] = true;
}
