/**
 * UTF-8 output of the large writers (graph.json, graph.gexf, the stored graph, the viewer's shards), in chunks
 * of about `size` bytes. Text is encoded into the chunk as it comes — a node's or an edge's serialization,
 * a few kB — and bytes made once (an evidence sentence's JSON, src/graph/evidence.ts) are copied in: no
 * piece is ever joined into a larger string first (a string of a million characters made by `+=` is a
 * tree of pieces that V8 copies once more when it is encoded: that took as long as making the text).
 * Text is encoded a piece at a time, so a piece must not end on the first half of a surrogate pair (the
 * writers' pieces are whole records).
 */
import type { JsonByteSink } from '../graph/evidence.js';

const NONE: readonly Uint8Array[] = [];

export class Utf8Writer implements JsonByteSink {
  private chunk: Buffer;
  private at = 0;
  private readonly full: Uint8Array[] = [];
  private readonly memos = new Map<object, unknown>();
  /** Memory of chunks handed back (`recycle`), and the memory this writer allocated (what it takes back). */
  private readonly spare: Buffer[] = [];
  private readonly own = new WeakSet<ArrayBufferLike>();

  constructor(private readonly size = 1 << 20) {
    this.chunk = this.allocate(size);
  }

  /** A chunk of `n` bytes: recycled memory when there is some and `n` is the usual size. */
  private allocate(n: number): Buffer {
    const chunk = n === this.size ? this.spare.pop() : undefined;
    if (chunk) {
      this.own.add(chunk.buffer);
      return chunk;
    }
    const fresh = Buffer.allocUnsafeSlow(n); // (its own memory, never a slice of Node's shared pool)
    if (n === this.size) this.own.add(fresh.buffer);
    return fresh;
  }

  /**
   * Gives back a chunk this writer handed out, once its reader is done with it (written to a file, compressed): a
   * later chunk reuses its memory. Fresh 1 MB chunks cost page faults and full garbage collections (V8 counts
   * their memory as external), which a writer of hundreds of MB pays hundreds of times. Other chunks are ignored.
   */
  recycle(chunk: Uint8Array): void {
    if (chunk.byteOffset === 0 && chunk.buffer.byteLength === this.size && this.own.has(chunk.buffer) && chunk.buffer !== this.chunk.buffer) {
      this.own.delete(chunk.buffer); // (once: a chunk given back twice must not be reused twice)
      this.spare.push(Buffer.from(chunk.buffer, 0, this.size));
    }
  }

  /** Room for `n` more bytes in the chunk being filled (a new one, at least `n` bytes, when it has not). */
  private room(n: number): void {
    if (this.at + n <= this.chunk.length) return;
    if (this.at > 0) this.full.push(this.chunk.subarray(0, this.at));
    this.chunk = this.allocate(Math.max(this.size, n));
    this.at = 0;
  }

  text(s: string): void {
    this.room(3 * s.length); // a UTF-16 code unit takes at most 3 bytes
    this.at += this.chunk.write(s, this.at, 'utf8');
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.chunk.set(b, this.at);
    this.at += b.length;
  }

  byte(c: number): void {
    this.room(1);
    this.chunk[this.at++] = c;
  }

  /** An integer in decimal, as String(n) writes it. */
  int(n: number): void {
    if (!Number.isSafeInteger(n)) {
      this.text(String(n));
      return;
    }
    this.room(17);
    const chunk = this.chunk;
    if (n < 0) {
      chunk[this.at++] = 0x2d;
      n = -n;
    }
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    for (let i = this.at + digits - 1; i >= this.at; i--) {
      chunk[i] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    }
    this.at += digits;
  }

  memo<T>(key: object, make: () => T): T {
    let m = this.memos.get(key) as T | undefined;
    if (m === undefined) this.memos.set(key, (m = make()));
    return m;
  }

  /** The chunks filled since the last call (each handed out once). */
  take(): readonly Uint8Array[] {
    return this.full.length === 0 ? NONE : this.full.splice(0, this.full.length);
  }

  /** Every chunk not handed out yet, the one being filled included; the writer is empty after it. */
  end(): readonly Uint8Array[] {
    if (this.at > 0) {
      this.full.push(this.chunk.subarray(0, this.at));
      this.chunk = this.allocate(this.size);
      this.at = 0;
    }
    return this.take();
  }
}
