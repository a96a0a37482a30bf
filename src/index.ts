/**
 * zhkg library entry point. Each area exports its public API here, one line per module.
 */
export * from './types.js';
export { buildFromSources, buildGraphFromPaths, extractArticleMentions } from './pipeline.js';
export type { BuildOptions, BuildResult, Stage } from './pipeline.js';
export { extractText, extractDocument } from './extract.js';
export type { ExtractResult, ExtractedEntity } from './extract.js';
export { decodeBytes, normalizeText, splitArticles, splitSentences, listInputs, readSource } from './text/index.js';
export { segment } from './segment/jieba.js';
export { recognize } from './entities/index.js';
export { writeOutputs } from './output.js';
export { loadGraph, parseGraph, detectFormat, DEFAULT_MAX_BYTES } from './query/load.js';
export type { LoadOptions, GraphFormat } from './query/load.js';
export { toStringList, edgeInfo, describeEdge } from './query/attributes.js';
export type { QueryGraph, EdgeInfo } from './query/attributes.js';
export { findEntities, resolveEntity, entityContext, UnknownEntityError, AmbiguousEntityError } from './query/find.js';
export type { EntityMatch, FindOptions, MatchType } from './query/find.js';
export { neighbors } from './query/neighbors.js';
export type { Neighbor, NeighborOptions, HopEdge, Direction } from './query/neighbors.js';
export { egoNetwork } from './query/ego.js';
export type { EgoOptions } from './query/ego.js';
export { shortestPath } from './query/path.js';
export type { PathResult, PathHop, PathNode, PathOptions } from './query/path.js';
export { holdersOf, containers } from './query/holders.js';
export type { Holder, HoldersOptions } from './query/holders.js';
export { graphStats } from './query/stats.js';
export type { GraphStats, StatsOptions, RankedEntity } from './query/stats.js';
export { formatNeighbors, formatPath, formatEntities, formatHolders, formatStats } from './query/format.js';
export { toGexf, toJSON, fromGexf, restoreGexfGraph, writeFileAtomic, parseGexfList, formatGexfList } from './export/index.js';
export type { GexfOptions } from './export/index.js';
export { resolveEntities, entityKey } from './resolve/index.js';
export type { ArticleMentions, Resolution } from './resolve/index.js';
export { extractRelations, RELATION_FAMILIES } from './relations/index.js';
export { lookupPlace, resolvePlace, divisionIndex } from './lexicon/divisions.js';
export type { PlaceCandidate, DivisionRef, DivisionLevel } from './lexicon/divisions.js';
export { copyViewer, writeGraphScript, serveViewer, viewerAssetsDir, mimeType } from './viewer/index.js';
export type { CopyViewerOptions, ServeViewerOptions, ViewerServer } from './viewer/index.js';
