/**
 * Exports of a built graph: GEXF 1.3 (Gephi, networkx, graphology), graphology JSON, atomic file writes.
 */
export { gexfChunks, toGexf, type GexfOptions } from './gexf.js';
export { fromGexf } from './gexf-read.js';
export { restoreGexfGraph } from './gexf-restore.js';
export { formatGexfList, parseGexfList } from './gexf-list.js';
export { toJSON } from './json.js';
export { writeFileAtomic } from './write.js';
