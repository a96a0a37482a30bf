/** A build's graph.json read back as the build held the graph (bench/export-one.ts). */
import { MultiGraph } from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import { EvidencePool } from '../src/graph/evidence.js';
import type { Evidence } from '../src/types.js';

/** A record with its keys in makeEvidence's order (graph.json sorts them), so that it packs. */
function asMade(e: Evidence): Evidence {
  const { article, sentence, spans, sourceSpans, source, page, date, ...rest } = e;
  if (Object.keys(rest).length > 0) return e;
  return { article, sentence, spans, sourceSpans, source, ...(page !== undefined ? { page } : {}), ...(date !== undefined ? { date } : {}) };
}

/** A graph as a build holds it: node `evidence` and edge `evidenceList` packed, in their place among the attributes. */
export function packedGraph(data: SerializedGraph): MultiGraph {
  const pool = new EvidencePool();
  const pack = (attrs: Record<string, unknown> | undefined, name: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(attrs ?? {})) {
      if (k === name && Array.isArray(v))
        pool.attach(
          out,
          k,
          (v as Evidence[]).map((e) => pool.record(asMade(e))),
        );
      else out[k] = v;
    }
    return out;
  };
  const graph = new MultiGraph(data.options);
  graph.replaceAttributes(data.attributes ?? {});
  for (const n of data.nodes) graph.addNode(n.key, pack(n.attributes, 'evidence'));
  for (const e of data.edges) {
    const attrs = pack(e.attributes, 'evidenceList');
    if (e.undirected) graph.addUndirectedEdgeWithKey(e.key, e.source, e.target, attrs);
    else graph.addDirectedEdgeWithKey(e.key, e.source, e.target, attrs);
  }
  pool.seal();
  return graph;
}
