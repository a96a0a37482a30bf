/**
 * The export's fast writers give the bytes of the plain ones (issue 14): `canonicalJson` is
 * `JSON.stringify(canonical(x))` for any value; graph.json and graph.gexf as UTF-8 chunks (src/export/bytes.ts),
 * a graph's packed evidence written from its integers, are the bytes of `toJSON` / `toGexf` of the same graph
 * with its evidence decoded; the viewer's files made with libuv's threads are those made on one thread, and
 * those of the former writer (an oracle below: the render graph split, every shard's details as an object).
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MultiGraph } from 'graphology';
import { canonical, canonicalJson, toJSON } from '../../src/export/json.js';
import { toGexf } from '../../src/export/gexf.js';
import { gexfBytes, jsonBytes } from '../../src/export/bytes.js';
import { Utf8Writer } from '../../src/export/utf8.js';
import { EvidencePool } from '../../src/graph/evidence.js';
import { putViewerFiles, viewerDataFiles } from '../../src/viewer/data-files.js';
import { exportView } from '../../src/output.js';
import {
  EDGE_RENDER_FIELDS,
  NODE_RENDER_FIELDS,
  encodeRender,
  renderScript,
  shardCount,
  shardName,
  shardOf,
  shardScript,
  type SerializedGraph,
} from '../../src/viewer/render-format.js';
import type { Evidence } from '../../src/types.js';

const join = (chunks: Iterable<Uint8Array>): Buffer => Buffer.concat([...chunks]);

/** Sentences a writer must keep as data: quotes, backslashes, control characters, lone surrogates, astral. */
const SENTENCES = ['甲乙两人在河边散步。', '他说："好"\\不\n好\t', 'lone \ud800 and \udc00, pair 𠮷', '\u0000\u001f\u2028</script>', '', '&<>'];

function record(i: number): Evidence {
  const e: Evidence = {
    article: `a${i % 5}#1`,
    sentence: SENTENCES[i % SENTENCES.length]!,
    spans: i % 4 === 0 ? [] : [[i, i + 2]],
    sourceSpans: [
      [-i, 2147483647 - i],
      [i * 1000, i * 1000 + 9],
    ].slice(0, 1 + (i % 2)) as Array<[number, number]>,
    source: i % 3 ? `f${i % 5}.txt` : 'x"y.pdf',
  };
  if (i % 3 === 0) e.page = i;
  if (i % 2 === 0) e.date = `2020-01-0${1 + (i % 9)}`;
  return e;
}

/** A graph of the build's shape with its evidence packed, as a build holds it; some records of another shape. */
function packedGraph(): MultiGraph {
  const pool = new EvidencePool();
  const g = new MultiGraph();
  g.replaceAttributes({ articles: [{ id: 'a0#1', title: '标题' }] });
  for (let n = 0; n < 40; n++) {
    const attrs: Record<string, unknown> = { label: `名${n}`, kind: n % 2 ? 'PERSON' : 'PLACE', aliases: [`别${n}`, '"q"'], mentions: n };
    const list = Array.from({ length: n % 7 }, (_, k) => record(n + k));
    if (n % 9 === 4) list.push({ sentence: '次序不同。', article: 'b', spans: [], sourceSpans: [], source: 'x' });
    pool.attach(
      attrs,
      'evidence',
      list.map((e) => pool.record(e)),
    );
    Object.assign(attrs, { articles: [`a${n % 5}#1`], x: n / 3, y: -n, size: 2 + (n % 3), color: '#e15759', pagerank: 1 / (n + 1), '10': 'ten', '9': n });
    if (n % 5 === 0) attrs['dates'] = ['2020-01-01', '2020-01-02'];
    g.addNode(`N:${n}`, attrs);
  }
  for (let e = 0; e < 120; e++) {
    const s = `N:${(e * 7) % 40}`;
    const t = `N:${(e * 11 + 1) % 40}`;
    if (s === t) continue;
    const list = Array.from({ length: 1 + (e % 5) }, (_, k) => record(e + k));
    const attrs: Record<string, unknown> = { relation: e % 2 ? 'co_occurs' : 'role', label: e % 3 ? '书记' : '', weight: 1 + (e % 4), articles: ['a1#1'] };
    attrs['evidence'] = list[0]!.sentence;
    pool.attach(
      attrs,
      'evidenceList',
      list.map((x) => pool.record(x)),
    );
    attrs['color'] = '#d0d0d0';
    if (e % 2) g.addUndirectedEdgeWithKey(`e${e}`, s, t, attrs);
    else g.addDirectedEdgeWithKey(`e${e}`, s, t, attrs);
  }
  pool.seal();
  return g;
}

/** The same graph with every evidence list decoded into ordinary attributes. */
const decoded = (g: MultiGraph): MultiGraph => MultiGraph.from(JSON.parse(JSON.stringify(g.export())) as ReturnType<MultiGraph['export']>);

/** The former viewer writer's shards: each node's and edge's other attributes as an object, JSON.stringify(canonical(…)). */
function oracleShards(g: SerializedGraph): Map<string, string> {
  const details: Array<{ what: 'n' | 'e'; key: string; rest: Record<string, unknown> }> = [];
  const rest = (attrs: Record<string, unknown>, fields: readonly string[]) => {
    let out: Record<string, unknown> | null = null;
    for (const k of Object.keys(attrs)) {
      const v = attrs[k];
      if (v === undefined || (fields.includes(k) && v !== null)) continue;
      (out ??= {})[k] = v;
    }
    return out;
  };
  for (const n of g.nodes) {
    const r = rest(n.attributes ?? {}, NODE_RENDER_FIELDS);
    if (r) details.push({ what: 'n', key: n.key, rest: r });
  }
  g.edges.forEach((e, i) => {
    const r = rest(e.attributes ?? {}, EDGE_RENDER_FIELDS);
    if (r) details.push({ what: 'e', key: e.key ?? String(i), rest: r });
  });
  let bytes = 0;
  for (const d of details) bytes += JSON.stringify(d.rest).length + d.key.length + 8;
  const shards = shardCount(bytes);
  const out = new Map<string, string>();
  for (let s = 0; s < shards; s++) {
    const p = { n: [] as unknown[], e: [] as unknown[] };
    for (const d of details) if (shardOf(d.what, d.key, shards) === s) p[d.what].push([d.key, canonical(d.rest)]);
    out.set(shardName(s), shardScript(s, gzipSync(Buffer.from(JSON.stringify(p), 'utf8'), { level: 9 }).toString('base64')));
  }
  return out;
}

function outcome(f: () => string | undefined): { text?: string | undefined; error?: string } {
  try {
    return { text: f() };
  } catch (error) {
    return { error: String(error) };
  }
}

/** The former graph.js writer. */
function oracleScript(json: string): string {
  const literal = JSON.stringify(json).replace(/[^\x20-\x7e]|[<>]/gu, (c) => {
    let out = '';
    for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
  });
  return `window.__ZHKG_RENDER__ = ${literal};\n`;
}

describe('fast export writers: the plain writers’ bytes', () => {
  it('canonicalJson is JSON.stringify(canonical(x)) for any value', () => {
    const odd = fc.constantFrom<unknown>(
      new Map<unknown, unknown>([
        ['b', 1],
        ['a', [2]],
      ]),
      new Set(['x', 1]),
      new Int32Array([3, -1]),
      new Float64Array([0.5, NaN]),
      new Date(0),
      { toJSON: () => ({ z: 1, a: 2 }) },
      { toJSON: () => undefined },
      JSON.parse('{"__proto__": {"x": 1}, "b": 2}') as unknown,
      { '10': 1, '9': 2, '01': 3, a: 4, '4294967295': 5, '-1': 6 },
      Object.create(null) as unknown,
      -0,
      NaN,
      Infinity,
      () => 1,
      Symbol('s'),
      undefined,
      [undefined, () => 1, Symbol('t')],
    );
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.anything({ withMap: true, withSet: true, withTypedArray: true, withDate: true, withNullPrototype: true, withSparseArray: true }),
        odd,
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('v'), { maxKeys: 5 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        // the same text, or the same error (a Map whose keys are not strings, a BigInt)
        expect(outcome(() => canonicalJson(v))).toEqual(outcome(() => JSON.stringify(canonical(v))));
      }),
      { numRuns: 2000 },
    );
  });

  it('graph.json and graph.gexf of a packed graph: the bytes of toJSON / toGexf of the decoded graph', () => {
    const g = packedGraph();
    const plain = decoded(g);
    const json = toJSON(plain);
    expect(json).toContain('"sentence":"他说：\\"好\\"\\\\不\\n好\\t"');
    expect(toJSON(g)).toBe(json);
    expect(join(jsonBytes(g)).equals(Buffer.from(json, 'utf8'))).toBe(true);
    expect(join(jsonBytes(plain)).equals(Buffer.from(json, 'utf8'))).toBe(true);
    for (const options of [{}, { mixed: true }, { pretty: false }]) {
      const gexf = toGexf(plain, options);
      expect(toGexf(g, options)).toBe(gexf);
      expect(join(gexfBytes(g, options)).equals(Buffer.from(gexf, 'utf8'))).toBe(true);
    }
  });

  it('the viewer’s files: with libuv’s threads, on one thread and by the former writer, packed or not', async () => {
    const g = packedGraph();
    const files = [...viewerDataFiles(exportView(g))];
    expect(files.filter((f) => f.name.startsWith('evidence/')).length).toBeGreaterThan(0);
    expect(files).toEqual([...viewerDataFiles(decoded(g).export() as SerializedGraph)]);
    const put: Array<{ name: string; data: string }> = [];
    await putViewerFiles(async (name, data) => void put.push({ name, data }), exportView(g));
    expect(put).toEqual(files);
    const { render } = encodeRender(exportView(g));
    const oracle = oracleShards(decoded(g).export());
    render.shards = oracle.size;
    expect(files[0]).toEqual({ name: 'graph.js', data: oracleScript(JSON.stringify(canonical(render))) });
    expect(renderScript('{"a":"<金𠮷>\\u0001"}')).toBe(oracleScript('{"a":"<金𠮷>\\u0001"}'));
    expect(new Map(files.slice(1).map((f) => [f.name, f.data]))).toEqual(oracle);
  });

  it('the viewer’s files when attribute names are __proto__ or toJSON, or a value has toJSON', () => {
    const g: SerializedGraph = {
      nodes: [
        { key: 'a', attributes: JSON.parse('{"label":"a","__proto__":{"x":1},"note":"n"}') as Record<string, unknown> },
        { key: 'b', attributes: { label: 'b', toJSON: 'not a function', when: new Date(0), list: new Set([1]) } },
        { key: 'c', attributes: { label: 'c', x: null, big: 'x'.repeat(300_000) } },
      ],
      edges: [{ key: 'e', source: 'a', target: 'b', attributes: { relation: 'r', extra: { toJSON: () => ['j'] } } }],
    };
    const files = [...viewerDataFiles(g)];
    expect(files.length).toBe(3);
    expect(new Map(files.slice(1).map((f) => [f.name, f.data]))).toEqual(oracleShards(g));
  });

  it('Utf8Writer: chunks of the given size, a larger piece in one of its own, integers as String(n) writes them', () => {
    const w = new Utf8Writer(16);
    const ints = [0, -0, 7, -7, 10, 99, 100, 2147483647, -2147483648, 2 ** 53 - 1, 2 ** 53, 1.5, -1e21];
    for (const n of ints) {
      w.int(n);
      w.byte(0x20);
    }
    w.text('金'.repeat(10));
    w.bytes(new Uint8Array([0x41, 0x42]));
    const chunks = w.end();
    expect(chunks.every((c) => c.length <= 30)).toBe(true);
    expect(chunks.length).toBeGreaterThan(3);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(`${ints.map((n) => `${String(n)} `).join('')}${'金'.repeat(10)}AB`);
    expect(w.end()).toEqual([]);
  });

  it('Utf8Writer.recycle: a chunk given back lends its memory to a later chunk; chunks still held and foreign ones are never reused', () => {
    const w = new Utf8Writer(16);
    const put = (c: string, n: number) => {
      for (let i = 0; i < n; i++) w.byte(c.charCodeAt(0));
    };
    put('a', 40); // two full chunks and part of a third
    const [first, second] = w.take();
    expect([first!.length, second!.length]).toEqual([16, 16]);
    w.recycle(first!);
    w.recycle(new Uint8Array(16)); // not this writer's: ignored
    put('b', 30); // fills the third chunk, then one more: the first one's memory
    w.text('c'.repeat(100)); // a piece larger than a chunk, in memory of its own
    const later = [...w.take(), ...w.end()];
    expect(later.some((c) => c.buffer === first!.buffer)).toBe(true);
    expect(later.some((c) => c.buffer === second!.buffer)).toBe(false);
    expect(Buffer.from(second!).toString()).toBe('a'.repeat(16)); // still what it was
    expect(Buffer.concat(later).toString()).toBe(`${'a'.repeat(8)}${'b'.repeat(30)}${'c'.repeat(100)}`);
    const big = later.find((c) => c.length === 100)!;
    w.recycle(big);
    w.recycle(later[0]!);
    w.recycle(later[0]!); // given back twice: its memory is lent once
    put('d', 48);
    const last = w.end();
    expect(last.filter((c) => c.buffer === later[0]!.buffer)).toHaveLength(1);
    expect(last.some((c) => c.buffer === big.buffer)).toBe(false);
    expect(Buffer.concat(last).toString()).toBe('d'.repeat(48));
  });
});
