/**
 * The large outputs as UTF-8 chunks of about 1 MB, for writing them to files or compressing them (Node only:
 * the viewer page bundles the text writers, json.ts and gexf.ts, not these).
 */
import type Graph from 'graphology';
import { writePackedJson } from '../graph/evidence.js';
import { gexfPieces, type GexfOptions } from './gexf.js';
import { writeJson, type JsonOut } from './json.js';
import { Utf8Writer } from './utf8.js';

/** JSON as UTF-8 into a writer; a packed evidence list from bytes made once per sentence and article. */
export class BytesOut implements JsonOut {
  constructor(readonly writer: Utf8Writer = new Utf8Writer()) {}
  text(s: string): void {
    this.writer.text(s);
  }
  packed(owner: object, key: string): void {
    writePackedJson(owner, key, this.writer);
  }
}

/** `toJSON`'s UTF-8 bytes (made by `writer`: a reader may give their memory back, `Utf8Writer.recycle`). */
export function* jsonBytes(graph: Graph, writer: Utf8Writer = new Utf8Writer()): Generator<Uint8Array, void, undefined> {
  const out = new BytesOut(writer);
  for (const _ of writeJson(graph, out)) yield* out.writer.take();
  yield* out.writer.end();
}

/** `toGexf`'s UTF-8 bytes (made by `w`, as `jsonBytes`). */
export function* gexfBytes(graph: Graph, options: GexfOptions = {}, w: Utf8Writer = new Utf8Writer()): Generator<Uint8Array, void, undefined> {
  for (const piece of gexfPieces(graph, options)) {
    w.text(piece);
    yield* w.take();
  }
  yield* w.end();
}
